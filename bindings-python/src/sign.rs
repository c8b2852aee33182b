//! Sign: `onejwt.sign`, issuing compact JWS tokens.

use onejwt::host::{self, OptionNames};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyDict;

use crate::convert::{object_argument, options_map, Place};
use crate::errors::{failure, options_error};
use crate::key::{key_argument, releases_gil};

/// Signs ``claims`` (a ``dict``) with ``key`` using ``algorithm`` and returns the compact token.
///
/// Options, as keywords: ``kid`` (the ``kid`` header), ``headers`` (more header parameters,
/// which may replace ``typ`` but not set ``alg``, ``kid``, ``crit`` or ``b64``: ``ValueError``),
/// ``expires_in`` (sets ``exp`` to ``now`` plus this many seconds, 1 to ten years), ``set_issued_at`` (sets
/// ``iat`` to ``now``) and ``now`` (Unix seconds or an aware ``datetime``; default: the system
/// clock); the claims must not carry the ``exp``/``iat`` these set. An aware ``datetime``
/// anywhere in the claims or headers becomes whole Unix seconds (a NumericDate); a naive one is
/// refused (``ValueError``). Registered claims must have their RFC 7519 types
/// (``InvalidClaimError``); the key must be able to sign and fit the algorithm
/// (``InvalidKeyError``). ``key`` is a :class:`Key` or a ``cryptography`` private key object;
/// a key with a ``kid`` puts it in the header (the ``kid`` option replaces it). Signing with an
/// RSA, EC or Ed25519 key releases the GIL.
///
/// >>> key = Key.hmac(b"a-32-byte-secret-for-hs256-use!!")
/// >>> token = sign({"sub": "42"}, key, "HS256", kid="2024-06", expires_in=900, set_issued_at=True,
/// ...              now=1_700_000_000)
/// >>> decode_unverified(token)
/// ({'alg': 'HS256', 'kid': '2024-06', 'typ': 'JWT'}, {'sub': '42', 'iat': 1700000000, 'exp': 1700000900})
/// >>> from datetime import datetime, timezone
/// >>> decode_unverified(sign({"nbf": datetime(2030, 1, 1, tzinfo=timezone.utc)}, key, "HS256"))[1]
/// {'nbf': 1893456000}
#[pyfunction]
#[pyo3(signature = (claims, key, algorithm, **options))]
pub(crate) fn sign(
    py: Python<'_>,
    claims: &Bound<'_, PyAny>,
    key: &Bound<'_, PyAny>,
    algorithm: PyBackedStr,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let claims = object_argument(claims, "claims")?;
    let options = host::sign_options(&options_map(options)?, OptionNames::SnakeCase)
        .map_err(options_error)?;
    let key = &key_argument(key, Place::Argument("key"))?;
    let sign = || onejwt::sign(&claims, key, &algorithm, &options);
    // RSA signing takes ~0.5 ms: let other threads run meanwhile (HMAC is too quick to gain).
    let token = if releases_gil(key) {
        py.detach(sign)
    } else {
        sign()
    };
    token.map_err(failure)
}
