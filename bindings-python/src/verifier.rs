//! Verifier: `onejwt.Verifier`, built once from a key (or key set) and options, shared by threads.

use onejwt::host::{self, OptionNames};
use onejwt::{Verified, Verifier};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyTuple};

use crate::convert::{call_now, claims_dict, foreign_option, map_to_dict, options_map, Place};
use crate::errors::{jwt_error, options_error};
use crate::key::{key_argument, releases_gil};
use crate::keyset::PyKeySet;

/// Verifies compact JWS tokens: size and structure, header and ``alg`` allow-list, key
/// selection, signature, then claims, in that order.
///
/// Give exactly one of ``key`` (a :class:`Key`, or a ``cryptography`` RSA, EC or Ed25519 key
/// object) or ``keys`` (a :class:`KeySet`), and the options
/// as keywords: ``algorithms`` (required; ``"none"`` is refused), ``issuer`` and ``audience``
/// (a str or a list of accepted values; matched exactly), ``subject`` (the ``sub`` every token
/// must carry), ``leeway`` (seconds of clock skew, default 0, at most 3600), ``required`` (claim
/// names that must be present), ``typ`` (the expected ``typ`` header), ``max_token_bytes``
/// (default 16384, at most 16 MiB) and ``max_age`` (seconds since ``iat``, at most ten years).
/// ``None`` means "not set". The core validates every option: a wrong type raises ``TypeError``,
/// a refused value or an unknown name raises ``ValueError`` (with a hint when another library
/// spells the option that way: ``clock_tolerance`` → ``leeway``); both name the option
/// (``err.option``). A key that can verify none of the allowed algorithms (an HMAC secret with
/// only ``RS256``, a secret too short for every allowed ``HS*``) is refused here too
/// (``ValueError`` on ``key``; on ``keys`` for a key set none of whose keys can), rather than
/// failing every token.
///
/// Immutable; build one at startup and share it across threads. Verification with RSA, EC or
/// Ed25519 keys releases the GIL (HMAC verification is quicker than handing the GIL over).
///
/// >>> verifier = Verifier(key=Key.hmac(b"a-32-byte-secret-for-hs256-use!!"),
/// ...                     algorithms=["HS256"], issuer="https://auth.example", subject="42")
/// >>> Verifier(key=Key.hmac(b"a-32-byte-secret-for-hs256-use!!"), algorithms=["HS256"], clock_tolerance=5)
/// Traceback (most recent call last):
/// ...
/// onejwt.errors.OptionsValueError: invalid option `clock_tolerance`: unknown option (onejwt calls it `leeway`)
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
        key: Option<&Bound<'_, PyAny>>,
        keys: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let mut map = options_map(options)?;
        // A `keys=` that is not a KeySet goes to the core, which refuses it by name.
        let keys = match keys.filter(|k| !k.is_none()) {
            None => None,
            Some(k) => match k.cast::<PyKeySet>() {
                Ok(set) => Some(set.get().set.clone()),
                Err(_) => foreign_option(&mut map, "keys", k),
            },
        };
        let options = host::verify_options(&map, OptionNames::SnakeCase).map_err(options_error)?;
        // Converted once the core accepted the names: a Key, or a cryptography key object.
        let key = key
            .filter(|k| !k.is_none())
            .map(|k| key_argument(k, Place::Option("key")))
            .transpose()?;
        let release_gil = key
            .iter()
            .chain(keys.iter().flat_map(|s| s.keys()))
            .any(releases_gil);
        let verifier = host::verifier(key, keys, options).map_err(options_error)?;
        Ok(PyVerifier {
            verifier,
            release_gil,
        })
    }

    /// Verifies ``token`` and returns its claims as a ``dict`` of plain Python values (integers
    /// beyond the 64-bit range, which JSON parsers disagree on, come back as ``float``).
    ///
    /// The one per-call option, ``now``, is the verification time: ``None`` (or absent) for the
    /// system clock, Unix seconds (``int``, or ``float`` floored), or a timezone-aware
    /// ``datetime``. A refused token raises the ``JwtError`` subclass of its code
    /// (``ExpiredError``, ``InvalidSignatureError``, ...).
    ///
    /// >>> key = Key.hmac(b"a-32-byte-secret-for-hs256-use!!")
    /// >>> token = sign({"sub": "42"}, key, "HS256", expires_in=60, now=1_700_000_000)
    /// >>> Verifier(key=key, algorithms=["HS256"]).verify(token, now=1_700_000_030)["exp"]
    /// 1700000060
    #[pyo3(signature = (token, *, now = None, **options))]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        token: PyBackedStr,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let verified = self.run(py, &token, now, options)?;
        claims_dict(py, &verified)
    }

    /// Like :meth:`verify`, but returns ``(header, claims)``.
    #[pyo3(signature = (token, *, now = None, **options))]
    fn verify_complete<'py>(
        &self,
        py: Python<'py>,
        token: PyBackedStr,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let verified = self.run(py, &token, now, options)?;
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
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Verified> {
        let now = call_now(now, options)?;
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
