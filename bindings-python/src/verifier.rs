//! Verifier: `onejwt.Verifier`, built once from a key (or key set) and options, shared by threads.

use onejwt::{OptionNames, Verified, Verifier, VerifyOptions};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyTuple};

use crate::clock::now_seconds;
use crate::convert::{claims_dict, map_to_dict, options_map};
use crate::errors::{jwt_error, options_error};
use crate::key::{releases_gil, PyKey};
use crate::keyset::PyKeySet;

/// Verifies compact JWS tokens: size and structure, header and ``alg`` allow-list, key
/// selection, signature, then claims, in that order.
///
/// Give exactly one of ``key`` (a :class:`Key`) or ``keys`` (a :class:`KeySet`), and the options
/// as keywords: ``algorithms`` (required; ``"none"`` is refused), ``issuer`` and ``audience``
/// (a str or a list of accepted values; matched exactly), ``leeway`` (seconds of clock skew,
/// default 0), ``required`` (claim names that must be present), ``typ`` (the expected ``typ``
/// header), ``max_token_bytes`` (default 16384) and ``max_age`` (seconds since ``iat``).
/// The core validates every option: a wrong type raises ``TypeError``, a refused value or an
/// unknown name raises ``ValueError``; both name the option.
///
/// Immutable; build one at startup and share it across threads. Verification with RSA, EC or
/// Ed25519 keys releases the GIL (HMAC verification is quicker than handing the GIL over).
///
/// >>> verifier = Verifier(key=Key.hmac(b"a-32-byte-secret-for-hs256-use!!"),
/// ...                     algorithms=["HS256"], issuer="https://auth.example")
#[pyclass(frozen, name = "Verifier", module = "onejwt")]
pub(crate) struct PyVerifier {
    verifier: Verifier,
    /// Whether verification is slow enough (asymmetric keys) to release the GIL for.
    release_gil: bool,
}

#[pymethods]
impl PyVerifier {
    #[new]
    #[pyo3(signature = (*, key = None, keys = None, **options))]
    fn new(
        key: Option<&Bound<'_, PyKey>>,
        keys: Option<&Bound<'_, PyKeySet>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let options = VerifyOptions::from_map(&options_map(options)?, OptionNames::SnakeCase)
            .map_err(options_error)?;
        let key = key.map(|k| k.get().key.clone());
        let keys = keys.map(|k| k.get().set.clone());
        let release_gil = key
            .iter()
            .chain(keys.iter().flat_map(|s| s.keys()))
            .any(releases_gil);
        let verifier = Verifier::from_parts(key, keys, options).map_err(options_error)?;
        Ok(PyVerifier {
            verifier,
            release_gil,
        })
    }

    /// Verifies ``token`` and returns its claims as a ``dict`` of plain Python values (integers
    /// beyond the 64-bit range, which JSON parsers disagree on, come back as ``float``).
    ///
    /// ``now`` is the verification time: ``None`` for the system clock, Unix seconds (``int``, or
    /// ``float`` floored), or a timezone-aware ``datetime``. A refused token raises the
    /// ``JwtError`` subclass of its code (``ExpiredError``, ``InvalidSignatureError``, ...).
    #[pyo3(signature = (token, *, now = None))]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        token: PyBackedStr,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let verified = self.run(py, &token, now)?;
        claims_dict(py, &verified)
    }

    /// Like :meth:`verify`, but returns ``(header, claims)``.
    #[pyo3(signature = (token, *, now = None))]
    fn verify_complete<'py>(
        &self,
        py: Python<'py>,
        token: PyBackedStr,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let verified = self.run(py, &token, now)?;
        PyTuple::new(
            py,
            [
                map_to_dict(py, verified.header().as_map())?,
                claims_dict(py, &verified)?,
            ],
        )
    }
}

impl PyVerifier {
    fn run(
        &self,
        py: Python<'_>,
        token: &str,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Verified> {
        let now = now_seconds(now)?;
        let verify = || match now {
            Some(now) => self.verifier.verify_at(token, now),
            None => self.verifier.verify(token),
        };
        // Parsing, signature and claim checks touch no Python object: other threads may run.
        let verified = if self.release_gil {
            py.detach(verify)
        } else {
            verify()
        };
        verified.map_err(jwt_error)
    }
}
