//! Criterion benchmarks: verification per algorithm next to its floor (the bare signature check
//! over the same bytes, same binary, same run), and signing.
//!
//! Keys are fixed test keys in `core/benches/keys/` (never real secrets). Read the ratio
//! `verify / floor`: absolute times on a shared machine are noise.

#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use criterion::{criterion_group, criterion_main, Criterion};
use onejwt::{sign, Key, SignOptions, Verifier, VerifyOptions};
use ring::signature::{self, KeyPair};

const NOW: i64 = 1_767_225_600;
const SECRET: &[u8] = b"bench-secret-bench-secret-bench!";

/// A realistic access token's claims (~400 bytes once signed).
fn claims() -> serde_json::Map<String, serde_json::Value> {
    let v = serde_json::json!({
        "sub": "user-1234567890",
        "email": "ada.lovelace@example.com",
        "permissions": ["orders:read", "orders:write", "billing:read"],
        "iss": "https://auth.example.com",
        "aud": "https://api.example.com",
        "iat": NOW - 60,
        "exp": NOW + 900,
        "jti": "0b9f5c4e-8f0a-4c33-9d1e-2f6f6d0e8a11",
        "type": "access"
    });
    v.as_object().unwrap().clone()
}

fn pem(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/benches/keys/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn der_of(pem_text: &str) -> Vec<u8> {
    pem::parse(pem_text).unwrap().contents().to_vec()
}

fn split(token: &str) -> (Vec<u8>, Vec<u8>) {
    let dot = token.rfind('.').unwrap();
    (
        token.as_bytes()[..dot].to_vec(),
        URL_SAFE_NO_PAD.decode(&token[dot + 1..]).unwrap(),
    )
}

fn verifier(key: Key, alg: &str) -> Verifier {
    let options = VerifyOptions::new([alg])
        .issuer("https://auth.example.com")
        .audience("https://api.example.com");
    Verifier::new(key, options).unwrap()
}

fn bench_verify(c: &mut Criterion) {
    let claims = claims();
    let mut group = c.benchmark_group("verify");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));

    // HS256: the floor is ring's HMAC-SHA256 verify of the same signing input.
    let hkey = Key::hmac(SECRET).unwrap();
    let token = sign(&claims, &hkey, "HS256", &SignOptions::default()).unwrap();
    let v = verifier(hkey, "HS256");
    let (input, sig) = split(&token);
    let ring_key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, SECRET);
    group.bench_function("HS256/onejwt", |b| {
        b.iter(|| v.verify_at(black_box(&token), NOW).unwrap())
    });
    group.bench_function("HS256/floor", |b| {
        b.iter(|| ring::hmac::verify(&ring_key, black_box(&input), &sig).unwrap())
    });

    // Asymmetric: the floor is ring's signature check alone.
    let rsa = Key::from_pem(pem("rsa2048.pem")).unwrap();
    let rsa_pair = signature::RsaKeyPair::from_pkcs8(&der_of(&pem("rsa2048.pem"))).unwrap();
    let rsa_pub = rsa_pair.public().as_ref().to_vec();
    let p256 = Key::from_pem(pem("p256.pem")).unwrap();
    let rng = ring::rand::SystemRandom::new();
    let p256_pair = signature::EcdsaKeyPair::from_pkcs8(
        &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        &der_of(&pem("p256.pem")),
        &rng,
    )
    .unwrap();
    let p256_pub = p256_pair.public_key().as_ref().to_vec();
    let ed = Key::from_pem(pem("ed25519.pem")).unwrap();
    let ed_pair =
        signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(&der_of(&pem("ed25519.pem")))
            .unwrap();
    let ed_pub = ed_pair.public_key().as_ref().to_vec();

    let cases: [(&str, Key, &dyn signature::VerificationAlgorithm, Vec<u8>); 3] = [
        (
            "RS256",
            rsa,
            &signature::RSA_PKCS1_2048_8192_SHA256,
            rsa_pub,
        ),
        ("ES256", p256, &signature::ECDSA_P256_SHA256_FIXED, p256_pub),
        ("EdDSA", ed, &signature::ED25519, ed_pub),
    ];
    for (alg, key, floor_alg, public) in cases {
        let token = sign(&claims, &key, alg, &SignOptions::default()).unwrap();
        let v = verifier(key, alg);
        let (input, sig) = split(&token);
        group.bench_function(format!("{alg}/onejwt"), |b| {
            b.iter(|| v.verify_at(black_box(&token), NOW).unwrap())
        });
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
    let claims = claims();
    let mut group = c.benchmark_group("sign");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    let keys = [
        ("HS256", Key::hmac(SECRET).unwrap()),
        ("RS256", Key::from_pem(pem("rsa2048.pem")).unwrap()),
        ("ES256", Key::from_pem(pem("p256.pem")).unwrap()),
        ("EdDSA", Key::from_pem(pem("ed25519.pem")).unwrap()),
    ];
    for (alg, key) in keys {
        group.bench_function(alg, |b| {
            b.iter(|| sign(black_box(&claims), &key, alg, &SignOptions::default()).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_verify, bench_sign);
criterion_main!(benches);
