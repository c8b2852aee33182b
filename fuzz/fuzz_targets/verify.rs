//! Fuzz target `verify`: `Verifier::verify_at` over arbitrary tokens, with every key family and
//! options drawn from the input, never panics; anything it accepts obeys the options.
//!
//! Input: 8 option bytes, then the token. The key table (`fixtures/keys.json`) and the option
//! tables below must match `fuzz/seeds.py`, which writes seeds in this layout from the corpus.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use onejwt::{Key, KeySet, KeySource, Verifier, VerifyOptions};
use serde_json::Value;

const ALGS: [&str; 16] = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "EdDSA", "ES512", "ES256K", "none", "HS1",
];
const LEEWAY: [u64; 8] = [0, 1, 10, 60, 300, 3600, 1 << 32, u64::MAX];
const TYP: [Option<&str>; 8] = [
    None,
    Some("JWT"),
    Some("at+jwt"),
    Some("application/at+jwt"),
    Some("jwt"),
    Some(""),
    Some("JOSE"),
    Some("application/jwt"),
];
const MAX_AGE: [Option<u64>; 8] = [
    None,
    Some(0),
    Some(60),
    Some(300),
    Some(3600),
    Some(1 << 63),
    Some(1),
    Some(600),
];
const ISSUER: [&[&str]; 4] = [
    &[],
    &["https://auth.example.com/"],
    &["https://issuer.example.com"],
    &["https://a.example", "https://b.example"],
];
const AUDIENCE: [&[&str]; 4] = [&[], &["https://api.example.com"], &["api"], &["api", "web"]];
const REQUIRED: [&str; 4] = ["sub", "iat", "exp", "jti"];
const NOW: [i64; 8] = [
    1_700_000_000,
    1_300_819_370,
    0,
    -1,
    i64::MAX,
    i64::MIN,
    1_700_003_600,
    1_699_999_940,
];
const MAX_TOKEN_BYTES: [Option<usize>; 4] = [None, Some(152), Some(4096), Some(10)];

/// The key table, built once: a key that the core refuses stays in as `None` (its index then
/// only exercises the refusal, which happened at load).
fn keys() -> &'static [Option<KeySource>] {
    static KEYS: OnceLock<Vec<Option<KeySource>>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let forms: Vec<Value> = serde_json::from_str(include_str!("../fixtures/keys.json"))
            .expect("fixtures/keys.json is a JSON list");
        forms
            .iter()
            .map(|form| {
                let (kind, value) = form.as_object()?.iter().next()?;
                match (kind.as_str(), value) {
                    ("hmac", Value::String(s)) => Key::hmac(s).ok().map(KeySource::Key),
                    ("pem", Value::String(s)) => Key::from_pem(s).ok().map(KeySource::Key),
                    ("jwk", Value::Object(m)) => Key::from_jwk_map(m).ok().map(KeySource::Key),
                    ("jwks", Value::Object(m)) => {
                        KeySet::from_jwks_map(m).ok().map(KeySource::KeySet)
                    }
                    _ => None,
                }
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((ctrl, token)) = data.split_first_chunk::<8>() else {
        return;
    };
    let keys = keys();
    let Some(source) = &keys[usize::from(ctrl[0]) % keys.len()] else {
        return;
    };
    let mask = u16::from_le_bytes([ctrl[1], ctrl[2]]);
    let algs: Vec<&str> = (0..16)
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| ALGS[i])
        .collect();
    let leeway = LEEWAY[usize::from(ctrl[3] & 7)];
    let typ = TYP[usize::from(ctrl[4] & 7)];
    let max_age = MAX_AGE[usize::from((ctrl[4] >> 3) & 7)];
    let issuers = ISSUER[usize::from(ctrl[5] & 3)];
    let audiences = AUDIENCE[usize::from((ctrl[5] >> 2) & 3)];
    let required: Vec<&str> = (0..4)
        .filter(|i| ctrl[5] & (1 << (4 + i)) != 0)
        .map(|i| REQUIRED[i])
        .collect();
    let now = NOW[usize::from(ctrl[6] & 7)].saturating_add(i64::from(ctrl[7] as i8) * 60);
    let max_token_bytes = MAX_TOKEN_BYTES[usize::from((ctrl[6] >> 3) & 3)];

    let mut options = VerifyOptions::new(algs.iter().copied()).leeway(leeway);
    for issuer in issuers {
        options = options.issuer(*issuer);
    }
    for audience in audiences {
        options = options.audience(*audience);
    }
    options = options.required(required.iter().copied());
    if let Some(typ) = typ {
        options = options.typ(typ);
    }
    if let Some(max_age) = max_age {
        options = options.max_age(max_age);
    }
    if let Some(bytes) = max_token_bytes {
        options = options.max_token_bytes(bytes);
    }
    // Refused options (an empty or `none` allow-list, …) are caller errors, not verdicts.
    let Ok(verifier) = Verifier::new(source.clone(), options) else {
        return;
    };

    let verified = match verifier.verify_at(token, now) {
        Ok(verified) => verified,
        Err(err) => {
            // Messages are for logs: bounded, whatever the input size.
            assert!(err.message().len() <= 1024, "unbounded error message");
            return;
        }
    };

    // The claims re-serialise and read back the same; the signed JSON parses to them.
    let claims = verified.claims();
    let text = serde_json::to_string(claims).expect("claims serialise");
    let back: serde_json::Map<String, Value> =
        serde_json::from_str(&text).expect("claims re-parse");
    assert_eq!(&back, claims);
    let signed: serde_json::Map<String, Value> =
        serde_json::from_slice(onejwt::host::claims_json(&verified)).expect("signed claims parse");
    assert_eq!(&signed, claims);

    // Anything accepted obeys the options.
    let alg = verified
        .header()
        .alg()
        .expect("an accepted token has an alg");
    assert!(
        algs.contains(&alg),
        "accepted alg {alg} outside the allow-list"
    );
    assert_ne!(alg.to_ascii_lowercase(), "none");
    if let Some(bytes) = max_token_bytes {
        assert!(
            token.len() <= bytes,
            "accepted a token over max_token_bytes"
        );
    }
    for name in &required {
        // A null claim does not satisfy `required` (issue 12).
        assert!(
            claims.get(*name).is_some_and(|v| !v.is_null()),
            "accepted without required {name}"
        );
    }
    // JWE parameters on a JWS are refused (issue 12).
    for name in ["zip", "enc"] {
        assert!(
            verified.header().get(name).is_none(),
            "accepted a header with {name}"
        );
    }
    if !issuers.is_empty() {
        let iss = claims.get("iss").and_then(Value::as_str);
        assert!(
            iss.is_some_and(|iss| issuers.contains(&iss)),
            "accepted a foreign iss"
        );
    }
    match claims.get("aud") {
        None => assert!(audiences.is_empty(), "accepted without aud"),
        Some(aud) => {
            assert!(
                !audiences.is_empty(),
                "accepted aud with no audience configured"
            );
            let found = match aud {
                Value::String(s) => audiences.contains(&s.as_str()),
                Value::Array(list) => list
                    .iter()
                    .any(|a| a.as_str().is_some_and(|a| audiences.contains(&a))),
                _ => false,
            };
            assert!(found, "accepted a foreign aud");
        }
    }
    // RFC 7519 §4.1.4, in the core's arithmetic (seconds as f64).
    if let Some(exp) = claims.get("exp").and_then(Value::as_f64) {
        assert!(
            exp > now as f64 - leeway as f64,
            "accepted an expired token"
        );
    }
    if max_age.is_some() {
        assert!(
            claims.contains_key("iat"),
            "max_age accepted a token without iat"
        );
    }
});
