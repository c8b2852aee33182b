//! Verifier: the raw `RawVerifier` class over `onejwt::Verifier`; `api.mjs` exposes it as `Verifier`.

use onejwt::{OptionNames, Verified, VerifyOptions};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::clock;
use crate::convert::{self, string};
use crate::errors::{jwt_error, options_error};
use crate::key::JsKey;
use crate::keyset::JsKeySet;

/// A verifier built once from a key (or key set) and options (`onejwt::Verifier`).
#[wasm_bindgen(js_name = RawVerifier)]
pub struct JsVerifier {
    inner: onejwt::Verifier,
}

#[wasm_bindgen(js_class = RawVerifier)]
impl JsVerifier {
    /// `key`/`keys` are handles from `share()` on the public classes' raw halves (wasm-bindgen
    /// moves an optional class argument into Rust, so the caller's own key is never passed);
    /// `options` holds every other option, camelCase, validated by the core.
    #[wasm_bindgen(constructor)]
    pub fn new(
        key: Option<JsKey>,
        keys: Option<JsKeySet>,
        options: JsValue,
    ) -> Result<JsVerifier, JsValue> {
        let map = convert::options_map(&options, "options")?;
        let options =
            VerifyOptions::from_map(&map, OptionNames::CamelCase).map_err(options_error)?;
        onejwt::Verifier::from_parts(key.map(|k| k.inner), keys.map(|k| k.inner), options)
            .map(|inner| JsVerifier { inner })
            .map_err(options_error)
    }

    /// Verifies `token` at `now` (the per-call option: Unix seconds or a `Date`; `undefined` =
    /// `Date.now()`); returns the claims as JSON text (`api.mjs` parses it).
    #[wasm_bindgen(js_name = verifyJson)]
    pub fn verify_json(&self, token: JsValue, now: JsValue) -> Result<String, JsValue> {
        convert::claims_text(&self.run(&token, &now)?).map(str::to_owned)
    }

    /// Like `verifyJson`, returning `{"header":…,"claims":…}` as JSON text.
    #[wasm_bindgen(js_name = verifyCompleteJson)]
    pub fn verify_complete_json(&self, token: JsValue, now: JsValue) -> Result<String, JsValue> {
        let verified = self.run(&token, &now)?;
        convert::header_and_claims_text(
            verified.header().as_map(),
            convert::claims_text(&verified)?,
        )
    }
}

impl JsVerifier {
    fn run(&self, token: &JsValue, now: &JsValue) -> Result<Verified, JsValue> {
        // An oversized token is refused before wasm-bindgen copies it into wasm memory (a 1 MB copy
        // costs ~1.5 ms): its UTF-16 length is a lower bound on its UTF-8 size.
        if let Some(text) = token.dyn_ref::<js_sys::JsString>() {
            let units = usize::try_from(text.length()).unwrap_or(usize::MAX);
            self.inner.refuse_oversized(units).map_err(jwt_error)?;
        }
        let token = string(token, "token")?;
        let now = clock::now(now)?;
        self.inner.verify_at(&token, now).map_err(jwt_error)
    }
}
