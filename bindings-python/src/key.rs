//! Key: `onejwt.Key`, a typed key bound to one algorithm family when it is built.

use onejwt::{Key, KeyFamily};
use pyo3::prelude::*;

use crate::convert::{bytes_or_str, dict_or_str, JsonArg};
use crate::errors::jwt_error;

/// A verification (and, with private material or a secret, signing) key, bound to one
/// algorithm family when it is built; never guessed from a token.
///
/// Immutable and safe to share between threads. Build one with :meth:`Key.hmac`,
/// :meth:`Key.from_pem` or :meth:`Key.from_jwk`; a refused key raises ``InvalidKeyError``.
/// ``repr()`` never shows key material.
///
/// >>> key = Key.hmac(b"a-32-byte-secret-for-hs256-use!!")
/// >>> key.family, key.can_sign
/// ('hmac', True)
#[pyclass(frozen, name = "Key", module = "onejwt")]
pub(crate) struct PyKey {
    pub(crate) key: Key,
}

/// Whether an operation with `key` is worth releasing the GIL for.
///
/// Measured (4 threads sharing one Verifier, 2 cores): releasing it around RS256 verification
/// (~24 µs) raises throughput ~1.8x, but around HS256 (~2.3 µs) it halves throughput, as the
/// threads then spend their time handing the GIL to each other. HMAC work stays under the GIL.
pub(crate) fn releases_gil(key: &Key) -> bool {
    family_releases_gil(key.family())
}

/// [`releases_gil`] by family, for objects (a `TokenService`) that know their algorithm.
pub(crate) fn family_releases_gil(family: KeyFamily) -> bool {
    family != KeyFamily::Hmac
}

#[pymethods]
impl PyKey {
    /// An HMAC secret for HS256/HS384/HS512 (``str`` is encoded as UTF-8).
    ///
    /// Refused with ``InvalidKeyError``: an empty secret, and text that is a PEM block, an SSH
    /// key or a JSON object (a JWK), so public key text can never become an HMAC secret
    /// (algorithm confusion). The minimum length (32/48/64 bytes) is checked against the
    /// token's ``alg`` when the key is used.
    #[staticmethod]
    fn hmac(secret: &Bound<'_, PyAny>) -> PyResult<Self> {
        let key = Key::hmac(bytes_or_str(secret, "secret")?).map_err(jwt_error)?;
        Ok(PyKey { key })
    }

    /// A key from PEM text: SPKI, PKCS#1 or X.509 certificate (public), PKCS#8 or SEC1
    /// (private, can sign). RSA keys need at least 2048 bits.
    #[staticmethod]
    fn from_pem(py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<Self> {
        let pem = bytes_or_str(pem, "pem")?;
        // Validating an RSA private key costs 30-70 µs, more than an RS256 verification.
        let key = py.detach(|| Key::from_pem(pem)).map_err(jwt_error)?;
        Ok(PyKey { key })
    }

    /// A key from a JWK (RFC 7517), given as a ``dict`` or as JSON text.
    ///
    /// ``kty`` ``oct``, ``RSA``, ``EC`` (``P-256``, ``P-384``, ``P-521``) or ``OKP`` (``Ed25519``;
    /// a point of small order is refused); with ``d`` the key can sign. The JWK's ``alg``, ``use`` and ``key_ops`` restrict how it may be used.
    #[staticmethod]
    fn from_jwk(py: Python<'_>, jwk: &Bound<'_, PyAny>) -> PyResult<Self> {
        let jwk = dict_or_str(jwk, "jwk")?;
        let key = py
            .detach(|| match &jwk {
                JsonArg::Map(map) => Key::from_jwk_map(map),
                JsonArg::Text(text) => Key::from_jwk(text),
            })
            .map_err(jwt_error)?;
        Ok(PyKey { key })
    }

    /// The algorithm family the key serves: ``"hmac"``, ``"rsa"``, ``"ec-p256"``, ``"ec-p384"``,
    /// ``"ec-p521"`` or ``"ed25519"``.
    #[getter]
    fn family(&self) -> &'static str {
        self.key.family().as_str()
    }

    /// The JWK ``kid``, when the key came from a JWK that had one.
    #[getter]
    fn kid(&self) -> Option<&str> {
        self.key.kid()
    }

    /// Whether the key can sign (a secret or a private key).
    #[getter]
    fn can_sign(&self) -> bool {
        self.key.can_sign()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let kid = self.kid().into_pyobject(py)?.repr()?;
        let can_sign = if self.can_sign() { "True" } else { "False" };
        Ok(format!(
            "Key(family='{}', kid={kid}, can_sign={can_sign})",
            self.family()
        ))
    }
}
