//! Key: the raw `RawKey` class over `onejwt::Key`; `api.mjs` exposes it as the public `Key`.

use onejwt::Key;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::convert::{bytes, is_object, to_json_object};
use crate::errors::{argument_type_error, jwt_error};

/// A key bound to one algorithm family when it is built (never guessed from a token).
#[wasm_bindgen(js_name = RawKey)]
pub struct JsKey {
    pub(crate) inner: Key,
}

#[wasm_bindgen(js_class = RawKey)]
impl JsKey {
    /// `Key.hmac(secret)`: a string (its UTF-8 bytes) or a `Uint8Array`.
    pub fn hmac(secret: JsValue) -> Result<JsKey, JsValue> {
        wrap(Key::hmac(bytes(&secret, "secret")?))
    }

    /// `Key.fromPem(pem)`: one PEM block, as a string or a `Uint8Array`.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(pem: JsValue) -> Result<JsKey, JsValue> {
        wrap(Key::from_pem(bytes(&pem, "pem")?))
    }

    /// `Key.fromJwk(jwk)`: a JWK object, or its JSON text.
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(jwk: JsValue) -> Result<JsKey, JsValue> {
        if let Some(text) = jwk.as_string() {
            wrap(Key::from_jwk(&text))
        } else if is_object(&jwk) {
            wrap(Key::from_jwk_map(&to_json_object(&jwk, "jwk")?))
        } else {
            Err(argument_type_error(
                "jwk",
                "must be an object or a JSON string",
            ))
        }
    }

    /// A second handle to the same immutable key (an `Arc` clone), for the raw calls that take
    /// ownership of their argument.
    pub fn share(&self) -> JsKey {
        JsKey {
            inner: self.inner.clone(),
        }
    }

    /// The family the key serves: `hmac`, `rsa`, `ec-p256`, `ec-p384` or `ed25519`.
    #[wasm_bindgen(getter)]
    pub fn family(&self) -> String {
        self.inner.family().as_str().to_owned()
    }

    /// The JWK `kid`, or `null`.
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> JsValue {
        self.inner.kid().map_or(JsValue::NULL, JsValue::from_str)
    }

    /// Whether the key can sign (a secret or a private key).
    #[wasm_bindgen(getter, js_name = canSign)]
    pub fn can_sign(&self) -> bool {
        self.inner.can_sign()
    }
}

fn wrap(key: Result<Key, onejwt::Error>) -> Result<JsKey, JsValue> {
    key.map(|inner| JsKey { inner }).map_err(jwt_error)
}
