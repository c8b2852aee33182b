//! Time: the one rule that turns a host's time value (`now`, a date in claims) into Unix seconds.

use crate::error::{OptionsError, OptionsErrorKind};

/// The largest distance from the epoch a host time may have, in seconds: the range of a JavaScript
/// `Date` (±8.64 × 10^15 ms, about ±273,790 years), which every host represents exactly.
pub const MAX_HOST_SECONDS: f64 = 8_640_000_000_000.0;

/// A host's time in whole Unix seconds: finite, floored (one-second resolution; flooring never
/// moves a time past an `exp`), within ±[`MAX_HOST_SECONDS`]. Every binding passes `now`, and
/// every date it finds in claims or options, through this rule, so a time means the same
/// everywhere; `name` is the option the error names.
///
/// A host converts its date type to seconds first (a JavaScript `Date`: `getTime() / 1000`; an
/// aware Python `datetime`: `timestamp()`), so a date in claims becomes a NumericDate (RFC 7519
/// §2) of whole seconds.
///
/// ```
/// use onejwt::host::unix_seconds;
/// assert_eq!(unix_seconds(1_700_000_000.9, "now"), Ok(1_700_000_000));
/// assert_eq!(unix_seconds(-1.5, "now"), Ok(-2));
/// assert_eq!(unix_seconds(f64::NAN, "now").unwrap_err().option(), "now");
/// ```
pub fn unix_seconds(seconds: f64, name: &str) -> Result<i64, OptionsError> {
    let floored = seconds.floor();
    if floored.is_finite() && floored.abs() <= MAX_HOST_SECONDS {
        // Exact: |floored| ≤ 8.64e12 < 2^53.
        #[allow(clippy::cast_possible_truncation)]
        return Ok(floored as i64);
    }
    Err(OptionsError::new(
        name.to_owned(),
        OptionsErrorKind::Value,
        "must be a finite time within ±8.64e12 Unix seconds (the range of a JavaScript Date)",
    ))
}
