//! Rust stress: verifies the corpus mix (tests/stress/mix.py) N times, prints RSS before and after,
//! and fails if it grew beyond a bound or a verdict changed between rounds. Run under valgrind by
//! `make stress` for the leak check.
//!
//! Usage: onejwt-stress MIX.json [N] [MAX_GROWTH_MB]

use std::process::ExitCode;

use base64::Engine;
use onejwt::host::{verify_options, OptionNames};
use onejwt::{Key, KeySet, KeySource, Verifier};
use serde_json::Value;

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn build(case: &Value) -> Option<Verifier> {
    let (kind, value) = case["key"].as_object()?.iter().next()?;
    let source: KeySource = match (kind.as_str(), value) {
        ("hmac", Value::String(s)) => Key::hmac(s).ok()?.into(),
        ("hmac_base64url", Value::String(s)) => Key::hmac(
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(s)
                .ok()?,
        )
        .ok()?
        .into(),
        ("pem", Value::String(s)) => Key::from_pem(s).ok()?.into(),
        ("jwk", Value::Object(m)) => Key::from_jwk_map(m).ok()?.into(),
        ("jwk", Value::String(s)) => Key::from_jwk(s).ok()?.into(),
        ("jwks", Value::Object(m)) => KeySet::from_jwks_map(m).ok()?.into(),
        ("jwks", Value::String(s)) => KeySet::from_jwks(s).ok()?.into(),
        _ => return None,
    };
    let options =
        verify_options(case["options"].as_object()?, OptionNames::SnakeCase).ok()?;
    Verifier::new(source, options).ok()
}

fn verdict(verifier: &Verifier, token: &str, now: i64) -> String {
    match verifier.verify_at(token, now) {
        Ok(verified) => format!("ok {}", Value::Object(verified.claims().clone())),
        Err(err) => err.code().as_str().to_owned(),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: onejwt-stress MIX.json [N] [MAX_GROWTH_MB]");
        return ExitCode::from(2);
    };
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let bound: f64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20.0);
    let mix: Value = match std::fs::read_to_string(path).map(|t| serde_json::from_str(&t)) {
        Ok(Ok(mix)) => mix,
        _ => {
            eprintln!("cannot read {path}");
            return ExitCode::from(2);
        }
    };

    // Per bucket, the first candidate that builds and gives the bucket's verdict.
    let mut chosen = Vec::new();
    for (bucket, candidates) in mix["buckets"].as_object().into_iter().flatten() {
        let want = bucket.split(' ').next().unwrap_or_default();
        let found = candidates
            .as_array()
            .into_iter()
            .flatten()
            .find_map(|case| {
                let verifier = build(case)?;
                let token = case["token"].as_str()?.to_owned();
                let now = case["now"].as_i64()?;
                let got = verdict(&verifier, &token, now);
                (got.split(' ').next() == Some(want)).then_some((verifier, token, now, got))
            });
        match found {
            Some(entry) => chosen.push(entry),
            None => {
                eprintln!("rust: no candidate of bucket {bucket} gives its verdict");
                return ExitCode::FAILURE;
            }
        }
    }

    let before = rss_mb();
    let mut changed = 0usize;
    for i in 0..n {
        let (verifier, token, now, first) = &chosen[i % chosen.len()];
        if verdict(verifier, token, *now) != *first {
            changed += 1;
        }
    }
    let after = rss_mb();
    println!(
        "rust: {} tokens, {n} verifications, RSS {before:.1} MB -> {after:.1} MB (growth {:+.1} MB, bound {bound} MB); {changed} verdicts changed",
        chosen.len(),
        after - before
    );
    if after - before > bound || changed > 0 {
        println!("rust: FAIL");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
