//! Service: the API a backend calls to issue, validate, refresh and revoke its own tokens, with
//! sessions (refresh-token families), a validation cache and metrics, built on the verifier and
//! signer so its semantics are exactly theirs.
//!
//! ```
//! use onejwt::Key;
//! use onejwt::service::{ClaimsUpdate, ServiceConfig, TokenService, TokenType, UserClaims};
//! let config = ServiceConfig::hmac(Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap())
//!     .issuer("https://auth.example").audience("api");
//! let service = TokenService::new(config).unwrap();
//! let now = Some(1_700_000_000);
//! let claims = UserClaims::new(Some("ada@example.com"), &["read".into()], &Default::default());
//! let pair = service.login("42", claims, now).unwrap();
//! let verified = service.verify(&pair.access_token, TokenType::Access, now).unwrap();
//! assert_eq!(verified.claims()["sub"], "42");
//! // An access token is never a refresh token.
//! assert!(service.validate_token(&pair.access_token, TokenType::Refresh, now).unwrap().is_none());
//! // A refresh token works once; the second use revokes the whole session.
//! let next = service.refresh(&pair.refresh_token, ClaimsUpdate::default(), now).unwrap();
//! let replay = service.refresh(&pair.refresh_token, ClaimsUpdate::default(), now).unwrap_err();
//! assert_eq!(replay.code().unwrap().as_str(), "revoked");
//! assert_eq!(service.verify(&next.access_token, TokenType::Access, now).unwrap_err().code().unwrap().as_str(), "revoked");
//! ```

mod cache;
mod clock;
mod config;
mod extract;
mod issue;
mod keyring;
mod keys;
mod metrics;
pub(crate) mod sessions;
mod types;

use std::sync::{Arc, RwLock};

use ring::rand::SystemRandom;
use serde_json::{Map, Value};

pub use clock::Clock;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use clock::SystemClock;
pub use config::{
    ServiceConfig, DEFAULT_ACCESS_TTL, DEFAULT_CACHE_TTL, DEFAULT_MAX_REVOCATIONS,
    DEFAULT_MAX_SESSIONS, DEFAULT_REFRESH_TTL, DEFAULT_REUSE_GRACE, DEFAULT_SESSION_TTL,
};
pub use extract::{extract_token, ExtractOptions, Extracted, TokenSource, WEBSOCKET_PROTOCOL};
pub use keyring::MAX_RING_KEYS;
pub use sessions::{ClaimsUpdate, UserClaims};
pub use types::{TokenPair, TokenType};

use crate::algorithm::{Algorithm, KeyFamily};
use crate::error::{invalid_key, Failure};
use crate::options::VerifyOptions;
use crate::session::{MemorySessionStore, SessionStore};
use crate::verifier::{KeySource, Verifier};
use cache::ValidationCache;
use clock::SharedClock;
use keyring::KeyRing;
use metrics::Metrics;

/// Where a service's session state lives.
#[derive(Clone)]
pub(crate) enum StoreChoice {
    /// A store the core calls itself (the in-memory one by default).
    Core(Arc<dyn SessionStore>),
    /// The host's: every request goes out through [`Progress::Store`](crate::session::Progress).
    Host,
}

/// Issues and validates access and refresh tokens for one service, with sessions (refresh-token
/// families, see [`session`](crate::session)), revocation, an optional validation cache and
/// metrics. Immutable and thread-safe; share one per process.
pub struct TokenService {
    algorithm: Algorithm,
    /// The signing key and the previous keys (`None`: a verify-only service). A rotation swaps
    /// in the next ring; a call in flight keeps the one it read.
    ring: Option<RwLock<Arc<KeyRing>>>,
    /// Whether tokens are verified with the ring (else with the configured `public_key`/`jwks`).
    ring_verifies: bool,
    verifier: Verifier,
    issuer: Option<String>,
    audience: Option<String>,
    access_ttl: u64,
    refresh_ttl: u64,
    session_ttl: u64,
    reuse_grace: u64,
    leeway: u64,
    store: StoreChoice,
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
        // Every key lives while a token it signed may: the longest lifetime, plus the leeway.
        let keep = config
            .access_ttl
            .max(config.refresh_ttl)
            .saturating_add(config.leeway);
        let ring = match &config.signing_key {
            Some(key) => {
                let key = match &config.kid {
                    Some(kid) => key.with_kid(kid.clone()),
                    None => key.clone(),
                };
                let option = if config.previous_keys.is_empty() {
                    if alg.family() == KeyFamily::Hmac {
                        "secret_key"
                    } else {
                        "private_key"
                    }
                } else {
                    "private_jwks"
                };
                if config.verification.is_some() {
                    Some(KeyRing::signing_only(key, keep))
                } else {
                    Some(KeyRing::new(
                        key,
                        config.previous_keys.clone(),
                        keep,
                        option,
                    )?)
                }
            }
            None => None,
        };
        let verification = match (&config.verification, &ring) {
            (Some(source), _) => source.clone(),
            // The verifier's own key is only what it is checked against when built: a ring
            // service selects per token from its ring (`verify_token`).
            (None, Some(ring)) => KeySource::Key(ring.current().clone()),
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
        let store = match config.store {
            Some(store) => store,
            None => StoreChoice::Core(Arc::new(MemorySessionStore::new(
                config.max_sessions,
                config.max_revocations,
            ))),
        };
        Ok(TokenService {
            algorithm: alg,
            ring_verifies: ring.is_some() && config.verification.is_none(),
            ring: ring.map(|ring| RwLock::new(Arc::new(ring))),
            verifier,
            issuer: config.issuer,
            audience: config.audience,
            access_ttl: config.access_ttl,
            refresh_ttl: config.refresh_ttl,
            session_ttl: config.session_ttl,
            reuse_grace: config.reuse_grace,
            leeway: config.leeway,
            store,
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
        health.insert("algorithm".into(), self.algorithm.as_str().into());
        health.insert("can_issue".into(), self.ring.is_some().into());
        health.insert(
            "cache_entries".into(),
            self.cache.as_ref().map_or(0, ValidationCache::len).into(),
        );
        health.insert("metrics".into(), Value::Object(self.metrics()));
        health
    }
}
