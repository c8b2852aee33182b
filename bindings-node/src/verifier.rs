//! Verifier: the native class behind the public `Verifier` (bindings-js/src/surface.mjs).

use napi::Env;
use napi_derive::napi;
use onejwt::host::js;
use onejwt::service::SystemClock;
use onejwt::Verifier;

use crate::errors::OrThrow;
use crate::key::{JsKey, JsKeySet};

/// A verifier built once from a key (or key set) and options (`onejwt::Verifier`).
#[napi(js_name = "Verifier")]
pub struct JsVerifier {
    inner: Verifier,
}

#[napi]
impl JsVerifier {
    /// `key`/`keys` are the native halves of the public classes; `options` is the JSON text of
    /// every other option.
    #[napi(constructor, catch_unwind)]
    pub fn new(
        env: Env,
        key: Option<&JsKey>,
        keys: Option<&JsKeySet>,
        options: String,
    ) -> napi::Result<JsVerifier> {
        let (key, keys) = (key.map(|k| k.inner.clone()), keys.map(|k| k.inner.clone()));
        js::verifier(key, keys, &options)
            .or_throw(&env)
            .map(|inner| JsVerifier { inner })
    }

    /// Verifies `token` at `now` (Unix seconds) or per the options' JSON text, else at the system
    /// clock's time; the claims (with `complete`, the header and claims) as JSON text.
    #[napi(catch_unwind)]
    pub fn verify(
        &self,
        env: Env,
        token: String,
        now: Option<f64>,
        options: Option<String>,
        complete: bool,
    ) -> napi::Result<String> {
        js::verify(
            &self.inner,
            &token,
            now,
            options.as_deref(),
            &SystemClock,
            complete,
        )
        .or_throw(&env)
    }
}
