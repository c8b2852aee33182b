//! onejwt's Node addon (napi-rs): the raw module behind the npm package `onejwt`, a thin layer over
//! `onejwt::host::js` that converts values and errors and decides nothing.
//!
//! The shared JS layer (bindings-js/src) checks the JS types of positional arguments and hands every
//! object over as JSON text; each function here is one call into `onejwt::host::js` plus napi's
//! conversions, the same calls the WASM binding makes, so the two packages cannot drift. Results
//! leave as JSON text (the JS layer's `JSON.parse`). Every `#[napi]` item is `catch_unwind`: a panic
//! that unwound into N-API's C frames would abort Node; caught, it is thrown as a JS `Error`.

mod errors;
mod key;
mod service;
mod verifier;

use napi::Env;
use napi_derive::napi;
use onejwt::host::{self, js};
use onejwt::service::SystemClock;

use crate::errors::{type_error, OrThrow};

// What the addon exports (napi-rs registers each `#[napi]` item itself; this list makes the
// surface visible in one place and keeps the items reachable from the crate root).
pub use key::{JsKey, JsKeySet};
pub use service::{
    extract_token, redis_command, redis_prefix, redis_reply, JsPending, JsTokenService,
};
pub use verifier::JsVerifier;

/// Every error code, in the core's order (`ErrorCode::ALL`): the package exports it frozen as
/// `ERROR_CODES`, so the JS list can never drift from the core's.
#[napi(js_name = "errorCodes", catch_unwind)]
pub fn error_codes() -> Vec<&'static str> {
    onejwt::ErrorCode::ALL
        .iter()
        .map(|code| code.as_str())
        .collect()
}

/// The option schema (`onejwt::host::schema_json`), which the package's tests hold index.d.ts to.
#[napi(js_name = "schemaJson", catch_unwind)]
pub fn schema_json() -> String {
    host::schema_json()
}

/// How deep a JS value may nest (`onejwt::host::MAX_HOST_DEPTH`), for the JS encoder.
#[napi(js_name = "maxHostDepth", catch_unwind)]
pub fn max_host_depth() -> u32 {
    u32::try_from(host::MAX_HOST_DEPTH).unwrap_or(u32::MAX)
}

/// The core's time rule for a JS date (`getTime() / 1000`); throws a `TypeError` carrying only the
/// reason, which the JS encoder places under the argument and path where it found the date.
#[napi(js_name = "unixSeconds", catch_unwind)]
pub fn unix_seconds(env: Env, seconds: f64) -> napi::Result<f64> {
    js::unix_seconds(seconds).map_err(|e| type_error(&env, None, e.message()))
}

/// `decodeUnverified(token)`: `{"header":…,"claims":…}` as JSON text.
#[napi(js_name = "decodeUnverified", catch_unwind)]
pub fn decode_unverified(env: Env, token: String) -> napi::Result<String> {
    js::decode(&token).or_throw(&env)
}

/// `sign(claims, key, algorithm, options)`, the claims and options as JSON text.
#[napi(catch_unwind)]
pub fn sign(
    env: Env,
    claims: String,
    key: &JsKey,
    algorithm: String,
    options: Option<String>,
) -> napi::Result<String> {
    js::sign(
        &claims,
        &key.inner,
        &algorithm,
        options.as_deref(),
        &SystemClock,
    )
    .or_throw(&env)
}

/// Test hook, not part of the public surface (`js/index.mjs` does not export it): panics inside a
/// native call so that `test/panic.test.mjs` can prove a panic reaches JS as a thrown `Error` and
/// the process lives on.
#[napi(js_name = "__panicForTest", catch_unwind)]
pub fn panic_for_test() -> napi::Result<()> {
    panic!("onejwt test hook: a deliberate panic")
}
