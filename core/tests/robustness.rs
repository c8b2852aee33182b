//! No input may panic, and no altered token may verify: thousands of random and mutated tokens.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use onejwt::{decode_unverified, sign, Key, KeySet, SignOptions, Verifier, VerifyOptions};
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, Ed25519KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use serde_json::json;

/// A small deterministic generator, so a failure reproduces.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn pem(tag: &str, der: &[u8]) -> String {
    pem::encode(&pem::Pem::new(tag, der.to_vec()))
}

fn keys() -> Vec<(Key, &'static str)> {
    let rng = SystemRandom::new();
    let ec = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let ed = Ed25519KeyPair::generate_pkcs8(&rng).unwrap();
    vec![
        (Key::hmac([0x5a; 64]).unwrap(), "HS256"),
        (Key::hmac([0x5a; 64]).unwrap(), "HS512"),
        (
            Key::from_pem(pem("PRIVATE KEY", ec.as_ref())).unwrap(),
            "ES256",
        ),
        (
            Key::from_pem(pem("PRIVATE KEY", ed.as_ref())).unwrap(),
            "EdDSA",
        ),
    ]
}

const ALL_ALGS: [&str; 12] = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "EdDSA",
];

#[test]
fn single_character_mutations_never_verify_and_never_panic() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let alphabet =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \x00\xff{\"";
    let claims =
        json!({"sub": "user-1", "aud": "api", "exp": 2_000_000_000, "n": [1, 2, {"x": null}]});
    for (key, alg) in keys() {
        let token = sign(
            claims.as_object().unwrap(),
            &key,
            alg,
            &SignOptions::default(),
        )
        .unwrap();
        let verifier =
            Verifier::new(key.clone(), VerifyOptions::new(ALL_ALGS).audience("api")).unwrap();
        assert!(
            verifier.verify_at(&token, 1_700_000_000).is_ok(),
            "{alg} baseline"
        );
        for _ in 0..2_000 {
            let mut bytes = token.clone().into_bytes();
            let at = rng.below(bytes.len());
            let replacement = alphabet[rng.below(alphabet.len())];
            if bytes[at] == replacement {
                continue;
            }
            bytes[at] = replacement;
            assert!(
                verifier.verify_at(&bytes, 1_700_000_000).is_err(),
                "{alg}: a token altered at byte {at} verified"
            );
            let _ = decode_unverified(&bytes);
        }
    }
}

#[test]
fn random_bytes_and_structures_never_panic() {
    let mut rng = XorShift(42);
    let key = Key::hmac([1u8; 32]).unwrap();
    let verifier = Verifier::new(key, VerifyOptions::new(ALL_ALGS)).unwrap();
    let pieces: [&[u8]; 12] = [
        b"eyJhbGciOiJIUzI1NiJ9",
        b"e30",
        b".",
        b"..",
        b"eyJ",
        b"_-",
        b"A",
        b"\xf0\x9f\x98",
        b"W10",
        b"bnVsbA",
        b"eyJhbGciOiJub25lIn0",
        b"eyJjcml0IjpbXX0",
    ];
    for _ in 0..20_000 {
        let mut token = Vec::new();
        for _ in 0..rng.below(8) {
            if rng.below(3) == 0 {
                token.push(rng.next() as u8);
            } else {
                token.extend_from_slice(pieces[rng.below(pieces.len())]);
            }
        }
        assert!(verifier.verify_at(&token, 0).is_err());
        let _ = decode_unverified(&token);
    }
}

#[test]
fn hostile_key_inputs_never_panic() {
    let mut rng = XorShift(7);
    for _ in 0..5_000 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        let _ = Key::from_pem(&bytes);
        let _ = Key::from_jwk(&text);
        let _ = KeySet::from_jwks(&text);
        let _ = Key::hmac(&bytes);
    }
    for jwk in [
        r#"{"kty":"EC","crv":"P-256","x":"","y":""}"#,
        r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#,
        r#"{"kty":"RSA","n":"","e":""}"#,
        r#"{"kty":"OKP","crv":"Ed25519","x":"AA"}"#,
        r#"{"kty":"oct","k":""}"#,
        r#"{"keys":[{"kty":"EC","crv":"P-384","x":"AAAA","y":"AAAA","d":"AAAA"}]}"#,
    ] {
        assert!(Key::from_jwk(jwk).is_err() || KeySet::from_jwks(jwk).is_err());
    }
}
