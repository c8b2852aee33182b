//! Metrics: lock-free counters and a latency histogram, as a JSON object or Prometheus text.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use serde_json::{json, Map, Value};

use crate::error::ErrorCode;

/// Latency histogram bucket upper bounds, in microseconds (Prometheus `le` labels in seconds).
const BUCKETS_US: [u64; 10] = [5, 10, 25, 50, 100, 250, 500, 1_000, 5_000, 25_000];

#[derive(Default)]
pub(crate) struct Metrics {
    verifications: AtomicU64,
    successes: AtomicU64,
    failures: [AtomicU64; ErrorCode::ALL.len()],
    cache_hits: AtomicU64,
    cache_misses: AtomicU64,
    issued_access: AtomicU64,
    issued_refresh: AtomicU64,
    revoked: AtomicU64,
    latency_count: AtomicU64,
    latency_sum_us: AtomicU64,
    latency_max_us: AtomicU64,
    latency_buckets: [AtomicU64; BUCKETS_US.len()],
}

/// What a service counts.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Event {
    CacheHit,
    CacheMiss,
    IssuedAccess,
    IssuedRefresh,
    Revoked,
}

impl Metrics {
    pub(crate) fn count(&self, event: Event) {
        let counter = match event {
            Event::CacheHit => &self.cache_hits,
            Event::CacheMiss => &self.cache_misses,
            Event::IssuedAccess => &self.issued_access,
            Event::IssuedRefresh => &self.issued_refresh,
            Event::Revoked => &self.revoked,
        };
        counter.fetch_add(1, Relaxed);
    }

    /// Records one verification's outcome and, when the host has a timer, its latency.
    pub(crate) fn verification(&self, outcome: Result<(), ErrorCode>, micros: Option<u64>) {
        self.verifications.fetch_add(1, Relaxed);
        match outcome {
            Ok(()) => self.successes.fetch_add(1, Relaxed),
            Err(code) => {
                let index = ErrorCode::ALL.iter().position(|c| *c == code).unwrap_or(0);
                self.failures[index].fetch_add(1, Relaxed)
            }
        };
        if let Some(us) = micros {
            self.latency_count.fetch_add(1, Relaxed);
            self.latency_sum_us.fetch_add(us, Relaxed);
            self.latency_max_us.fetch_max(us, Relaxed);
            for (bound, bucket) in BUCKETS_US.iter().zip(&self.latency_buckets) {
                if us <= *bound {
                    bucket.fetch_add(1, Relaxed);
                }
            }
        }
    }

    /// A plain JSON object of every counter.
    pub(crate) fn snapshot(&self) -> Map<String, Value> {
        let failures: Map<String, Value> = ErrorCode::ALL
            .iter()
            .zip(&self.failures)
            .map(|(code, n)| (code.as_str().to_owned(), Value::from(n.load(Relaxed))))
            .collect();
        let count = self.latency_count.load(Relaxed);
        let sum = self.latency_sum_us.load(Relaxed);
        let value = json!({
            "verifications": self.verifications.load(Relaxed),
            "successes": self.successes.load(Relaxed),
            "failures": failures,
            "cache_hits": self.cache_hits.load(Relaxed),
            "cache_misses": self.cache_misses.load(Relaxed),
            "issued_access": self.issued_access.load(Relaxed),
            "issued_refresh": self.issued_refresh.load(Relaxed),
            "revoked": self.revoked.load(Relaxed),
            "latency_us": {
                "count": count,
                "sum": sum,
                "mean": if count == 0 { 0.0 } else { sum as f64 / count as f64 },
                "max": self.latency_max_us.load(Relaxed),
            },
        });
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    /// The counters in the Prometheus text exposition format (version 0.0.4).
    pub(crate) fn prometheus(&self) -> String {
        let mut out = String::new();
        let mut counter = |name: &str, help: &str, value: u64| {
            let _ = writeln!(
                out,
                "# HELP onejwt_{name} {help}\n# TYPE onejwt_{name} counter"
            );
            let _ = writeln!(out, "onejwt_{name} {value}");
        };
        counter(
            "verifications_total",
            "Token verifications attempted.",
            self.verifications.load(Relaxed),
        );
        counter(
            "verification_successes_total",
            "Token verifications that succeeded.",
            self.successes.load(Relaxed),
        );
        counter(
            "cache_hits_total",
            "Verifications answered by the validation cache.",
            self.cache_hits.load(Relaxed),
        );
        counter(
            "cache_misses_total",
            "Verifications not found in the validation cache.",
            self.cache_misses.load(Relaxed),
        );
        counter(
            "issued_access_total",
            "Access tokens issued.",
            self.issued_access.load(Relaxed),
        );
        counter(
            "issued_refresh_total",
            "Refresh tokens issued.",
            self.issued_refresh.load(Relaxed),
        );
        counter(
            "revocations_total",
            "Tokens revoked.",
            self.revoked.load(Relaxed),
        );
        let _ = writeln!(
            out,
            "# HELP onejwt_verification_failures_total Token verifications that failed, by error code.\n# TYPE onejwt_verification_failures_total counter"
        );
        for (code, n) in ErrorCode::ALL.iter().zip(&self.failures) {
            let _ = writeln!(
                out,
                "onejwt_verification_failures_total{{code=\"{}\"}} {}",
                code.as_str(),
                n.load(Relaxed)
            );
        }
        let _ = writeln!(
            out,
            "# HELP onejwt_verification_seconds Verification latency.\n# TYPE onejwt_verification_seconds histogram"
        );
        for (bound, bucket) in BUCKETS_US.iter().zip(&self.latency_buckets) {
            let _ = writeln!(
                out,
                "onejwt_verification_seconds_bucket{{le=\"{}\"}} {}",
                *bound as f64 / 1e6,
                bucket.load(Relaxed)
            );
        }
        let count = self.latency_count.load(Relaxed);
        let _ = writeln!(
            out,
            "onejwt_verification_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(
            out,
            "onejwt_verification_seconds_sum {}",
            self.latency_sum_us.load(Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "onejwt_verification_seconds_count {count}");
        out
    }
}
