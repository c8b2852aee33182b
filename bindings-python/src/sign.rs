//! Sign: `onejwt.sign`, issuing compact JWS tokens.

use onejwt::{sign as core_sign, SignOptions};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;

use crate::convert::dict_to_map;
use crate::errors::sign_error;
use crate::key::{releases_gil, PyKey};

/// Signs ``claims`` (a ``dict``) with ``key`` using ``algorithm`` and returns the compact token.
///
/// The header is ``{"alg", "kid"?, "typ": "JWT"}`` plus ``headers``, which may replace ``typ``
/// but not set ``alg``, ``kid`` (use ``kid=``), ``crit`` or ``b64`` (``ValueError``). Registered
/// claims must have their RFC 7519 types (``InvalidClaimError``); the key must be able to sign
/// and fit the algorithm (``InvalidKeyError``). Signing with an RSA, EC or Ed25519 key releases
/// the GIL.
///
/// >>> token = sign({"sub": "42"}, Key.hmac(b"a-32-byte-secret-for-hs256-use!!"), "HS256")
#[pyfunction]
#[pyo3(signature = (claims, key, algorithm, *, kid = None, headers = None))]
pub(crate) fn sign(
    py: Python<'_>,
    claims: &Bound<'_, PyAny>,
    key: &Bound<'_, PyKey>,
    algorithm: PyBackedStr,
    kid: Option<String>,
    headers: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let claims = dict_to_map(claims, "claims")?;
    let mut options = SignOptions::default();
    if let Some(kid) = kid {
        options = options.kid(kid);
    }
    if let Some(headers) = headers {
        for (name, value) in dict_to_map(headers, "headers")? {
            options = options.header(name, value);
        }
    }
    let key = &key.get().key;
    let sign = || core_sign(&claims, key, &algorithm, &options);
    // RSA signing takes ~0.5 ms: let other threads run meanwhile (HMAC is too quick to gain).
    let token = if releases_gil(key) {
        py.detach(sign)
    } else {
        sign()
    };
    token.map_err(sign_error)
}
