//! Config: a token service's settings, from code, a host's options object or the environment.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::algorithm::{Algorithm, KeyFamily};
use crate::error::{Error, OptionsError, OptionsErrorKind, SignError};
use crate::key::Key;
use crate::keyset::KeySet;
use crate::options::{type_error, value_error, OptionNames};
use crate::service::clock::Clock;
use crate::service::revocation::RevocationStore;
use crate::verifier::KeySource;

/// Default access-token lifetime: 15 minutes.
pub const DEFAULT_ACCESS_TTL: u64 = 900;
/// Default refresh-token lifetime: 7 days.
pub const DEFAULT_REFRESH_TTL: u64 = 7 * 24 * 3600;
/// Default bound on live revocations held in memory.
pub const DEFAULT_MAX_REVOCATIONS: usize = 100_000;
/// Default lifetime of a validation-cache entry when the cache is on.
pub const DEFAULT_CACHE_TTL: u64 = 60;

/// The settings of a [`TokenService`](crate::TokenService). There is never a default secret.
///
/// ```
/// use onejwt::{Key, ServiceConfig};
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
    pub(crate) verification: Option<KeySource>,
    pub(crate) issuer: Option<String>,
    pub(crate) audience: Option<String>,
    pub(crate) access_ttl: u64,
    pub(crate) refresh_ttl: u64,
    pub(crate) leeway: u64,
    pub(crate) cache_size: usize,
    pub(crate) cache_ttl: u64,
    pub(crate) max_revocations: usize,
    pub(crate) revocations: Option<Arc<dyn RevocationStore>>,
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

/// Option names: (snake_case, camelCase, environment variable).
const OPTIONS: [(&str, &str, &str); 13] = [
    ("secret_key", "secretKey", "JWT_SECRET_KEY"),
    ("private_key", "privateKey", "JWT_PRIVATE_KEY"),
    ("public_key", "publicKey", "JWT_PUBLIC_KEY"),
    ("jwks", "jwks", "JWT_JWKS"),
    ("algorithm", "algorithm", "JWT_ALGORITHM"),
    ("issuer", "issuer", "JWT_ISSUER"),
    ("audience", "audience", "JWT_AUDIENCE"),
    ("access_ttl", "accessTtl", "JWT_ACCESS_TTL"),
    ("refresh_ttl", "refreshTtl", "JWT_REFRESH_TTL"),
    ("leeway", "leeway", "JWT_LEEWAY"),
    ("cache_size", "cacheSize", "JWT_CACHE_SIZE"),
    ("cache_ttl", "cacheTtl", "JWT_CACHE_TTL"),
    ("max_revocations", "maxRevocations", "JWT_MAX_REVOCATIONS"),
];

/// The text of each option in [`OPTIONS`] order, `None` when unset: an array rather than a map,
/// which would link one more hash table into the WASM module.
type Settings = [Option<String>; OPTIONS.len()];

/// How the caller names options: code (snake/camel) or the environment.
#[derive(Clone, Copy)]
enum Naming {
    Host(OptionNames),
    Env,
}

impl Naming {
    fn show(self, snake: &str) -> String {
        let found = OPTIONS.iter().find(|(s, _, _)| *s == snake);
        match (self, found) {
            (Naming::Host(OptionNames::CamelCase), Some((_, camel, _))) => (*camel).to_owned(),
            (Naming::Env, Some((_, _, env))) => (*env).to_owned(),
            _ => snake.to_owned(),
        }
    }
}

impl ServiceConfig {
    fn empty(algorithm: Algorithm) -> Self {
        ServiceConfig {
            algorithm,
            signing_key: None,
            verification: None,
            issuer: None,
            audience: None,
            access_ttl: DEFAULT_ACCESS_TTL,
            refresh_ttl: DEFAULT_REFRESH_TTL,
            leeway: 0,
            cache_size: 0,
            cache_ttl: DEFAULT_CACHE_TTL,
            max_revocations: DEFAULT_MAX_REVOCATIONS,
            revocations: None,
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

    /// Access-token lifetime in seconds (default 900).
    pub fn access_ttl(mut self, seconds: u64) -> Self {
        self.access_ttl = seconds;
        self
    }

    /// Refresh-token lifetime in seconds (default 7 days).
    pub fn refresh_ttl(mut self, seconds: u64) -> Self {
        self.refresh_ttl = seconds;
        self
    }

    /// Clock skew tolerated when verifying, in seconds (default 0).
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Turns the validation cache on with this many entries (default 0: off).
    pub fn cache(mut self, entries: usize, ttl_seconds: u64) -> Self {
        self.cache_size = entries;
        self.cache_ttl = ttl_seconds;
        self
    }

    /// Bound on live in-memory revocations (default 100 000).
    pub fn max_revocations(mut self, entries: usize) -> Self {
        self.max_revocations = entries;
        self
    }

    /// A shared revocation store instead of the in-memory one.
    pub fn revocation_store(mut self, store: Arc<dyn RevocationStore>) -> Self {
        self.revocations = Some(store);
        self
    }

    /// The clock (default: the system clock; required on wasm32).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Settings from a host's options object (Python kwargs, a JS object), validated here.
    /// Keys are text: `secret_key`, `private_key` (PEM), `public_key` (PEM), `jwks` (JSON text
    /// or object).
    pub fn from_map(map: &Map<String, Value>, names: OptionNames) -> Result<Self, SignError> {
        let mut settings = Settings::default();
        for (name, value) in map {
            let found = OPTIONS
                .iter()
                .enumerate()
                .find(|(_, (s, c, _))| match names {
                    OptionNames::SnakeCase => s == name,
                    OptionNames::CamelCase => c == name,
                });
            let Some((index, (snake, _, _))) = found else {
                return Err(OptionsError::new(
                    name.clone(),
                    OptionsErrorKind::Value,
                    "unknown option",
                )
                .into());
            };
            let text = match value {
                Value::Null => continue,
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                // serde_json::to_string writes what `Display` does, through the serializer
                // the bindings already link (`Display` would instantiate a second one).
                Value::Object(_) if *snake == "jwks" => {
                    serde_json::to_string(value).unwrap_or_default()
                }
                _ => {
                    return Err(
                        type_error(&Naming::Host(names).show(snake), "has the wrong type").into(),
                    )
                }
            };
            settings[index] = Some(text);
        }
        ServiceConfig::from_settings(&settings, Naming::Host(names))
    }

    /// Settings from environment-variable values (`JWT_SECRET_KEY`, `JWT_PRIVATE_KEY`,
    /// `JWT_PUBLIC_KEY`, `JWT_JWKS`, `JWT_ALGORITHM`, `JWT_ISSUER`, `JWT_AUDIENCE`,
    /// `JWT_ACCESS_TTL`, `JWT_REFRESH_TTL`, `JWT_LEEWAY`, `JWT_CACHE_SIZE`, `JWT_CACHE_TTL`,
    /// `JWT_MAX_REVOCATIONS`); empty values count as unset.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use onejwt::ServiceConfig;
    /// let env = HashMap::from([("JWT_SECRET_KEY".to_owned(), "short".to_owned())]);
    /// let err = ServiceConfig::from_env_vars(&env).unwrap_err();
    /// assert!(err.to_string().contains("JWT_SECRET_KEY"));
    /// ```
    pub fn from_env_vars(vars: &HashMap<String, String>) -> Result<Self, SignError> {
        let mut settings = Settings::default();
        for ((_, _, env), setting) in OPTIONS.iter().zip(&mut settings) {
            if let Some(value) = vars.get(*env).filter(|v| !v.trim().is_empty()) {
                *setting = Some(value.clone());
            }
        }
        ServiceConfig::from_settings(&settings, Naming::Env)
    }

    /// Settings from this process's environment (see [`ServiceConfig::from_env_vars`]).
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    pub fn from_env() -> Result<Self, SignError> {
        let vars: HashMap<String, String> = std::env::vars()
            .filter(|(k, _)| k.starts_with("JWT_"))
            .collect();
        ServiceConfig::from_env_vars(&vars)
    }

    fn from_settings(settings: &Settings, naming: Naming) -> Result<Self, SignError> {
        let get = |name: &str| {
            OPTIONS
                .iter()
                .zip(settings)
                .find(|((snake, _, _), _)| *snake == name)
                .and_then(|(_, value)| value.as_deref())
        };
        let seconds = |name: &str, default: u64| -> Result<u64, OptionsError> {
            match get(name) {
                None => Ok(default),
                Some(text) => text.trim().parse::<u64>().map_err(|_| {
                    value_error(
                        &naming.show(name),
                        "must be a whole number of seconds (0 or more)",
                    )
                }),
            }
        };
        let algorithm = match get("algorithm") {
            None => Algorithm::HS256,
            Some(name) => name.parse().map_err(|_| {
                value_error(
                    &naming.show("algorithm"),
                    "is not an algorithm onejwt implements",
                )
            })?,
        };
        let mut config = ServiceConfig::empty(algorithm);
        let keyed = |name: &str, result: Result<Key, Error>| -> Result<Key, SignError> {
            result.map_err(|e| {
                OptionsError::new(
                    naming.show(name),
                    OptionsErrorKind::Value,
                    e.message().to_owned(),
                )
                .into()
            })
        };
        if algorithm.family() == KeyFamily::Hmac {
            let secret = get("secret_key").ok_or_else(|| {
                value_error(
                    &naming.show("secret_key"),
                    "is required for HMAC algorithms (there is no default secret)",
                )
            })?;
            config.signing_key = Some(keyed("secret_key", Key::hmac(secret))?);
        } else {
            if let Some(pem) = get("private_key") {
                config.signing_key = Some(keyed("private_key", Key::from_pem(pem))?);
            }
            if let Some(pem) = get("public_key") {
                config.verification =
                    Some(KeySource::Key(keyed("public_key", Key::from_pem(pem))?));
            } else if let Some(jwks) = get("jwks") {
                let set = KeySet::from_jwks(jwks).map_err(|e| {
                    OptionsError::new(
                        naming.show("jwks"),
                        OptionsErrorKind::Value,
                        e.message().to_owned(),
                    )
                })?;
                config.verification = Some(KeySource::KeySet(set));
            }
            if config.signing_key.is_none() && config.verification.is_none() {
                return Err(value_error(
                    &naming.show("private_key"),
                    "or a public key or JWKS is required for asymmetric algorithms",
                )
                .into());
            }
        }
        config.issuer = get("issuer").map(str::to_owned);
        config.audience = get("audience").map(str::to_owned);
        config.access_ttl = seconds("access_ttl", DEFAULT_ACCESS_TTL)?;
        config.refresh_ttl = seconds("refresh_ttl", DEFAULT_REFRESH_TTL)?;
        config.leeway = seconds("leeway", 0)?;
        config.cache_size = usize::try_from(seconds("cache_size", 0)?).unwrap_or(usize::MAX);
        config.cache_ttl = seconds("cache_ttl", DEFAULT_CACHE_TTL)?;
        config.max_revocations =
            usize::try_from(seconds("max_revocations", DEFAULT_MAX_REVOCATIONS as u64)?)
                .unwrap_or(usize::MAX);
        config.validate_with(naming)?;
        Ok(config)
    }

    /// Checks the settings: the keys fit the algorithm (a weak secret fails here, not at the
    /// first token), lifetimes are positive.
    pub fn validate(&self) -> Result<(), SignError> {
        self.validate_with(Naming::Host(OptionNames::SnakeCase))
    }

    fn validate_with(&self, naming: Naming) -> Result<(), SignError> {
        let alg = self.algorithm;
        let key_option = if alg.family() == KeyFamily::Hmac {
            "secret_key"
        } else {
            "private_key"
        };
        if let Some(key) = &self.signing_key {
            key.check_fits(alg, "sign").map_err(|e| {
                OptionsError::new(
                    naming.show(key_option),
                    OptionsErrorKind::Value,
                    e.message().to_owned(),
                )
            })?;
            if !key.can_sign() {
                return Err(value_error(
                    &naming.show(key_option),
                    "is a public key and cannot sign",
                )
                .into());
            }
        }
        if let Some(KeySource::Key(key)) = &self.verification {
            key.check_fits(alg, "verify").map_err(|e| {
                OptionsError::new(
                    naming.show("public_key"),
                    OptionsErrorKind::Value,
                    e.message().to_owned(),
                )
            })?;
        }
        if self.signing_key.is_none() && self.verification.is_none() {
            return Err(value_error(
                &naming.show(key_option),
                "is required (there is no default key)",
            )
            .into());
        }
        for (name, value) in [
            ("access_ttl", self.access_ttl),
            ("refresh_ttl", self.refresh_ttl),
        ] {
            if value == 0 {
                return Err(value_error(&naming.show(name), "must be at least 1 second").into());
            }
        }
        Ok(())
    }
}
