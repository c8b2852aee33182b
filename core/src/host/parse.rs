//! Parse: a host's argument bags (Python keywords, a JS options object, a corpus case, the
//! environment) into the core's option types, driven by the schema tables. Every binding calls
//! these, so an option has one name check, one type rule and one `null` rule everywhere: `null`
//! (`None`, `undefined`) means "not set", an unknown name is refused (with a hint when another
//! library spells the option that way), a wrong type is a `TypeError`, a refused value a
//! `ValueError` (JS: `TypeError`), and every error names the option as the caller spelled it.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::error::{Failure, OptionsError, OptionsErrorKind};
use crate::generate::GenerateOptions;
use crate::host::schema::{
    OptionSpec, OptionTable, ACCESS_TOKEN, CALL, EXPORT, EXTRACT, GENERATE, KEYSET, REFRESH,
    SERVICE_JWKS, SIGN, VERIFIER,
};
use crate::host::time::unix_seconds;
use crate::keyset::KeySetOptions;
use crate::options::VerifyOptions;
use crate::service::{ExtractOptions, TokenType};
use crate::sign::SignOptions;

/// How option names are spelled in the caller's language, so errors name the option as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptionNames {
    /// `max_token_bytes` (Rust, Python, the corpus).
    SnakeCase,
    /// `maxTokenBytes` (JavaScript).
    CamelCase,
}

/// How a bag names its options: code (snake or camel case) or the environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Spelling {
    Host(OptionNames),
    Env,
}

impl Spelling {
    pub(crate) fn of(self, spec: &OptionSpec) -> &'static str {
        match self {
            Spelling::Host(OptionNames::SnakeCase) => spec.name,
            Spelling::Host(OptionNames::CamelCase) => spec.camel,
            Spelling::Env => spec.env.unwrap_or(spec.name),
        }
    }
}

/// How `table` spells the option `name` for a caller using `names` (for messages).
pub(crate) fn spelled(table: &OptionTable, name: &'static str, names: OptionNames) -> &'static str {
    table
        .get(name)
        .map_or(name, |spec| Spelling::Host(names).of(spec))
}

/// The values a bag gives for one table, after the name check. `null` members are left out.
pub(crate) struct Given<'m> {
    table: &'static OptionTable,
    spelling: Spelling,
    values: Vec<Option<&'m Value>>,
}

/// Checks every member name of `map` against `table`.
pub(crate) fn given<'m>(
    map: &'m Map<String, Value>,
    table: &'static OptionTable,
    spelling: Spelling,
) -> Result<Given<'m>, OptionsError> {
    let mut values = vec![None; table.options.len()];
    for (name, value) in map {
        let Some(index) = table.options.iter().position(|o| spelling.of(o) == name) else {
            return Err(unknown(name, table, spelling));
        };
        if !value.is_null() {
            values[index] = Some(value);
        }
    }
    Ok(Given {
        table,
        spelling,
        values,
    })
}

/// Without separators, ASCII lower case: `clock_tolerance`, `clockTolerance` and `ClockTolerance`
/// are one name. (Option names are ASCII; Unicode case folding would link its tables into every
/// `.wasm` for nothing.)
fn folded(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// An unknown option, with a hint when it is one of ours in another spelling or another
/// library's name for one of ours (`clockTolerance` → `leeway`).
fn unknown(name: &str, table: &OptionTable, spelling: Spelling) -> OptionsError {
    let wanted = folded(name);
    let hint = table.options.iter().find(|o| {
        folded(o.name) == wanted || o.aliases.iter().any(|alias| folded(alias) == wanted)
    });
    let message: Cow<'static, str> = match hint {
        Some(spec) => format!("unknown option (onejwt calls it `{}`)", spelling.of(spec)).into(),
        None => "unknown option".into(),
    };
    OptionsError::new(name.to_owned(), OptionsErrorKind::Value, message)
}

fn type_error(name: &str, message: &'static str) -> OptionsError {
    OptionsError::new(name.to_owned(), OptionsErrorKind::Type, message)
}

fn value_error(name: &str, message: &'static str) -> OptionsError {
    OptionsError::new(name.to_owned(), OptionsErrorKind::Value, message)
}

impl<'m> Given<'m> {
    fn spec(&self, name: &str) -> (usize, &'static OptionSpec) {
        let index = self
            .table
            .options
            .iter()
            .position(|o| o.name == name)
            .unwrap_or_else(|| unreachable!("{name} is not in the {} table", self.table.name));
        (index, &self.table.options[index])
    }

    /// The option as the caller spells it.
    pub(crate) fn shown(&self, name: &str) -> &'static str {
        self.spelling.of(self.spec(name).1)
    }

    /// Whether the caller gave the option (any value).
    pub(crate) fn is_given(&self, name: &str) -> bool {
        self.raw(name).is_some()
    }

    fn raw(&self, name: &str) -> Option<(&'m Value, &'static str)> {
        let (index, spec) = self.spec(name);
        self.values[index].map(|v| (v, self.spelling.of(spec)))
    }

    pub(crate) fn string(&self, name: &str) -> Result<Option<String>, OptionsError> {
        self.raw(name)
            .map(|(v, shown)| match v {
                Value::String(s) => Ok(s.clone()),
                _ => Err(type_error(shown, "must be a string")),
            })
            .transpose()
    }

    pub(crate) fn strings(&self, name: &str) -> Result<Option<Vec<String>>, OptionsError> {
        self.raw(name)
            .map(|(v, shown)| match v {
                Value::Array(items) => string_items(items, shown),
                _ => Err(type_error(shown, "must be a list of strings")),
            })
            .transpose()
    }

    pub(crate) fn string_or_strings(
        &self,
        name: &str,
    ) -> Result<Option<Vec<String>>, OptionsError> {
        self.raw(name)
            .map(|(v, shown)| match v {
                Value::String(s) => Ok(vec![s.clone()]),
                Value::Array(items) => string_items(items, shown),
                _ => Err(type_error(shown, "must be a string or a list of strings")),
            })
            .transpose()
    }

    /// A whole number, 0 or more (seconds, bytes, entries). A whole number past `u64` (a
    /// JavaScript number such as 2^64, which JSON carries as a float) saturates: every numeric
    /// option has a range (the schema tests hold them to it), which then refuses it by name.
    pub(crate) fn whole(&self, name: &str) -> Result<Option<u64>, OptionsError> {
        self.raw(name)
            .map(|(v, shown)| match v {
                Value::Number(n) => match (n.as_u64(), n.as_f64()) {
                    (Some(v), _) => Ok(v),
                    (None, Some(f)) if f < 0.0 => Err(value_error(shown, "must not be negative")),
                    (None, Some(f)) if f.fract() == 0.0 && f >= u64::MAX as f64 => Ok(u64::MAX),
                    _ => Err(type_error(shown, "must be a whole number")),
                },
                _ => Err(type_error(shown, "must be a whole number")),
            })
            .transpose()
    }

    /// A whole number as a size (saturating at `usize::MAX`, which every count's range refuses
    /// on every target: the ranges end far below 2^32).
    pub(crate) fn count(&self, name: &str) -> Result<Option<usize>, OptionsError> {
        Ok(self
            .whole(name)?
            .map(|v| usize::try_from(v).unwrap_or(usize::MAX)))
    }

    pub(crate) fn bool(&self, name: &str) -> Result<Option<bool>, OptionsError> {
        self.raw(name)
            .map(|(v, shown)| {
                v.as_bool()
                    .ok_or_else(|| type_error(shown, "must be a boolean"))
            })
            .transpose()
    }

    pub(crate) fn object(&self, name: &str) -> Result<Option<Map<String, Value>>, OptionsError> {
        self.raw(name)
            .map(|(v, shown)| match v {
                Value::Object(map) => Ok(map.clone()),
                _ => Err(type_error(shown, "must be an object")),
            })
            .transpose()
    }

    /// An object or its JSON text (a JWKS), as given.
    pub(crate) fn object_or_text(&self, name: &str) -> Result<Option<&'m Value>, OptionsError> {
        self.raw(name)
            .map(|(v, shown)| match v {
                Value::Object(_) | Value::String(_) => Ok(v),
                _ => Err(type_error(shown, "must be an object or JSON text")),
            })
            .transpose()
    }

    /// A time: Unix seconds, through the one time rule ([`unix_seconds`]).
    pub(crate) fn time(&self, name: &str) -> Result<Option<i64>, OptionsError> {
        self.raw(name)
            .map(|(v, shown)| match v.as_f64() {
                Some(seconds) => unix_seconds(seconds, shown),
                None => Err(type_error(
                    shown,
                    "must be Unix seconds (a number) or a date",
                )),
            })
            .transpose()
    }

    /// A host object (a `Key`, a revocation store) must be handed over by the binding itself;
    /// found in a JSON bag it is a wrong type.
    pub(crate) fn refuse_host_object(
        &self,
        name: &str,
        what: &'static str,
    ) -> Result<(), OptionsError> {
        match self.raw(name) {
            Some((_, shown)) => Err(type_error(shown, what)),
            None => Ok(()),
        }
    }
}

fn string_items(items: &[Value], shown: &str) -> Result<Vec<String>, OptionsError> {
    items
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| type_error(shown, "must hold only strings"))
        })
        .collect()
}

/// A [`Verifier`](crate::Verifier)'s options from a host's options bag (without `key`/`keys`,
/// which the binding hands over as objects). The values are checked when the verifier is built.
///
/// ```
/// use onejwt::host::{verify_options, OptionNames};
/// let map = serde_json::json!({"algorithms": ["HS256"], "maxTokenBytes": 4096});
/// assert!(verify_options(map.as_object().unwrap(), OptionNames::CamelCase).is_ok());
/// let peer = serde_json::json!({"algorithms": ["HS256"], "clockTolerance": 5});
/// let err = verify_options(peer.as_object().unwrap(), OptionNames::CamelCase).unwrap_err();
/// assert_eq!(err.to_string(), "invalid option `clockTolerance`: unknown option (onejwt calls it `leeway`)");
/// ```
pub fn verify_options(
    map: &Map<String, Value>,
    names: OptionNames,
) -> Result<VerifyOptions, OptionsError> {
    let g = given(map, &VERIFIER, Spelling::Host(names))?;
    g.refuse_host_object("key", "must be a Key")?;
    g.refuse_host_object("keys", "must be a KeySet")?;
    let mut opts = VerifyOptions::spelled(names);
    if let Some(algorithms) = g.strings("algorithms")? {
        opts = opts.algorithms(algorithms);
    }
    if let Some(issuers) = g.string_or_strings("issuer")? {
        opts = opts.issuers(issuers);
    }
    if let Some(audiences) = g.string_or_strings("audience")? {
        opts = opts.audiences(audiences);
    }
    if let Some(subject) = g.string("subject")? {
        opts = opts.subject(subject);
    }
    if let Some(leeway) = g.whole("leeway")? {
        opts = opts.leeway(leeway);
    }
    if let Some(required) = g.strings("required")? {
        opts = opts.required(required);
    }
    if let Some(typ) = g.string("typ")? {
        opts = opts.typ(typ);
    }
    if let Some(bytes) = g.count("max_token_bytes")? {
        opts = opts.max_token_bytes(bytes);
    }
    if let Some(max_age) = g.whole("max_age")? {
        opts = opts.max_age(max_age);
    }
    Ok(opts)
}

/// The options of `KeySet.from_jwks` from a host's options bag.
///
/// ```
/// use onejwt::host::{keyset_options, OptionNames};
/// let map = serde_json::json!({"allowOct": true});
/// assert!(keyset_options(map.as_object().unwrap(), OptionNames::CamelCase).unwrap().allow_oct);
/// ```
pub fn keyset_options(
    map: &Map<String, Value>,
    names: OptionNames,
) -> Result<KeySetOptions, OptionsError> {
    let g = given(map, &KEYSET, Spelling::Host(names))?;
    Ok(KeySetOptions::default().allow_oct(g.bool("allow_oct")?.unwrap_or(false)))
}

/// The per-call options of a verification or a service call: the time to judge at (`None`: the
/// caller's clock).
///
/// ```
/// use onejwt::host::{call_options, OptionNames};
/// let map = serde_json::json!({"now": 1_700_000_000.7});
/// assert_eq!(call_options(map.as_object().unwrap(), OptionNames::CamelCase), Ok(Some(1_700_000_000)));
/// ```
pub fn call_options(
    map: &Map<String, Value>,
    names: OptionNames,
) -> Result<Option<i64>, OptionsError> {
    given(map, &CALL, Spelling::Host(names))?.time("now")
}

/// [`Key::generate`](crate::Key::generate)'s options from a host's options bag.
///
/// ```
/// use onejwt::host::{generate_options, OptionNames};
/// let map = serde_json::json!({"kid": "k1", "bits": 3072});
/// assert!(generate_options(map.as_object().unwrap(), OptionNames::CamelCase).is_ok());
/// ```
pub fn generate_options(
    map: &Map<String, Value>,
    names: OptionNames,
) -> Result<GenerateOptions, OptionsError> {
    let g = given(map, &GENERATE, Spelling::Host(names))?;
    let mut options = GenerateOptions::default();
    if let Some(kid) = g.string("kid")? {
        options = options.kid(kid);
    }
    if let Some(bits) = g.count("bits")? {
        options = options.bits(bits);
    }
    Ok(options)
}

/// Whether an export (`to_jwk`, `to_pem`, `to_jwks`) is of the private key.
///
/// ```
/// use onejwt::host::{export_options, OptionNames};
/// let map = serde_json::json!({"private": true});
/// assert_eq!(export_options(map.as_object().unwrap(), OptionNames::CamelCase), Ok(true));
/// ```
pub fn export_options(map: &Map<String, Value>, names: OptionNames) -> Result<bool, OptionsError> {
    Ok(given(map, &EXPORT, Spelling::Host(names))?
        .bool("private")?
        .unwrap_or(false))
}

/// `TokenService.jwks`'s options: the private key ring or the public JWKS, and the time.
///
/// ```
/// use onejwt::host::{service_jwks_options, OptionNames};
/// let map = serde_json::json!({"now": 1_700_000_000});
/// assert_eq!(service_jwks_options(map.as_object().unwrap(), OptionNames::CamelCase), Ok((false, Some(1_700_000_000))));
/// ```
pub fn service_jwks_options(
    map: &Map<String, Value>,
    names: OptionNames,
) -> Result<(bool, Option<i64>), OptionsError> {
    let g = given(map, &SERVICE_JWKS, Spelling::Host(names))?;
    Ok((g.bool("private")?.unwrap_or(false), g.time("now")?))
}

/// [`sign`](crate::sign)'s options from a host's options bag.
///
/// ```
/// use onejwt::host::{sign_options, OptionNames};
/// let map = serde_json::json!({"kid": "k1", "expiresIn": 900, "setIssuedAt": true});
/// let opts = sign_options(map.as_object().unwrap(), OptionNames::CamelCase).unwrap();
/// assert_eq!((opts.kid.as_deref(), opts.expires_in, opts.set_issued_at), (Some("k1"), Some(900), true));
/// ```
pub fn sign_options(
    map: &Map<String, Value>,
    names: OptionNames,
) -> Result<SignOptions, OptionsError> {
    let g = given(map, &SIGN, Spelling::Host(names))?;
    Ok(SignOptions {
        kid: g.string("kid")?,
        headers: g.object("headers")?.unwrap_or_default(),
        expires_in: g.whole("expires_in")?,
        set_issued_at: g.bool("set_issued_at")?.unwrap_or(false),
        now: g.time("now")?,
    })
}

/// What `TokenService.create_access_token` takes after the user id.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct AccessTokenArgs {
    /// The `email` claim.
    pub email: Option<String>,
    /// The `permissions` claim.
    pub permissions: Vec<String>,
    /// More claims.
    pub extra: Map<String, Value>,
    /// The issue time (`None`: the service's clock).
    pub now: Option<i64>,
}

impl AccessTokenArgs {
    /// The user's claims, as [`TokenService::login`](crate::service::TokenService::login) takes them.
    pub fn claims(&self) -> crate::service::UserClaims {
        crate::service::UserClaims::new(self.email.as_deref(), &self.permissions, &self.extra)
    }
}

/// What `TokenService.refresh` takes after the refresh token.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct RefreshArgs {
    /// What replaces the session's recorded claims in the new access token.
    pub update: crate::service::ClaimsUpdate,
    /// The time of the refresh (`None`: the service's clock).
    pub now: Option<i64>,
}

/// The arguments of `login` and `create_access_token` after the user id, from a host's bag.
///
/// ```
/// use onejwt::host::{access_token_args, OptionNames};
/// let map = serde_json::json!({"email": "ada@example.com", "permissions": ["read"]});
/// let args = access_token_args(map.as_object().unwrap(), OptionNames::SnakeCase).unwrap();
/// assert_eq!(args.permissions, ["read"]);
/// ```
pub fn access_token_args(
    map: &Map<String, Value>,
    names: OptionNames,
) -> Result<AccessTokenArgs, OptionsError> {
    let g = given(map, &ACCESS_TOKEN, Spelling::Host(names))?;
    Ok(AccessTokenArgs {
        email: g.string("email")?,
        permissions: g.strings("permissions")?.unwrap_or_default(),
        extra: g.object("extra")?.unwrap_or_default(),
        now: g.time("now")?,
    })
}

/// The options of `refresh` after the refresh token, from a host's bag.
///
/// ```
/// use onejwt::host::{refresh_args, OptionNames};
/// let map = serde_json::json!({"permissions": ["read", "admin"]});
/// let args = refresh_args(map.as_object().unwrap(), OptionNames::SnakeCase).unwrap();
/// assert_eq!(args.update.permissions.unwrap(), ["read", "admin"]);
/// assert_eq!(args.update.email, None); // the session's recorded email
/// ```
pub fn refresh_args(
    map: &Map<String, Value>,
    names: OptionNames,
) -> Result<RefreshArgs, OptionsError> {
    let g = given(map, &REFRESH, Spelling::Host(names))?;
    Ok(RefreshArgs {
        update: crate::service::ClaimsUpdate {
            email: g.string("email")?,
            permissions: g.strings("permissions")?,
            extra: g.object("extra")?,
        },
        now: g.time("now")?,
    })
}

/// What `extract_token` takes after the headers: where to look, and the request's query string.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct ExtractArgs {
    /// Where to look.
    pub options: ExtractOptions,
    /// The raw query string (without `?`).
    pub query_string: Option<String>,
}

/// The options of `extract_token` after the headers, from a host's bag.
///
/// ```
/// use onejwt::host::{extract_args, OptionNames};
/// let map = serde_json::json!({"cookie": "session", "bearer": false});
/// let args = extract_args(map.as_object().unwrap(), OptionNames::SnakeCase).unwrap();
/// assert_eq!((args.options.cookie.as_deref(), args.options.bearer), (Some("session"), false));
/// ```
pub fn extract_args(
    map: &Map<String, Value>,
    names: OptionNames,
) -> Result<ExtractArgs, OptionsError> {
    let g = given(map, &EXTRACT, Spelling::Host(names))?;
    let mut options = ExtractOptions::default();
    if let Some(flag) = g.bool("bearer")? {
        options.bearer = flag;
    }
    if let Some(flag) = g.bool("websocket_protocol")? {
        options.websocket_protocol = flag;
    }
    options.cookie = g.string("cookie")?;
    options.query = g.string("query")?;
    Ok(ExtractArgs {
        options,
        query_string: g.string("query_string")?,
    })
}

/// A request's headers from a host value: an object of names to a string or a list of strings
/// (Node's `req.headers`), or a list of `[name, value]` pairs (ASGI, a fetch `Headers`). `null`
/// values are left out.
///
/// ```
/// let pairs = onejwt::host::headers_from_value(&serde_json::json!({"cookie": ["a=1", "b=2"]})).unwrap();
/// assert_eq!(pairs.len(), 2);
/// ```
pub fn headers_from_value(value: &Value) -> Result<Vec<(String, String)>, OptionsError> {
    let error = |message: &'static str| {
        Err(OptionsError::argument(
            "headers",
            OptionsErrorKind::Type,
            message,
        ))
    };
    let mut out = Vec::new();
    match value {
        Value::Array(entries) => {
            for entry in entries {
                match entry.as_array().map(Vec::as_slice) {
                    Some([Value::String(name), Value::String(value)]) => {
                        out.push((name.clone(), value.clone()));
                    }
                    _ => return error("each entry must be a [name, value] pair of strings"),
                }
            }
        }
        Value::Object(map) => {
            for (name, member) in map {
                match member {
                    Value::Null => {}
                    Value::String(text) => out.push((name.clone(), text.clone())),
                    Value::Array(items) => {
                        for item in items {
                            match item {
                                Value::String(text) => out.push((name.clone(), text.clone())),
                                _ => {
                                    return error(
                                        "a header value must be a string or a list of strings",
                                    )
                                }
                            }
                        }
                    }
                    _ => return error("a header value must be a string or a list of strings"),
                }
            }
        }
        _ => {
            return error(
                "must be an object of header names to values, or a list of [name, value] pairs",
            )
        }
    }
    Ok(out)
}

/// The `token_type` argument of the service's calls: `access` (the default, when absent) or
/// `refresh`.
///
/// ```
/// use onejwt::host::{token_type, OptionNames};
/// use onejwt::service::TokenType;
/// assert_eq!(token_type(None, OptionNames::CamelCase), Ok(TokenType::Access));
/// assert_eq!(token_type(Some("nope"), OptionNames::CamelCase).unwrap_err().option(), "tokenType");
/// ```
pub fn token_type(name: Option<&str>, names: OptionNames) -> Result<TokenType, OptionsError> {
    match name {
        None => Ok(TokenType::default()),
        Some(name) => TokenType::parse(name).map_err(|e| {
            let shown = match names {
                OptionNames::SnakeCase => "token_type",
                OptionNames::CamelCase => "tokenType",
            };
            OptionsError::argument(shown, e.kind(), e.message().to_owned())
        }),
    }
}

/// A [`ServiceConfig`](crate::service::ServiceConfig) from a host's options bag (without
/// `store`, which the binding hands over as an object), validated: a weak secret or a
/// zero lifetime fails here, not at the first token.
///
/// ```
/// use onejwt::host::{service_config, OptionNames};
/// let map = serde_json::json!({"secretKey": "short"});
/// let err = service_config(map.as_object().unwrap(), OptionNames::CamelCase).unwrap_err();
/// assert!(err.to_string().contains("secretKey"));
/// ```
pub fn service_config(
    map: &Map<String, Value>,
    names: OptionNames,
) -> Result<crate::service::ServiceConfig, Failure> {
    let g = given(map, &crate::host::schema::SERVICE, Spelling::Host(names))?;
    crate::service::ServiceConfig::from_given(&g)
}
