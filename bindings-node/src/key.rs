//! Key: the native `Key` class (wrapped by the public `Key` in js/index.mjs).

use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

use crate::convert;
use crate::errors::{argument_type_error, jwt_error};

/// A verification (and optionally signing) key bound to one algorithm family (`onejwt::Key`).
#[napi(js_name = "Key")]
pub struct JsKey {
    pub(crate) inner: onejwt::Key,
}

#[napi]
impl JsKey {
    /// An HMAC secret from a string (its UTF-8 bytes) or a `Uint8Array`.
    #[napi(factory, catch_unwind)]
    pub fn hmac(env: Env, secret: Unknown<'_>) -> napi::Result<JsKey> {
        let Some(secret) = convert::bytes(secret)? else {
            return Err(argument_type_error(
                &env,
                "secret",
                "must be a string or a Uint8Array",
            ));
        };
        onejwt::Key::hmac(secret)
            .map(|inner| JsKey { inner })
            .map_err(|e| jwt_error(&env, &e))
    }

    /// A key from one PEM block, as a string or a `Uint8Array`.
    #[napi(factory, js_name = "fromPem", catch_unwind)]
    pub fn from_pem(env: Env, pem: Unknown<'_>) -> napi::Result<JsKey> {
        let Some(pem) = convert::bytes(pem)? else {
            return Err(argument_type_error(
                &env,
                "pem",
                "must be a string or a Uint8Array",
            ));
        };
        onejwt::Key::from_pem(pem)
            .map(|inner| JsKey { inner })
            .map_err(|e| jwt_error(&env, &e))
    }

    /// A key from a JWK object or its JSON text.
    #[napi(factory, js_name = "fromJwk", catch_unwind)]
    pub fn from_jwk(env: Env, jwk: Unknown<'_>) -> napi::Result<JsKey> {
        let key = if let Some(text) = convert::string(jwk)? {
            onejwt::Key::from_jwk(&text)
        } else if convert::is_object(jwk)? {
            let map = convert::to_json_object(jwk).map_err(|f| f.into_napi(&env, "jwk", false))?;
            onejwt::Key::from_jwk_map(&map)
        } else {
            return Err(argument_type_error(
                &env,
                "jwk",
                "must be an object or a JSON string",
            ));
        };
        key.map(|inner| JsKey { inner })
            .map_err(|e| jwt_error(&env, &e))
    }

    /// The family the key serves: `hmac`, `rsa`, `ec-p256`, `ec-p384` or `ed25519`.
    #[napi(getter, catch_unwind)]
    pub fn family(&self) -> &'static str {
        self.inner.family().as_str()
    }

    /// The JWK `kid`, or `null`.
    #[napi(getter, catch_unwind)]
    pub fn kid(&self) -> Option<String> {
        self.inner.kid().map(str::to_owned)
    }

    /// Whether the key can sign.
    #[napi(getter, js_name = "canSign", catch_unwind)]
    pub fn can_sign(&self) -> bool {
        self.inner.can_sign()
    }
}
