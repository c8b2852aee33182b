//! Decode: `onejwt.decode_unverified`, reading a token without verifying it (display only).

use onejwt::decode_unverified as core_decode;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyTuple;

use crate::convert::map_to_dict;
use crate::errors::jwt_error;

/// Reads a token's ``(header, claims)`` WITHOUT verifying its signature or any claim.
///
/// For display and debugging only: never base a decision on the result. The structural rules
/// still apply (three segments, strict base64url, JSON objects, 16 KiB), else ``MalformedError``
/// or ``TokenTooLargeError``.
#[pyfunction]
pub(crate) fn decode_unverified<'py>(
    py: Python<'py>,
    token: PyBackedStr,
) -> PyResult<Bound<'py, PyTuple>> {
    let (header, claims) = core_decode(&*token).map_err(jwt_error)?.into_parts();
    PyTuple::new(
        py,
        [map_to_dict(py, header.as_map())?, map_to_dict(py, &claims)?],
    )
}
