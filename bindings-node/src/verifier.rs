//! Verifier: the native `Verifier` class (wrapped by the public `Verifier` in js/index.mjs).

use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use onejwt::{OptionNames, Verified, VerifyOptions};
use serde_json::Map;

use crate::convert;
use crate::errors::{argument_type_error, jwt_error, option_type_error, options_error};
use crate::key::JsKey;
use crate::keyset::JsKeySet;

/// A verifier built once from a key (or key set) and options (`onejwt::Verifier`).
#[napi(js_name = "Verifier")]
pub struct JsVerifier {
    inner: onejwt::Verifier,
}

#[napi]
impl JsVerifier {
    /// `key`/`keys` are the native halves of the public classes (the JS layer unwraps them);
    /// `options` holds every other option, camelCase, validated by the core.
    #[napi(constructor, catch_unwind)]
    pub fn new(
        env: Env,
        key: Option<&JsKey>,
        keys: Option<&JsKeySet>,
        options: Unknown<'_>,
    ) -> napi::Result<JsVerifier> {
        if !convert::is_object(options)? {
            return Err(argument_type_error(&env, "options", "must be an object"));
        }
        let mut map = Map::new();
        for (name, value) in convert::members(options)? {
            let value = convert::to_json(value).map_err(|f| f.into_napi(&env, &name, true))?;
            if let Some(value) = value {
                map.insert(name, value);
            }
        }
        let options = VerifyOptions::from_map(&map, OptionNames::CamelCase)
            .map_err(|e| options_error(&env, &e))?;
        let key = key.map(|k| k.inner.clone());
        let keys = keys.map(|k| k.inner.clone());
        onejwt::Verifier::from_parts(key, keys, options)
            .map(|inner| JsVerifier { inner })
            .map_err(|e| options_error(&env, &e))
    }

    /// Verifies `token` at `now` (the `now` member of the public per-call options, whose names the
    /// JS layer checks; `undefined` for the current time); returns the claims as JSON text.
    #[napi(js_name = "verifyJson", catch_unwind)]
    pub fn verify_json(
        &self,
        env: Env,
        token: Unknown<'_>,
        now: Option<Unknown<'_>>,
    ) -> napi::Result<String> {
        let verified = self.run(&env, token, now)?;
        convert::claims_text(&verified).map(str::to_owned)
    }

    /// Like `verifyJson`; returns `{"header":…,"claims":…}` as JSON text.
    #[napi(js_name = "verifyCompleteJson", catch_unwind)]
    pub fn verify_complete_json(
        &self,
        env: Env,
        token: Unknown<'_>,
        now: Option<Unknown<'_>>,
    ) -> napi::Result<String> {
        let verified = self.run(&env, token, now)?;
        convert::header_and_claims_text(
            verified.header().as_map(),
            convert::claims_text(&verified)?,
        )
    }
}

impl JsVerifier {
    fn run(
        &self,
        env: &Env,
        token: Unknown<'_>,
        now: Option<Unknown<'_>>,
    ) -> napi::Result<Verified> {
        let Some(token) = convert::string(token)? else {
            return Err(argument_type_error(env, "token", "must be a string"));
        };
        let verified = match verification_time(env, now)? {
            Some(now) => self.inner.verify_at(&token, now),
            // The core's clock: the binding has no second definition of "now".
            None => self.inner.verify(&token),
        };
        verified.map_err(|e| jwt_error(env, &e))
    }
}

/// The `now` option as Unix seconds; `None` means "the current time".
fn verification_time(env: &Env, now: Option<Unknown<'_>>) -> napi::Result<Option<i64>> {
    let Some(now) = now else {
        return Ok(None);
    };
    match convert::unix_seconds(now)? {
        Some(seconds) => Ok(Some(seconds)),
        None => Err(option_type_error(
            env,
            "now",
            "must be Unix seconds (a finite number) or a valid Date",
        )),
    }
}
