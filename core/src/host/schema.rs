//! Schema: every option of every argument bag, as data. The parsers read these tables (so a name
//! exists in exactly one place), the bindings' tests check their stubs, type declarations and READMEs
//! against them, and an unknown option that another library spells differently gets a hint.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::error::{OptionsError, OptionsErrorKind};

// The bounds of the numeric options: the one source for the parsers, the Rust builders'
// validation (`VerifyOptions::validate`, `ServiceConfig::validate`, `sign`) and the docs (the
// README's option tables, the bindings' schema). A value outside is the caller's mistake, refused
// when the verifier, service or token is made, never found out per request.
const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;
/// For documentation: the limits count years of 365 days.
const YEAR: u64 = 365 * DAY;

/// Leeway tolerates clock skew, not token age: NTP keeps hosts within milliseconds, and an hour
/// already covers a clock set by hand. More only stretches every token's life (an unbounded leeway
/// of 2^64-1 accepted a token that expired in 1970).
pub(crate) const MAX_LEEWAY: u64 = HOUR;
/// 1024 times the 16 KiB default: far above any JWT an HTTP header carries (servers cap a whole
/// header section at 8-64 KiB), still a cap that refuses hostile input before decoding.
pub(crate) const MAX_TOKEN_BYTES: u64 = 16 * 1024 * 1024;
/// Ten years: longer than any signing key should live (NIST SP 800-57 puts signature keys'
/// cryptoperiods at 1-3 years), so a larger token lifetime or age is a mistake, most often
/// milliseconds given as seconds (a week in milliseconds is 19 years in seconds).
pub(crate) const MAX_LIFETIME: u64 = 10 * YEAR;
/// Access tokens are the short-lived half of the pair (RFC 6749 §1.5; RFC 6819 §5.1.5.3: use short
/// expiration times); a day is the longest that is still short, and 15 minutes in milliseconds
/// (900,000) is ten days.
pub(crate) const MAX_ACCESS_TTL: u64 = DAY;
/// Browsers keep no cookie longer than 400 days (RFC 6265bis caps Expires and Max-Age there), where
/// refresh tokens usually live; 7 days in milliseconds (604,800,000) is 19 years.
pub(crate) const MAX_REFRESH_TTL: u64 = 400 * DAY;
/// Entries are kept, not pre-allocated, but each holds a verified token (up to `max_token_bytes`):
/// a million is already gigabytes at worst, and far more distinct live tokens than one process
/// sees repeated within a cache TTL.
pub(crate) const MAX_CACHE_SIZE: u64 = 1_000_000;
/// A cached verification is re-judged against the clock on every hit (exp, nbf, iat) and never
/// outlives the token's exp, so the TTL only bounds memory; a day is past any use (the longest
/// access token lives a day).
pub(crate) const MAX_CACHE_TTL: u64 = DAY;
/// At least one, or every revoke fails; at most ten million live revocations (about a gigabyte of
/// ids): beyond that the revocations belong in a shared store (`store`, Redis). The same bound
/// holds for sessions in memory.
pub(crate) const MAX_REVOCATIONS: u64 = 10_000_000;
/// A grace window is for two tabs or a retried request racing one refresh: seconds. Every second
/// of it is a second in which a stolen refresh token is redeemed without revoking the session.
pub(crate) const MAX_REUSE_GRACE: u64 = 60;

/// What kind of value an option takes; each binding's tests map it to the host's type annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptionType {
    /// A string.
    String,
    /// A list of strings.
    Strings,
    /// A string or a list of strings.
    StringOrStrings,
    /// A whole number of seconds, 0 or more.
    Seconds,
    /// A whole number (bytes, entries), 0 or more.
    Count,
    /// A boolean.
    Bool,
    /// A JSON object (header parameters, claims).
    Object,
    /// A JSON object or its JSON text (a JWKS).
    ObjectOrText,
    /// A point in time: Unix seconds (floored) or the host's date type.
    Time,
    /// A host object the binding hands over itself (a `Key`, a `KeySet`, a revocation store): never
    /// part of a JSON options map.
    HostObject,
}

impl OptionType {
    /// The type's name in the schema (`string`, `seconds`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            OptionType::String => "string",
            OptionType::Strings => "strings",
            OptionType::StringOrStrings => "string_or_strings",
            OptionType::Seconds => "seconds",
            OptionType::Count => "count",
            OptionType::Bool => "bool",
            OptionType::Object => "object",
            OptionType::ObjectOrText => "object_or_text",
            OptionType::Time => "time",
            OptionType::HostObject => "host_object",
        }
    }
}

/// One option: its names in every spelling, its type, default and documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OptionSpec {
    /// The snake_case name (Rust, Python, the corpus).
    pub name: &'static str,
    /// The camelCase name (JavaScript).
    pub camel: &'static str,
    /// The environment variable that sets it, for options a service reads from the environment.
    pub env: Option<&'static str>,
    /// What kind of value it takes.
    pub kind: OptionType,
    /// The default, as documentation text (`None`: unset, or required when `required`).
    pub default: Option<&'static str>,
    /// Whether the option must be given.
    pub required: bool,
    /// One line of documentation.
    pub doc: &'static str,
    /// What other JWT libraries call it: an unknown option spelled like one gets a hint naming
    /// this option. Compared ignoring case and underscores.
    pub aliases: &'static [&'static str],
    /// For a number (`seconds`, `count`): the smallest and largest value accepted, inclusive.
    pub range: Option<(u64, u64)>,
    /// The refusal of a value over the range (`must be at most 3600 (1 hour)`), written out so
    /// that refusing a value links no number formatting into the size-budgeted WASM module (a
    /// test holds it to the number).
    pub(crate) too_large: &'static str,
}

const fn spec(
    name: &'static str,
    camel: &'static str,
    kind: OptionType,
    default: Option<&'static str>,
    doc: &'static str,
) -> OptionSpec {
    OptionSpec {
        name,
        camel,
        env: None,
        kind,
        default,
        required: false,
        doc,
        aliases: &[],
        range: None,
        too_large: "",
    }
}

impl OptionSpec {
    const fn aliases(mut self, aliases: &'static [&'static str]) -> Self {
        self.aliases = aliases;
        self
    }

    const fn env(mut self, env: &'static str) -> Self {
        self.env = Some(env);
        self
    }

    const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Every range starts at 0 or 1 (a test holds them to it, so the refusal below 1 is text).
    const fn range(mut self, min: u64, max: u64, too_large: &'static str) -> Self {
        self.range = Some((min, max));
        self.too_large = too_large;
        self
    }

    /// Refuses `value` outside the option's range (a `ValueError` naming the option as `shown`).
    pub(crate) fn check_range(&self, value: u64, shown: &str) -> Result<(), OptionsError> {
        let Some((min, max)) = self.range else {
            return Ok(());
        };
        let message: Cow<'static, str> = if value < min {
            match self.kind {
                OptionType::Seconds => "must be at least 1 second".into(),
                _ => "must be at least 1".into(),
            }
        } else if value > max {
            self.too_large.into()
        } else {
            return Ok(());
        };
        Err(OptionsError::new(
            shown.to_owned(),
            OptionsErrorKind::Value,
            message,
        ))
    }

    /// A value of this option for people: `3600 (1 hour)`, `315,360,000 (10 years)`, `1,000,000`
    /// (for the docs and the test of `too_large`).
    pub(crate) fn amount(&self, value: u64) -> String {
        let digits = value.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 && value >= 10_000 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if self.kind != OptionType::Seconds {
            return grouped;
        }
        if value < MINUTE {
            let plural = if value == 1 { "" } else { "s" };
            return format!("{value} second{plural}");
        }
        let (n, unit) = [
            (YEAR, "year"),
            (DAY, "day"),
            (HOUR, "hour"),
            (MINUTE, "minute"),
        ]
        .into_iter()
        .find(|(unit, _)| value % unit == 0)
        .map_or((value, "second"), |(size, unit)| (value / size, unit));
        let plural = if n == 1 { "" } else { "s" };
        format!("{grouped} ({n} {unit}{plural})")
    }

    /// The range as documentation text (`At most 3600 (1 hour).`), empty without one.
    pub(crate) fn range_doc(&self) -> String {
        match self.range {
            None => String::new(),
            Some((min, max)) => {
                let max = self.amount(max);
                match min {
                    0 => format!("At most {max}."),
                    _ => format!("From {} to {max}.", self.amount(min)),
                }
            }
        }
    }
}

/// Checks `value` against the range of `table`'s option `name`, named as `shown`.
pub(crate) fn check_range(
    table: &OptionTable,
    name: &str,
    value: u64,
    shown: &str,
) -> Result<(), OptionsError> {
    table
        .get(name)
        .map_or(Ok(()), |spec| spec.check_range(value, shown))
}

/// A named bag of options: what one call or constructor takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OptionTable {
    /// The table's name (`verifier`, `sign`, `service`, …).
    pub name: &'static str,
    /// Which API takes it.
    pub doc: &'static str,
    /// Its options, in documentation order.
    pub options: &'static [OptionSpec],
}

impl OptionTable {
    /// The option with this snake_case name.
    pub fn get(&self, name: &str) -> Option<&'static OptionSpec> {
        self.options.iter().find(|o| o.name == name)
    }
}

/// The time option of every call that judges or stamps a time.
const NOW: OptionSpec = spec(
    "now",
    "now",
    OptionType::Time,
    Some("the current time"),
    "The time to judge or stamp: Unix seconds (floored) or a date.",
)
.aliases(&["currentDate", "clockTimestamp"]);

/// `Verifier(...)`: everything but the key is validated by the core.
pub const VERIFIER: OptionTable = OptionTable {
    name: "verifier",
    doc: "The options of a Verifier.",
    options: &[
        spec(
            "key",
            "key",
            OptionType::HostObject,
            None,
            "The one Key every token is verified with (give key or keys).",
        ),
        spec(
            "keys",
            "keys",
            OptionType::HostObject,
            None,
            "A KeySet; each token selects its key by kid and alg (give key or keys).",
        ),
        spec(
            "algorithms",
            "algorithms",
            OptionType::Strings,
            None,
            "The allow-list of alg values; none is never allowed.",
        )
        .required()
        .aliases(&["algorithm", "allowedAlgorithms"]),
        spec(
            "issuer",
            "issuer",
            OptionType::StringOrStrings,
            None,
            "Accepted iss value(s), compared exactly.",
        )
        .aliases(&["iss", "allowedIss"]),
        spec(
            "audience",
            "audience",
            OptionType::StringOrStrings,
            None,
            "Accepted aud value(s); a token with aud needs one configured.",
        )
        .aliases(&["aud", "allowedAud"]),
        spec(
            "subject",
            "subject",
            OptionType::String,
            None,
            "The sub every token must carry, compared exactly.",
        )
        .aliases(&["sub", "allowedSub"]),
        spec(
            "leeway",
            "leeway",
            OptionType::Seconds,
            Some("0"),
            "Seconds of clock skew tolerated on exp, nbf, iat and max_age.",
        )
        .aliases(&["clockTolerance", "clockSkew"])
        .range(0, MAX_LEEWAY, "must be at most 3600 (1 hour)"),
        spec(
            "required",
            "required",
            OptionType::Strings,
            Some("[]"),
            "Claims that must be present.",
        )
        .aliases(&["requiredClaims", "require"]),
        spec(
            "typ",
            "typ",
            OptionType::String,
            None,
            "The expected typ header (case-insensitive, application/ optional), e.g. at+jwt.",
        ),
        spec(
            "max_token_bytes",
            "maxTokenBytes",
            OptionType::Count,
            Some("16384"),
            "The largest token accepted, in bytes.",
        )
        .range(1, MAX_TOKEN_BYTES, "must be at most 16,777,216"),
        spec(
            "max_age",
            "maxAge",
            OptionType::Seconds,
            None,
            "The oldest token accepted, in seconds since its iat (which becomes required).",
        )
        .aliases(&["maxTokenAge"])
        .range(0, MAX_LIFETIME, "must be at most 315,360,000 (10 years)"),
    ],
};

/// `KeySet.from_jwks(jwks, ...)`.
pub const KEYSET: OptionTable = OptionTable {
    name: "keyset",
    doc: "The options of KeySet.from_jwks.",
    options: &[spec(
        "allow_oct",
        "allowOct",
        OptionType::Bool,
        Some("false"),
        "Use the JWKS's oct keys (shared secrets, HS*); off, they are skipped: a published JWKS that holds a secret lets anyone who reads it sign tokens.",
    )],
};

/// `Verifier.verify(token, ...)` and every per-token TokenService call.
pub const CALL: OptionTable = OptionTable {
    name: "call",
    doc: "The per-call options of Verifier.verify and of the TokenService calls that take a token.",
    options: &[NOW],
};

/// `sign(claims, key, algorithm, ...)`.
pub const SIGN: OptionTable = OptionTable {
    name: "sign",
    doc: "The options of sign.",
    options: &[
        spec("kid", "kid", OptionType::String, None, "The kid header.").aliases(&["keyid"]),
        spec(
            "headers",
            "headers",
            OptionType::Object,
            None,
            "More header parameters; typ defaults to JWT; alg, kid, crit and b64 are refused.",
        )
        .aliases(&["header"]),
        spec(
            "expires_in",
            "expiresIn",
            OptionType::Seconds,
            None,
            "Sets exp to now plus this many seconds (the claims must not carry exp).",
        )
        .aliases(&["expirationTime"])
        .range(1, MAX_LIFETIME, "must be at most 315,360,000 (10 years)"),
        spec(
            "set_issued_at",
            "setIssuedAt",
            OptionType::Bool,
            Some("false"),
            "Sets iat to now (the claims must not carry iat).",
        )
        .aliases(&["issuedAt"]),
        NOW,
    ],
};

/// `Key.generate(algorithm, ...)`.
pub const GENERATE: OptionTable = OptionTable {
    name: "generate",
    doc: "The options of Key.generate after the algorithm.",
    options: &[
        spec(
            "kid",
            "kid",
            OptionType::String,
            None,
            "The key's kid (default: its RFC 7638 thumbprint).",
        )
        .aliases(&["keyid"]),
        spec(
            "bits",
            "bits",
            OptionType::Count,
            Some("2048"),
            "The RSA modulus size, 2048, 3072 or 4096 (RS*, PS* only).",
        )
        .aliases(&["modulusLength", "key_size", "size"])
        .range(1, 4096, "must be at most 4096"),
    ],
};

/// `Key.to_jwk(...)`, `Key.to_pem(...)` and `KeySet.to_jwks(...)`.
pub const EXPORT: OptionTable = OptionTable {
    name: "export",
    doc: "The options of Key.to_jwk, Key.to_pem and KeySet.to_jwks.",
    options: &[spec(
        "private",
        "private",
        OptionType::Bool,
        Some("false"),
        "Export the private key (JWK private members, PKCS#8 PEM); off, only the public half, and an HMAC secret is refused.",
    )],
};

/// `TokenService.jwks(...)`.
pub const SERVICE_JWKS: OptionTable = OptionTable {
    name: "service_jwks",
    doc: "The options of TokenService.jwks.",
    options: &[
        spec(
            "private",
            "private",
            OptionType::Bool,
            Some("false"),
            "The private key ring (what private_jwks reads) instead of the public JWKS to publish.",
        ),
        NOW,
    ],
};

/// `TokenService(...)`, from code or from the environment.
pub const SERVICE: OptionTable = OptionTable {
    name: "service",
    doc: "The settings of a TokenService; from_env reads the environment variables.",
    options: &[
        spec(
            "secret_key",
            "secretKey",
            OptionType::String,
            None,
            "The HMAC secret (HS256/384/512), at least 32/48/64 bytes; there is never a default.",
        )
        .env("JWT_SECRET_KEY")
        .aliases(&["secret"]),
        spec(
            "private_key",
            "privateKey",
            OptionType::String,
            None,
            "The PEM private key that signs (asymmetric algorithms).",
        )
        .env("JWT_PRIVATE_KEY"),
        spec(
            "public_key",
            "publicKey",
            OptionType::String,
            None,
            "The PEM public key that verifies (default: the private key's public half).",
        )
        .env("JWT_PUBLIC_KEY"),
        spec(
            "jwks",
            "jwks",
            OptionType::ObjectOrText,
            None,
            "A JWKS (object or JSON text) that verifies, instead of public_key.",
        )
        .env("JWT_JWKS"),
        spec(
            "private_jwks",
            "privateJwks",
            OptionType::ObjectOrText,
            None,
            "A key ring as a private JWKS (object or JSON text): kid names the current signing key, the others verify the tokens they signed; instead of secret_key, private_key, public_key and jwks.",
        )
        .env("JWT_PRIVATE_JWKS")
        .aliases(&["keys", "signing_keys", "keyring"]),
        spec(
            "algorithm",
            "algorithm",
            OptionType::String,
            Some("HS256"),
            "The one algorithm issued and accepted.",
        )
        .env("JWT_ALGORITHM")
        .aliases(&["alg", "algorithms"]),
        spec(
            "issuer",
            "issuer",
            OptionType::String,
            None,
            "The iss of issued tokens, required on verified ones.",
        )
        .env("JWT_ISSUER")
        .aliases(&["iss"]),
        spec(
            "audience",
            "audience",
            OptionType::String,
            None,
            "The aud of issued tokens, required on verified ones.",
        )
        .env("JWT_AUDIENCE")
        .aliases(&["aud"]),
        spec(
            "kid",
            "kid",
            OptionType::String,
            None,
            "The kid of the signing key, carried by issued tokens so verifiers holding the JWKS pick the key (default: the key's own kid, else its RFC 7638 thumbprint); with private_jwks, the current key.",
        )
        .env("JWT_KID")
        .aliases(&["keyid"]),
        spec(
            "access_ttl",
            "accessTtl",
            OptionType::Seconds,
            Some("900"),
            "Access-token lifetime in seconds.",
        )
        .env("JWT_ACCESS_TTL")
        .aliases(&["expiresIn", "accessTokenTtl"])
        .range(1, MAX_ACCESS_TTL, "must be at most 86,400 (1 day)"),
        spec(
            "refresh_ttl",
            "refreshTtl",
            OptionType::Seconds,
            Some("604800"),
            "Refresh-token lifetime in seconds (7 days).",
        )
        .env("JWT_REFRESH_TTL")
        .aliases(&["refreshTokenTtl"])
        .range(1, MAX_REFRESH_TTL, "must be at most 34,560,000 (400 days)"),
        spec(
            "session_ttl",
            "sessionTtl",
            OptionType::Seconds,
            Some("2592000"),
            "Absolute lifetime of a session (30 days): no refresh after it, however often refreshed.",
        )
        .env("JWT_SESSION_TTL")
        .aliases(&["absoluteLifetime", "maxSessionAge"])
        .range(1, MAX_REFRESH_TTL, "must be at most 34,560,000 (400 days)"),
        spec(
            "reuse_grace",
            "reuseGrace",
            OptionType::Seconds,
            Some("0"),
            "Seconds the previous refresh token may be presented again without revoking the session (0: off).",
        )
        .env("JWT_REUSE_GRACE")
        .aliases(&["reuseInterval", "leewayReuse"])
        .range(0, MAX_REUSE_GRACE, "must be at most 60 (1 minute)"),
        spec(
            "leeway",
            "leeway",
            OptionType::Seconds,
            Some("0"),
            "Seconds of clock skew tolerated when verifying.",
        )
        .env("JWT_LEEWAY")
        .aliases(&["clockTolerance", "clockSkew"])
        .range(0, MAX_LEEWAY, "must be at most 3600 (1 hour)"),
        spec(
            "cache_size",
            "cacheSize",
            OptionType::Count,
            Some("0"),
            "Entries of the validation cache (0: off), keyed by a SHA-256 of the whole token.",
        )
        .env("JWT_CACHE_SIZE")
        .range(0, MAX_CACHE_SIZE, "must be at most 1,000,000"),
        spec(
            "cache_ttl",
            "cacheTtl",
            OptionType::Seconds,
            Some("60"),
            "Seconds a cache entry lives at most (never past the token's exp).",
        )
        .env("JWT_CACHE_TTL")
        .range(1, MAX_CACHE_TTL, "must be at most 86,400 (1 day)"),
        spec(
            "max_sessions",
            "maxSessions",
            OptionType::Count,
            Some("100000"),
            "Bound on sessions held by the in-memory store; when full, new logins are refused (never a refresh).",
        )
        .env("JWT_MAX_SESSIONS")
        .range(1, MAX_REVOCATIONS, "must be at most 10,000,000"),
        spec(
            "max_revocations",
            "maxRevocations",
            OptionType::Count,
            Some("100000"),
            "Bound on revoked tokens held by the in-memory store.",
        )
        .env("JWT_MAX_REVOCATIONS")
        .range(1, MAX_REVOCATIONS, "must be at most 10,000,000"),
        spec(
            "store",
            "store",
            OptionType::HostObject,
            None,
            "A session store shared by several instances (a RedisStore) instead of the in-memory one.",
        )
        .aliases(&["revocation_store", "revocationStore"]),
    ],
};

/// `TokenService.create_access_token(user_id, ...)`.
pub const ACCESS_TOKEN: OptionTable = OptionTable {
    name: "access_token",
    doc: "The arguments of TokenService.login and create_access_token after user_id.",
    options: &[
        spec(
            "email",
            "email",
            OptionType::String,
            None,
            "The email claim.",
        ),
        spec(
            "permissions",
            "permissions",
            OptionType::Strings,
            Some("[]"),
            "The permissions claim.",
        )
        .aliases(&["scopes", "roles"]),
        spec(
            "extra",
            "extra",
            OptionType::Object,
            None,
            "More claims; they may not replace the service's own (sub, exp, type, ...).",
        )
        .aliases(&["claims"]),
        NOW,
    ],
};

/// `TokenService.refresh(refresh_token, ...)`.
pub const REFRESH: OptionTable = OptionTable {
    name: "refresh",
    doc: "The options of TokenService.refresh after the refresh token: each of email, permissions and extra given replaces what the session recorded at login for the new access token.",
    options: &[
        spec(
            "email",
            "email",
            OptionType::String,
            None,
            "The user's current email (default: the one recorded at login).",
        ),
        spec(
            "permissions",
            "permissions",
            OptionType::Strings,
            None,
            "The user's current permissions (default: those recorded at login).",
        )
        .aliases(&["scopes", "roles"]),
        spec(
            "extra",
            "extra",
            OptionType::Object,
            None,
            "The current extra claims (default: those recorded at login).",
        )
        .aliases(&["claims"]),
        NOW,
    ],
};

/// `extract_token(headers, ...)`.
pub const EXTRACT: OptionTable = OptionTable {
    name: "extract",
    doc: "The options of extract_token after headers.",
    options: &[
        spec("query_string", "queryString", OptionType::String, None, "The raw query string of the request (without ?), searched only when query names a parameter."),
        spec("bearer", "bearer", OptionType::Bool, Some("true"), "Look at Authorization: Bearer <token>."),
        spec("websocket_protocol", "websocketProtocol", OptionType::Bool, Some("true"), "Look at Sec-WebSocket-Protocol (onejwt, onejwt.<token>)."),
        spec("cookie", "cookie", OptionType::String, None, "The name of a cookie carrying the token."),
        spec("query", "query", OptionType::String, None, "The name of a query parameter carrying the token (URLs leak into logs: RFC 6750 §5.3)."),
    ],
};

/// Every table, in documentation order.
pub const TABLES: [&OptionTable; 11] = [
    &VERIFIER,
    &KEYSET,
    &CALL,
    &SIGN,
    &GENERATE,
    &EXPORT,
    &SERVICE,
    &SERVICE_JWKS,
    &ACCESS_TOKEN,
    &REFRESH,
    &EXTRACT,
];

/// The whole schema as JSON text: `{"<table>": {"doc", "options": [{"name", "camel", "env",
/// "type", "default", "required", "doc", "aliases", "min", "max"}]}}` (`min`/`max`: the range of a
/// number, else `null`), what each binding exposes to its tests.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&onejwt::host::schema_json()).unwrap();
/// assert_eq!(schema["verifier"]["options"][2]["name"], "algorithms");
/// ```
pub fn schema_json() -> String {
    let mut out = serde_json::Map::new();
    for table in TABLES {
        let options: Vec<serde_json::Value> = table
            .options
            .iter()
            .map(|o| {
                let mut m = serde_json::Map::new();
                m.insert("name".into(), o.name.into());
                m.insert("camel".into(), o.camel.into());
                m.insert("env".into(), o.env.into());
                m.insert("type".into(), o.kind.as_str().into());
                m.insert("default".into(), o.default.into());
                m.insert("required".into(), o.required.into());
                m.insert("doc".into(), o.doc.into());
                m.insert("aliases".into(), o.aliases.to_vec().into());
                m.insert("min".into(), o.range.map(|(min, _)| min).into());
                m.insert("max".into(), o.range.map(|(_, max)| max).into());
                serde_json::Value::Object(m)
            })
            .collect();
        let mut t = serde_json::Map::new();
        t.insert("doc".into(), table.doc.into());
        t.insert("options".into(), options.into());
        out.insert(table.name.into(), t.into());
    }
    serde_json::Value::Object(out).to_string()
}

/// The Markdown table the READMEs show for `table`: option name in each spelling, type, default
/// and description with the accepted range (the README test regenerates it and compares).
///
/// ```
/// let md = onejwt::host::markdown_table(&onejwt::host::CALL);
/// assert!(md.contains("| `now` | `now` |"));
/// ```
pub fn markdown_table(table: &OptionTable) -> String {
    let with_env = table.options.iter().any(|o| o.env.is_some());
    let mut out = String::from(if with_env {
        "| Rust, Python | JavaScript | environment | type | default | meaning |\n|---|---|---|---|---|---|\n"
    } else {
        "| Rust, Python | JavaScript | type | default | meaning |\n|---|---|---|---|---|\n"
    });
    for o in table.options {
        let default = match (o.required, o.default) {
            (true, _) => "required".to_owned(),
            // A literal is code; a description ("the current time") is prose.
            (false, Some(d)) if d.contains(' ') => d.to_owned(),
            (false, Some(d)) => format!("`{d}`"),
            (false, None) => "unset".to_owned(),
        };
        let _ = write!(out, "| `{}` | `{}` |", o.name, o.camel);
        if with_env {
            match o.env {
                Some(env) => {
                    let _ = write!(out, " `{env}` |");
                }
                None => out.push_str(" |"),
            }
        }
        let range = o.range_doc();
        let sep = if range.is_empty() { "" } else { " " };
        let _ = writeln!(
            out,
            " {} | {default} | {}{sep}{range} |",
            o.kind.as_str(),
            o.doc
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_spelled_consistently() {
        for table in TABLES {
            let mut names: Vec<_> = table.options.iter().map(|o| o.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), table.options.len(), "{}", table.name);
            for o in table.options {
                let camel: String = o
                    .name
                    .split('_')
                    .enumerate()
                    .map(|(i, part)| {
                        let mut c = part.chars();
                        match (i, c.next()) {
                            (0, Some(first)) => first.to_string() + c.as_str(),
                            (_, Some(first)) => first.to_ascii_uppercase().to_string() + c.as_str(),
                            (_, None) => String::new(),
                        }
                    })
                    .collect();
                assert_eq!(o.camel, camel, "{}.{}", table.name, o.name);
                if let Some(env) = o.env {
                    assert_eq!(env, format!("JWT_{}", o.name.to_ascii_uppercase()));
                }
            }
        }
    }

    #[test]
    fn every_range_starts_at_0_or_1_and_writes_its_maximum_out() {
        for table in TABLES {
            for o in table.options {
                if let Some((min, max)) = o.range {
                    assert!(min <= 1, "{}.{}", table.name, o.name);
                    let too_large = format!("must be at most {}", o.amount(max));
                    assert_eq!(o.too_large, too_large, "{}.{}", table.name, o.name);
                }
            }
        }
    }

    #[test]
    fn schema_json_lists_every_table() {
        let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
        for table in TABLES {
            assert_eq!(
                schema[table.name]["options"].as_array().unwrap().len(),
                table.options.len()
            );
        }
    }
}
