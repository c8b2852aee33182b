//! Fuzz target `decode`: `decode_unverified` on arbitrary bytes never panics, and what it
//! returns re-serialises.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onejwt::decode_unverified;

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = decode_unverified(data) {
        let header = serde_json::to_string(token.header().as_map()).expect("header serialises");
        let claims = serde_json::to_string(token.claims()).expect("claims serialise");
        let back: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&claims).expect("claims re-parse");
        assert_eq!(&back, token.claims());
        assert!(header.starts_with('{'));
    }
});
