//! Service: `onejwt.TokenService`, the core's issue / validate / refresh / revoke API with its
//! cache and metrics, and `onejwt.TokenPair`.

use std::sync::Arc;

use onejwt::host::{self, OptionNames};
use onejwt::service::{ServiceConfig, TokenPair, TokenService};
use onejwt::Algorithm;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyIterator, PyString, PyTuple};
use pyo3::{PyTraverseError, PyVisit};

use crate::convert::{call_now, claims_dict, map_to_dict, option_value, options_map};
use crate::errors::{failure, jwt_error, options_error};
use crate::key::family_releases_gil;
use crate::revocation::{take_failure, HostRevocations};

/// Issues and validates access and refresh tokens for one service: revocation, an optional
/// validation cache and metrics, all decided by the onejwt core (identical in every runtime).
///
/// Options are keywords, as in the environment minus the ``JWT_`` prefix: ``secret_key`` (HMAC;
/// there is never a default secret, and a weak one is refused here), or ``private_key`` (PEM
/// text; signs) and/or ``public_key`` (PEM text) or ``jwks`` (a ``dict`` or JSON text) to verify;
/// ``algorithm`` (default ``"HS256"``), ``issuer`` and ``audience`` (set on issued tokens and
/// required on verified ones), ``kid`` (the ``kid`` header of issued tokens), ``access_ttl``
/// (seconds, default 900, at most a day), ``refresh_ttl`` (default 7 days, at most 400 days),
/// ``leeway`` (default 0, at most 3600), ``cache_size`` (validation-cache entries, default 0:
/// off, at most 1,000,000), ``cache_ttl`` (default 60, 1 to 86400) and ``max_revocations``
/// (bound of the in-memory store, default 100000, 1 to 10,000,000). The core validates them
/// all: a wrong type raises ``TypeError``, a refused value (a key or JWKS that cannot verify the
/// algorithm included) or an unknown name raises ``ValueError``; both name the option
/// (``err.option``).
///
/// ``revocation_store`` replaces the in-memory store with any object that has
/// ``is_revoked(jti) -> bool`` and ``revoke(jti, expires_at) -> None`` (see
/// :class:`onejwt.RevocationStore`), so several processes share revocations. The service calls
/// it on every verification, cache hit or miss. If it raises, or ``is_revoked`` returns anything
/// but a ``bool``, the token is refused (fail closed): :meth:`verify` raises ``RevokedError``
/// whose message names the exception type and whose ``__cause__`` is the exception
/// (``KeyboardInterrupt`` and ``SystemExit`` propagate unchanged, even from :meth:`validate_token`).
///
/// Every call that takes a token takes the per-call option ``now`` (Unix seconds, or an aware
/// ``datetime``; default: the system clock), as :meth:`Verifier.verify` does.
///
/// Immutable and thread-safe: build one per process and share it. Work with RSA, EC or Ed25519
/// keys releases the GIL (HMAC work is quicker than handing the GIL over).
///
/// >>> service = TokenService(secret_key="a-32-byte-secret-for-hs256-use!!", issuer="https://auth.example", kid="k1")
/// >>> token = service.create_access_token("42", "ada@example.com", ["read"], now=1_700_000_000)
/// >>> service.verify(token, now=1_700_000_000)["permissions"]
/// ['read']
/// >>> decode_unverified(token)[0]["kid"]
/// 'k1'
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
        let config =
            host::service_config(&options_map(config)?, OptionNames::SnakeCase).map_err(failure)?;
        PyTokenService::build(config, revocation_store)
    }

    /// A service configured from the environment: ``JWT_SECRET_KEY`` (HMAC) or
    /// ``JWT_PRIVATE_KEY`` / ``JWT_PUBLIC_KEY`` / ``JWT_JWKS`` (asymmetric), ``JWT_ALGORITHM``
    /// (default HS256), ``JWT_ISSUER``, ``JWT_AUDIENCE``, ``JWT_KID``, ``JWT_ACCESS_TTL``
    /// (default 900), ``JWT_REFRESH_TTL`` (default 7 days), ``JWT_LEEWAY``, ``JWT_CACHE_SIZE``,
    /// ``JWT_CACHE_TTL``, ``JWT_MAX_REVOCATIONS``; empty values count as unset.
    ///
    /// A missing or weak secret raises ``ValueError`` naming the variable (``err.option ==
    /// "JWT_SECRET_KEY"``); there is never a default secret. ``revocation_store`` as for the
    /// constructor.
    #[staticmethod]
    #[pyo3(signature = (*, revocation_store = None))]
    fn from_env(revocation_store: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let config = ServiceConfig::from_env().map_err(failure)?;
        PyTokenService::build(config, revocation_store)
    }

    /// Issues an access token: ``sub`` (``user_id``, a non-empty ``str``), ``email`` (when
    /// given), ``permissions`` (a list or tuple of ``str``), ``iat``, ``exp`` (``now`` +
    /// ``access_ttl``), a random ``jti``, ``iss``/``aud`` (when configured) and ``type:
    /// "access"``, plus the ``extra`` claims (a ``dict``; an aware ``datetime`` in it becomes
    /// Unix seconds), which may not replace any of those (``ValueError`` naming ``extra``).
    ///
    /// ``now`` is the issue time: ``None`` for the system clock, Unix seconds (``int``, or
    /// ``float`` floored), or a timezone-aware ``datetime``.
    #[pyo3(
        signature = (user_id, email = None, permissions = None, **options),
        text_signature = "(self, user_id, email=None, permissions=None, **options)"
    )]
    fn create_access_token(
        &self,
        py: Python<'_>,
        user_id: PyBackedStr,
        email: Option<&Bound<'_, PyAny>>,
        permissions: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let mut map = options_map(options)?;
        for (name, value) in [("email", email), ("permissions", permissions)] {
            if let Some(value) = value {
                map.insert(name.to_owned(), option_value(value, name)?);
            }
        }
        let args = host::access_token_args(&map, OptionNames::SnakeCase).map_err(options_error)?;
        let user_id = &*user_id;
        let (token, cause) = self.run(py, |s| {
            s.create_access_token(
                user_id,
                args.email.as_deref(),
                &args.permissions,
                &args.extra,
                args.now,
            )
        })?;
        token.map_err(|e| caused(py, failure(e), cause))
    }

    /// Issues a refresh token: ``sub``, ``iat``, ``exp`` (``now`` + ``refresh_ttl``), ``jti``,
    /// ``iss``/``aud`` (when configured) and ``type: "refresh"``, plus ``extra`` claims; the
    /// options ``extra`` and ``now`` are those of :meth:`create_access_token`.
    #[pyo3(signature = (user_id, **options))]
    fn create_refresh_token(
        &self,
        py: Python<'_>,
        user_id: PyBackedStr,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let args = host::refresh_token_args(&options_map(options)?, OptionNames::SnakeCase)
            .map_err(options_error)?;
        let user_id = &*user_id;
        let (token, cause) = self.run(py, |s| {
            s.create_refresh_token(user_id, &args.extra, args.now)
        })?;
        token.map_err(|e| caused(py, failure(e), cause))
    }

    /// Verifies a token of ``token_type`` (``"access"`` or ``"refresh"``) and returns its claims
    /// as a ``dict``; checks revocation on every call, cache hit or miss.
    ///
    /// A refused token raises the ``JwtError`` subclass of its code: ``WrongTokenTypeError`` for
    /// the other type, ``RevokedError``, ``ExpiredError``, ``MalformedError``, ...
    #[pyo3(
        signature = (token, token_type = None, *, now = None, **options),
        text_signature = "(self, token, token_type='access', *, now=None, **options)"
    )]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        token: &Bound<'py, PyString>,
        token_type: Option<PyBackedStr>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let token_type = host::token_type(token_type.as_deref(), OptionNames::SnakeCase)
            .map_err(options_error)?;
        let now = call_now(now, options)?;
        let token = token.to_string_lossy();
        let (verified, cause) = self.run(py, |s| s.verify(&*token, token_type, now))?;
        let verified = verified.map_err(|e| caused(py, jwt_error(e), cause))?;
        claims_dict(py, &verified)
    }

    /// The claims of a valid token of ``token_type``, or ``None`` for any bad token: empty,
    /// malformed, badly signed, expired, of the other type, revoked (or unverifiable because the
    /// revocation store failed). Never raises for a token problem; a ``token`` that is not a
    /// ``str``, a ``token_type`` other than ``"access"``/``"refresh"`` or a wrong option is a
    /// caller mistake and raises ``TypeError``/``ValueError``, as type checkers would report it.
    #[pyo3(
        signature = (token, token_type = None, *, now = None, **options),
        text_signature = "(self, token, token_type='access', *, now=None, **options)"
    )]
    fn validate_token<'py>(
        &self,
        py: Python<'py>,
        token: &Bound<'py, PyString>,
        token_type: Option<PyBackedStr>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let token_type = host::token_type(token_type.as_deref(), OptionNames::SnakeCase)
            .map_err(options_error)?;
        let now = call_now(now, options)?;
        let token = token.to_string_lossy();
        let (verified, _) = self.run(py, |s| s.validate_token(&*token, token_type, now))?;
        verified.map(|v| claims_dict(py, &v)).transpose()
    }

    /// The ``sub`` of a verified access token, else ``None`` (never raises for a token problem).
    #[pyo3(signature = (token, *, now = None, **options))]
    fn extract_user_id(
        &self,
        py: Python<'_>,
        token: &Bound<'_, PyString>,
        now: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Option<String>> {
        let now = call_now(now, options)?;
        let token = token.to_string_lossy();
        let (user_id, _) = self.run(py, |s| s.extract_user_id(&*token, now))?;
        Ok(user_id)
    }

    /// Exchanges a refresh token for a new :class:`TokenPair` and revokes the old refresh token:
    /// presenting it again raises ``RevokedError`` (reuse detection). The new access token
    /// carries the refresh token's ``email`` and ``permissions`` when present.
    #[pyo3(signature = (refresh_token, *, now = None, **options))]
    fn refresh(
        &self,
        py: Python<'_>,
        refresh_token: &Bound<'_, PyString>,
        now: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyTokenPair> {
        let now = call_now(now, options)?;
        let token = refresh_token.to_string_lossy();
        let (pair, cause) = self.run(py, |s| s.refresh(&*token, now))?;
        pair.map(|pair| PyTokenPair { pair })
            .map_err(|e| caused(py, failure(e), cause))
    }

    /// Revokes a token (of either type) by its ``jti`` until it expires. The token must verify,
    /// so nobody can revoke other people's tokens with forged ids (else the ``JwtError`` of its
    /// code); revoking an already revoked token succeeds.
    #[pyo3(signature = (token, *, now = None, **options))]
    fn revoke(
        &self,
        py: Python<'_>,
        token: &Bound<'_, PyString>,
        now: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let now = call_now(now, options)?;
        let token = token.to_string_lossy();
        let (done, cause) = self.run(py, |s| s.revoke(&*token, now))?;
        done.map_err(|e| caused(py, jwt_error(e), cause))
    }

    /// Whether a (verifying) token has been revoked; a token that does not verify raises the
    /// ``JwtError`` of its code, and a failing revocation store raises ``RevokedError``.
    #[pyo3(signature = (token, *, now = None, **options))]
    fn is_revoked(
        &self,
        py: Python<'_>,
        token: &Bound<'_, PyString>,
        now: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<bool> {
        let now = call_now(now, options)?;
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
        let service = TokenService::new(config).map_err(failure)?;
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
