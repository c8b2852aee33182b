//! Criterion benchmarks: verification per algorithm next to its floor (the bare signature check
//! over the same bytes, same binary, same run), and signing.
//!
//! Keys and tokens are the shared fixtures of every runtime's benchmark
//! (`bench/fixtures.json`, made by `bench/make_fixtures.py`). Each algorithm first
//! passes the correctness gate (the valid token verifies, every gate token is refused); read the
//! ratio `onejwt / floor`: absolute times on a shared machine are noise.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use onejwt::{sign, SignOptions};

mod common;
use common::{contenders, fixtures, Floor};

fn bench_verify(c: &mut Criterion) {
    let f = fixtures();
    let now = f["now"].as_i64().unwrap();
    let mut group = c.benchmark_group("verify");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for k in contenders(&f) {
        let floor = Floor::new(&f, &k);
        let (alg, token, verifier) = (&k.alg, &k.token, &k.verifier);
        group.bench_function(format!("{alg}/onejwt"), |b| {
            b.iter(|| verifier.verify_at(black_box(token), now).unwrap())
        });
        group.bench_function(format!("{alg}/floor"), |b| {
            b.iter(|| assert!(floor.check()))
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
