//! KeySet: `onejwt.KeySet`, a JWKS from which each token selects exactly one key, and
//! `onejwt.SkippedKey`, a JWKS key it left out.

use onejwt::host::{self, OptionNames};
use onejwt::{KeySet, SkippedKey};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{dict_or_str, map_to_dict, options_map, JsonArg};
use crate::errors::{failure, jwt_error, options_error};

/// A set of verification keys (a JWKS), from which each token selects exactly one key by its
/// ``kid`` and ``alg``; anything but exactly one candidate is ``KeyNotFoundError``.
///
/// Read tolerantly, as identity providers publish legacy and encryption keys next to current
/// ones: a key that could never be selected (a type, curve or ``alg`` onejwt does not implement,
/// an ``oct`` secret unless ``allow_oct``, a key not for verification, a malformed or weak key) is
/// left out and listed in :attr:`skipped`; a set with no usable key raises ``InvalidKeyError``.
/// Keys embedded in tokens (``jwk``, ``jku``, ``x5u``, ``x5c``) are never used. Immutable and safe
/// to share between threads.
///
/// >>> keys = KeySet.from_jwks({"keys": [
/// ...     {"kty": "OKP", "crv": "Ed25519", "kid": "a", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
/// ...     {"kty": "RSA", "kid": "legacy", "n": "AQAB", "e": "AQAB"}]})
/// >>> len(keys), keys.skipped[0].kid, keys.skipped[0].reason
/// (1, 'legacy', 'invalid')
#[pyclass(frozen, name = "KeySet", module = "onejwt")]
pub(crate) struct PyKeySet {
    pub(crate) set: KeySet,
}

#[pymethods]
impl PyKeySet {
    /// A key set from a JWKS (``{"keys": [...]}``, RFC 7517 §5), given as a ``dict`` or JSON text.
    ///
    /// The one option, ``allow_oct`` (default ``False``), uses the set's ``oct`` keys (shared
    /// secrets, for HS256/384/512); left off, they are skipped, since a published JWKS that holds a
    /// secret lets anyone who reads it sign tokens.
    #[staticmethod]
    #[pyo3(signature = (jwks, **options))]
    fn from_jwks(
        py: Python<'_>,
        jwks: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let options = host::keyset_options(&options_map(options)?, OptionNames::SnakeCase)
            .map_err(options_error)?;
        let jwks = dict_or_str(jwks, "jwks")?;
        let set = py
            .detach(|| match &jwks {
                JsonArg::Map(map) => KeySet::from_jwks_map_with(map, &options),
                JsonArg::Text(text) => KeySet::from_jwks_with(text, &options),
            })
            .map_err(jwt_error)?;
        Ok(PyKeySet { set })
    }

    /// The set as a JWKS ``dict`` (``{"keys": [...]}``): each key's public JWK, what a
    /// ``/.well-known/jwks.json`` endpoint serves, or with the option ``private`` (``True``;
    /// default ``False``) each key's private JWK
    /// (every key must then be private; keep it as secret as the keys). A set holding an HMAC
    /// secret (``allow_oct``) has no public form: ``InvalidKeyError``.
    ///
    /// >>> keys = KeySet.from_jwks({"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": "a",
    /// ...                                    "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]})
    /// >>> keys.to_jwks()
    /// {'keys': [{'crv': 'Ed25519', 'kty': 'OKP', 'x': '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', 'kid': 'a'}]}
    #[pyo3(signature = (**options))]
    fn to_jwks<'py>(
        &self,
        py: Python<'py>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let jwks = host::keyset_jwks(&self.set, &options_map(options)?, OptionNames::SnakeCase)
            .map_err(failure)?;
        map_to_dict(py, &jwks)
    }

    /// The JWKS keys that were left out, in JWKS order, each a :class:`SkippedKey`.
    #[getter]
    fn skipped(&self) -> Vec<PySkippedKey> {
        self.set
            .skipped()
            .iter()
            .map(|skipped| PySkippedKey {
                skipped: skipped.clone(),
            })
            .collect()
    }

    /// The number of usable keys in the set.
    fn __len__(&self) -> usize {
        self.set.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "KeySet(<{} keys, {} skipped>)",
            self.set.len(),
            self.set.skipped().len()
        )
    }
}

/// A key of a JWKS that :class:`KeySet` left out: ``index`` (its position in ``keys``), ``kid``
/// (or ``None``), ``reason`` (``"unsupported"``, ``"oct_not_allowed"``,
/// ``"not_for_verification"`` or ``"invalid"``) and ``message`` (what is wrong, for a log line;
/// never key material).
#[pyclass(frozen, name = "SkippedKey", module = "onejwt")]
pub(crate) struct PySkippedKey {
    skipped: SkippedKey,
}

#[pymethods]
impl PySkippedKey {
    /// The key's position in the JWKS ``keys`` array.
    #[getter]
    fn index(&self) -> usize {
        self.skipped.index
    }

    /// The key's ``kid``, or ``None``.
    #[getter]
    fn kid(&self) -> Option<&str> {
        self.skipped.kid.as_deref()
    }

    /// Why it was left out: ``"unsupported"``, ``"oct_not_allowed"``, ``"not_for_verification"``
    /// or ``"invalid"``.
    #[getter]
    fn reason(&self) -> &'static str {
        self.skipped.reason.as_str()
    }

    /// What is wrong with it.
    #[getter]
    fn message(&self) -> &str {
        &self.skipped.message
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let kid = self.kid().into_pyobject(py)?.repr()?;
        let message = self.message().into_pyobject(py)?.repr()?;
        Ok(format!(
            "SkippedKey(index={}, kid={kid}, reason='{}', message={message})",
            self.index(),
            self.reason()
        ))
    }
}
