//! `make bench-rust`: onejwt against its floor, interleaved in one process, written to
//! `$CARGO_TARGET_DIR/bench/rust.json` for `bench/report.py` (the BENCHMARKS.md table).
//!
//! The method every runtime's benchmark shares: the correctness gate first (nothing that fails
//! it is timed), a discarded warm-up round, then `ONEJWT_BENCH_ROUNDS` rounds (default 21;
//! `ONEJWT_BENCH_QUICK=1`: 5) in which each contender runs one calibrated batch (~25 ms) in
//! rotated order (A B, B A, …), recording wall and process-CPU time per operation; medians of the
//! rounds are reported. `ONEJWT_BENCH_ONLY=<alg>` limits the run to one algorithm. On a shared 2-core machine absolute times are noise: read the ratios.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use cpu_time::ProcessTime;
use onejwt::{sign, SignOptions};
use serde_json::{json, Value};

mod common;
use common::{contenders, fixtures, Floor};

const BATCH_TARGET: Duration = Duration::from_millis(25);

struct Row<'a> {
    name: &'static str,
    op: Box<dyn FnMut() + 'a>,
    note: &'static str,
}

/// The Rust crate most projects use, as a peer row. It cannot take an injected clock, so its
/// `exp` check is off and the gate skips the expired token for it (said in the row's note); every
/// other gate token must be refused.
struct JsonWebToken {
    key: jsonwebtoken::DecodingKey,
    validation: jsonwebtoken::Validation,
}

impl JsonWebToken {
    fn new(f: &Value, alg: &str) -> JsonWebToken {
        use jsonwebtoken::{Algorithm, DecodingKey, Validation};
        let entry = &f["algorithms"][alg];
        let public = || entry["public_pem"].as_str().unwrap().as_bytes();
        let (algorithm, key) = match alg {
            "HS256" => (
                Algorithm::HS256,
                DecodingKey::from_secret(entry["secret"].as_str().unwrap().as_bytes()),
            ),
            "RS256" => (
                Algorithm::RS256,
                DecodingKey::from_rsa_pem(public()).unwrap(),
            ),
            "ES256" => (
                Algorithm::ES256,
                DecodingKey::from_ec_pem(public()).unwrap(),
            ),
            _ => (
                Algorithm::EdDSA,
                DecodingKey::from_ed_pem(public()).unwrap(),
            ),
        };
        let mut validation = Validation::new(algorithm);
        validation.leeway = 0;
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        validation.set_issuer(&[f["issuer"].as_str().unwrap()]);
        validation.set_audience(&[f["audience"].as_str().unwrap()]);
        let peer = JsonWebToken { key, validation };
        let claims = peer
            .verify(entry["token"].as_str().unwrap())
            .expect("gate: valid token");
        assert_eq!(
            Value::Object(claims),
            f["claims"],
            "gate: jsonwebtoken claims"
        );
        for (name, bad) in entry["gate"].as_object().unwrap() {
            if name != "expired" {
                let refused = peer.verify(bad.as_str().unwrap()).is_err();
                assert!(refused, "gate: jsonwebtoken accepted the {name} token");
            }
        }
        peer
    }

    fn verify(
        &self,
        token: &str,
    ) -> Result<serde_json::Map<String, Value>, jsonwebtoken::errors::Error> {
        jsonwebtoken::decode(token, &self.key, &self.validation).map(|data| data.claims)
    }
}

/// Medians (wall ns/op, CPU ns/op) of each contender, interleaved round by round.
fn measure(rows: &mut [Row<'_>], rounds: usize, quick: bool) -> Vec<(f64, f64)> {
    let target = if quick {
        BATCH_TARGET / 5
    } else {
        BATCH_TARGET
    };
    let batches: Vec<u64> = rows
        .iter_mut()
        .map(|r| calibrate(&mut r.op, target))
        .collect();
    let n = rows.len();
    let mut samples = vec![(Vec::new(), Vec::new()); n];
    for round in 0..=rounds {
        for i in 0..n {
            let at = (round + i) % n;
            let (wall, cpu) = batch(&mut rows[at].op, batches[at]);
            if round > 0 {
                samples[at].0.push(wall);
                samples[at].1.push(cpu);
            }
        }
    }
    samples
        .into_iter()
        .map(|(wall, cpu)| (median(wall), median(cpu)))
        .collect()
}

fn calibrate(op: &mut dyn FnMut(), target: Duration) -> u64 {
    let mut calls = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..calls {
            op();
        }
        if start.elapsed() >= target / 4 || calls >= 1 << 24 {
            let per_call = start.elapsed().as_secs_f64() / calls as f64;
            return ((target.as_secs_f64() / per_call) as u64).max(1);
        }
        calls *= 2;
    }
}

fn batch(op: &mut dyn FnMut(), calls: u64) -> (f64, f64) {
    let (wall, cpu) = (Instant::now(), ProcessTime::now());
    for _ in 0..calls {
        op();
    }
    let per = |d: Duration| d.as_nanos() as f64 / calls as f64;
    (per(wall.elapsed()), per(cpu.elapsed()))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Resident set size in KiB, from /proc (Linux).
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn group(name: String, reference: &str, rows: &mut [Row<'_>], rounds: usize, quick: bool) -> Value {
    let medians = measure(rows, rounds, quick);
    let rows: Vec<Value> = rows
        .iter()
        .zip(&medians)
        .map(|(row, (wall, cpu))| json!({"name": row.name, "wall_ns": wall, "cpu_ns": cpu, "note": row.note}))
        .collect();
    for row in &rows {
        println!(
            "{name:<14} {:<22} {:>10.0} ns wall {:>10.0} ns cpu",
            row["name"].as_str().unwrap(),
            row["wall_ns"].as_f64().unwrap(),
            row["cpu_ns"].as_f64().unwrap()
        );
    }
    json!({"name": name, "reference": reference, "rows": rows, "skipped": []})
}

fn main() {
    // `cargo bench` passes `--bench`; this harness takes no arguments of its own.
    let quick = std::env::var("ONEJWT_BENCH_QUICK").is_ok_and(|v| v == "1");
    let rounds = std::env::var("ONEJWT_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 5 } else { 21 });
    let f = fixtures();
    let now = f["now"].as_i64().unwrap();
    let claims = f["claims"].as_object().unwrap().clone();
    let mut groups = Vec::new();
    let mut memory = Vec::new();
    // `ONEJWT_BENCH_ONLY=HS256` times one algorithm (for profiling).
    let only = std::env::var("ONEJWT_BENCH_ONLY").ok();
    for k in contenders(&f) {
        if only.as_ref().is_some_and(|alg| *alg != k.alg) {
            continue;
        }
        let floor = Floor::new(&f, &k);
        let peer = JsonWebToken::new(&f, &k.alg);
        let mut rows = [
            Row {
                name: "onejwt",
                op: Box::new(|| {
                    black_box(k.verifier.verify_at(black_box(&k.token), now).unwrap());
                }),
                note: "",
            },
            Row {
                name: "floor",
                op: Box::new(|| assert!(floor.check())),
                note: "ring's signature check alone, key pre-parsed",
            },
            Row {
                name: "jsonwebtoken 9 (ring)",
                op: Box::new(|| {
                    black_box(peer.verify(black_box(&k.token)).unwrap());
                }),
                note: "exp not checked: it reads the system clock, the fixtures' clock is fixed",
            },
        ];
        groups.push(group(
            format!("{} verify", k.alg),
            "floor",
            &mut rows,
            rounds,
            quick,
        ));
        let mut rows = [Row {
            name: "onejwt",
            op: Box::new(|| {
                black_box(
                    sign(black_box(&claims), &k.key, &k.alg, &SignOptions::default()).unwrap(),
                );
            }),
            note: "",
        }];
        groups.push(group(
            format!("{} sign", k.alg),
            "onejwt",
            &mut rows,
            rounds,
            quick,
        ));
        if k.alg == "HS256" && !quick {
            let calls = 1_000_000;
            for _ in 0..10_000 {
                black_box(k.verifier.verify_at(&k.token, now).unwrap());
            }
            let before = rss_kib();
            for _ in 0..calls {
                black_box(k.verifier.verify_at(&k.token, now).unwrap());
            }
            let after = rss_kib();
            println!(
                "memory: RSS {before:?} KiB -> {after:?} KiB over {calls} HS256 verifications"
            );
            memory.push(json!({"name": "onejwt HS256 verify", "calls": calls,
                               "rss_before_kib": before, "rss_after_kib": after}));
        }
    }
    // This crate's version is the workspace's, which onejwt inherits too.
    let report = json!({
        "runtime": "rust",
        "title": format!("Rust (onejwt {}, release, ring 0.17)", env!("CARGO_PKG_VERSION")),
        "versions": {"onejwt": env!("CARGO_PKG_VERSION")},
        "rounds": rounds,
        "groups": groups,
        "memory": memory,
    });
    let dir = std::path::PathBuf::from(
        std::env::var("CARGO_TARGET_DIR")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").to_owned()),
    )
    .join("bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("rust.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap() + "\n").unwrap();
    println!("wrote {}", path.display());
}
