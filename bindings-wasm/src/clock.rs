//! Clock: the verification time, from the caller's `now` or the host's `Date.now()`.
//!
//! `SystemTime::now()` traps on wasm32-unknown-unknown (the core compiles `Verifier::verify` out
//! there), so every verification goes through `verify_at` with the time read here.

use js_sys::Date;
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::option_type_error;

/// The time for one verification: `now` is the per-call option (Unix seconds, floored, or a
/// `Date`), which `api.mjs` takes from the call's options object; `undefined` means the host's
/// current time.
pub(crate) fn now(now: &JsValue) -> Result<i64, JsValue> {
    let given = !now.is_undefined();
    let now = if given {
        now.clone()
    } else {
        JsValue::from_f64(Date::now() / 1000.0)
    };
    unix_seconds(&now).ok_or_else(|| {
        option_type_error(
            "now",
            if given {
                "must be Unix seconds (a finite number) or a valid Date"
            } else {
                "the host clock is not a valid time"
            },
        )
    })
}

/// Unix seconds from a number or a `Date` (its millisecond time value); `None` when `value` is
/// neither, `NaN` (an invalid `Date`), infinite or beyond the range of an `i64`.
fn unix_seconds(value: &JsValue) -> Option<i64> {
    let seconds = match (value.as_f64(), value.dyn_ref::<Date>()) {
        (Some(seconds), _) => seconds,
        (None, Some(date)) => date.get_time() / 1000.0,
        (None, None) => return None,
    };
    let floored = seconds.floor();
    // i64 covers ±292 billion years; anything outside (or NaN) is not a time.
    (floored.is_finite() && floored.abs() < 9.2e18).then_some(floored as i64)
}

/// The `now` option of a service call: `Ok(None)` for `undefined`/`null`, so the service reads its
/// own clock ([`HostClock`]).
#[cfg(feature = "service")]
pub(crate) fn given(now: &JsValue) -> Result<Option<i64>, JsValue> {
    if now.is_undefined() || now.is_null() {
        return Ok(None);
    }
    unix_seconds(now).map(Some).ok_or_else(|| {
        option_type_error(
            "now",
            "must be Unix seconds (a finite number) or a valid Date",
        )
    })
}

#[cfg(feature = "service")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    // `performance.now()`, imported with `catch`: a host without `performance` throws a
    // ReferenceError, which must not unwind through Rust (latency is then not recorded).
    #[wasm_bindgen(catch, js_namespace = performance, js_name = now)]
    fn performance_now() -> Result<f64, JsValue>;
}

/// A `TokenService`'s clock on wasm32: `Date.now()` for wall time (`SystemTime::now()` traps
/// here) and `performance.now()` for latency. Holds nothing, so it is `Send + Sync` as the core's
/// `Clock` requires; it only ever runs on the thread that called into the module.
#[cfg(feature = "service")]
#[derive(Clone, Copy, Debug)]
pub(crate) struct HostClock;

#[cfg(feature = "service")]
impl onejwt::Clock for HostClock {
    fn unix_seconds(&self) -> i64 {
        // Date.now() is a finite millisecond count on every host; out of range would be 0.
        unix_seconds(&JsValue::from_f64(Date::now() / 1000.0)).unwrap_or(0)
    }

    fn monotonic_micros(&self) -> Option<u64> {
        let millis = performance_now().ok()?;
        (millis.is_finite() && millis >= 0.0).then_some((millis * 1000.0) as u64)
    }
}
