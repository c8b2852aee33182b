//! Fuzz target `keys`: `Key::from_pem`, `Key::from_jwk` and `KeySet::from_jwks` on arbitrary text
//! never panic; a key that parses answers its accessors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onejwt::{Key, KeySet};

fn touch(key: &Key) {
    let _ = (key.family(), key.kid(), key.can_sign());
}

fuzz_target!(|data: &[u8]| {
    // PEM takes bytes; JWK and JWKS take text, so non-UTF-8 input only reaches PEM.
    if let Ok(key) = Key::from_pem(data) {
        touch(&key);
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(key) = Key::from_jwk(text) {
        touch(&key);
    }
    if let Ok(set) = KeySet::from_jwks(text) {
        assert_eq!(set.len(), set.keys().len());
        set.keys().iter().for_each(touch);
    }
});
