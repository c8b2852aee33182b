//! Config: a token service's settings, from code, a host's options object or the environment.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::algorithm::{Algorithm, KeyFamily};
use crate::error::{Error, Failure, OptionsError, OptionsErrorKind};
use crate::host::parse::{given, Given, OptionNames, Spelling};
use crate::host::schema::{check_range, OptionType, SERVICE};
use crate::key::Key;
use crate::keyset::KeySet;
use crate::service::clock::Clock;
use crate::service::StoreChoice;
use crate::session::SessionStore;
use crate::verifier::KeySource;

/// Default access-token lifetime: 15 minutes.
pub const DEFAULT_ACCESS_TTL: u64 = 900;
/// Default refresh-token lifetime: 7 days.
pub const DEFAULT_REFRESH_TTL: u64 = 7 * 24 * 3600;
/// Default absolute lifetime of a session (a refresh-token family): 30 days.
pub const DEFAULT_SESSION_TTL: u64 = 30 * 24 * 3600;
/// Default reuse grace: off (0 seconds).
pub const DEFAULT_REUSE_GRACE: u64 = 0;
/// Default bound on sessions held by the in-memory store.
pub const DEFAULT_MAX_SESSIONS: usize = 100_000;
/// Default bound on revoked tokens held by the in-memory store.
pub const DEFAULT_MAX_REVOCATIONS: usize = 100_000;
/// Default lifetime of a validation-cache entry when the cache is on.
pub const DEFAULT_CACHE_TTL: u64 = 60;

/// The settings of a [`TokenService`](crate::service::TokenService). There is never a default secret.
///
/// ```
/// use onejwt::Key;
/// use onejwt::service::ServiceConfig;
/// let config = ServiceConfig::hmac(Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap())
///     .issuer("https://auth.example")
///     .audience("api")
///     .access_ttl(600);
/// assert_eq!(config.algorithm_name(), "HS256");
/// ```
#[derive(Clone)]
pub struct ServiceConfig {
    pub(crate) algorithm: Algorithm,
    pub(crate) signing_key: Option<Key>,
    pub(crate) previous_keys: Vec<Key>,
    pub(crate) verification: Option<KeySource>,
    pub(crate) issuer: Option<String>,
    pub(crate) audience: Option<String>,
    pub(crate) kid: Option<String>,
    pub(crate) access_ttl: u64,
    pub(crate) refresh_ttl: u64,
    pub(crate) session_ttl: u64,
    pub(crate) reuse_grace: u64,
    pub(crate) leeway: u64,
    pub(crate) cache_size: usize,
    pub(crate) cache_ttl: u64,
    pub(crate) max_sessions: usize,
    pub(crate) max_revocations: usize,
    pub(crate) store: Option<StoreChoice>,
    pub(crate) clock: Option<Arc<dyn Clock>>,
}

impl std::fmt::Debug for ServiceConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceConfig")
            .field("algorithm", &self.algorithm)
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .field("access_ttl", &self.access_ttl)
            .field("refresh_ttl", &self.refresh_ttl)
            .finish_non_exhaustive()
    }
}

impl ServiceConfig {
    fn empty(algorithm: Algorithm) -> Self {
        ServiceConfig {
            algorithm,
            signing_key: None,
            previous_keys: Vec::new(),
            verification: None,
            issuer: None,
            audience: None,
            kid: None,
            access_ttl: DEFAULT_ACCESS_TTL,
            refresh_ttl: DEFAULT_REFRESH_TTL,
            session_ttl: DEFAULT_SESSION_TTL,
            reuse_grace: DEFAULT_REUSE_GRACE,
            leeway: 0,
            cache_size: 0,
            cache_ttl: DEFAULT_CACHE_TTL,
            max_sessions: DEFAULT_MAX_SESSIONS,
            max_revocations: DEFAULT_MAX_REVOCATIONS,
            store: None,
            clock: None,
        }
    }

    /// HS256 with this secret (it both signs and verifies).
    pub fn hmac(secret: Key) -> Self {
        let mut config = ServiceConfig::empty(Algorithm::HS256);
        config.signing_key = Some(secret);
        config
    }

    /// An asymmetric service: `signing_key` (private, optional for verify-only services) and
    /// the keys that verify (defaults to the signing key's public half).
    pub fn asymmetric(
        algorithm: Algorithm,
        signing_key: Option<Key>,
        verification: Option<KeySource>,
    ) -> Self {
        let mut config = ServiceConfig::empty(algorithm);
        config.signing_key = signing_key;
        config.verification = verification;
        config
    }

    /// Keys that signed before the signing key and still verify the tokens they signed, each
    /// selected by its `kid` (default: its RFC 7638 thumbprint): the rest of a key ring after a
    /// restart. They verify until the next [`rotate_key`](crate::service::TokenService::rotate_key),
    /// which retires them with the current key. Public keys are enough.
    pub fn previous_keys(mut self, keys: impl IntoIterator<Item = Key>) -> Self {
        self.previous_keys = keys.into_iter().collect();
        self
    }

    /// Uses another algorithm (default HS256).
    pub fn algorithm(mut self, algorithm: Algorithm) -> Self {
        self.algorithm = algorithm;
        self
    }

    /// The algorithm's name.
    pub fn algorithm_name(&self) -> &'static str {
        self.algorithm.as_str()
    }

    /// The `iss` of issued tokens, required on verified ones.
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = Some(issuer.into());
        self
    }

    /// The `aud` of issued tokens, required on verified ones.
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }

    /// The `kid` of the signing key, which issued tokens carry in their header so that verifiers
    /// holding the JWKS select the key (default: the key's own `kid`, else its RFC 7638
    /// thumbprint).
    pub fn kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Access-token lifetime in seconds (default 900; 1 second to 1 day).
    pub fn access_ttl(mut self, seconds: u64) -> Self {
        self.access_ttl = seconds;
        self
    }

    /// Refresh-token lifetime in seconds (default 7 days; 1 second to 400 days).
    pub fn refresh_ttl(mut self, seconds: u64) -> Self {
        self.refresh_ttl = seconds;
        self
    }

    /// Clock skew tolerated when verifying, in seconds (default 0, at most 3600).
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Turns the validation cache on with this many entries (default 0: off; at most 1,000,000,
    /// kept as they come, never allocated up front), each kept at most `ttl_seconds` (1 second to
    /// 1 day).
    pub fn cache(mut self, entries: usize, ttl_seconds: u64) -> Self {
        self.cache_size = entries;
        self.cache_ttl = ttl_seconds;
        self
    }

    /// Absolute lifetime of a session in seconds, however often it is refreshed (default 30
    /// days; 1 second to 400 days).
    pub fn session_ttl(mut self, seconds: u64) -> Self {
        self.session_ttl = seconds;
        self
    }

    /// Seconds during which the previous refresh token of a session may be presented again
    /// without revoking the session (default 0: off; at most 60). See the README's trade-off.
    pub fn reuse_grace(mut self, seconds: u64) -> Self {
        self.reuse_grace = seconds;
        self
    }

    /// Bound on sessions held by the in-memory store (default 100,000; 1 to 10,000,000): a full
    /// store refuses new logins (`store_unavailable`), never a refresh.
    pub fn max_sessions(mut self, entries: usize) -> Self {
        self.max_sessions = entries;
        self
    }

    /// Bound on revoked tokens held by the in-memory store (default 100,000; 1 to 10,000,000).
    pub fn max_revocations(mut self, entries: usize) -> Self {
        self.max_revocations = entries;
        self
    }

    /// A session store instead of the in-memory one (shared by several processes).
    pub fn session_store(mut self, store: Arc<dyn SessionStore>) -> Self {
        self.store = Some(StoreChoice::Core(store));
        self
    }

    /// The host performs every store request itself ([`TokenService::finish`](crate::service::TokenService::finish)):
    /// what a binding configures for a store written in its language.
    pub fn host_store(mut self) -> Self {
        self.store = Some(StoreChoice::Host);
        self
    }

    /// The clock (default: the system clock; required on wasm32).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Settings from environment-variable values: the `env` column of the service options
    /// ([`host::SERVICE`](crate::host::SERVICE), `JWT_SECRET_KEY` and its siblings); empty values
    /// count as unset.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use onejwt::service::ServiceConfig;
    /// let env = HashMap::from([("JWT_SECRET_KEY".to_owned(), "short".to_owned())]);
    /// let err = ServiceConfig::from_env_vars(&env).unwrap_err();
    /// assert!(err.to_string().contains("JWT_SECRET_KEY"));
    /// ```
    pub fn from_env_vars(vars: &HashMap<String, String>) -> Result<Self, Failure> {
        // The variables as the JSON values the host parser reads: numbers where the option takes
        // one and the text is one (anything else stays text and is refused with the option's type
        // error, naming the variable).
        let mut map = Map::new();
        for spec in SERVICE.options {
            let Some(env) = spec.env else { continue };
            let Some(text) = vars.get(env).filter(|v| !v.trim().is_empty()) else {
                continue;
            };
            let value = match spec.kind {
                OptionType::Seconds | OptionType::Count => text
                    .trim()
                    .parse::<u64>()
                    .map_or_else(|_| Value::String(text.clone()), Value::from),
                _ => Value::String(text.clone()),
            };
            map.insert(env.to_owned(), value);
        }
        ServiceConfig::from_given(&given(&map, &SERVICE, Spelling::Env)?)
    }

    /// Settings from this process's environment (see [`ServiceConfig::from_env_vars`]).
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    pub fn from_env() -> Result<Self, Failure> {
        let vars: HashMap<String, String> = std::env::vars()
            .filter(|(k, _)| k.starts_with("JWT_"))
            .collect();
        ServiceConfig::from_env_vars(&vars)
    }

    /// Settings from a host's bag or the environment, after the name check.
    pub(crate) fn from_given(g: &Given<'_>) -> Result<Self, Failure> {
        g.refuse_host_object("store", "must be a session store object")?;
        let algorithm = match g.string("algorithm")? {
            None => Algorithm::HS256,
            Some(name) => name.parse().map_err(|_| {
                OptionsError::new(
                    g.shown("algorithm"),
                    OptionsErrorKind::Value,
                    "is not an algorithm onejwt implements",
                )
            })?,
        };
        let mut config = ServiceConfig::empty(algorithm);
        config.kid = g.string("kid")?;
        // A key the core refuses is the caller's configuration mistake: named, with the reason.
        let keyed = |name: &str, result: Result<Key, Error>| -> Result<Key, Failure> {
            result.map_err(|e| {
                OptionsError::new(
                    g.shown(name),
                    OptionsErrorKind::Value,
                    e.message().to_owned(),
                )
                .into()
            })
        };
        if let Some(jwks) = g.object_or_text("private_jwks")? {
            for other in ["secret_key", "private_key", "public_key", "jwks"] {
                if g.is_given(other) {
                    return Err(OptionsError::new(
                        g.shown("private_jwks"),
                        OptionsErrorKind::Value,
                        format!(
                            "holds every key of the service: give it without {}",
                            g.shown(other)
                        ),
                    )
                    .into());
                }
            }
            let (current, previous) = ring_from_jwks(
                jwks,
                algorithm,
                config.kid.as_deref(),
                g.shown("private_jwks"),
                g.shown("kid"),
            )?;
            config.signing_key = Some(current);
            config.previous_keys = previous;
        } else if algorithm.family() == KeyFamily::Hmac {
            let secret = g.string("secret_key")?.ok_or_else(|| {
                OptionsError::new(
                    g.shown("secret_key"),
                    OptionsErrorKind::Value,
                    "is required for HMAC algorithms (there is no default secret)",
                )
            })?;
            config.signing_key = Some(keyed("secret_key", Key::hmac(secret))?);
        } else {
            if let Some(pem) = g.string("private_key")? {
                config.signing_key = Some(keyed("private_key", Key::from_pem(pem))?);
            }
            if let Some(pem) = g.string("public_key")? {
                config.verification =
                    Some(KeySource::Key(keyed("public_key", Key::from_pem(pem))?));
            } else if let Some(jwks) = g.object_or_text("jwks")? {
                let set = match jwks {
                    Value::Object(map) => KeySet::from_jwks_map(map),
                    other => KeySet::from_jwks(other.as_str().unwrap_or_default()),
                };
                let set = set.map_err(|e| {
                    OptionsError::new(
                        g.shown("jwks"),
                        OptionsErrorKind::Value,
                        e.message().to_owned(),
                    )
                })?;
                config.verification = Some(KeySource::KeySet(set));
            }
            if config.signing_key.is_none() && config.verification.is_none() {
                return Err(OptionsError::new(
                    g.shown("private_key"),
                    OptionsErrorKind::Value,
                    "or a public key or JWKS is required for asymmetric algorithms",
                )
                .into());
            }
        }
        config.issuer = g.string("issuer")?;
        config.audience = g.string("audience")?;
        config.access_ttl = g.whole("access_ttl")?.unwrap_or(DEFAULT_ACCESS_TTL);
        config.refresh_ttl = g.whole("refresh_ttl")?.unwrap_or(DEFAULT_REFRESH_TTL);
        config.session_ttl = g.whole("session_ttl")?.unwrap_or(DEFAULT_SESSION_TTL);
        config.reuse_grace = g.whole("reuse_grace")?.unwrap_or(DEFAULT_REUSE_GRACE);
        config.leeway = g.whole("leeway")?.unwrap_or(0);
        config.cache_size = g.count("cache_size")?.unwrap_or(0);
        config.cache_ttl = g.whole("cache_ttl")?.unwrap_or(DEFAULT_CACHE_TTL);
        config.max_sessions = g.count("max_sessions")?.unwrap_or(DEFAULT_MAX_SESSIONS);
        config.max_revocations = g
            .count("max_revocations")?
            .unwrap_or(DEFAULT_MAX_REVOCATIONS);
        config.validate_with(|name| g.shown(name))?;
        Ok(config)
    }

    /// Checks the settings: the keys fit the algorithm (a weak secret, or a JWKS without a key for
    /// it, fails here, not at the first token), and the numbers are within their documented
    /// ranges ([`host::SERVICE`](crate::host::SERVICE)).
    ///
    /// ```
    /// use onejwt::Key;
    /// use onejwt::service::ServiceConfig;
    /// let config = ServiceConfig::hmac(Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap());
    /// assert!(config.clone().cache(1_000, 60).validate().is_ok());
    /// let err = config.cache(1 << 63, 60).validate().unwrap_err();
    /// assert_eq!(err.to_string(), "invalid option `cache_size`: must be at most 1,000,000");
    /// ```
    pub fn validate(&self) -> Result<(), Failure> {
        self.validate_with(|name| {
            crate::host::parse::spelled(&SERVICE, name, OptionNames::SnakeCase)
        })
    }

    fn validate_with(&self, show: impl Fn(&'static str) -> &'static str) -> Result<(), Failure> {
        let alg = self.algorithm;
        let key_option = if alg.family() == KeyFamily::Hmac {
            "secret_key"
        } else {
            "private_key"
        };
        if let Some(key) = &self.signing_key {
            key.check_fits(alg, "sign").map_err(|e| {
                OptionsError::new(
                    show(key_option),
                    OptionsErrorKind::Value,
                    e.message().to_owned(),
                )
            })?;
            if !key.can_sign() {
                return Err(OptionsError::new(
                    show(key_option),
                    OptionsErrorKind::Value,
                    "is a public key and cannot sign",
                )
                .into());
            }
        }
        if let Some(KeySource::Key(key)) = &self.verification {
            key.check_fits(alg, "verify").map_err(|e| {
                OptionsError::new(
                    show("public_key"),
                    OptionsErrorKind::Value,
                    e.message().to_owned(),
                )
            })?;
        }
        if !self.previous_keys.is_empty() {
            if self.verification.is_some() || self.signing_key.is_none() {
                return Err(OptionsError::new(
                    show("private_jwks"),
                    OptionsErrorKind::Value,
                    "(previous keys) needs a signing key and no public_key or jwks: the key ring verifies",
                )
                .into());
            }
            for key in &self.previous_keys {
                key.check_fits(alg, "verify").map_err(|e| {
                    OptionsError::new(
                        show("private_jwks"),
                        OptionsErrorKind::Value,
                        e.message().to_owned(),
                    )
                })?;
            }
        }
        if self.signing_key.is_none() && self.verification.is_none() {
            return Err(OptionsError::new(
                show(key_option),
                OptionsErrorKind::Value,
                "is required (there is no default key)",
            )
            .into());
        }
        if let Some(KeySource::KeySet(set)) = &self.verification {
            // The per-token rule (`KeySet::select`) would refuse every token: fail here instead.
            if !set.keys().iter().any(|key| key.is_candidate_for(alg)) {
                return Err(OptionsError::new(
                    show("jwks"),
                    OptionsErrorKind::Value,
                    format!("holds no key that can verify {alg} tokens"),
                )
                .into());
            }
        }
        // The numbers against the schema's ranges (the one source of the documented limits).
        let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        for (name, value) in [
            ("access_ttl", self.access_ttl),
            ("refresh_ttl", self.refresh_ttl),
            ("session_ttl", self.session_ttl),
            ("reuse_grace", self.reuse_grace),
            ("leeway", self.leeway),
            ("cache_size", count(self.cache_size)),
            ("cache_ttl", self.cache_ttl),
            ("max_sessions", count(self.max_sessions)),
            ("max_revocations", count(self.max_revocations)),
        ] {
            check_range(&SERVICE, name, value, show(name))?;
        }
        Ok(())
    }
}

/// The key ring a private JWKS configures: the current key (the one `kid` names, or the only key)
/// and the previous ones. Every key must be usable (a private configuration that silently lost a
/// key would fail its tokens later), the current one private.
fn ring_from_jwks(
    jwks: &Value,
    algorithm: Algorithm,
    kid: Option<&str>,
    shown: &'static str,
    kid_shown: &'static str,
) -> Result<(Key, Vec<Key>), Failure> {
    let refuse = |message: String| -> Failure {
        OptionsError::new(shown, OptionsErrorKind::Value, message).into()
    };
    let options = crate::KeySetOptions {
        allow_oct: algorithm.family() == KeyFamily::Hmac,
    };
    let set = match jwks {
        Value::Object(map) => KeySet::from_jwks_map_with(map, &options),
        other => KeySet::from_jwks_with(other.as_str().unwrap_or_default(), &options),
    }
    .map_err(|e| refuse(e.message().to_owned()))?;
    if let Some(skipped) = set.skipped().first() {
        return Err(refuse(format!(
            "key {} is unusable: {}",
            skipped.index, skipped.message
        )));
    }
    let mut keys = set.keys().to_vec();
    let position = match kid {
        Some(kid) => keys
            .iter()
            .position(|key| key.kid() == Some(kid))
            .ok_or_else(|| {
                OptionsError::new(
                    kid_shown,
                    OptionsErrorKind::Value,
                    format!("names no key of {shown}"),
                )
            })?,
        None if keys.len() == 1 => 0,
        None => {
            return Err(OptionsError::new(
                kid_shown,
                OptionsErrorKind::Value,
                format!("is required when {shown} holds several keys: it names the current one"),
            )
            .into())
        }
    };
    let current = keys.remove(position);
    if !current.can_sign() {
        return Err(refuse(
            "the current key (the one kid names) is a public key and cannot sign".to_owned(),
        ));
    }
    Ok((current, keys))
}
