//! Key and KeySet: the raw `RawKey` and `RawKeySet` classes behind the public `Key` and `KeySet`
//! (bindings-js/src/surface.mjs).

use onejwt::host::{self, js};
use onejwt::{Key, KeySet};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::errors::OrThrow;

/// A key bound to one algorithm family when it is built (never guessed from a token).
#[wasm_bindgen(js_name = RawKey)]
pub struct JsKey {
    pub(crate) inner: Key,
}

#[wasm_bindgen(js_class = RawKey)]
impl JsKey {
    /// `Key.hmac(secret)`.
    pub fn hmac(secret: &[u8]) -> Result<JsKey, JsValue> {
        Key::hmac(secret).or_throw().map(|inner| JsKey { inner })
    }

    /// `Key.fromPem(pem)`: one PEM block.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(pem: &[u8]) -> Result<JsKey, JsValue> {
        Key::from_pem(pem).or_throw().map(|inner| JsKey { inner })
    }

    /// `Key.fromJwk(jwk)`: the caller's JSON text (`text`) or an object the JS layer encoded.
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(jwk: &str, text: bool) -> Result<JsKey, JsValue> {
        js::key_from_jwk(jwk, text)
            .or_throw()
            .map(|inner| JsKey { inner })
    }

    /// A second handle to the same immutable key (an `Arc` clone), for the raw calls that take
    /// ownership of their argument.
    pub fn share(&self) -> JsKey {
        JsKey {
            inner: self.inner.clone(),
        }
    }

    /// The family the key serves: `hmac`, `rsa`, `ec-p256`, `ec-p384`, `ec-p521` (not in the
    /// verify-only build) or `ed25519`.
    #[wasm_bindgen(getter)]
    pub fn family(&self) -> String {
        self.inner.family().as_str().to_owned()
    }

    /// The JWK `kid`, or `null`.
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> Option<String> {
        self.inner.kid().map(str::to_owned)
    }

    /// Whether the key can sign (a secret or a private key).
    #[wasm_bindgen(getter, js_name = canSign)]
    pub fn can_sign(&self) -> bool {
        self.inner.can_sign()
    }
}

/// A JWKS from which each token selects exactly one key (by `kid` and `alg`).
#[wasm_bindgen(js_name = RawKeySet)]
pub struct JsKeySet {
    pub(crate) inner: KeySet,
}

#[wasm_bindgen(js_class = RawKeySet)]
impl JsKeySet {
    /// `KeySet.fromJwks(jwks, options)`: the caller's JSON text (`text`) or an object the JS layer
    /// encoded, and the options' JSON text.
    #[wasm_bindgen(js_name = fromJwks)]
    pub fn from_jwks(jwks: &str, text: bool, options: Option<String>) -> Result<JsKeySet, JsValue> {
        js::keyset_from_jwks(jwks, text, options.as_deref())
            .or_throw()
            .map(|inner| JsKeySet { inner })
    }

    /// The JWKS keys the set left out, as JSON text (`[{index, kid, reason, message}]`).
    #[wasm_bindgen(getter)]
    pub fn skipped(&self) -> String {
        host::skipped_text(&self.inner)
    }

    /// A second handle to the same immutable key set (an `Arc` clone).
    pub fn share(&self) -> JsKeySet {
        JsKeySet {
            inner: self.inner.clone(),
        }
    }

    /// How many usable keys the set holds.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }
}
