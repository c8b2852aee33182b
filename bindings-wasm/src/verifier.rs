//! Verifier: the raw `RawVerifier` class over `onejwt::Verifier`; `api.mjs` exposes it as `Verifier`.

use onejwt::{OptionNames, Verified, VerifyOptions};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::clock;
use crate::convert::{self, json_text, string};
use crate::errors::{argument_type_error, jwt_error, options_error};
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
        claims_text(&self.run(&token, &now)?).map(str::to_owned)
    }

    /// Like `verifyJson`, returning `{"header":…,"claims":…}` as JSON text.
    #[wasm_bindgen(js_name = verifyCompleteJson)]
    pub fn verify_complete_json(&self, token: JsValue, now: JsValue) -> Result<String, JsValue> {
        let verified = self.run(&token, &now)?;
        let header = json_text(verified.header().as_map())?;
        let claims = claims_text(&verified)?;
        let mut text = String::with_capacity(header.len() + claims.len() + 22);
        text.push_str("{\"header\":");
        text.push_str(&header);
        text.push_str(",\"claims\":");
        text.push_str(claims);
        text.push('}');
        Ok(text)
    }
}

/// The verified claims as the exact JSON text that was signed (`Verified::claims_json`). The core
/// has checked it is one UTF-8 JSON object with no duplicate members, so `JSON.parse` of it builds
/// the same object as re-serialising the claims map would, without materialising that map (parse
/// into an IndexMap, then serialise: most of an HS256 verification's cost, see issue 6's profile).
pub(crate) fn claims_text(verified: &Verified) -> Result<&str, JsValue> {
    std::str::from_utf8(verified.claims_json())
        .map_err(|e| argument_type_error("result", &e.to_string()))
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
