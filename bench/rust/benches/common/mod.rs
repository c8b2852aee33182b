//! Shared by the Rust benchmarks: the fixtures of every runtime (`bench/fixtures.json`), the
//! correctness gate, and the floor (ring's bare signature check over the same bytes).

#![allow(dead_code, unreachable_pub)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use onejwt::{Key, Verifier, VerifyOptions};
use ring::signature::{self, KeyPair};
use serde_json::Value;

pub fn fixtures() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("read fixtures")).expect("JSON")
}

pub fn split(token: &str) -> (Vec<u8>, Vec<u8>) {
    let dot = token.rfind('.').unwrap();
    (
        token.as_bytes()[..dot].to_vec(),
        URL_SAFE_NO_PAD.decode(&token[dot + 1..]).unwrap(),
    )
}

pub fn der_of(pem_text: &str) -> Vec<u8> {
    pem::parse(pem_text).unwrap().contents().to_vec()
}

/// The raw public key bytes ring verifies with, derived from the private PEM.
pub fn ring_public(alg: &str, private_pem: &str) -> Vec<u8> {
    let der = der_of(private_pem);
    match alg {
        "RS256" => signature::RsaKeyPair::from_pkcs8(&der)
            .unwrap()
            .public()
            .as_ref()
            .to_vec(),
        "ES256" => signature::EcdsaKeyPair::from_pkcs8(
            &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &der,
            &ring::rand::SystemRandom::new(),
        )
        .unwrap()
        .public_key()
        .as_ref()
        .to_vec(),
        _ => signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(&der)
            .unwrap()
            .public_key()
            .as_ref()
            .to_vec(),
    }
}

pub struct Contender {
    pub alg: String,
    pub key: Key,
    pub verifier: Verifier,
    pub token: String,
}

/// Builds each algorithm's verifier and runs the gate: nothing that fails it is timed.
pub fn contenders(f: &Value) -> Vec<Contender> {
    let now = f["now"].as_i64().unwrap();
    let mut out = Vec::new();
    for (alg, entry) in f["algorithms"].as_object().unwrap() {
        let key = match entry.get("secret") {
            Some(secret) => Key::hmac(secret.as_str().unwrap()).unwrap(),
            None => Key::from_pem(entry["private_pem"].as_str().unwrap()).unwrap(),
        };
        let options = VerifyOptions::new([alg.as_str()])
            .issuer(f["issuer"].as_str().unwrap())
            .audience(f["audience"].as_str().unwrap());
        let verifier = Verifier::new(key.clone(), options).unwrap();
        let token = entry["token"].as_str().unwrap().to_owned();
        let verified = verifier.verify_at(&token, now).expect("gate: valid token");
        assert_eq!(
            &Value::Object(verified.claims().clone()),
            &f["claims"],
            "gate: claims"
        );
        for (name, bad) in entry["gate"].as_object().unwrap() {
            assert!(
                verifier.verify_at(bad.as_str().unwrap(), now).is_err(),
                "gate: {alg} accepted the {name} token"
            );
        }
        out.push(Contender {
            alg: alg.clone(),
            key,
            verifier,
            token,
        });
    }
    out
}

/// The floor of one algorithm: ring's bare signature check over the token's own signing input,
/// with the key already parsed. No JSON, no base64, no claims: what verification cannot beat.
pub struct Floor {
    input: Vec<u8>,
    sig: Vec<u8>,
    key: FloorKey,
}

enum FloorKey {
    Hmac(ring::hmac::Key),
    Public(&'static dyn signature::VerificationAlgorithm, Vec<u8>),
}

impl Floor {
    /// The floor for `contender`'s token, keyed from the fixture entry of its algorithm.
    pub fn new(f: &Value, contender: &Contender) -> Floor {
        let (input, sig) = split(&contender.token);
        let entry = &f["algorithms"][&contender.alg];
        let key = match contender.alg.as_str() {
            "HS256" => FloorKey::Hmac(ring::hmac::Key::new(
                ring::hmac::HMAC_SHA256,
                entry["secret"].as_str().unwrap().as_bytes(),
            )),
            alg => {
                let public = ring_public(alg, entry["private_pem"].as_str().unwrap());
                let algorithm: &'static dyn signature::VerificationAlgorithm = match alg {
                    "RS256" => &signature::RSA_PKCS1_2048_8192_SHA256,
                    "ES256" => &signature::ECDSA_P256_SHA256_FIXED,
                    _ => &signature::ED25519,
                };
                FloorKey::Public(algorithm, public)
            }
        };
        let floor = Floor { input, sig, key };
        assert!(floor.check(), "gate: the floor rejects the valid token");
        floor
    }

    /// Whether the signature checks out.
    pub fn check(&self) -> bool {
        let input = std::hint::black_box(&self.input);
        match &self.key {
            FloorKey::Hmac(key) => ring::hmac::verify(key, input, &self.sig).is_ok(),
            FloorKey::Public(algorithm, public) => {
                signature::UnparsedPublicKey::new(*algorithm, public)
                    .verify(input, &self.sig)
                    .is_ok()
            }
        }
    }
}
