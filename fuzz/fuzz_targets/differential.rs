//! Fuzz target `differential` (issue 12): the claims payload that verification scans and the one
//! `decode_unverified` parses are read alike, whatever the bytes: the same accept/refuse verdict
//! and code, the claim rules' verdict on what parsed, and the same claims on success.
//!
//! Input: the payload bytes (normally JSON); the target signs them under a fixed HS256 header.
//! The model is `core/tests/differential/model.rs`, shared with the proptest of `make test`.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use onejwt::Verifier;

#[path = "../../core/tests/differential/model.rs"]
mod model;

fuzz_target!(|data: &[u8]| {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    model::check(VERIFIER.get_or_init(model::verifier), data);
});
