//! Service: the API a backend calls to issue, validate, refresh and revoke its own tokens, with a
//! validation cache and metrics, built on the verifier and signer so its semantics are exactly theirs.
//!
//! ```
//! use onejwt::Key;
//! use onejwt::service::{ServiceConfig, TokenService, TokenType};
//! let config = ServiceConfig::hmac(Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap())
//!     .issuer("https://auth.example").audience("api");
//! let service = TokenService::new(config).unwrap();
//! let now = Some(1_700_000_000);
//! let access = service.create_access_token("42", Some("ada@example.com"), &["read".into()], &Default::default(), now).unwrap();
//! let verified = service.validate_token(&access, TokenType::Access, now).unwrap();
//! assert_eq!(verified.claims()["sub"], "42");
//! // An access token is never a refresh token.
//! assert!(service.validate_token(&access, TokenType::Refresh, now).is_none());
//! service.revoke(&access, now).unwrap();
//! assert_eq!(service.verify(&access, TokenType::Access, now).unwrap_err().code().as_str(), "revoked");
//! ```

mod cache;
mod clock;
mod config;
mod extract;
mod issue;
mod metrics;
pub(crate) mod revocation;
mod rotate;
mod types;
pub(crate) mod view;

use std::sync::Arc;

use ring::rand::SystemRandom;
use serde_json::{Map, Value};

pub use clock::Clock;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use clock::SystemClock;
pub use config::{
    ServiceConfig, DEFAULT_ACCESS_TTL, DEFAULT_CACHE_TTL, DEFAULT_MAX_REVOCATIONS,
    DEFAULT_REFRESH_TTL,
};
pub use extract::{extract_token, ExtractOptions, Extracted, TokenSource, WEBSOCKET_PROTOCOL};
pub(crate) use revocation::LocalRevocationStore;
pub use revocation::{MemoryRevocations, RevocationStore};
pub use types::{TokenPair, TokenType};
pub(crate) use view::WithStore;

use crate::algorithm::KeyFamily;
use crate::error::{invalid_key, Error, Failure};
use crate::options::VerifyOptions;
use crate::verifier::{KeySource, Verified, Verifier};
use cache::ValidationCache;
use clock::SharedClock;
use metrics::Metrics;

/// Issues and validates access and refresh tokens for one service, with revocation, an optional
/// validation cache and metrics. Immutable and thread-safe; share one per process.
///
/// Every operation that consults revocations is written once, on the store view
/// ([`host::with_store`](crate::host::with_store)); the methods here run it over the configured
/// store.
pub struct TokenService {
    algorithm: &'static str,
    signing_key: Option<crate::key::Key>,
    kid: Option<String>,
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
    pub fn new(config: ServiceConfig) -> Result<TokenService, Failure> {
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
        // `validate` refused what it knows; the verifier names its own options (`key`, `keys`), so
        // say which setting of the service gave the key.
        let verifier = Verifier::new(verification, options).map_err(|e| {
            let setting = match (e.option(), &config.verification, alg.family()) {
                ("keys", ..) => "jwks",
                ("key", Some(_), _) => "public_key",
                ("key", None, KeyFamily::Hmac) => "secret_key",
                ("key", None, _) => "private_key",
                _ => return e,
            };
            e.renamed(setting.to_owned())
        })?;
        let revocations = match config.revocations {
            Some(store) => store,
            None => Arc::new(MemoryRevocations::new(config.max_revocations)),
        };
        Ok(TokenService {
            algorithm: alg.as_str(),
            signing_key: config.signing_key,
            kid: config.kid,
            verifier,
            issuer: config.issuer,
            audience: config.audience,
            access_ttl: config.access_ttl,
            refresh_ttl: config.refresh_ttl,
            revocations,
            cache: ValidationCache::new(config.cache_size, config.cache_ttl, config.leeway),
            clock: config.clock,
            metrics: Metrics::default(),
            rng: SystemRandom::new(),
        })
    }

    /// A service configured from the environment (see [`ServiceConfig::from_env_vars`]).
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    pub fn from_env() -> Result<TokenService, Failure> {
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

    /// This service over its configured revocation store.
    fn own(&self) -> WithStore<'_, Arc<dyn RevocationStore>> {
        WithStore::new(self, &self.revocations)
    }

    /// This service over `store` for the calls made through the returned view, or over its own
    /// store when `store` is `None` (see [`host::with_store`](crate::host::with_store)).
    pub(crate) fn with_store<'a>(
        &'a self,
        store: Option<&'a dyn LocalRevocationStore>,
    ) -> WithStore<'a, dyn LocalRevocationStore + 'a> {
        match store {
            Some(store) => WithStore::new(self, store),
            None => WithStore::new(self, &self.revocations as &dyn LocalRevocationStore),
        }
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
        self.own().verify(token, token_type, now)
    }

    /// The verified token of the expected type, or `None` for any bad token (never an error:
    /// empty, malformed, expired, wrong type and revoked tokens all give `None`).
    pub fn validate_token(
        &self,
        token: impl AsRef<[u8]>,
        token_type: TokenType,
        now: Option<i64>,
    ) -> Option<Verified> {
        self.own().validate_token(token, token_type, now)
    }

    /// The `sub` of a verified access token, else `None`.
    pub fn extract_user_id(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Option<String> {
        self.own().extract_user_id(token, now)
    }

    /// Exchanges a refresh token for a new access token and a new refresh token, and revokes the
    /// old refresh token, so presenting it again fails with `revoked` (reuse detection).
    ///
    /// The new access token carries the refresh token's `email` and `permissions` when present.
    pub fn refresh(
        &self,
        refresh_token: impl AsRef<[u8]>,
        now: Option<i64>,
    ) -> Result<TokenPair, Failure> {
        self.own().refresh(refresh_token, now)
    }

    /// Revokes a token (of either type) by its `jti` until it expires. The token must verify
    /// (signature and claims), so nobody can revoke other people's tokens with forged ids;
    /// revoking an already revoked token succeeds.
    pub fn revoke(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Result<(), Error> {
        self.own().revoke(token, now)
    }

    /// Whether a (verifying) token has been revoked.
    pub fn is_revoked(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Result<bool, Error> {
        self.own().is_revoked(token, now)
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
