//! Metrics: lock-free counters and a latency histogram, as a JSON object or Prometheus text.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use serde_json::{Map, Number, Value};

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
    sessions_started: AtomicU64,
    sessions_refused: AtomicU64,
    sessions_reused: AtomicU64,
    store_errors: AtomicU64,
    keys_rotated: AtomicU64,
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
    /// A login started a session.
    SessionStarted,
    /// A login was refused: the store is full of live sessions.
    SessionRefused,
    /// A refresh token was presented again: its session is revoked.
    SessionReused,
    /// The store failed, timed out or answered nonsense (the call failed closed).
    StoreError,
    /// A rotation made a new key the signing key.
    KeyRotated,
}

impl Metrics {
    pub(crate) fn count(&self, event: Event) {
        let counter = match event {
            Event::CacheHit => &self.cache_hits,
            Event::CacheMiss => &self.cache_misses,
            Event::IssuedAccess => &self.issued_access,
            Event::IssuedRefresh => &self.issued_refresh,
            Event::Revoked => &self.revoked,
            Event::SessionStarted => &self.sessions_started,
            Event::SessionRefused => &self.sessions_refused,
            Event::SessionReused => &self.sessions_reused,
            Event::StoreError => &self.store_errors,
            Event::KeyRotated => &self.keys_rotated,
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
        let mean = if count == 0 {
            0.0
        } else {
            sum as f64 / count as f64
        };
        // Built member by member rather than with `json!`, which links serde_json's value
        // serializer into the WASM module for this one object.
        let latency: Map<String, Value> = [
            ("count", Value::from(count)),
            ("sum", Value::from(sum)),
            ("mean", Value::from(mean)),
            ("max", Value::from(self.latency_max_us.load(Relaxed))),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
        let mut map = Map::new();
        for (name, counter) in [
            ("verifications", &self.verifications),
            ("successes", &self.successes),
        ] {
            map.insert(name.to_owned(), Value::from(counter.load(Relaxed)));
        }
        map.insert("failures".to_owned(), Value::Object(failures));
        for (name, counter) in [
            ("cache_hits", &self.cache_hits),
            ("cache_misses", &self.cache_misses),
            ("issued_access", &self.issued_access),
            ("issued_refresh", &self.issued_refresh),
            ("revoked", &self.revoked),
            ("sessions_started", &self.sessions_started),
            ("sessions_refused", &self.sessions_refused),
            ("sessions_reused", &self.sessions_reused),
            ("store_errors", &self.store_errors),
            ("keys_rotated", &self.keys_rotated),
        ] {
            map.insert(name.to_owned(), Value::from(counter.load(Relaxed)));
        }
        map.insert("latency_us".to_owned(), Value::Object(latency));
        map
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
            "Tokens and sessions revoked.",
            self.revoked.load(Relaxed),
        );
        counter(
            "sessions_started_total",
            "Sessions started by a login.",
            self.sessions_started.load(Relaxed),
        );
        counter(
            "sessions_refused_total",
            "Logins refused because the session store is full of live sessions.",
            self.sessions_refused.load(Relaxed),
        );
        counter(
            "sessions_reused_total",
            "Sessions revoked because one of their refresh tokens was used twice.",
            self.sessions_reused.load(Relaxed),
        );
        counter(
            "store_errors_total",
            "Calls that failed closed because the session store failed, timed out or answered nonsense.",
            self.store_errors.load(Relaxed),
        );
        counter(
            "keys_rotated_total",
            "Rotations that made a new key the signing key.",
            self.keys_rotated.load(Relaxed),
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
            out.push_str("onejwt_verification_seconds_bucket{le=\"");
            push_seconds(&mut out, *bound);
            let _ = writeln!(out, "\"}} {}", bucket.load(Relaxed));
        }
        let count = self.latency_count.load(Relaxed);
        let _ = writeln!(
            out,
            "onejwt_verification_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        out.push_str("onejwt_verification_seconds_sum ");
        push_seconds(&mut out, self.latency_sum_us.load(Relaxed));
        out.push('\n');
        let _ = writeln!(out, "onejwt_verification_seconds_count {count}");
        out
    }
}

/// Appends `micros` in seconds exactly as `{}` prints `micros as f64 / 1e6` (shortest round-trip
/// digits, never an exponent), without linking `f64`'s `Display`: its two formatting algorithms
/// are ~14 KB of the WASM module. Below 10^15 (31 years of summed latency) the decimal
/// `micros / 10^6` has at most 15 significant digits, so it is itself the shortest text that
/// round-trips; above, serde_json's shortest digits (already linked) are written out in full.
fn push_seconds(out: &mut String, micros: u64) {
    if micros < 1_000_000_000_000_000 {
        let _ = write!(out, "{}", micros / 1_000_000);
        let mut fraction = micros % 1_000_000;
        if fraction != 0 {
            let mut len = 6;
            while fraction % 10 == 0 {
                fraction /= 10;
                len -= 1;
            }
            let mut digits = [b'0'; 6];
            for digit in digits[..len].iter_mut().rev() {
                *digit = b'0' + (fraction % 10) as u8;
                fraction /= 10;
            }
            out.push('.');
            out.push_str(std::str::from_utf8(&digits[..len]).unwrap_or_default());
        }
        return;
    }
    if let Some(shortest) = Number::from_f64(micros as f64 / 1e6) {
        push_plain(out, &shortest.to_string());
    }
}

/// Writes serde_json's float text of a value of at least 10^9 (`1.5e16`, `1234567890.5`) as a
/// plain decimal (`15000000000000000`, `1234567890.5`), as `f64`'s `Display` does.
fn push_plain(out: &mut String, text: &str) {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<usize>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let fraction = fraction.trim_end_matches('0');
    out.push_str(whole);
    let shift = exponent.min(fraction.len());
    out.push_str(fraction.get(..shift).unwrap_or_default());
    out.extend(std::iter::repeat_n('0', exponent - shift));
    let rest = fraction.get(shift..).unwrap_or_default();
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::push_seconds;

    #[test]
    fn seconds_text_is_f64_display() {
        let mut values: Vec<u64> = vec![0, 1, 5, 10, 25, 999_999, 1_000_000, 1_000_001, 25_000];
        values.extend([123_456_789, 999_999_999_999_999, 1_000_000_000_000_000]);
        values.extend([
            (1 << 53) - 1,
            1 << 53,
            (1 << 53) + 1,
            12_345_678_901_234_567,
            u64::MAX,
        ]);
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for shift in 0..64 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            values.push(x >> shift);
        }
        for micros in values {
            let mut text = String::new();
            push_seconds(&mut text, micros);
            assert_eq!(text, format!("{}", micros as f64 / 1e6), "{micros}");
        }
    }
}
