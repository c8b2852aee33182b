//! Service: `onejwt.TokenService`, the core's issue / validate / refresh / revoke API with its
//! cache and metrics, and `onejwt.TokenPair`.

use std::borrow::Cow;
use std::sync::Arc;

use onejwt::{Algorithm, OptionNames, ServiceConfig, TokenPair, TokenService, TokenType};
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyIterator, PyList, PyString, PyTuple};
use pyo3::{PyTraverseError, PyVisit};
use serde_json::Map;

use crate::clock::now_seconds;
use crate::convert::{claims_dict, dict_to_map, map_to_dict, options_map, type_name};
use crate::errors::{jwt_error, options_error, sign_error};
use crate::key::family_releases_gil;
use crate::revocation::{take_failure, HostRevocations};

/// Issues and validates access and refresh tokens for one service: revocation, an optional
/// validation cache and metrics, all decided by the onejwt core (identical in every runtime).
///
/// Options are keywords, as in the environment minus the ``JWT_`` prefix: ``secret_key`` (HMAC;
/// there is never a default secret, and a weak one is refused here), or ``private_key`` (PEM
/// text; signs) and/or ``public_key`` (PEM text) or ``jwks`` (a ``dict`` or JSON text) to verify;
/// ``algorithm`` (default ``"HS256"``), ``issuer`` and ``audience`` (set on issued tokens and
/// required on verified ones), ``access_ttl`` (seconds, default 900), ``refresh_ttl`` (default 7
/// days), ``leeway`` (default 0), ``cache_size`` (validation-cache entries, default 0: off),
/// ``cache_ttl`` (default 60) and ``max_revocations`` (bound of the in-memory store, default
/// 100000). The core validates them all: a wrong type raises ``TypeError``, a refused value or an
/// unknown name raises ``ValueError``; both name the option (``err.option``).
///
/// ``revocation_store`` replaces the in-memory store with any object that has
/// ``is_revoked(jti) -> bool`` and ``revoke(jti, expires_at) -> None`` (see
/// :class:`onejwt.RevocationStore`), so several processes share revocations. The service calls
/// it on every verification, cache hit or miss. If it raises, or ``is_revoked`` returns anything
/// but a ``bool``, the token is refused (fail closed): :meth:`verify` raises ``RevokedError``
/// whose message names the exception type and whose ``__cause__`` is the exception
/// (``KeyboardInterrupt`` and ``SystemExit`` propagate unchanged, even from :meth:`validate_token`).
///
/// Immutable and thread-safe: build one per process and share it. Work with RSA, EC or Ed25519
/// keys releases the GIL (HMAC work is quicker than handing the GIL over).
///
/// >>> service = TokenService(secret_key="a-32-byte-secret-for-hs256-use!!", issuer="https://auth.example")
/// >>> token = service.create_access_token("42", "ada@example.com", ["read"], now=1_700_000_000)
/// >>> service.verify(token, now=1_700_000_000)["permissions"]
/// ['read']
/// >>> service.validate_token(token, "refresh", now=1_700_000_000) is None
/// True
#[pyclass(frozen, name = "TokenService", module = "onejwt")]
pub(crate) struct PyTokenService {
    service: TokenService,
    /// Whether the algorithm is asymmetric, so issuing and verifying are worth releasing the GIL.
    release_gil: bool,
    /// The host revocation store, also held by the core; kept here for `__traverse__`.
    store: Option<Arc<HostRevocations>>,
}

#[pymethods]
impl PyTokenService {
    #[new]
    #[pyo3(signature = (*, revocation_store = None, **config))]
    fn new(
        revocation_store: Option<&Bound<'_, PyAny>>,
        config: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let config = ServiceConfig::from_map(&options_map(config)?, OptionNames::SnakeCase)
            .map_err(sign_error)?;
        PyTokenService::build(config, revocation_store)
    }

    /// A service configured from the environment: ``JWT_SECRET_KEY`` (HMAC) or
    /// ``JWT_PRIVATE_KEY`` / ``JWT_PUBLIC_KEY`` / ``JWT_JWKS`` (asymmetric), ``JWT_ALGORITHM``
    /// (default HS256), ``JWT_ISSUER``, ``JWT_AUDIENCE``, ``JWT_ACCESS_TTL`` (default 900),
    /// ``JWT_REFRESH_TTL`` (default 7 days), ``JWT_LEEWAY``, ``JWT_CACHE_SIZE``,
    /// ``JWT_CACHE_TTL``, ``JWT_MAX_REVOCATIONS``; empty values count as unset.
    ///
    /// A missing or weak secret raises ``ValueError`` naming the variable (``err.option ==
    /// "JWT_SECRET_KEY"``); there is never a default secret. ``revocation_store`` as for the
    /// constructor.
    #[staticmethod]
    #[pyo3(signature = (*, revocation_store = None))]
    fn from_env(revocation_store: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let config = ServiceConfig::from_env().map_err(sign_error)?;
        PyTokenService::build(config, revocation_store)
    }

    /// Issues an access token: ``sub`` (``user_id``, a non-empty ``str``), ``email`` (when
    /// given), ``permissions`` (a list or tuple of ``str``), ``iat``, ``exp`` (``now`` +
    /// ``access_ttl``), a random ``jti``, ``iss``/``aud`` (when configured) and ``type:
    /// "access"``, plus the ``extra`` claims (a ``dict``), which may not replace any of those
    /// (``ValueError`` naming ``extra``).
    ///
    /// ``now`` is the issue time: ``None`` for the system clock, Unix seconds (``int``, or
    /// ``float`` floored), or a timezone-aware ``datetime``.
    #[pyo3(
        signature = (user_id, email = None, permissions = None, *, extra = None, now = None),
        text_signature = "(self, user_id, email=None, permissions=(), *, extra=None, now=None)"
    )]
    fn create_access_token(
        &self,
        py: Python<'_>,
        user_id: PyBackedStr,
        email: Option<PyBackedStr>,
        permissions: Option<&Bound<'_, PyAny>>,
        extra: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let permissions = permissions
            .map(permission_list)
            .transpose()?
            .unwrap_or_default();
        let extra = extra_claims(extra)?;
        let now = now_seconds(now)?;
        let (user_id, email) = (&*user_id, email.as_deref());
        let (token, cause) = self.run(py, |s| {
            s.create_access_token(user_id, email, &permissions, &extra, now)
        })?;
        token.map_err(|e| caused(py, sign_error(e), cause))
    }

    /// Issues a refresh token: ``sub``, ``iat``, ``exp`` (``now`` + ``refresh_ttl``), ``jti``,
    /// ``iss``/``aud`` (when configured) and ``type: "refresh"``, plus ``extra`` claims.
    #[pyo3(signature = (user_id, *, extra = None, now = None))]
    fn create_refresh_token(
        &self,
        py: Python<'_>,
        user_id: PyBackedStr,
        extra: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let extra = extra_claims(extra)?;
        let now = now_seconds(now)?;
        let user_id = &*user_id;
        let (token, cause) = self.run(py, |s| s.create_refresh_token(user_id, &extra, now))?;
        token.map_err(|e| caused(py, sign_error(e), cause))
    }

    /// Verifies a token of ``token_type`` (``"access"`` or ``"refresh"``) and returns its claims
    /// as a ``dict``; checks revocation on every call, cache hit or miss.
    ///
    /// A refused token raises the ``JwtError`` subclass of its code: ``WrongTokenTypeError`` for
    /// the other type, ``RevokedError``, ``ExpiredError``, ``MalformedError``, ...
    #[pyo3(
        signature = (token, token_type = Cow::Borrowed("access"), *, now = None),
        text_signature = "(self, token, token_type='access', *, now=None)"
    )]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        token: &Bound<'py, PyString>,
        token_type: Cow<'_, str>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let token_type = TokenType::parse(&token_type).map_err(options_error)?;
        let now = now_seconds(now)?;
        let token = token.to_string_lossy();
        let (verified, cause) = self.run(py, |s| s.verify(&*token, token_type, now))?;
        let verified = verified.map_err(|e| caused(py, jwt_error(e), cause))?;
        claims_dict(py, &verified)
    }

    /// The claims of a valid token of ``token_type``, or ``None`` for any bad token: empty,
    /// malformed, badly signed, expired, of the other type, revoked (or unverifiable because the
    /// revocation store failed). Never raises for a token problem; a ``token`` that is not a
    /// ``str``, or a ``token_type`` other than ``"access"``/``"refresh"``, is a caller mistake
    /// and raises ``TypeError``/``ValueError``, as type checkers would report it.
    #[pyo3(
        signature = (token, token_type = Cow::Borrowed("access"), *, now = None),
        text_signature = "(self, token, token_type='access', *, now=None)"
    )]
    fn validate_token<'py>(
        &self,
        py: Python<'py>,
        token: &Bound<'py, PyString>,
        token_type: Cow<'_, str>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let token_type = TokenType::parse(&token_type).map_err(options_error)?;
        let now = now_seconds(now)?;
        let token = token.to_string_lossy();
        let (claims, _) = self.run(py, |s| s.validate_token(&*token, token_type, now))?;
        claims.map(|claims| map_to_dict(py, &claims)).transpose()
    }

    /// The ``sub`` of a verified access token, else ``None`` (never raises for a token problem).
    #[pyo3(signature = (token, *, now = None))]
    fn extract_user_id(
        &self,
        py: Python<'_>,
        token: &Bound<'_, PyString>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<String>> {
        let now = now_seconds(now)?;
        let token = token.to_string_lossy();
        let (user_id, _) = self.run(py, |s| s.extract_user_id(&*token, now))?;
        Ok(user_id)
    }

    /// Exchanges a refresh token for a new :class:`TokenPair` and revokes the old refresh token:
    /// presenting it again raises ``RevokedError`` (reuse detection). The new access token
    /// carries the refresh token's ``email`` and ``permissions`` when present.
    #[pyo3(signature = (refresh_token, *, now = None))]
    fn refresh(
        &self,
        py: Python<'_>,
        refresh_token: &Bound<'_, PyString>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyTokenPair> {
        let now = now_seconds(now)?;
        let token = refresh_token.to_string_lossy();
        let (pair, cause) = self.run(py, |s| s.refresh(&*token, now))?;
        pair.map(|pair| PyTokenPair { pair })
            .map_err(|e| caused(py, sign_error(e), cause))
    }

    /// Revokes a token (of either type) by its ``jti`` until it expires. The token must verify,
    /// so nobody can revoke other people's tokens with forged ids (else the ``JwtError`` of its
    /// code); revoking an already revoked token succeeds.
    #[pyo3(signature = (token, *, now = None))]
    fn revoke(
        &self,
        py: Python<'_>,
        token: &Bound<'_, PyString>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let now = now_seconds(now)?;
        let token = token.to_string_lossy();
        let (done, cause) = self.run(py, |s| s.revoke(&*token, now))?;
        done.map_err(|e| caused(py, jwt_error(e), cause))
    }

    /// Whether a (verifying) token has been revoked; a token that does not verify raises the
    /// ``JwtError`` of its code, and a failing revocation store raises ``RevokedError``.
    #[pyo3(signature = (token, *, now = None))]
    fn is_revoked(
        &self,
        py: Python<'_>,
        token: &Bound<'_, PyString>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let now = now_seconds(now)?;
        let token = token.to_string_lossy();
        let (revoked, cause) = self.run(py, |s| s.is_revoked(&*token, now))?;
        revoked.map_err(|e| caused(py, jwt_error(e), cause))
    }

    /// Every counter as a new ``dict``: ``verifications``, ``successes``, ``failures`` (a count
    /// per error code), ``cache_hits``, ``cache_misses``, ``issued_access``, ``issued_refresh``,
    /// ``revoked`` and ``latency_us`` (``count``, ``sum``, ``mean``, ``max``, in microseconds).
    fn metrics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        map_to_dict(py, &self.service.metrics())
    }

    /// The counters in the Prometheus text exposition format (``onejwt_*`` metrics), ready to
    /// serve on a ``/metrics`` endpoint.
    fn metrics_text(&self) -> String {
        self.service.metrics_text()
    }

    /// ``{"status": "ok", "algorithm", "can_issue", "cache_entries", "metrics"}`` for a health
    /// endpoint (``metrics`` as :meth:`metrics`).
    fn health<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        map_to_dict(py, &self.service.health())
    }

    fn __repr__(&self) -> String {
        let health = self.service.health();
        let algorithm = health
            .get("algorithm")
            .and_then(|a| a.as_str())
            .unwrap_or_default();
        format!("TokenService(algorithm='{algorithm}')")
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        if let Some(store) = &self.store {
            visit.call(&store.store)?;
        }
        Ok(())
    }
}

impl PyTokenService {
    fn build(
        mut config: ServiceConfig,
        revocation_store: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let store = revocation_store
            .map(HostRevocations::new)
            .transpose()?
            .map(Arc::new);
        if let Some(store) = &store {
            config = config.revocation_store(store.clone());
        }
        let release_gil = config
            .algorithm_name()
            .parse::<Algorithm>()
            .is_ok_and(|alg| family_releases_gil(alg.family()));
        let service = TokenService::new(config).map_err(sign_error)?;
        Ok(PyTokenService {
            service,
            release_gil,
            store,
        })
    }

    /// Runs `f` on the core (without the GIL for asymmetric algorithms: parsing, signatures and
    /// claim checks touch no Python object, and a host store re-attaches for its own call).
    /// Returns the result and the exception a host store raised meanwhile, if any; an exception
    /// that is not an `Exception` (`KeyboardInterrupt`, `SystemExit`) is raised as it is, since
    /// it is no verdict on the token (the core has already failed closed, and its result is
    /// dropped).
    fn run<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&TokenService) -> T + Send,
    ) -> PyResult<(T, Option<PyErr>)> {
        // A failure left by a store shared with another service on this thread is not ours.
        drop(take_failure());
        let out = if self.release_gil {
            py.detach(|| f(&self.service))
        } else {
            f(&self.service)
        };
        match take_failure() {
            Some(err) if !err.is_instance_of::<PyException>(py) => Err(err),
            cause => Ok((out, cause)),
        }
    }
}

/// Chains the host store's exception (if it caused this error) as `__cause__`.
fn caused(py: Python<'_>, err: PyErr, cause: Option<PyErr>) -> PyErr {
    if cause.is_some() {
        err.set_cause(py, cause);
    }
    err
}

/// `permissions`: a list or tuple of `str` (a lone `str` is refused, not split into letters).
fn permission_list(permissions: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let items = if permissions.is_instance_of::<PyList>() || permissions.is_instance_of::<PyTuple>()
    {
        permissions.try_iter()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "permissions must be a list or tuple of str, not {}",
            type_name(permissions)
        )));
    };
    items
        .map(|item| {
            let item = item?;
            match item.cast::<PyString>() {
                Ok(s) => Ok(s.to_cow()?.into_owned()),
                Err(_) => Err(PyTypeError::new_err(format!(
                    "permissions must hold str values, not {}",
                    type_name(&item)
                ))),
            }
        })
        .collect()
}

fn extra_claims(extra: Option<&Bound<'_, PyAny>>) -> PyResult<Map<String, serde_json::Value>> {
    extra.map_or_else(|| Ok(Map::new()), |e| dict_to_map(e, "extra"))
}

/// The new tokens from :meth:`TokenService.refresh`: ``access_token`` and ``refresh_token``;
/// unpacks as ``access, refresh = service.refresh(old)``. ``repr()`` never shows the tokens.
#[pyclass(frozen, name = "TokenPair", module = "onejwt")]
pub(crate) struct PyTokenPair {
    pair: TokenPair,
}

#[pymethods]
impl PyTokenPair {
    /// The new access token.
    #[getter]
    fn access_token(&self) -> &str {
        &self.pair.access_token
    }

    /// The new refresh token (the one exchanged for it is now revoked).
    #[getter]
    fn refresh_token(&self) -> &str {
        &self.pair.refresh_token
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        PyTuple::new(py, [self.access_token(), self.refresh_token()])?.try_iter()
    }

    fn __repr__(&self) -> &'static str {
        "TokenPair(access_token=<redacted>, refresh_token=<redacted>)"
    }
}
