//! Clock: the `now` argument (Unix seconds or an aware `datetime`) as the core's whole seconds.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyFloat, PyInt, PyType};

use crate::convert::type_name;

static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `None` means "the system clock" (the core reads it); otherwise whole Unix seconds.
///
/// `int` is taken as is, `float` and `datetime.timestamp()` are floored (the core's clock has
/// one-second resolution, and flooring never moves `now` past an `exp`). A naive `datetime` is
/// refused: its meaning depends on the machine's time zone.
pub(crate) fn now_seconds(now: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    let Some(now) = now else {
        return Ok(None);
    };
    if now.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(
            "now must be int, float or datetime, not bool",
        ));
    }
    if let Ok(int) = now.cast::<PyInt>() {
        return int
            .extract::<i64>()
            .map(Some)
            .map_err(|_| PyValueError::new_err("now is outside the 64-bit range of Unix seconds"));
    }
    if let Ok(float) = now.cast::<PyFloat>() {
        return floor_seconds(float.value()).map(Some);
    }
    let datetime = DATETIME.import(now.py(), "datetime", "datetime")?;
    if now.is_instance(datetime)? {
        if now.call_method0("utcoffset")?.is_none() {
            return Err(PyValueError::new_err(
                "now must be a timezone-aware datetime (a naive one depends on the local time zone)",
            ));
        }
        let timestamp: f64 = now.call_method0("timestamp")?.extract()?;
        return floor_seconds(timestamp).map(Some);
    }
    Err(PyTypeError::new_err(format!(
        "now must be int, float or datetime, not {}",
        type_name(now)
    )))
}

fn floor_seconds(seconds: f64) -> PyResult<i64> {
    let floored = seconds.floor();
    // i64::MIN is exactly representable, i64::MAX is not: the open upper bound is 2^63.
    if floored.is_finite() && floored >= i64::MIN as f64 && floored < 9_223_372_036_854_775_808.0 {
        Ok(floored as i64)
    } else {
        Err(PyValueError::new_err(
            "now must be a finite number of Unix seconds in the 64-bit range",
        ))
    }
}
