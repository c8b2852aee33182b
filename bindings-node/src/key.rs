//! Key and KeySet: the native classes behind the public `Key` and `KeySet` (bindings-js/src/surface.mjs).

use napi::bindgen_prelude::Uint8Array;
use napi::Env;
use napi_derive::napi;
use onejwt::host::{self, js};
use onejwt::{Key, KeySet};

use crate::errors::OrThrow;

/// A verification (and optionally signing) key bound to one algorithm family (`onejwt::Key`).
#[napi(js_name = "Key")]
pub struct JsKey {
    pub(crate) inner: Key,
}

#[napi]
impl JsKey {
    /// An HMAC secret.
    #[napi(factory, catch_unwind)]
    pub fn hmac(env: Env, secret: Uint8Array) -> napi::Result<JsKey> {
        Key::hmac(&*secret)
            .or_throw(&env)
            .map(|inner| JsKey { inner })
    }

    /// A key from one PEM block.
    #[napi(factory, js_name = "fromPem", catch_unwind)]
    pub fn from_pem(env: Env, pem: Uint8Array) -> napi::Result<JsKey> {
        Key::from_pem(&*pem)
            .or_throw(&env)
            .map(|inner| JsKey { inner })
    }

    /// A key from a JWK: the caller's JSON text (`text`) or an object the JS layer encoded.
    #[napi(factory, js_name = "fromJwk", catch_unwind)]
    pub fn from_jwk(env: Env, jwk: String, text: bool) -> napi::Result<JsKey> {
        js::key_from_jwk(&jwk, text)
            .or_throw(&env)
            .map(|inner| JsKey { inner })
    }

    /// A new key for `algorithm`, the options (`kid`, `bits`) as JSON text.
    #[napi(factory, catch_unwind)]
    pub fn generate(env: Env, algorithm: String, options: Option<String>) -> napi::Result<JsKey> {
        js::generate_key(&algorithm, options.as_deref())
            .or_throw(&env)
            .map(|inner| JsKey { inner })
    }

    /// The key as a JWK's JSON text (the options, `private`, as JSON text).
    #[napi(js_name = "toJwk", catch_unwind)]
    pub fn to_jwk(&self, env: Env, options: Option<String>) -> napi::Result<String> {
        js::key_jwk(&self.inner, options.as_deref()).or_throw(&env)
    }

    /// The key as PEM text: SPKI, or with `private` PKCS#8 (the options as JSON text).
    #[napi(js_name = "toPem", catch_unwind)]
    pub fn to_pem(&self, env: Env, options: Option<String>) -> napi::Result<String> {
        js::key_pem(&self.inner, options.as_deref()).or_throw(&env)
    }

    /// The key's RFC 7638 thumbprint (base64url).
    #[napi(catch_unwind)]
    pub fn thumbprint(&self, env: Env) -> napi::Result<String> {
        self.inner.thumbprint().or_throw(&env)
    }

    /// The same key under another `kid`.
    #[napi(js_name = "withKid", catch_unwind)]
    pub fn with_kid(&self, kid: String) -> JsKey {
        JsKey {
            inner: self.inner.with_kid(kid),
        }
    }

    /// The family the key serves: `hmac`, `rsa`, `ec-p256`, `ec-p384`, `ec-p521` or `ed25519`.
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

/// A JWKS from which each token selects exactly one key (`onejwt::KeySet`).
#[napi(js_name = "KeySet")]
pub struct JsKeySet {
    pub(crate) inner: KeySet,
}

#[napi]
impl JsKeySet {
    /// A key set from a JWKS: the caller's JSON text (`text`) or an object the JS layer encoded,
    /// and the options' JSON text.
    #[napi(factory, js_name = "fromJwks", catch_unwind)]
    pub fn from_jwks(
        env: Env,
        jwks: String,
        text: bool,
        options: Option<String>,
    ) -> napi::Result<JsKeySet> {
        js::keyset_from_jwks(&jwks, text, options.as_deref())
            .or_throw(&env)
            .map(|inner| JsKeySet { inner })
    }

    /// The JWKS keys the set left out, as JSON text (`[{index, kid, reason, message}]`).
    #[napi(getter, catch_unwind)]
    pub fn skipped(&self) -> String {
        host::skipped_text(&self.inner)
    }

    /// The set as a JWKS's JSON text, public or with `private` private (the options as JSON text).
    #[napi(js_name = "toJwks", catch_unwind)]
    pub fn to_jwks(&self, env: Env, options: Option<String>) -> napi::Result<String> {
        js::keyset_jwks(&self.inner, options.as_deref()).or_throw(&env)
    }

    /// How many usable keys the set holds.
    #[napi(getter, catch_unwind)]
    pub fn size(&self) -> u32 {
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }
}
