//! Criterion benchmarks: verification per algorithm next to its floor (the bare signature check
//! over the same bytes, same binary, same run), and signing.
//!
//! Keys and tokens are the shared fixtures of every runtime's benchmark
//! (`tests/bench/fixtures.json`, made by `tests/bench/make_fixtures.py`). Each algorithm first
//! passes the correctness gate (the valid token verifies, every gate token is refused); read the
//! ratio `onejwt / floor`: absolute times on a shared machine are noise.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use criterion::{criterion_group, criterion_main, Criterion};
use onejwt::{sign, Key, SignOptions, Verifier, VerifyOptions};
use ring::signature::{self, KeyPair};
use serde_json::Value;

fn fixtures() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/bench/fixtures.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("read fixtures")).expect("JSON")
}

fn split(token: &str) -> (Vec<u8>, Vec<u8>) {
    let dot = token.rfind('.').unwrap();
    (
        token.as_bytes()[..dot].to_vec(),
        URL_SAFE_NO_PAD.decode(&token[dot + 1..]).unwrap(),
    )
}

fn der_of(pem_text: &str) -> Vec<u8> {
    pem::parse(pem_text).unwrap().contents().to_vec()
}

/// The raw public key bytes ring verifies with, derived from the private PEM.
fn ring_public(alg: &str, private_pem: &str) -> Vec<u8> {
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

struct Contender {
    alg: String,
    key: Key,
    verifier: Verifier,
    token: String,
}

/// Builds each algorithm's verifier and runs the gate: nothing that fails it is timed.
fn contenders(f: &Value) -> Vec<Contender> {
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

fn bench_verify(c: &mut Criterion) {
    let f = fixtures();
    let now = f["now"].as_i64().unwrap();
    let mut group = c.benchmark_group("verify");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for k in contenders(&f) {
        let (input, sig) = split(&k.token);
        let (alg, token, verifier) = (&k.alg, &k.token, &k.verifier);
        group.bench_function(format!("{alg}/onejwt"), |b| {
            b.iter(|| verifier.verify_at(black_box(token), now).unwrap())
        });
        if alg == "HS256" {
            let secret = f["algorithms"]["HS256"]["secret"].as_str().unwrap();
            let ring_key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
            group.bench_function("HS256/floor", |b| {
                b.iter(|| ring::hmac::verify(&ring_key, black_box(&input), &sig).unwrap())
            });
            continue;
        }
        let public = ring_public(alg, f["algorithms"][alg]["private_pem"].as_str().unwrap());
        let floor_alg: &dyn signature::VerificationAlgorithm = match alg.as_str() {
            "RS256" => &signature::RSA_PKCS1_2048_8192_SHA256,
            "ES256" => &signature::ECDSA_P256_SHA256_FIXED,
            _ => &signature::ED25519,
        };
        group.bench_function(format!("{alg}/floor"), |b| {
            b.iter(|| {
                signature::UnparsedPublicKey::new(floor_alg, &public)
                    .verify(black_box(&input), &sig)
                    .unwrap()
            })
        });
    }
    group.finish();
}

fn bench_sign(c: &mut Criterion) {
    let f = fixtures();
    let claims = f["claims"].as_object().unwrap().clone();
    let mut group = c.benchmark_group("sign");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for k in contenders(&f) {
        group.bench_function(&k.alg, |b| {
            b.iter(|| sign(black_box(&claims), &k.key, &k.alg, &SignOptions::default()).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_verify, bench_sign);
criterion_main!(benches);
