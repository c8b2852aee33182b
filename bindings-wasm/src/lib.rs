//! onejwt-wasm: the wasm-bindgen layer between the `onejwt` core and the npm package `onejwt-wasm`.
//!
//! This crate converts and nothing else: JS values become the core's types (`convert`), core
//! errors become JS exceptions (`errors`); every rule stays in `onejwt`. Its classes are the
//! *raw* module: the package's `api.mjs` wraps them so that the public surface is exactly the Node
//! package's (`bindings-node/js/index.d.ts`) and every verdict is rethrown as the shared `JwtError`.
//!
//! Nothing here may panic: wasm32 has no unwinding, so a panic would surface as an opaque
//! `RuntimeError: unreachable`. No `unwrap`, `expect` or indexing touches anything derived from
//! input, and every JS call that can throw is imported with `catch`, so a JS exception never unwinds
//! through Rust frames (which would leave the shadow stack and borrow flags corrupted).
//!
//! The cargo feature `service` (default) adds `TokenService` and `extractToken`. `mk/wasm.mk` also
//! builds the module without it, ~30 KiB smaller gzipped, for the package's verify-only entry
//! `onejwt-wasm/verify`; everything else is the same code in both builds.
//!
//! The clock comes from the host: `Verifier::verify` (the system clock) does not exist on
//! wasm32-unknown-unknown, so `clock` reads `Date.now()` or the caller's `now`.

mod clock;
mod convert;
mod decode;
mod errors;
mod key;
mod keyset;
mod panic;
#[cfg(feature = "service")]
mod service;
mod sign;
mod verifier;

use wasm_bindgen::prelude::wasm_bindgen;

pub use decode::decode_unverified_json;
pub use key::JsKey;
pub use keyset::JsKeySet;
pub use panic::{install_panic_hook, panic_for_test, take_panic_message};
#[cfg(feature = "service")]
pub use service::{extract_token, JsTokenService};
pub use sign::sign;
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
