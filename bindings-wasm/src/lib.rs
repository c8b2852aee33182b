//! onejwt-wasm: the wasm-bindgen layer between the `onejwt` core and the npm package `onejwt-wasm`,
//! a thin layer over `onejwt::host::js` that converts values and errors and decides nothing.
//!
//! The shared JS layer (bindings-js/src) checks the JS types of positional arguments and hands every
//! object over as JSON text; each function here is one call into `onejwt::host::js` plus
//! wasm-bindgen's conversions, the same calls the Node binding makes, so the two packages cannot
//! drift. Results leave as JSON text (the JS layer's `JSON.parse`). The package's `api.mjs` exposes
//! these *raw* classes under the public names of `index.d.ts`.
//!
//! Nothing here may panic: wasm32 has no unwinding, so a panic traps (`panic` keeps its message for
//! the JS layer's `OnejwtInternalError`). A JS exception never unwinds through Rust frames: the only
//! JS this crate calls (`performance.now`) is called with `catch`; a session store is driven by the
//! JS layer between calls (`RawPending`), never called from here.
//!
//! The cargo feature `service` (default) adds `TokenService`, `extractToken` and the Redis store's
//! helpers, and with them `keys`: key generation and export (`RawKey.generate`, `toJwk`, `toPem`,
//! `thumbprint`, `withKid`, `RawKeySet.toJwks`). `mk/wasm.mk` also builds the module without
//! them, ~30 KiB smaller gzipped, for the package's verify-only entry `onejwt-wasm/verify`;
//! everything else is the same code in both builds. Time comes from the host
//! (`clock`): `SystemTime::now()` traps on wasm32-unknown-unknown.

mod clock;
mod errors;
mod key;
mod panic;
#[cfg(feature = "service")]
mod service;
mod verifier;

use onejwt::host::{self, js};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::clock::HostClock;
use crate::errors::OrThrow;

pub use key::{JsKey, JsKeySet};
pub use panic::{install_panic_hook, panic_for_test, take_panic_message};
#[cfg(feature = "service")]
pub use service::{
    extract_token, redis_command, redis_prefix, redis_reply, JsTokenService, RawPending,
};
pub use verifier::JsVerifier;

/// Every error code in the core's order (`ErrorCode::ALL`): the source of the package's frozen
/// `ERROR_CODES`, so a code added to the core appears here without retyping.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    onejwt::ErrorCode::ALL
        .iter()
        .map(|code| code.as_str().to_owned())
        .collect()
}

/// The option schema (`onejwt::host::schema_json`), which the package's tests hold index.d.ts to.
/// Not in the verify-only module: its documentation text alone is ~8 KiB gzipped.
#[cfg(feature = "service")]
#[wasm_bindgen(js_name = schemaJson)]
pub fn schema_json() -> String {
    host::schema_json()
}

/// How deep a JS value may nest (`onejwt::host::MAX_HOST_DEPTH`), for the JS encoder.
#[wasm_bindgen(js_name = maxHostDepth)]
pub fn max_host_depth() -> usize {
    host::MAX_HOST_DEPTH
}

/// The core's time rule for a JS date (`getTime() / 1000`); throws a `TypeError` carrying only the
/// reason, which the JS encoder places under the argument and path where it found the date.
#[wasm_bindgen(js_name = unixSeconds)]
pub fn unix_seconds(seconds: f64) -> Result<f64, JsValue> {
    js::unix_seconds(seconds).map_err(|e| js_sys::TypeError::new(e.message()).into())
}

/// `decodeUnverified(token)`: `{"header":…,"claims":…}` as JSON text.
#[wasm_bindgen(js_name = decodeUnverified)]
pub fn decode_unverified(token: &str) -> Result<String, JsValue> {
    js::decode(token).or_throw()
}

/// `sign(claims, key, algorithm, options)`, the claims and options as JSON text. Random numbers for
/// ECDSA and PSS come from `crypto.getRandomValues` (getrandom's `js` feature).
#[wasm_bindgen]
pub fn sign(
    claims: &str,
    key: &JsKey,
    algorithm: &str,
    options: Option<String>,
) -> Result<String, JsValue> {
    js::sign(
        claims,
        &key.inner,
        algorithm,
        options.as_deref(),
        &HostClock,
    )
    .or_throw()
}
