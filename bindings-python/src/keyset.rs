//! KeySet: `onejwt.KeySet`, a JWKS from which each token selects exactly one key.

use onejwt::KeySet;
use pyo3::prelude::*;

use crate::convert::{dict_or_str, JsonArg};
use crate::errors::jwt_error;

/// A set of verification keys (a JWKS), from which each token selects exactly one key by its
/// ``kid`` and ``alg``; anything but exactly one candidate is ``KeyNotFoundError``.
///
/// Keys of a type or curve onejwt does not implement are skipped (RFC 7517 §5); a malformed or
/// weak key fails the whole set with ``InvalidKeyError``. Keys embedded in tokens (``jwk``,
/// ``jku``, ``x5u``, ``x5c``) are never used. Immutable and safe to share between threads.
#[pyclass(frozen, name = "KeySet", module = "onejwt")]
pub(crate) struct PyKeySet {
    pub(crate) set: KeySet,
}

#[pymethods]
impl PyKeySet {
    /// A key set from a JWKS (``{"keys": [...]}``, RFC 7517 §5), given as a ``dict`` or JSON text.
    #[staticmethod]
    fn from_jwks(py: Python<'_>, jwks: &Bound<'_, PyAny>) -> PyResult<Self> {
        let jwks = dict_or_str(jwks, "jwks")?;
        let set = py
            .detach(|| match &jwks {
                JsonArg::Map(map) => KeySet::from_jwks_map(map),
                JsonArg::Text(text) => KeySet::from_jwks(text),
            })
            .map_err(jwt_error)?;
        Ok(PyKeySet { set })
    }

    /// The number of usable keys in the set.
    fn __len__(&self) -> usize {
        self.set.len()
    }

    fn __repr__(&self) -> String {
        format!("KeySet(<{} keys>)", self.set.len())
    }
}
