//! Service: the API backends call (issue, validate, refresh, revoke, cache, metrics), built on the
//! verifier and signer so its semantics are exactly theirs.

mod cache;
mod clock;
mod config;
mod extract;
mod metrics;
mod revocation;

use std::sync::Arc;

use ring::rand::{SecureRandom, SystemRandom};
use serde_json::{Map, Value};

pub use clock::Clock;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use clock::SystemClock;
pub use config::{
    ServiceConfig, DEFAULT_ACCESS_TTL, DEFAULT_CACHE_TTL, DEFAULT_MAX_REVOCATIONS,
    DEFAULT_REFRESH_TTL,
};
pub use extract::{extract_token, ExtractOptions, Extracted, TokenSource, WEBSOCKET_PROTOCOL};
pub use revocation::{LocalRevocationStore, MemoryRevocations, RevocationStore};

use crate::claims::Claims;
use crate::encoding::b64_encode;
use crate::error::{invalid_key, Error, ErrorCode, OptionsError, OptionsErrorKind, SignError};
use crate::options::VerifyOptions;
use crate::sign::{sign, SignOptions};
use crate::verifier::{KeySource, Verified, Verifier};
use cache::{token_digest, ValidationCache};
use clock::SharedClock;
use metrics::{Event, Metrics};

/// Which kind of token a call expects; carried in the `type` claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenType {
    /// A short-lived access token.
    Access,
    /// A long-lived refresh token, only accepted by [`TokenService::refresh`].
    Refresh,
}

/// [`TokenType::Access`]: what a call expects when the host does not say (the one place this
/// default is written; bindings use it for an omitted `token_type`).
impl Default for TokenType {
    fn default() -> Self {
        TokenType::Access
    }
}

impl TokenType {
    /// `"access"` or `"refresh"`, the value of the `type` claim.
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenType::Access => "access",
            TokenType::Refresh => "refresh",
        }
    }

    /// Parses `"access"` / `"refresh"`.
    pub fn parse(name: &str) -> Result<TokenType, OptionsError> {
        match name {
            "access" => Ok(TokenType::Access),
            "refresh" => Ok(TokenType::Refresh),
            _ => Err(OptionsError::new(
                "token_type",
                OptionsErrorKind::Value,
                "must be \"access\" or \"refresh\"",
            )),
        }
    }
}

/// A new access token and refresh token, from [`TokenService::refresh`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenPair {
    /// The new access token.
    pub access_token: String,
    /// The new refresh token (the old one is now revoked).
    pub refresh_token: String,
}

/// Claims a service sets itself; `extra` claims may not replace them.
const SERVICE_CLAIMS: [&str; 10] = [
    "sub",
    "email",
    "permissions",
    "iat",
    "exp",
    "nbf",
    "jti",
    "iss",
    "aud",
    "type",
];

/// Issues and validates access and refresh tokens for one service, with revocation, an optional
/// validation cache and metrics. Immutable and thread-safe; share one per process.
///
/// ```
/// use onejwt::{Key, ServiceConfig, TokenService, TokenType};
/// let config = ServiceConfig::hmac(Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap())
///     .issuer("https://auth.example").audience("api");
/// let service = TokenService::new(config).unwrap();
/// let now = Some(1_700_000_000);
/// let access = service.create_access_token("42", Some("ada@example.com"), &["read".into()], &Default::default(), now).unwrap();
/// let claims = service.validate_token(&access, TokenType::Access, now).unwrap();
/// assert_eq!(claims["sub"], "42");
/// // An access token is never a refresh token.
/// assert!(service.validate_token(&access, TokenType::Refresh, now).is_none());
/// service.revoke(&access, now).unwrap();
/// assert_eq!(service.verify(&access, TokenType::Access, now).unwrap_err().code().as_str(), "revoked");
/// ```
pub struct TokenService {
    algorithm: &'static str,
    signing_key: Option<crate::key::Key>,
    verifier: Verifier,
    issuer: Option<String>,
    audience: Option<String>,
    access_ttl: u64,
    refresh_ttl: u64,
    revocations: Arc<dyn RevocationStore>,
    cache: Option<ValidationCache>,
    clock: Option<SharedClock>,
    metrics: Metrics,
    rng: SystemRandom,
}

impl std::fmt::Debug for TokenService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenService")
            .field("algorithm", &self.algorithm)
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

impl TokenService {
    /// A service from validated settings.
    pub fn new(config: ServiceConfig) -> Result<TokenService, SignError> {
        config.validate()?;
        let alg = config.algorithm;
        let verification = match (&config.verification, &config.signing_key) {
            (Some(source), _) => source.clone(),
            (None, Some(key)) => KeySource::Key(key.clone()),
            (None, None) => return Err(invalid_key("no key to verify with").into()),
        };
        let mut options = VerifyOptions::new([alg.as_str()])
            .leeway(config.leeway)
            .required(["sub", "iat", "exp", "jti", "type"]);
        if let Some(issuer) = &config.issuer {
            options = options.issuer(issuer.clone());
        }
        if let Some(audience) = &config.audience {
            options = options.audience(audience.clone());
        }
        let verifier = Verifier::new(verification, options)?;
        let revocations = match config.revocations {
            Some(store) => store,
            None => Arc::new(MemoryRevocations::new(config.max_revocations)),
        };
        Ok(TokenService {
            algorithm: alg.as_str(),
            signing_key: config.signing_key,
            verifier,
            issuer: config.issuer,
            audience: config.audience,
            access_ttl: config.access_ttl,
            refresh_ttl: config.refresh_ttl,
            revocations,
            cache: ValidationCache::new(config.cache_size, config.cache_ttl),
            clock: config.clock,
            metrics: Metrics::default(),
            rng: SystemRandom::new(),
        })
    }

    /// A service configured from the environment (see [`ServiceConfig::from_env_vars`]).
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    pub fn from_env() -> Result<TokenService, SignError> {
        TokenService::new(ServiceConfig::from_env()?)
    }

    fn now(&self, now: Option<i64>) -> i64 {
        if let Some(now) = now {
            return now;
        }
        match &self.clock {
            Some(clock) => clock.unix_seconds(),
            #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
            None => crate::clock::unix_now(),
            // wasm32 hosts always install a clock (the binding passes the host's time).
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            None => 0,
        }
    }

    fn monotonic(&self) -> Option<u64> {
        match &self.clock {
            Some(clock) => clock.monotonic_micros(),
            #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
            None => SystemClock.monotonic_micros(),
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            None => None,
        }
    }

    /// A random token id: 128 bits from the OS (or `crypto.getRandomValues` on the web).
    fn new_jti(&self) -> Result<String, Error> {
        let mut bytes = [0u8; 16];
        self.rng
            .fill(&mut bytes)
            .map_err(|_| invalid_key("no randomness available to make a token id"))?;
        Ok(b64_encode(&bytes))
    }

    fn issue(
        &self,
        token_type: TokenType,
        user_id: &str,
        own: Map<String, Value>,
        extra: &Map<String, Value>,
        now: Option<i64>,
    ) -> Result<String, SignError> {
        let key = self
            .signing_key
            .as_ref()
            .ok_or_else(|| invalid_key("this service has no signing key (verify-only)"))?;
        if user_id.is_empty() {
            return Err(
                OptionsError::new("user_id", OptionsErrorKind::Value, "must not be empty").into(),
            );
        }
        let now = self.now(now);
        let ttl = match token_type {
            TokenType::Access => self.access_ttl,
            TokenType::Refresh => self.refresh_ttl,
        };
        let mut claims = Map::new();
        claims.insert("sub".into(), user_id.into());
        claims.extend(own);
        claims.insert("iat".into(), now.into());
        claims.insert("exp".into(), now.saturating_add_unsigned(ttl).into());
        claims.insert("jti".into(), self.new_jti()?.into());
        if let Some(issuer) = &self.issuer {
            claims.insert("iss".into(), issuer.as_str().into());
        }
        if let Some(audience) = &self.audience {
            claims.insert("aud".into(), audience.as_str().into());
        }
        claims.insert("type".into(), token_type.as_str().into());
        for (name, value) in extra {
            if SERVICE_CLAIMS.contains(&name.as_str()) {
                return Err(OptionsError::new(
                    "extra",
                    OptionsErrorKind::Value,
                    format!("extra claims cannot replace the service's own claim {name:?}"),
                )
                .into());
            }
            claims.insert(name.clone(), value.clone());
        }
        let token = sign(&claims, key, self.algorithm, &SignOptions::default())?;
        self.metrics.count(match token_type {
            TokenType::Access => Event::IssuedAccess,
            TokenType::Refresh => Event::IssuedRefresh,
        });
        Ok(token)
    }

    /// Issues an access token: `sub`, `email` (when given), `permissions`, `iat`, `exp`, a random
    /// `jti`, `iss`/`aud` (when configured) and `type: "access"`, plus `extra` claims.
    pub fn create_access_token(
        &self,
        user_id: &str,
        email: Option<&str>,
        permissions: &[String],
        extra: &Map<String, Value>,
        now: Option<i64>,
    ) -> Result<String, SignError> {
        let mut own = Map::new();
        if let Some(email) = email {
            own.insert("email".into(), email.into());
        }
        own.insert("permissions".into(), permissions.to_vec().into());
        self.issue(TokenType::Access, user_id, own, extra, now)
    }

    /// Issues a refresh token: `sub`, `iat`, `exp`, `jti`, `iss`, `aud`, `type: "refresh"`, plus
    /// `extra` claims.
    pub fn create_refresh_token(
        &self,
        user_id: &str,
        extra: &Map<String, Value>,
        now: Option<i64>,
    ) -> Result<String, SignError> {
        self.issue(TokenType::Refresh, user_id, Map::new(), extra, now)
    }

    /// Verifies a token of the expected type, checking revocation on every call (cache hit or
    /// miss). Fails with a code: `wrong_token_type` for the other type, `revoked`, or any
    /// verification code.
    pub fn verify(
        &self,
        token: impl AsRef<[u8]>,
        token_type: TokenType,
        now: Option<i64>,
    ) -> Result<Verified, Error> {
        self.verify_in(&*self.revocations, token.as_ref(), token_type, now)
    }

    /// This service with `store` as the revocation store of the calls made through the returned
    /// view, instead of the configured one: for a host whose store cannot be shared across
    /// threads (a JavaScript object), lent for the duration of a call. Issuing, the cache and the
    /// metrics are the service's own.
    ///
    /// ```
    /// use onejwt::{Key, MemoryRevocations, ServiceConfig, TokenService, TokenType};
    /// let service = TokenService::new(ServiceConfig::hmac(Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap())).unwrap();
    /// let now = Some(1_700_000_000);
    /// let token = service.create_access_token("42", None, &[], &Default::default(), now).unwrap();
    /// let lent = MemoryRevocations::new(10); // any LocalRevocationStore
    /// service.with_store(&lent).revoke(&token, now).unwrap();
    /// assert!(service.with_store(&lent).validate_token(&token, TokenType::Access, now).is_none());
    /// // The configured store never saw the revocation.
    /// assert!(service.validate_token(&token, TokenType::Access, now).is_some());
    /// ```
    pub fn with_store<'a>(&'a self, store: &'a dyn LocalRevocationStore) -> WithStore<'a> {
        WithStore {
            service: self,
            store,
        }
    }

    fn verify_in<S: LocalRevocationStore + ?Sized>(
        &self,
        store: &S,
        token: &[u8],
        token_type: TokenType,
        now: Option<i64>,
    ) -> Result<Verified, Error> {
        let started = self.monotonic();
        let outcome = self.verify_uncounted(store, token, token_type, self.now(now));
        let micros = match (started, self.monotonic()) {
            (Some(a), Some(b)) => Some(b.saturating_sub(a)),
            _ => None,
        };
        self.metrics
            .verification(outcome.as_ref().map(|_| ()).map_err(Error::code), micros);
        outcome
    }

    fn verify_uncounted<S: LocalRevocationStore + ?Sized>(
        &self,
        store: &S,
        token: &[u8],
        token_type: TokenType,
        now: i64,
    ) -> Result<Verified, Error> {
        let digest = self.cache.as_ref().map(|_| token_digest(token));
        if let (Some(cache), Some(digest)) = (&self.cache, &digest) {
            if let Some(hit) = cache.get(digest, now) {
                self.metrics.count(Event::CacheHit);
                self.check_type_and_revocation(store, &hit.verified, token_type, now)?;
                return Ok(hit.verified);
            }
            self.metrics.count(Event::CacheMiss);
        }
        let verified = self.verifier.verify_at(token, now)?;
        self.check_type_and_revocation(store, &verified, token_type, now)?;
        if let (Some(cache), Some(digest)) = (&self.cache, digest) {
            let exp = verified.claims().get("exp").and_then(Value::as_f64);
            cache.insert(digest, verified.clone(), exp, now);
        }
        Ok(verified)
    }

    fn check_type_and_revocation<S: LocalRevocationStore + ?Sized>(
        &self,
        store: &S,
        verified: &Verified,
        expected: TokenType,
        now: i64,
    ) -> Result<(), Error> {
        let claims = verified.claims();
        if claims.get("type").and_then(Value::as_str) != Some(expected.as_str()) {
            return Err(Error::new(
                ErrorCode::WrongTokenType,
                format!("expected a token of type \"{}\"", expected.as_str()),
            )
            .with_claim("type"));
        }
        let jti = claims
            .get("jti")
            .and_then(Value::as_str)
            .unwrap_or_default();
        match store.is_revoked(jti, now) {
            Ok(false) => Ok(()),
            Ok(true) => {
                Err(Error::new(ErrorCode::Revoked, "the token has been revoked").with_claim("jti"))
            }
            Err(message) => Err(Error::new(
                ErrorCode::Revoked,
                format!(
                    "the revocation store failed ({}); failing closed",
                    crate::algorithm::truncate(&message)
                ),
            )),
        }
    }

    /// The claims of a valid token of the expected type, or `None` for any bad token (never an
    /// error: empty, malformed, expired, wrong type and revoked tokens all give `None`).
    pub fn validate_token(
        &self,
        token: impl AsRef<[u8]>,
        token_type: TokenType,
        now: Option<i64>,
    ) -> Option<Claims> {
        self.validate_in(&*self.revocations, token.as_ref(), token_type, now)
    }

    fn validate_in<S: LocalRevocationStore + ?Sized>(
        &self,
        store: &S,
        token: &[u8],
        token_type: TokenType,
        now: Option<i64>,
    ) -> Option<Claims> {
        self.verify_in(store, token, token_type, now)
            .ok()
            .map(Verified::into_parts)
            .map(|(_, claims)| claims)
    }

    /// The `sub` of a verified access token, else `None`.
    pub fn extract_user_id(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Option<String> {
        self.extract_user_id_in(&*self.revocations, token.as_ref(), now)
    }

    fn extract_user_id_in<S: LocalRevocationStore + ?Sized>(
        &self,
        store: &S,
        token: &[u8],
        now: Option<i64>,
    ) -> Option<String> {
        let verified = self.verify_in(store, token, TokenType::Access, now).ok()?;
        verified
            .claims()
            .get("sub")
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    /// Exchanges a refresh token for a new access token and a new refresh token, and revokes the
    /// old refresh token, so presenting it again fails with `revoked` (reuse detection).
    ///
    /// The new access token carries the refresh token's `email` and `permissions` when present.
    pub fn refresh(
        &self,
        refresh_token: impl AsRef<[u8]>,
        now: Option<i64>,
    ) -> Result<TokenPair, SignError> {
        self.refresh_in(&*self.revocations, refresh_token.as_ref(), now)
    }

    fn refresh_in<S: LocalRevocationStore + ?Sized>(
        &self,
        store: &S,
        refresh_token: &[u8],
        now: Option<i64>,
    ) -> Result<TokenPair, SignError> {
        let now = self.now(now);
        let verified = self.verify_in(store, refresh_token, TokenType::Refresh, Some(now))?;
        let claims = verified.claims();
        let user_id = claims
            .get("sub")
            .and_then(Value::as_str)
            .unwrap_or_default();
        // Rotation: the old refresh token dies here, and only one of two concurrent uses of it
        // may get a new pair (the other is a replay: `revoked`).
        if !self.revoke_verified(store, &verified, now, true)? {
            return Err(Error::new(
                ErrorCode::Revoked,
                "the refresh token was already used (refresh tokens are single-use)",
            )
            .into());
        }
        let mut own = Map::new();
        for name in ["email", "permissions"] {
            if let Some(value) = claims.get(name) {
                own.insert(name.into(), value.clone());
            }
        }
        own.entry("permissions")
            .or_insert_with(|| Value::Array(Vec::new()));
        let access_token = self.issue(
            TokenType::Access,
            user_id,
            own.clone(),
            &Map::new(),
            Some(now),
        )?;
        let refresh_token = self.issue(
            TokenType::Refresh,
            user_id,
            Map::new(),
            &Map::new(),
            Some(now),
        )?;
        Ok(TokenPair {
            access_token,
            refresh_token,
        })
    }

    /// Revokes a verified token's `jti` until its `exp`; with `once`, through
    /// [`LocalRevocationStore::revoke_once`], returning whether this call revoked it.
    fn revoke_verified<S: LocalRevocationStore + ?Sized>(
        &self,
        store: &S,
        verified: &Verified,
        now: i64,
        once: bool,
    ) -> Result<bool, Error> {
        let claims = verified.claims();
        let jti = claims
            .get("jti")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let exp = claims
            .get("exp")
            .and_then(Value::as_f64)
            .unwrap_or(now as f64);
        let expires_at = exp.ceil() as i64;
        let revoked = if once {
            store.revoke_once(jti, expires_at, now)
        } else {
            store.revoke(jti, expires_at, now).map(|()| true)
        };
        let fresh = revoked.map_err(|message| {
            Error::new(
                ErrorCode::Revoked,
                format!(
                    "the revocation store refused the revocation ({})",
                    crate::algorithm::truncate(&message)
                ),
            )
        })?;
        self.metrics.count(Event::Revoked);
        Ok(fresh)
    }

    /// Revokes a token (of either type) by its `jti` until it expires. The token must verify
    /// (signature and claims), so nobody can revoke other people's tokens with forged ids;
    /// revoking an already revoked token succeeds.
    pub fn revoke(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Result<(), Error> {
        self.revoke_in(&*self.revocations, token.as_ref(), now)
    }

    fn revoke_in<S: LocalRevocationStore + ?Sized>(
        &self,
        store: &S,
        token: &[u8],
        now: Option<i64>,
    ) -> Result<(), Error> {
        let now = self.now(now);
        let verified = self.verifier.verify_at(token, now)?;
        self.revoke_verified(store, &verified, now, false).map(drop)
    }

    /// Whether a (verifying) token has been revoked.
    pub fn is_revoked(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Result<bool, Error> {
        self.is_revoked_in(&*self.revocations, token.as_ref(), now)
    }

    fn is_revoked_in<S: LocalRevocationStore + ?Sized>(
        &self,
        store: &S,
        token: &[u8],
        now: Option<i64>,
    ) -> Result<bool, Error> {
        let now = self.now(now);
        let verified = self.verifier.verify_at(token, now)?;
        let jti = verified
            .claims()
            .get("jti")
            .and_then(Value::as_str)
            .unwrap_or_default();
        store.is_revoked(jti, now).map_err(|message| {
            Error::new(
                ErrorCode::Revoked,
                format!(
                    "the revocation store failed ({})",
                    crate::algorithm::truncate(&message)
                ),
            )
        })
    }

    /// Every counter as a JSON object (verifications, successes, failures per code, cache
    /// hits/misses, issued, revoked, latency summary in microseconds).
    pub fn metrics(&self) -> Map<String, Value> {
        self.metrics.snapshot()
    }

    /// The counters in the Prometheus text exposition format.
    pub fn metrics_text(&self) -> String {
        self.metrics.prometheus()
    }

    /// `{"status": "ok", "algorithm", "can_issue", "cache_entries", "metrics"}`.
    pub fn health(&self) -> Map<String, Value> {
        let mut health = Map::new();
        health.insert("status".into(), "ok".into());
        health.insert("algorithm".into(), self.algorithm.into());
        health.insert("can_issue".into(), self.signing_key.is_some().into());
        health.insert(
            "cache_entries".into(),
            self.cache.as_ref().map_or(0, ValidationCache::len).into(),
        );
        health.insert("metrics".into(), Value::Object(self.metrics()));
        health
    }
}

/// A [`TokenService`] whose revocation checks and revocations go to a store lent for these calls
/// ([`TokenService::with_store`]); every method means what the service's method of the same name
/// means.
pub struct WithStore<'a> {
    service: &'a TokenService,
    store: &'a dyn LocalRevocationStore,
}

impl std::fmt::Debug for WithStore<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WithStore")
            .field("service", self.service)
            .finish_non_exhaustive()
    }
}

impl WithStore<'_> {
    /// [`TokenService::verify`], checking revocation in the lent store.
    pub fn verify(
        &self,
        token: impl AsRef<[u8]>,
        token_type: TokenType,
        now: Option<i64>,
    ) -> Result<Verified, Error> {
        self.service
            .verify_in(self.store, token.as_ref(), token_type, now)
    }

    /// [`TokenService::validate_token`], checking revocation in the lent store.
    pub fn validate_token(
        &self,
        token: impl AsRef<[u8]>,
        token_type: TokenType,
        now: Option<i64>,
    ) -> Option<Claims> {
        self.service
            .validate_in(self.store, token.as_ref(), token_type, now)
    }

    /// [`TokenService::extract_user_id`], checking revocation in the lent store.
    pub fn extract_user_id(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Option<String> {
        self.service
            .extract_user_id_in(self.store, token.as_ref(), now)
    }

    /// [`TokenService::refresh`]: checks and revokes the old refresh token in the lent store.
    pub fn refresh(
        &self,
        refresh_token: impl AsRef<[u8]>,
        now: Option<i64>,
    ) -> Result<TokenPair, SignError> {
        self.service
            .refresh_in(self.store, refresh_token.as_ref(), now)
    }

    /// [`TokenService::revoke`], into the lent store.
    pub fn revoke(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Result<(), Error> {
        self.service.revoke_in(self.store, token.as_ref(), now)
    }

    /// [`TokenService::is_revoked`], asking the lent store.
    pub fn is_revoked(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Result<bool, Error> {
        self.service.is_revoked_in(self.store, token.as_ref(), now)
    }
}
