//! Key and KeySet: the raw `RawKey` and `RawKeySet` classes behind the public `Key` and `KeySet`
//! (bindings-js/src/surface.mjs). Generation and export (`generate`, `toJwk`, `toPem`,
//! `thumbprint`, `withKid`, `toJwks`) are the `keys` feature's: the verify-only module leaves them
//! out, and surface.mjs then leaves them off the public classes.

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

    /// `Key.generate(algorithm, options)`, the options (`kid`, `bits`) as JSON text.
    #[cfg(feature = "keys")]
    pub fn generate(algorithm: &str, options: Option<String>) -> Result<JsKey, JsValue> {
        js::generate_key(algorithm, options.as_deref())
            .or_throw()
            .map(|inner| JsKey { inner })
    }

    /// `key.toJwk(options)`: the JWK's JSON text (the options, `private`, as JSON text).
    #[cfg(feature = "keys")]
    #[wasm_bindgen(js_name = toJwk)]
    pub fn to_jwk(&self, options: Option<String>) -> Result<String, JsValue> {
        js::key_jwk(&self.inner, options.as_deref()).or_throw()
    }

    /// `key.toPem(options)`: SPKI, or with `private` PKCS#8 PEM text.
    #[cfg(feature = "keys")]
    #[wasm_bindgen(js_name = toPem)]
    pub fn to_pem(&self, options: Option<String>) -> Result<String, JsValue> {
        js::key_pem(&self.inner, options.as_deref()).or_throw()
    }

    /// `key.thumbprint()`: the RFC 7638 thumbprint (base64url).
    #[cfg(feature = "keys")]
    pub fn thumbprint(&self) -> Result<String, JsValue> {
        self.inner.thumbprint().or_throw()
    }

    /// `key.withKid(kid)`: the same key under another `kid`.
    #[cfg(feature = "keys")]
    #[wasm_bindgen(js_name = withKid)]
    pub fn with_kid(&self, kid: &str) -> JsKey {
        JsKey {
            inner: self.inner.with_kid(kid),
        }
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

    /// `keySet.toJwks(options)`: the JWKS's JSON text, public or with `private` private.
    #[cfg(feature = "keys")]
    #[wasm_bindgen(js_name = toJwks)]
    pub fn to_jwks(&self, options: Option<String>) -> Result<String, JsValue> {
        js::keyset_jwks(&self.inner, options.as_deref()).or_throw()
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
