//! Fuzz target `keys`: `Key::from_pem`, `Key::from_jwk` and `KeySet::from_jwks` on arbitrary text
//! never panic; a key that parses answers its accessors, and every export of it (issue 14: public
//! and private JWK and PEM) reads back as the same key (the same RFC 7638 thumbprint).
#![no_main]

use libfuzzer_sys::fuzz_target;
use onejwt::{Key, KeySet};

fn touch(key: &Key) {
    let _ = (key.family(), key.kid(), key.can_sign());
    let Ok(thumbprint) = key.thumbprint() else {
        return;
    };
    let same = |back: Result<Key, onejwt::Error>| {
        assert_eq!(back.expect("an export reads back").thumbprint().ok(), Some(thumbprint.clone()));
    };
    if let Ok(jwk) = key.to_public_jwk() {
        assert!(!["d", "p", "q", "dp", "dq", "qi", "k"].iter().any(|m| jwk.contains_key(*m)));
        same(Key::from_jwk_map(&jwk));
    }
    if let Ok(pem) = key.to_public_pem() {
        same(Key::from_pem(pem));
    }
    if let Ok(jwk) = key.to_private_jwk() {
        same(Key::from_jwk_map(&jwk));
    }
    if let Ok(pem) = key.to_private_pem() {
        same(Key::from_pem(pem));
    }
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
