//! onejwt's Node addon (napi-rs): module registration only; the classes and functions live in the
//! sibling files, one per core concept.
//!
//! The addon is internal: the npm package `onejwt` loads it from `js/index.mjs`, which wraps each
//! native class in the public JS class, rethrows native verdicts as the shared `JwtError`, and
//! parses the claims JSON this addon returns. The binding converts JS values to the core's types
//! and the core's errors to JS errors; every decision about tokens, keys and options is made by the
//! `onejwt` crate. `#[napi]` items register themselves when the addon loads, in every
//! `worker_threads` environment that loads it.

mod convert;
mod decode;
mod errors;
mod key;
mod keyset;
mod service;
mod sign;
mod verifier;

// What the addon exports (napi-rs registers each `#[napi]` item itself; this list makes the
// surface visible in one place and keeps the items reachable from the crate root).
pub use decode::decode_unverified_json;
pub use errors::{error_codes, panic_for_test};
pub use key::JsKey;
pub use keyset::JsKeySet;
pub use service::{extract_token, JsTokenService};
pub use sign::sign;
pub use verifier::JsVerifier;
