//! Properties (proptest): what holds for every token, not just the corpus's.
//!
//! - Sign then verify returns exactly the claims, for every algorithm and random claims.
//! - Changing any single byte of a signed token makes it fail verification.
//! - Verification and `decode_unverified` never panic, whatever the bytes.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use onejwt::{decode_unverified, sign, Key, SignOptions, Verifier, VerifyOptions};
use proptest::prelude::*;
use serde_json::{Map, Value};

const NOW: i64 = 1_767_225_600;

fn key_file(name: &str) -> String {
    let path = format!(
        "{}/../tests/vectors/keys/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

/// Every algorithm with a signing key (its public half verifies as well).
fn keys() -> Vec<(&'static str, Key)> {
    let hmac = Key::hmac([0x5a; 64]).unwrap();
    let rsa = Key::from_pem(key_file("rsa2048.private.pkcs8.pem")).unwrap();
    let mut keys: Vec<(&'static str, Key)> = ["HS256", "HS384", "HS512"]
        .into_iter()
        .map(|alg| (alg, hmac.clone()))
        .collect();
    for alg in ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"] {
        keys.push((alg, rsa.clone()));
    }
    keys.push((
        "ES256",
        Key::from_pem(key_file("p256.private.pkcs8.pem")).unwrap(),
    ));
    keys.push((
        "ES384",
        Key::from_pem(key_file("p384.private.pkcs8.pem")).unwrap(),
    ));
    keys.push((
        "EdDSA",
        Key::from_pem(key_file("ed25519.private.pkcs8.pem")).unwrap(),
    ));
    keys
}

/// JSON values a claim may hold: no floats (their text form is not this test's subject).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Private claims (never a registered name, whose types the verifier checks) plus valid times.
fn claims() -> impl Strategy<Value = Map<String, Value>> {
    (
        prop::collection::btree_map("[a-z_]{1,10}", json_value(), 0..8),
        0i64..1_000_000,
    )
        .prop_map(|(private, lifetime)| {
            let mut claims: Map<String, Value> = private
                .into_iter()
                .filter(|(name, _)| {
                    !["iss", "sub", "aud", "exp", "nbf", "iat", "jti"].contains(&name.as_str())
                })
                .collect();
            claims.insert("iat".into(), NOW.into());
            claims.insert("exp".into(), (NOW + 1 + lifetime).into());
            claims
        })
}

fn verifier(alg: &str, key: &Key) -> Verifier {
    Verifier::new(key.clone(), VerifyOptions::new([alg])).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn sign_then_verify_returns_the_claims(claims in claims()) {
        for (alg, key) in keys() {
            let token = sign(&claims, &key, alg, &SignOptions::default()).unwrap();
            let verified = verifier(alg, &key).verify_at(&token, NOW).unwrap();
            prop_assert_eq!(verified.claims(), &claims, "{}", alg);
        }
    }

    #[test]
    fn any_single_byte_change_is_refused(
        claims in claims(),
        which in 0usize..12,
        position in any::<prop::sample::Index>(),
        replacement in any::<u8>(),
    ) {
        let (alg, key) = keys().swap_remove(which);
        let token = sign(&claims, &key, alg, &SignOptions::default()).unwrap();
        let mut bytes = token.into_bytes();
        let at = position.index(bytes.len());
        prop_assume!(bytes[at] != replacement);
        bytes[at] = replacement;
        prop_assert!(verifier(alg, &key).verify_at(&bytes, NOW).is_err(), "{} at {}", alg, at);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let key = Key::hmac([0x5a; 32]).unwrap();
        let verifier = Verifier::new(key, VerifyOptions::new(["HS256", "ES256"])).unwrap();
        prop_assert!(verifier.verify_at(&bytes, NOW).is_err());
        let _ = decode_unverified(&bytes);
    }

    #[test]
    fn token_shaped_garbage_never_panics(
        parts in prop::collection::vec("[A-Za-z0-9_-]{0,80}", 1..5),
    ) {
        let token = parts.join(".");
        let key = Key::hmac([0x5a; 32]).unwrap();
        let verifier = Verifier::new(key, VerifyOptions::new(["HS256"])).unwrap();
        prop_assert!(verifier.verify_at(&token, NOW).is_err());
        let _ = decode_unverified(&token);
    }
}
