//! Key: `onejwt.Key`, a typed key bound to one algorithm family when it is built: read, generated,
//! exported, and converted from and to `cryptography` key objects.

use onejwt::host::{self, OptionNames};
use onejwt::{Key, KeyFamily};
use pyo3::exceptions::{PyImportError, PyTypeError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBytes, PyDict};

use crate::convert::{
    bytes_or_str, dict_or_str, map_to_dict, options_map, type_name, JsonArg, Place,
};
use crate::errors::{failure, jwt_error};

/// A verification (and, with private material or a secret, signing) key, bound to one
/// algorithm family when it is built; never guessed from a token.
///
/// Immutable and safe to share between threads. Build one with :meth:`Key.hmac`,
/// :meth:`Key.from_pem`, :meth:`Key.from_jwk`, :meth:`Key.from_cryptography` or
/// :meth:`Key.generate`; a refused key raises ``InvalidKeyError``. Export it with
/// :meth:`to_jwk` and :meth:`to_pem` (the public half unless ``private=True``). Wherever a
/// ``Key`` is taken, a ``cryptography`` RSA, EC or Ed25519 key object is taken too.
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

    /// A new random key for ``algorithm``: an HMAC secret of the hash's length (HS256: 32
    /// bytes), a P-256/P-384/P-521 key pair (ES256/384/512), an Ed25519 key pair (EdDSA,
    /// Ed25519) or an RSA key pair (RS*, PS*).
    ///
    /// Options, as keywords: ``kid`` (default: the key's RFC 7638 thumbprint) and ``bits`` (the
    /// RSA modulus size, 2048 by default, 3072 or 4096; RS* and PS* only, else ``ValueError``).
    /// The key is bound to ``algorithm``, and tokens it signs carry its ``kid``. An unknown
    /// algorithm raises ``UnsupportedAlgorithmError``. Generation releases the GIL (an RSA key
    /// takes up to seconds).
    ///
    /// >>> key = Key.generate("ES256", kid="2026-12")
    /// >>> key.family, key.kid, key.can_sign
    /// ('ec-p256', '2026-12', True)
    /// >>> Key.generate("EdDSA").kid == Key.generate("EdDSA").kid
    /// False
    #[staticmethod]
    #[pyo3(signature = (algorithm, **options))]
    fn generate(
        py: Python<'_>,
        algorithm: PyBackedStr,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let options = options_map(options)?;
        let key = py
            .detach(|| host::generate_key(&algorithm, &options, OptionNames::SnakeCase))
            .map_err(failure)?;
        Ok(PyKey { key })
    }

    /// A key from a ``cryptography`` key object (RSA, EC or Ed25519, private or public, from
    /// ``cryptography.hazmat.primitives.asymmetric``), read from its PKCS#8 or SPKI PEM as
    /// :meth:`from_pem` reads it. Anything else raises ``TypeError``; a key onejwt refuses (an
    /// RSA key under 2048 bits, a DSA or X25519 key) ``InvalidKeyError``.
    ///
    /// >>> from cryptography.hazmat.primitives.asymmetric import ed25519
    /// >>> Key.from_cryptography(ed25519.Ed25519PrivateKey.generate()).family
    /// 'ed25519'
    #[staticmethod]
    fn from_cryptography(key: &Bound<'_, PyAny>) -> PyResult<Self> {
        match cryptography_key(key)? {
            Some(key) => Ok(PyKey { key }),
            None => Err(Place::Argument("key").error(
                onejwt::OptionsErrorKind::Type,
                format!("must be a cryptography key object, not {}", type_name(key)),
            )),
        }
    }

    /// The key as a JWK ``dict`` (RFC 7517): its public half, or with the option ``private``
    /// (``True``; default ``False``) the whole key, what :meth:`from_jwk` reads back (keep it as
    /// secret as the key). It carries the key's ``kid`` and ``alg``. A public export never holds a private member; an HMAC secret has
    /// no public half (``InvalidKeyError``), and a public key no private one.
    ///
    /// >>> key = Key.from_jwk({"kty": "OKP", "crv": "Ed25519", "kid": "k1",
    /// ...                     "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})
    /// >>> key.to_jwk()
    /// {'crv': 'Ed25519', 'kty': 'OKP', 'x': '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', 'kid': 'k1'}
    #[pyo3(signature = (**options))]
    fn to_jwk<'py>(
        &self,
        py: Python<'py>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let jwk = host::key_jwk(&self.key, &options_map(options)?, OptionNames::SnakeCase)
            .map_err(failure)?;
        map_to_dict(py, &jwk)
    }

    /// The key as PEM text: its public half (``PUBLIC KEY``, SPKI), or with the option
    /// ``private`` (``True``; default ``False``) the whole key (``PRIVATE KEY``, unencrypted PKCS#8; keep it as secret as the key), what
    /// ``openssl``, ``cryptography`` and :meth:`from_pem` read. An HMAC secret has no PEM form
    /// and a public key no private half: ``InvalidKeyError``.
    ///
    /// >>> key = Key.from_jwk({"kty": "OKP", "crv": "Ed25519",
    /// ...                     "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})
    /// >>> print(key.to_pem(), end="")
    /// -----BEGIN PUBLIC KEY-----
    /// MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
    /// -----END PUBLIC KEY-----
    #[pyo3(signature = (**options))]
    fn to_pem(&self, options: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        host::key_pem(&self.key, &options_map(options)?, OptionNames::SnakeCase).map_err(failure)
    }

    /// The key's RFC 7638 JWK thumbprint (base64url SHA-256 of its defining public members): the
    /// same for both halves of a key pair, whatever ``kid`` they carry; the ``kid`` a generated
    /// key gets by default.
    ///
    /// >>> Key.from_jwk({"kty": "RSA", "e": "AQAB", "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}).thumbprint()
    /// 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'
    fn thumbprint(&self) -> PyResult<String> {
        self.key.thumbprint().map_err(jwt_error)
    }

    /// The same key with another ``kid`` (the key material is shared): tokens it signs carry it
    /// in their header, and JWKS exports name it.
    ///
    /// >>> Key.hmac(b"a-32-byte-secret-for-hs256-use!!").with_kid("2026-12").kid
    /// '2026-12'
    fn with_kid(&self, kid: PyBackedStr) -> Self {
        PyKey {
            key: self.key.with_kid(&*kid),
        }
    }

    /// The key as a ``cryptography`` key object: a private key object for a key that can sign,
    /// else a public one, loaded from :meth:`to_pem`. An HMAC secret raises ``InvalidKeyError``;
    /// without the ``cryptography`` package installed, ``ImportError``.
    ///
    /// >>> public = Key.from_jwk({"kty": "OKP", "crv": "Ed25519",
    /// ...                        "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}).to_cryptography()
    /// >>> type(public).__name__
    /// 'Ed25519PublicKey'
    fn to_cryptography<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let private = self.key.can_sign();
        let pem = if private {
            self.key.to_private_pem()
        } else {
            self.key.to_public_pem()
        }
        .map_err(jwt_error)?;
        let serialization = py
            .import("cryptography.hazmat.primitives.serialization")
            .map_err(|err| {
                let hint = PyImportError::new_err(
                    "Key.to_cryptography needs the cryptography package (pip install cryptography)",
                );
                hint.set_cause(py, Some(err));
                hint
            })?;
        let pem = PyBytes::new(py, pem.as_bytes());
        if private {
            serialization.call_method1("load_pem_private_key", (pem, py.None()))
        } else {
            serialization.call_method1("load_pem_public_key", (pem,))
        }
    }

    /// The algorithm family the key serves: ``"hmac"``, ``"rsa"``, ``"ec-p256"``, ``"ec-p384"``,
    /// ``"ec-p521"`` or ``"ed25519"``.
    #[getter]
    fn family(&self) -> &'static str {
        self.key.family().as_str()
    }

    /// The key's ``kid``: from its JWK, :meth:`generate` or :meth:`with_kid`; else ``None``.
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

/// The PEM text of a `cryptography` key object, as the object itself writes it: PKCS#8 for a
/// private key (`private_bytes`), SPKI for a public one (`public_bytes`). `None` for anything
/// else, `cryptography` not installed included (it is imported only when an object has one of
/// those methods). What the PEM holds is for the core to judge.
pub(crate) fn cryptography_pem(obj: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    let py = obj.py();
    let private = obj.hasattr(pyo3::intern!(py, "private_bytes"))?;
    if !private && !obj.hasattr(pyo3::intern!(py, "public_bytes"))? {
        return Ok(None);
    }
    let Ok(serialization) = py.import("cryptography.hazmat.primitives.serialization") else {
        return Ok(None);
    };
    let encoding = serialization.getattr("Encoding")?.getattr("PEM")?;
    let written = if private {
        let format = serialization.getattr("PrivateFormat")?.getattr("PKCS8")?;
        let encryption = serialization.call_method0("NoEncryption")?;
        obj.call_method1("private_bytes", (encoding, format, encryption))
    } else {
        let format = serialization
            .getattr("PublicFormat")?
            .getattr("SubjectPublicKeyInfo")?;
        obj.call_method1("public_bytes", (encoding, format))
    };
    let pem = match written {
        Ok(pem) => pem,
        // Not a key's serializer (a certificate's `public_bytes` takes one argument): not a key.
        Err(err) if err.is_instance_of::<PyTypeError>(py) => return Ok(None),
        Err(err) => return Err(err),
    };
    let Ok(pem) = pem.cast_into::<PyBytes>() else {
        return Ok(None);
    };
    Ok(Some(String::from_utf8_lossy(pem.as_bytes()).into_owned()))
}

/// A `cryptography` key object as a [`Key`], read by the core from its PEM; `None` when `obj` is
/// not one.
fn cryptography_key(obj: &Bound<'_, PyAny>) -> PyResult<Option<Key>> {
    let Some(pem) = cryptography_pem(obj)? else {
        return Ok(None);
    };
    // Validating an RSA private key costs 30-70 µs: let other threads run.
    let key = obj.py().detach(|| Key::from_pem(pem)).map_err(jwt_error)?;
    Ok(Some(key))
}

/// What a parameter that takes a key was given: a [`PyKey`], or a `cryptography` key object;
/// anything else is a `TypeError` naming `place`.
pub(crate) fn key_argument(obj: &Bound<'_, PyAny>, place: Place<'_>) -> PyResult<Key> {
    if let Ok(key) = obj.cast::<PyKey>() {
        return Ok(key.get().key.clone());
    }
    match cryptography_key(obj)? {
        Some(key) => Ok(key),
        None => Err(place.error(
            onejwt::OptionsErrorKind::Type,
            format!(
                "must be a Key or a cryptography key object, not {}",
                type_name(obj)
            ),
        )),
    }
}
