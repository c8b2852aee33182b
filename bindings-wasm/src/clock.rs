//! Clock: the host's time on wasm32, where `SystemTime::now()` and `Instant::now()` trap.

use onejwt::service::Clock;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen]
extern "C" {
    // `performance.now()`, imported with `catch`: a host without `performance` throws a
    // ReferenceError, which must not unwind through Rust (latency is then not recorded).
    #[wasm_bindgen(catch, js_namespace = performance, js_name = now)]
    fn performance_now() -> Result<f64, JsValue>;
}

/// `Date.now()` for wall time (through the core's time rule) and `performance.now()` for latency.
/// Holds nothing, so it is `Send + Sync` as the core's `Clock` requires; it only ever runs on the
/// thread that called into the module.
#[derive(Clone, Copy, Debug)]
pub(crate) struct HostClock;

impl Clock for HostClock {
    fn unix_seconds(&self) -> i64 {
        // Date.now() is a finite millisecond count within a Date's range on every host.
        onejwt::host::unix_seconds(js_sys::Date::now() / 1000.0, "now").unwrap_or(0)
    }

    fn monotonic_micros(&self) -> Option<u64> {
        let millis = performance_now().ok()?;
        // Truncation is the intent: whole microseconds, finite and non-negative checked first.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        (millis.is_finite() && millis >= 0.0).then_some((millis * 1000.0) as u64)
    }
}
