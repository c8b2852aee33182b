//! Clock: where a service reads wall time and a monotonic timer (injectable; wasm32 hosts supply
//! their own, since `SystemTime::now()` and `Instant::now()` trap there).

use std::sync::Arc;

/// A source of time for a [`TokenService`](crate::service::TokenService).
///
/// ```
/// use onejwt::service::Clock;
/// struct Fixed;
/// impl Clock for Fixed {
///     fn unix_seconds(&self) -> i64 { 1_700_000_000 }
///     fn monotonic_micros(&self) -> Option<u64> { None }
/// }
/// assert_eq!(Fixed.unix_seconds(), 1_700_000_000);
/// ```
pub trait Clock: Send + Sync {
    /// The current time in Unix seconds.
    fn unix_seconds(&self) -> i64;
    /// A monotonic reading in microseconds for latency metrics, or `None` when the host has none
    /// (latency is then not recorded).
    fn monotonic_micros(&self) -> Option<u64>;
}

/// The process clock: `SystemTime` and `Instant`. Not available on `wasm32-unknown-unknown`.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
impl Clock for SystemClock {
    fn unix_seconds(&self) -> i64 {
        crate::clock::unix_now()
    }

    fn monotonic_micros(&self) -> Option<u64> {
        use std::sync::OnceLock;
        use std::time::Instant;
        static START: OnceLock<Instant> = OnceLock::new();
        let start = START.get_or_init(Instant::now);
        Some(u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX))
    }
}

/// A shared clock handle.
pub(crate) type SharedClock = Arc<dyn Clock>;
