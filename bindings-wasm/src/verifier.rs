//! Verifier: the raw `RawVerifier` class behind the public `Verifier` (bindings-js/src/surface.mjs).

use js_sys::JsString;
use onejwt::host::{self, js};
use onejwt::Verifier;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::clock::HostClock;
use crate::errors::OrThrow;
use crate::key::{JsKey, JsKeySet};

/// A verifier built once from a key (or key set) and options (`onejwt::Verifier`).
#[wasm_bindgen(js_name = RawVerifier)]
pub struct JsVerifier {
    inner: Verifier,
}

#[wasm_bindgen(js_class = RawVerifier)]
impl JsVerifier {
    /// `key`/`keys` are handles from `share()` (wasm-bindgen moves an optional class argument into
    /// Rust, so the caller's own key is never passed); `options` is the JSON text of every other
    /// option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        key: Option<JsKey>,
        keys: Option<JsKeySet>,
        options: &str,
    ) -> Result<JsVerifier, JsValue> {
        js::verifier(key.map(|k| k.inner), keys.map(|k| k.inner), options)
            .or_throw()
            .map(|inner| JsVerifier { inner })
    }

    /// Verifies `token` at `now` (Unix seconds) or per the options' JSON text, else at the host's
    /// time; the claims (with `complete`, the header and claims) as JSON text.
    pub fn verify(
        &self,
        token: &JsString,
        now: Option<f64>,
        options: Option<String>,
        complete: bool,
    ) -> Result<String, JsValue> {
        // An oversized token is refused before it is copied into wasm memory (a 1 MB copy costs
        // ~1.5 ms): its UTF-16 length is a lower bound on its UTF-8 size.
        let units = usize::try_from(token.length()).unwrap_or(usize::MAX);
        host::refuse_oversized(&self.inner, units).or_throw()?;
        let token = String::from(token);
        js::verify(
            &self.inner,
            &token,
            now,
            options.as_deref(),
            &HostClock,
            complete,
        )
        .or_throw()
    }
}
