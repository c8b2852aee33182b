//! Options: the verifier's options, validated exhaustively in one place for every runtime.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::claims::ClaimRules;
use crate::error::{OptionsError, OptionsErrorKind};
use crate::header::normalize_typ;
use crate::token::DEFAULT_MAX_TOKEN_BYTES;

/// How option names are spelled in the caller's language, so errors name the option as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptionNames {
    /// `max_token_bytes` (Rust, Python, the corpus).
    SnakeCase,
    /// `maxTokenBytes` (JavaScript).
    CamelCase,
}

/// The options of a [`Verifier`](crate::Verifier) other than its key(s).
///
/// Build one with the setters, or from a host's options object with [`VerifyOptions::from_map`];
/// both paths are validated by the same [`VerifyOptions::validate`].
///
/// ```
/// use onejwt::VerifyOptions;
/// let opts = VerifyOptions::new(["RS256"]).issuer("https://issuer.example").leeway(30);
/// assert!(opts.validate().is_ok());
/// assert_eq!(VerifyOptions::new(["none"]).validate().unwrap_err().option(), "algorithms");
/// ```
#[derive(Clone, Debug)]
pub struct VerifyOptions {
    pub(crate) algorithms: Vec<String>,
    pub(crate) issuers: Option<Vec<String>>,
    pub(crate) audiences: Option<Vec<String>>,
    pub(crate) leeway: u64,
    pub(crate) required: Vec<String>,
    pub(crate) typ: Option<String>,
    pub(crate) max_token_bytes: usize,
    pub(crate) max_age: Option<u64>,
    names: OptionNames,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            algorithms: Vec::new(),
            issuers: None,
            audiences: None,
            leeway: 0,
            required: Vec::new(),
            typ: None,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            max_age: None,
            names: OptionNames::SnakeCase,
        }
    }
}

/// Option names: (snake_case, camelCase).
const OPTIONS: [(&str, &str); 8] = [
    ("algorithms", "algorithms"),
    ("issuer", "issuer"),
    ("audience", "audience"),
    ("leeway", "leeway"),
    ("required", "required"),
    ("typ", "typ"),
    ("max_token_bytes", "maxTokenBytes"),
    ("max_age", "maxAge"),
];

impl VerifyOptions {
    /// Options allowing exactly these algorithms (required: there is no default allow-list).
    pub fn new<I, S>(algorithms: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        VerifyOptions {
            algorithms: algorithms.into_iter().map(Into::into).collect(),
            ..VerifyOptions::default()
        }
    }

    /// Accept tokens whose `iss` equals this issuer exactly (call again to accept several).
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuers
            .get_or_insert_with(Vec::new)
            .push(issuer.into());
        self
    }

    /// Accept tokens whose `aud` contains this audience (call again to accept several).
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audiences
            .get_or_insert_with(Vec::new)
            .push(audience.into());
        self
    }

    /// Clock skew tolerated on `exp`, `nbf`, `iat` and `max_age`, in seconds (default 0).
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Claims that must be present.
    pub fn required<I, S>(mut self, claims: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.required.extend(claims.into_iter().map(Into::into));
        self
    }

    /// The expected `typ` header (case-insensitive, `application/` optional), e.g. `"at+jwt"`.
    pub fn typ(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    /// The largest token accepted, in bytes (default 16 KiB).
    pub fn max_token_bytes(mut self, bytes: usize) -> Self {
        self.max_token_bytes = bytes;
        self
    }

    /// The oldest token accepted, in seconds since its `iat` (which becomes required).
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Options from a host's options object (Python kwargs, a JS object, a corpus case).
    ///
    /// Every member is checked: unknown names, wrong types and refused values are
    /// [`OptionsError`]s naming the option as the caller spelled it. `null` means "not set".
    ///
    /// ```
    /// use onejwt::{OptionNames, VerifyOptions};
    /// let map = serde_json::json!({"algorithms": ["HS256"], "maxTokenBytes": 4096});
    /// let opts = VerifyOptions::from_map(map.as_object().unwrap(), OptionNames::CamelCase).unwrap();
    /// assert!(opts.validate().is_ok());
    /// let bad = serde_json::json!({"algorithms": ["HS256"], "leway": 5});
    /// let err = VerifyOptions::from_map(bad.as_object().unwrap(), OptionNames::SnakeCase).unwrap_err();
    /// assert_eq!(err.option(), "leway");
    /// ```
    pub fn from_map(map: &Map<String, Value>, names: OptionNames) -> Result<Self, OptionsError> {
        let mut opts = VerifyOptions {
            names,
            ..VerifyOptions::default()
        };
        for (name, value) in map {
            let Some(&(snake, _)) = OPTIONS.iter().find(|(s, c)| match names {
                OptionNames::SnakeCase => s == name,
                OptionNames::CamelCase => c == name,
            }) else {
                return Err(OptionsError::new(
                    name.clone(),
                    OptionsErrorKind::Value,
                    "unknown option",
                ));
            };
            if value.is_null() {
                continue;
            }
            let shown = opts.shown(snake);
            match snake {
                "algorithms" => opts.algorithms = string_list(value, &shown, false)?,
                "issuer" => opts.issuers = Some(string_list(value, &shown, true)?),
                "audience" => opts.audiences = Some(string_list(value, &shown, true)?),
                "leeway" => opts.leeway = seconds(value, &shown)?,
                "required" => opts.required = string_list(value, &shown, false)?,
                "typ" => opts.typ = Some(string(value, &shown)?),
                "max_token_bytes" => {
                    opts.max_token_bytes = usize::try_from(seconds(value, &shown)?)
                        .map_err(|_| value_error(&shown, "is too large"))?
                }
                "max_age" => opts.max_age = Some(seconds(value, &shown)?),
                _ => return Err(value_error(&shown, "unknown option")),
            }
        }
        Ok(opts)
    }

    fn shown(&self, snake: &'static str) -> Cow<'static, str> {
        match self.names {
            OptionNames::SnakeCase => Cow::Borrowed(snake),
            OptionNames::CamelCase => OPTIONS
                .iter()
                .find(|(s, _)| *s == snake)
                .map_or(Cow::Borrowed(snake), |(_, c)| Cow::Borrowed(*c)),
        }
    }

    /// Checks the values: a non-empty allow-list without `none`, non-empty issuer/audience lists,
    /// a positive size limit.
    pub fn validate(&self) -> Result<(), OptionsError> {
        let algorithms = self.shown("algorithms");
        if self.algorithms.is_empty() {
            return Err(value_error(
                &algorithms,
                "must list at least one algorithm (there is no default allow-list)",
            ));
        }
        for alg in &self.algorithms {
            if alg.is_empty() {
                return Err(value_error(&algorithms, "contains an empty name"));
            }
            if alg.eq_ignore_ascii_case("none") {
                return Err(value_error(
                    &algorithms,
                    "must not contain \"none\": unsigned tokens can never verify",
                ));
            }
        }
        for (name, list) in [("issuer", &self.issuers), ("audience", &self.audiences)] {
            if list.as_ref().is_some_and(Vec::is_empty) {
                return Err(value_error(&self.shown(name), "must not be an empty list"));
            }
        }
        if self.max_token_bytes == 0 {
            return Err(value_error(
                &self.shown("max_token_bytes"),
                "must be at least 1",
            ));
        }
        if self.typ.as_deref() == Some("") {
            return Err(value_error(&self.shown("typ"), "must not be empty"));
        }
        Ok(())
    }

    pub(crate) fn claim_rules(&self) -> ClaimRules {
        ClaimRules {
            issuers: self.issuers.clone(),
            audiences: self.audiences.clone(),
            leeway: self.leeway,
            required: self.required.clone(),
            max_age: self.max_age,
        }
    }

    pub(crate) fn normalized_typ(&self) -> Option<String> {
        self.typ.as_deref().map(normalize_typ)
    }
}

pub(crate) fn type_error(option: &str, message: &'static str) -> OptionsError {
    OptionsError::new(option.to_owned(), OptionsErrorKind::Type, message)
}

pub(crate) fn value_error(option: &str, message: &'static str) -> OptionsError {
    OptionsError::new(option.to_owned(), OptionsErrorKind::Value, message)
}

fn string(value: &Value, option: &str) -> Result<String, OptionsError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| type_error(option, "must be a string"))
}

/// A list of strings; `single_ok` also takes one string (issuer, audience).
fn string_list(value: &Value, option: &str, single_ok: bool) -> Result<Vec<String>, OptionsError> {
    match value {
        Value::String(s) if single_ok => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| type_error(option, "must hold only strings"))
            })
            .collect(),
        _ if single_ok => Err(type_error(option, "must be a string or a list of strings")),
        _ => Err(type_error(option, "must be a list of strings")),
    }
}

/// A non-negative whole number of seconds (or bytes).
fn seconds(value: &Value, option: &str) -> Result<u64, OptionsError> {
    match value {
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(v), _, _) => Ok(v),
            (None, Some(_), _) => Err(value_error(option, "must not be negative")),
            (None, None, Some(f)) if f < 0.0 => Err(value_error(option, "must not be negative")),
            _ => Err(type_error(option, "must be a whole number")),
        },
        Value::Bool(_) | Value::String(_) | Value::Array(_) | Value::Object(_) | Value::Null => {
            Err(type_error(option, "must be a whole number"))
        }
    }
}
