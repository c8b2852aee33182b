//! Service: `onejwt.TokenService`, the core's sessions (login, refresh, logout), verification,
//! revocation, cache and metrics, and `onejwt.TokenPair`.
//!
//! Every call that touches the session store is two steps in the core (`start_*`, then `finish`
//! with the store's reply), so a store written in Python is driven here: the synchronous methods
//! perform the request on `store.execute` themselves; the private `_start_*` / `_finish` pair hands
//! it to `onejwt.AsyncTokenService`, which awaits an asynchronous store in between.

use std::sync::Mutex;

use onejwt::host::{self, Method, MethodResult, OptionNames};
use onejwt::service::{ServiceConfig, TokenPair, TokenService};
use onejwt::session::{Outcome, Progress, StoreCall};
use onejwt::{Algorithm, Failure};
use pyo3::exceptions::PyBaseException;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBool, PyDict, PyIterator, PyString, PyTuple};
use pyo3::{PyTraverseError, PyVisit};
use serde_json::{Map, Value};

use crate::convert::{call_now, claims_dict, map_to_dict, option_value, options_map, Place};
use crate::errors::failure;
use crate::key::{cryptography_pem, family_releases_gil, key_argument, PyKey};
use crate::session::{check_store, execute, read_reply, Performed};

/// Issues and verifies access and refresh tokens for one service, with sessions (refresh-token
/// families), revocation, an optional validation cache and metrics, all decided by the onejwt
/// core (identical in every runtime).
///
/// Options are keywords, as in the environment minus the ``JWT_`` prefix: ``secret_key`` (HMAC;
/// there is never a default secret, and a weak one is refused here), or ``private_key`` (PEM
/// text, a :class:`Key` or a ``cryptography`` private key object; signs) and/or ``public_key``
/// (PEM text, a :class:`Key` or a ``cryptography`` key object) or ``jwks`` (a ``dict`` or JSON text) to verify, or
/// ``private_jwks`` (a key ring: a private JWKS as a ``dict`` or JSON text, whose key ``kid``
/// names signs and whose other keys verify the tokens they signed); ``algorithm`` (default
/// ``"HS256"``), ``issuer`` and ``audience`` (set on issued tokens and required on verified
/// ones), ``kid`` (the ``kid`` of the signing key, carried by issued tokens; default: the key's
/// own, else its RFC 7638 thumbprint), ``access_ttl``
/// (seconds, default 900, at most a day), ``refresh_ttl`` (default 7 days, at most 400 days),
/// ``session_ttl`` (a session's absolute lifetime however often it is refreshed, default 30
/// days), ``reuse_grace`` (seconds the previous refresh token may be presented again without
/// revoking the session, default 0: off, at most 60), ``leeway`` (default 0, at most 3600),
/// ``cache_size`` (validation-cache entries, default 0: off, at most 1,000,000), ``cache_ttl``
/// (default 60, 1 to 86400), ``max_sessions`` and ``max_revocations`` (bounds of the in-memory
/// store, default 100000 each, 1 to 10,000,000). The core validates them all: a wrong type raises
/// ``TypeError``, a refused value (a key or JWKS that cannot verify the algorithm included) or an
/// unknown name raises ``ValueError``; both name the option (``err.option``).
///
/// **Sessions.** :meth:`login` starts a session (a refresh-token family, the ``sid`` claim) and
/// returns its first :class:`TokenPair`; :meth:`refresh` redeems the refresh token once for the
/// next pair. Presenting a used refresh token again is reuse: the whole session is revoked
/// (``RevokedError``), unless it is the immediately previous one within ``reuse_grace``.
/// :meth:`logout` ends a session, :meth:`revoke` one token.
///
/// **Stores.** By default the sessions live in this process's memory (bounded: when live
/// sessions fill it, new logins raise ``StoreUnavailableError``; a refresh never does). To share
/// them between processes, pass ``store``: an object whose ``execute(request)`` performs one
/// request of the store contract and returns the reply ``dict`` (see :class:`SessionStore`), such
/// as :class:`RedisStore`. A store that raises, or answers anything but a reply the request can
/// have, fails the call closed with ``StoreUnavailableError`` (an outage is no verdict on the
/// token: answer it with 503, not 401); its message names the exception's type, whose instance
/// is the ``__cause__``. ``KeyboardInterrupt`` and ``SystemExit`` propagate unchanged. An
/// asynchronous store (``execute`` a coroutine function) is refused here: use
/// :class:`AsyncTokenService`.
///
/// Every call that takes a token takes the per-call option ``now`` (Unix seconds, or an aware
/// ``datetime``; default: the system clock), as :meth:`Verifier.verify` does.
///
/// **Keys.** :meth:`rotate_key` makes a new key sign; the previous one keeps verifying the tokens
/// it signed for as long as they can live. :meth:`jwks` is the JWKS to publish (or, with
/// ``private=True``, the key ring to configure the next instance with), and :attr:`signing_kid`
/// names the signing key.
///
/// Immutable and thread-safe: build one per process and share it. Work with RSA, EC or Ed25519
/// keys releases the GIL (HMAC work is quicker than handing the GIL over); a store's ``execute``
/// runs with the GIL.
///
/// >>> service = TokenService(secret_key="a-32-byte-secret-for-hs256-use!!", issuer="https://auth.example", kid="k1")
/// >>> pair = service.login("42", "ada@example.com", ["read"], now=1_700_000_000)
/// >>> service.verify(pair.access_token, now=1_700_000_000)["permissions"]
/// ['read']
/// >>> decode_unverified(pair.access_token)[0]["kid"]
/// 'k1'
/// >>> service.validate_token(pair.refresh_token, "access", now=1_700_000_000) is None
/// True
#[pyclass(frozen, name = "TokenService", module = "onejwt")]
pub(crate) struct PyTokenService {
    service: TokenService,
    /// Whether the algorithm is asymmetric, so issuing and verifying are worth releasing the GIL.
    release_gil: bool,
    /// The Python session store the synchronous methods call (`None`: the core's in-memory store,
    /// or a driver, `AsyncTokenService`, performs the requests).
    store: Option<Py<PyAny>>,
}

/// The first step of a call: the method and how far the core got.
type Begun = (Method, Result<Progress, Failure>);

#[pymethods]
impl PyTokenService {
    #[new]
    #[pyo3(signature = (*, store = None, **config))]
    fn new(store: Option<&Bound<'_, PyAny>>, config: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let config = host::service_config(&service_options(config)?, OptionNames::SnakeCase)
            .map_err(failure)?;
        PyTokenService::build(config, store, false)
    }

    /// A service configured from the environment: ``JWT_SECRET_KEY`` (HMAC) or
    /// ``JWT_PRIVATE_KEY`` / ``JWT_PUBLIC_KEY`` / ``JWT_JWKS`` (asymmetric) or
    /// ``JWT_PRIVATE_JWKS`` (a key ring, with ``JWT_KID`` naming its signing key), ``JWT_ALGORITHM``
    /// (default HS256), ``JWT_ISSUER``, ``JWT_AUDIENCE``, ``JWT_KID``, ``JWT_ACCESS_TTL``
    /// (default 900), ``JWT_REFRESH_TTL`` (default 7 days), ``JWT_SESSION_TTL`` (default 30
    /// days), ``JWT_REUSE_GRACE``, ``JWT_LEEWAY``, ``JWT_CACHE_SIZE``, ``JWT_CACHE_TTL``,
    /// ``JWT_MAX_SESSIONS``, ``JWT_MAX_REVOCATIONS``; empty values count as unset.
    ///
    /// A missing or weak secret raises ``ValueError`` naming the variable (``err.option ==
    /// "JWT_SECRET_KEY"``); there is never a default secret. ``store`` as for the constructor.
    #[staticmethod]
    #[pyo3(signature = (*, store = None))]
    fn from_env(store: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        PyTokenService::build(ServiceConfig::from_env().map_err(failure)?, store, false)
    }

    /// The service of an :class:`AsyncTokenService`: ``store`` may be asynchronous, and its
    /// requests are performed by the caller between :meth:`_start_login` (and siblings) and
    /// :meth:`_finish`.
    #[staticmethod]
    #[pyo3(signature = (*, store = None, **config))]
    fn _stepwise(
        store: Option<&Bound<'_, PyAny>>,
        config: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let config = host::service_config(&service_options(config)?, OptionNames::SnakeCase)
            .map_err(failure)?;
        PyTokenService::build(config, store, true)
    }

    /// :meth:`from_env` for :meth:`_stepwise`.
    #[staticmethod]
    #[pyo3(signature = (*, store = None))]
    fn _stepwise_from_env(store: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        PyTokenService::build(ServiceConfig::from_env().map_err(failure)?, store, true)
    }

    /// Issues an access token outside any session (no store involved): ``sub`` (``user_id``, a
    /// non-empty ``str``), ``email`` (when given), ``permissions`` (a list or tuple of ``str``),
    /// ``iat``, ``exp`` (``now`` + ``access_ttl``), a random ``jti``, ``iss``/``aud`` (when
    /// configured) and ``type: "access"``, plus the ``extra`` claims (a ``dict``; an aware
    /// ``datetime`` in it becomes Unix seconds), which may not replace any of those (``ValueError``
    /// naming ``extra``). For users who log in, use :meth:`login`.
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
        let args = access_token_args(email, permissions, options)?;
        let user_id = &*user_id;
        self.core(py, |s| {
            s.create_access_token(
                user_id,
                args.email.as_deref(),
                &args.permissions,
                &args.extra,
                args.now,
            )
        })
        .map_err(failure)
    }

    /// Logs ``user_id`` in: starts a session that records ``email``, ``permissions`` and
    /// ``extra`` (the arguments of :meth:`create_access_token`, with the same checks) and returns
    /// its first :class:`TokenPair`. The access token carries them and ``sid``; the refresh token
    /// carries ``sid``, its generation ``gen`` and the session's end ``session_exp``.
    ///
    /// Raises ``StoreUnavailableError`` when the store fails, or when the in-memory store is full
    /// of live sessions (``max_sessions``).
    #[pyo3(
        signature = (user_id, email = None, permissions = None, **options),
        text_signature = "(self, user_id, email=None, permissions=None, **options)"
    )]
    fn login<'py>(
        &self,
        py: Python<'py>,
        user_id: PyBackedStr,
        email: Option<&Bound<'py, PyAny>>,
        permissions: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = self.begin_login(py, &user_id, email, permissions, options)?;
        self.drive(py, begun)
    }

    /// Verifies a token of ``token_type`` (``"access"`` or ``"refresh"``) and returns its claims
    /// as a ``dict``; asks the store on every call, cache hit or miss.
    ///
    /// A refused token raises the ``JwtError`` subclass of its code: ``WrongTokenTypeError`` for
    /// the other type, ``RevokedError`` (the token, or its session, was revoked; a refresh token
    /// its session has moved past), ``ExpiredError``, ``MalformedError``, ...; a failing store
    /// raises ``StoreUnavailableError``.
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
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = self.begin_verify(py, Method::Verify, token, token_type, now, options)?;
        self.drive(py, begun)
    }

    /// The claims of a valid token of ``token_type``, or ``None`` for any bad token: empty,
    /// malformed, badly signed, expired, of the other type, revoked. A failing store is no
    /// verdict on the token: it raises ``StoreUnavailableError`` (a server answers 503, not 401).
    /// A ``token`` that is not a ``str``, a ``token_type`` other than ``"access"``/``"refresh"``
    /// or a wrong option is a caller mistake and raises ``TypeError``/``ValueError``, as type
    /// checkers would report it.
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
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun =
            self.begin_verify(py, Method::ValidateToken, token, token_type, now, options)?;
        self.drive(py, begun)
    }

    /// The ``sub`` of a valid access token, else ``None`` (as :meth:`validate_token`: a failing
    /// store raises ``StoreUnavailableError``).
    #[pyo3(signature = (token, *, now = None, **options))]
    fn extract_user_id<'py>(
        &self,
        py: Python<'py>,
        token: &Bound<'py, PyString>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = self.begin_verify(py, Method::ExtractUserId, token, None, now, options)?;
        self.drive(py, begun)
    }

    /// Exchanges a refresh token for the session's next :class:`TokenPair`. A refresh token works
    /// once: presenting it again revokes the whole session (``RevokedError``), unless it is the
    /// previous generation within ``reuse_grace`` seconds. After ``session_ttl`` the session
    /// ends for good (``ExpiredError``: log in again).
    ///
    /// The new access token carries what the session recorded at :meth:`login`; each of
    /// ``email``, ``permissions`` and ``extra`` given replaces the recorded one in it (pass the
    /// user's current ones when they may have changed). ``now`` as for :meth:`verify`.
    #[pyo3(
        signature = (refresh_token, **options),
        text_signature = "(self, refresh_token, *, email=None, permissions=None, extra=None, now=None)"
    )]
    fn refresh<'py>(
        &self,
        py: Python<'py>,
        refresh_token: &Bound<'py, PyString>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = self.begin_refresh(py, refresh_token, options)?;
        self.drive(py, begun)
    }

    /// Revokes a token until it would have expired anyway (``exp`` + ``leeway``): an access
    /// token alone, a refresh token with its whole session (it stands for it). The token must
    /// verify, so nobody revokes other people's tokens with forged ids (else the ``JwtError`` of
    /// its code); revoking twice succeeds.
    #[pyo3(signature = (token, *, now = None, **options))]
    fn revoke<'py>(
        &self,
        py: Python<'py>,
        token: &Bound<'py, PyString>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = self.begin_revoke(py, token, now, options, false)?;
        self.drive(py, begun)
    }

    /// Ends the session of a token of either type: every access and refresh token of it is
    /// refused from now on. A token outside any session is revoked alone.
    #[pyo3(signature = (token, *, now = None, **options))]
    fn logout<'py>(
        &self,
        py: Python<'py>,
        token: &Bound<'py, PyString>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = self.begin_revoke(py, token, now, options, true)?;
        self.drive(py, begun)
    }

    /// Whether a (verifying) token is revoked, by itself or with its session; a token that does
    /// not verify raises the ``JwtError`` of its code, a failing store ``StoreUnavailableError``.
    #[pyo3(signature = (token, *, now = None, **options))]
    fn is_revoked<'py>(
        &self,
        py: Python<'py>,
        token: &Bound<'py, PyString>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = self.begin_is_revoked(py, token, now, options)?;
        self.drive(py, begun)
    }

    /// Every counter as a new ``dict``: ``verifications``, ``successes``, ``failures`` (a count
    /// per error code), ``cache_hits``, ``cache_misses``, ``issued_access``, ``issued_refresh``,
    /// ``revoked``, ``sessions_started``, ``sessions_refused`` (logins a full store refused),
    /// ``sessions_reused`` (sessions revoked for refresh-token reuse), ``store_errors``,
    /// ``keys_rotated`` (:meth:`rotate_key` calls that changed the signing key) and ``latency_us``
    /// (``count``, ``sum``, ``mean``, ``max``, in microseconds).
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

    /// Makes ``key`` (a :class:`Key` or a ``cryptography`` private key object) the signing key
    /// from ``now`` on (default: the system clock). The key it replaces is retired: it keeps
    /// verifying the tokens it signed for the longest token lifetime (the larger of
    /// ``access_ttl`` and ``refresh_ttl``, plus ``leeway``), then it is dropped and its tokens
    /// raise ``KeyNotFoundError``. Issued tokens carry the new key's ``kid`` (its own, else its
    /// RFC 7638 thumbprint). Rotating to the current key again changes nothing, so every
    /// instance of a service can be told. A key that cannot sign for the service's algorithm
    /// (a public key, another family), another key with a ``kid`` already in the ring, or a
    /// service that verifies with a configured ``public_key``/``jwks`` raises ``ValueError``
    /// naming ``key``.
    ///
    /// >>> service = TokenService(algorithm="ES256", private_jwks={"keys": [Key.generate("ES256", kid="k1").to_jwk(private=True)]}, kid="k1")
    /// >>> before = service.create_access_token("42", now=1_700_000_000)
    /// >>> service.rotate_key(Key.generate("ES256", kid="k2"), now=1_700_000_000)
    /// >>> service.signing_kid, decode_unverified(service.create_access_token("42"))[0]["kid"]
    /// ('k2', 'k2')
    /// >>> service.verify(before, now=1_700_000_100)["sub"]
    /// '42'
    #[pyo3(signature = (key, *, now = None, **options))]
    fn rotate_key(
        &self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let now = call_now(now, options)?;
        let key = key_argument(key, Place::Argument("key"))?;
        self.core(py, |s| s.rotate_key(key, now)).map_err(failure)
    }

    /// The service's keys as a JWKS ``dict``: the public JWKS to publish
    /// (``/.well-known/jwks.json``), the public half of every key that verifies at ``now``
    /// (default: the system clock), the signing key first; or with the option ``private``
    /// (``True``; default ``False``) the key ring itself (keep it as secret as the keys), what ``private_jwks`` (``JWT_PRIVATE_JWKS``,
    /// with ``kid`` = :attr:`signing_kid`) configures another instance with. An HMAC service has
    /// no public JWKS, and a verify-only service no private one: ``InvalidKeyError``.
    ///
    /// >>> service = TokenService(algorithm="EdDSA", private_key=Key.generate("EdDSA").to_pem(private=True))
    /// >>> [key["kid"] for key in service.jwks()["keys"]] == [service.signing_kid]
    /// True
    /// >>> "d" in service.jwks(private=True)["keys"][0]
    /// True
    #[pyo3(signature = (**options), text_signature = "(self, *, private=None, now=None)")]
    fn jwks<'py>(
        &self,
        py: Python<'py>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let options = options_map(options)?;
        let jwks = self
            .core(py, |s| {
                host::service_jwks(s, &options, OptionNames::SnakeCase)
            })
            .map_err(failure)?;
        map_to_dict(py, &jwks)
    }

    /// The ``kid`` of the key that signs now (issued tokens carry it), ``None`` for a
    /// verify-only service.
    ///
    /// >>> TokenService(secret_key="a-32-byte-secret-for-hs256-use!!", kid="k1").signing_kid
    /// 'k1'
    #[getter]
    fn signing_kid(&self) -> Option<String> {
        self.service.signing_kid()
    }

    /// The first step of :meth:`login`: the :class:`TokenPair`, or a pending call whose
    /// ``request`` the caller performs on its store before :meth:`_finish`.
    #[pyo3(signature = (user_id, email = None, permissions = None, **options))]
    fn _start_login<'py>(
        slf: &Bound<'py, Self>,
        user_id: PyBackedStr,
        email: Option<&Bound<'py, PyAny>>,
        permissions: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = slf
            .get()
            .begin_login(slf.py(), &user_id, email, permissions, options)?;
        PyTokenService::step(slf, begun)
    }

    /// The first step of :meth:`verify` (see :meth:`_start_login`).
    #[pyo3(
        signature = (token, token_type = None, *, now = None, **options),
        text_signature = "(self, token, token_type='access', *, now=None, **options)"
    )]
    fn _start_verify<'py>(
        slf: &Bound<'py, Self>,
        token: &Bound<'py, PyString>,
        token_type: Option<PyBackedStr>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun =
            slf.get()
                .begin_verify(slf.py(), Method::Verify, token, token_type, now, options)?;
        PyTokenService::step(slf, begun)
    }

    /// The first step of :meth:`validate_token` (see :meth:`_start_login`).
    #[pyo3(
        signature = (token, token_type = None, *, now = None, **options),
        text_signature = "(self, token, token_type='access', *, now=None, **options)"
    )]
    fn _start_validate_token<'py>(
        slf: &Bound<'py, Self>,
        token: &Bound<'py, PyString>,
        token_type: Option<PyBackedStr>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let method = Method::ValidateToken;
        let begun = slf
            .get()
            .begin_verify(slf.py(), method, token, token_type, now, options)?;
        PyTokenService::step(slf, begun)
    }

    /// The first step of :meth:`extract_user_id` (see :meth:`_start_login`).
    #[pyo3(signature = (token, *, now = None, **options))]
    fn _start_extract_user_id<'py>(
        slf: &Bound<'py, Self>,
        token: &Bound<'py, PyString>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let method = Method::ExtractUserId;
        let begun = slf
            .get()
            .begin_verify(slf.py(), method, token, None, now, options)?;
        PyTokenService::step(slf, begun)
    }

    /// The first step of :meth:`refresh` (see :meth:`_start_login`).
    #[pyo3(signature = (refresh_token, **options))]
    fn _start_refresh<'py>(
        slf: &Bound<'py, Self>,
        refresh_token: &Bound<'py, PyString>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = slf.get().begin_refresh(slf.py(), refresh_token, options)?;
        PyTokenService::step(slf, begun)
    }

    /// The first step of :meth:`revoke` (see :meth:`_start_login`).
    #[pyo3(signature = (token, *, now = None, **options))]
    fn _start_revoke<'py>(
        slf: &Bound<'py, Self>,
        token: &Bound<'py, PyString>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = slf
            .get()
            .begin_revoke(slf.py(), token, now, options, false)?;
        PyTokenService::step(slf, begun)
    }

    /// The first step of :meth:`logout` (see :meth:`_start_login`).
    #[pyo3(signature = (token, *, now = None, **options))]
    fn _start_logout<'py>(
        slf: &Bound<'py, Self>,
        token: &Bound<'py, PyString>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = slf
            .get()
            .begin_revoke(slf.py(), token, now, options, true)?;
        PyTokenService::step(slf, begun)
    }

    /// The first step of :meth:`is_revoked` (see :meth:`_start_login`).
    #[pyo3(signature = (token, *, now = None, **options))]
    fn _start_is_revoked<'py>(
        slf: &Bound<'py, Self>,
        token: &Bound<'py, PyString>,
        now: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let begun = slf.get().begin_is_revoked(slf.py(), token, now, options)?;
        PyTokenService::step(slf, begun)
    }

    /// The second step: the store's ``reply`` to the pending call's request, or the ``error``
    /// the store raised (it fails the call closed and becomes the ``__cause__``; an exception
    /// that is not an ``Exception`` is raised again as it is). Returns what the method returns,
    /// or raises what it raises.
    #[pyo3(signature = (pending, reply = None, error = None))]
    fn _finish<'py>(
        slf: &Bound<'py, Self>,
        pending: &Bound<'py, PyPendingCall>,
        reply: Option<&Bound<'py, PyAny>>,
        error: Option<&Bound<'py, PyBaseException>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let pending = pending.get();
        if !pending.service.bind(py).is(slf) {
            return Err(PyValueError::new_err(
                "this pending call belongs to another TokenService",
            ));
        }
        let call = pending
            .call
            .lock()
            .ok()
            .and_then(|mut call| call.take())
            .ok_or_else(|| PyValueError::new_err("this pending call is already finished"))?;
        let performed = match (error, reply) {
            (Some(error), _) => Performed::raised(py, PyErr::from_value(error.clone().into_any())),
            (None, Some(reply)) => read_reply(call.request(), reply),
            (None, None) => read_reply(call.request(), &py.None().into_bound(py)),
        };
        slf.get().finish(py, pending.method, call, performed)
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
            visit.call(store)?;
        }
        Ok(())
    }
}

impl PyTokenService {
    /// A service from its settings and `store=`: with a store, every store request goes out to
    /// Python (`host_store`). `stepwise`: the caller (`AsyncTokenService`) performs the requests,
    /// and the store may be asynchronous.
    fn build(
        mut config: ServiceConfig,
        store: Option<&Bound<'_, PyAny>>,
        stepwise: bool,
    ) -> PyResult<Self> {
        let store = store.filter(|store| !store.is_none());
        if let Some(store) = store {
            check_store(store, stepwise)?;
            config = config.host_store();
        }
        let release_gil = config
            .algorithm_name()
            .parse::<Algorithm>()
            .is_ok_and(|alg| family_releases_gil(alg.family()));
        let service = TokenService::new(config).map_err(failure)?;
        Ok(PyTokenService {
            service,
            release_gil,
            store: if stepwise {
                None
            } else {
                store.map(|store| store.clone().unbind())
            },
        })
    }

    /// Runs `f` on the core, without the GIL for asymmetric algorithms: parsing, signatures and
    /// claim checks touch no Python object (a store's `execute` runs between two such steps, with
    /// the GIL).
    fn core<T: Send>(&self, py: Python<'_>, f: impl FnOnce(&TokenService) -> T + Send) -> T {
        if self.release_gil {
            py.detach(|| f(&self.service))
        } else {
            f(&self.service)
        }
    }

    fn begin_login(
        &self,
        py: Python<'_>,
        user_id: &str,
        email: Option<&Bound<'_, PyAny>>,
        permissions: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Begun> {
        let args = access_token_args(email, permissions, options)?;
        let progress = self.core(py, |s| s.start_login(user_id, args.claims(), args.now));
        Ok((Method::Pair, progress))
    }

    fn begin_verify(
        &self,
        py: Python<'_>,
        method: Method,
        token: &Bound<'_, PyString>,
        token_type: Option<PyBackedStr>,
        now: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Begun> {
        let token_type = method
            .token_type(token_type.as_deref(), OptionNames::SnakeCase)
            .map_err(crate::errors::options_error)?;
        let now = call_now(now, options)?;
        let token = token.to_string_lossy();
        let progress = self.core(py, |s| s.start_verify(&*token, token_type, now));
        Ok((method, progress))
    }

    fn begin_refresh(
        &self,
        py: Python<'_>,
        refresh_token: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Begun> {
        let args = host::refresh_args(&options_map(options)?, OptionNames::SnakeCase)
            .map_err(crate::errors::options_error)?;
        let token = refresh_token.to_string_lossy();
        let progress = self.core(py, |s| s.start_refresh(&*token, args.update, args.now));
        Ok((Method::Pair, progress))
    }

    fn begin_revoke(
        &self,
        py: Python<'_>,
        token: &Bound<'_, PyString>,
        now: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
        logout: bool,
    ) -> PyResult<Begun> {
        let now = call_now(now, options)?;
        let token = token.to_string_lossy();
        let progress = self.core(py, |s| {
            if logout {
                s.start_logout(&*token, now)
            } else {
                s.start_revoke(&*token, now)
            }
        });
        Ok((Method::Revoke, progress))
    }

    fn begin_is_revoked(
        &self,
        py: Python<'_>,
        token: &Bound<'_, PyString>,
        now: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Begun> {
        let now = call_now(now, options)?;
        let token = token.to_string_lossy();
        let progress = self.core(py, |s| s.start_is_revoked(&*token, now));
        Ok((Method::IsRevoked, progress))
    }

    /// Runs a call to its end: a store request is performed on `store.execute`, here.
    fn drive<'py>(
        &self,
        py: Python<'py>,
        (method, progress): Begun,
    ) -> PyResult<Bound<'py, PyAny>> {
        match progress {
            Ok(Progress::Store(call)) => {
                let performed = match &self.store {
                    Some(store) => execute(store.bind(py), call.request()),
                    // Only `_stepwise` services have a host store without holding it, and their
                    // driver calls `_start_*`; a synchronous call on one cannot reach the store.
                    None => Performed {
                        reply: Err("driven by AsyncTokenService".to_owned()),
                        cause: None,
                    },
                };
                self.finish(py, method, call, performed)
            }
            Ok(Progress::Done(outcome)) => self.result(py, method, Ok(outcome), None),
            Err(e) => self.result(py, method, Err(e), None),
        }
    }

    /// The first step's result for a stepwise caller: the finished value, or a pending call.
    fn step<'py>(slf: &Bound<'py, Self>, (method, progress): Begun) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        match progress {
            Ok(Progress::Store(call)) => {
                let request = match call.request().to_value() {
                    Value::Object(map) => map,
                    _ => Map::new(),
                };
                let pending = PyPendingCall {
                    call: Mutex::new(Some(call)),
                    method,
                    request,
                    service: slf.clone().unbind(),
                };
                Ok(Bound::new(py, pending)?.into_any())
            }
            Ok(Progress::Done(outcome)) => slf.get().result(py, method, Ok(outcome), None),
            Err(e) => slf.get().result(py, method, Err(e), None),
        }
    }

    /// The second step: the core finishes the call with the store's reply (or its failure). An
    /// interrupt in the store (`KeyboardInterrupt`, `SystemExit`) is raised as it is once the core
    /// has failed the call closed and counted it: it is no verdict on the token.
    fn finish<'py>(
        &self,
        py: Python<'py>,
        method: Method,
        call: StoreCall,
        mut performed: Performed,
    ) -> PyResult<Bound<'py, PyAny>> {
        let interrupt = performed.interrupt(py);
        let Performed { reply, cause } = performed;
        let result = self.core(py, move |s| s.finish(call, reply));
        if let Some(interrupt) = interrupt {
            return Err(interrupt);
        }
        self.result(py, method, result, cause)
    }

    /// The Python value of a finished call, or its exception (with the store's exception, if it
    /// caused it, as `__cause__`).
    fn result<'py>(
        &self,
        py: Python<'py>,
        method: Method,
        result: Result<Outcome, Failure>,
        cause: Option<PyErr>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let raise = |e: Failure| {
            let err = failure(e);
            if cause.is_some() {
                err.set_cause(py, cause);
            }
            err
        };
        match method.result(result).map_err(raise)? {
            MethodResult::Verified(verified) => Ok(claims_dict(py, &verified)?.into_any()),
            MethodResult::UserId(sub) => Ok(PyString::new(py, &sub).into_any()),
            MethodResult::Nothing => Ok(py.None().into_bound(py)),
            MethodResult::Pair(pair) => Ok(Bound::new(py, PyTokenPair { pair })?.into_any()),
            MethodResult::Revoked(revoked) => Ok(PyBool::new(py, revoked).to_owned().into_any()),
        }
    }
}

/// The arguments of `login` and `create_access_token` after the user id, through the core's
/// parser (`email` and `permissions` may also be positional).
fn access_token_args(
    email: Option<&Bound<'_, PyAny>>,
    permissions: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<host::AccessTokenArgs> {
    let mut map = options_map(options)?;
    for (name, value) in [("email", email), ("permissions", permissions)] {
        if let Some(value) = value {
            map.insert(name.to_owned(), option_value(value, name)?);
        }
    }
    host::access_token_args(&map, OptionNames::SnakeCase).map_err(crate::errors::options_error)
}

/// The service's keyword options as the map the core parses. A value with no JSON form is a
/// `TypeError` naming its option, except under a name the core does not know: the core's name
/// check comes first, as it does for a JSON bag, so `revocation_store=<a store object>` gets its
/// hint (`onejwt calls it store`) rather than a complaint about the object.
fn service_options(config: Option<&Bound<'_, PyDict>>) -> PyResult<Map<String, Value>> {
    let mut map = Map::new();
    if let Some(config) = config {
        for (name, value) in config.iter() {
            let name = name.cast_into::<PyString>()?.to_cow()?.into_owned();
            match option_value(&value, &name) {
                Ok(value) => {
                    map.insert(name, value);
                }
                // An unknown name: the core's refusal of it alone (the hint), whatever the value.
                Err(_) if host::SERVICE.get(&name).is_none() => {
                    let named = Map::from_iter([(name, Value::Null)]);
                    return Err(host::service_config(&named, OptionNames::SnakeCase)
                        .err()
                        .map_or_else(
                            || PyRuntimeError::new_err("the core took an unknown option"),
                            failure,
                        ));
                }
                // A `Key` or a cryptography key object (`private_key=`, `public_key=`): its PEM
                // text (the whole key for `private_key`), for the core to judge as it judges PEM
                // text given. A key with no such PEM (a secret) is that option's mistake.
                Err(unconvertible) => {
                    let pem = match value.cast::<PyKey>() {
                        Ok(key) => {
                            let key = &key.get().key;
                            let pem = if name == "private_key" {
                                key.to_private_pem()
                            } else {
                                key.to_public_pem()
                            };
                            Some(pem.map_err(|e| {
                                crate::errors::options_error(onejwt::OptionsError::new(
                                    name.clone(),
                                    onejwt::OptionsErrorKind::Value,
                                    e.message().to_owned(),
                                ))
                            })?)
                        }
                        Err(_) => cryptography_pem(&value)?,
                    };
                    match pem {
                        Some(pem) => {
                            map.insert(name, Value::String(pem));
                        }
                        None => return Err(unconvertible),
                    }
                }
            }
        }
    }
    Ok(map)
}

/// A store-touching call waiting for its store request: ``request`` is the ``dict`` to perform,
/// then ``TokenService._finish`` takes the reply. Made by the ``_start_*`` methods, for
/// :class:`AsyncTokenService`.
#[pyclass(frozen, name = "_PendingCall", module = "onejwt")]
pub(crate) struct PyPendingCall {
    /// Taken by `_finish` (a call finishes once).
    call: Mutex<Option<StoreCall>>,
    method: Method,
    /// The request's JSON object, for `request` after the call is taken.
    request: Map<String, Value>,
    /// The service that started the call (and alone may finish it).
    service: Py<PyTokenService>,
}

#[pymethods]
impl PyPendingCall {
    /// The store request (a new ``dict`` each time): ``{"op", ...}`` as :class:`StoreRequest`.
    #[getter]
    fn request<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        map_to_dict(py, &self.request)
    }

    fn __repr__(&self) -> String {
        let op = self
            .request
            .get("op")
            .and_then(Value::as_str)
            .unwrap_or_default();
        format!("_PendingCall(op='{op}')")
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.service)
    }
}

/// Two new tokens of one session, from :meth:`TokenService.login` and
/// :meth:`TokenService.refresh`: ``access_token`` and ``refresh_token``; unpacks as ``access,
/// refresh = service.refresh(old)``. ``repr()`` never shows the tokens.
#[pyclass(frozen, name = "TokenPair", module = "onejwt")]
pub(crate) struct PyTokenPair {
    pair: TokenPair,
}

#[pymethods]
impl PyTokenPair {
    /// The access token (short-lived; carries the session's claims).
    #[getter]
    fn access_token(&self) -> &str {
        &self.pair.access_token
    }

    /// The refresh token (it works once: :meth:`TokenService.refresh` exchanges it for the next pair).
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
