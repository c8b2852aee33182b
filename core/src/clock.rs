//! Clock: the one place that reads the system time (never on wasm32, where it traps).

/// The current time in whole Unix seconds (negative before 1970).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn unix_now() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}
