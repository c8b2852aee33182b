//! Options: the verifier's options, validated exhaustively in one place for every runtime.

use crate::claims::ClaimRules;
use crate::error::{OptionsError, OptionsErrorKind};
use crate::header::normalize_typ;
use crate::host::parse::{spelled, OptionNames};
use crate::host::schema::{check_range, VERIFIER};
use crate::token::DEFAULT_MAX_TOKEN_BYTES;

/// The options of a [`Verifier`](crate::Verifier) other than its key(s).
///
/// Build one with the setters, or from a host's options object with
/// [`host::verify_options`](crate::host::verify_options); both paths are validated by the same
/// [`VerifyOptions::validate`].
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
    pub(crate) subject: Option<String>,
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
            subject: None,
            leeway: 0,
            required: Vec::new(),
            typ: None,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            max_age: None,
            names: OptionNames::SnakeCase,
        }
    }
}

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

    /// Options whose errors spell option names as `names` does (for the host parsers).
    pub(crate) fn spelled(names: OptionNames) -> Self {
        VerifyOptions {
            names,
            ..VerifyOptions::default()
        }
    }

    /// Replaces the allow-list.
    pub(crate) fn algorithms(mut self, algorithms: Vec<String>) -> Self {
        self.algorithms = algorithms;
        self
    }

    /// Replaces the accepted issuers.
    pub(crate) fn issuers(mut self, issuers: Vec<String>) -> Self {
        self.issuers = Some(issuers);
        self
    }

    /// Replaces the accepted audiences.
    pub(crate) fn audiences(mut self, audiences: Vec<String>) -> Self {
        self.audiences = Some(audiences);
        self
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

    /// Accept only tokens whose `sub` equals this subject exactly (else `invalid_claim`; a token
    /// without `sub` fails with `missing_claim`).
    ///
    /// ```
    /// use onejwt::{sign, Key, SignOptions, Verifier, VerifyOptions};
    /// let key = Key::hmac(b"a-32-byte-secret-for-hs256-use!!")?;
    /// let token = sign(serde_json::json!({"sub": "svc-billing"}).as_object().unwrap(), &key, "HS256", &SignOptions::default())?;
    /// let only_billing = Verifier::new(key.clone(), VerifyOptions::new(["HS256"]).subject("svc-billing"))?;
    /// assert!(only_billing.verify_at(&token, 0).is_ok());
    /// let only_mail = Verifier::new(key, VerifyOptions::new(["HS256"]).subject("svc-mail"))?;
    /// assert_eq!(only_mail.verify_at(&token, 0).unwrap_err().code().as_str(), "invalid_claim");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Clock skew tolerated on `exp`, `nbf`, `iat` and `max_age`, in seconds (default 0, at most
    /// 3600: checked when the verifier is built).
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

    /// The largest token accepted, in bytes (default 16 KiB; 1 byte to 16 MiB, checked when the
    /// verifier is built).
    pub fn max_token_bytes(mut self, bytes: usize) -> Self {
        self.max_token_bytes = bytes;
        self
    }

    /// The oldest token accepted, in seconds since its `iat` (which becomes required); at most
    /// ten years, checked when the verifier is built.
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// The option `name` as the caller spells it.
    pub(crate) fn shown(&self, name: &'static str) -> &'static str {
        spelled(&VERIFIER, name, self.names)
    }

    /// Checks the values: a non-empty allow-list without `none`, non-empty issuer/audience lists,
    /// a non-empty subject and `typ`, and the numbers within their documented ranges
    /// ([`host::VERIFIER`](crate::host::VERIFIER): `leeway` at most an hour, `max_token_bytes`
    /// 1 to 16 MiB, `max_age` at most ten years).
    ///
    /// ```
    /// use onejwt::VerifyOptions;
    /// let err = VerifyOptions::new(["HS256"]).leeway(u64::MAX).validate().unwrap_err();
    /// assert_eq!((err.option(), err.message()), ("leeway", "must be at most 3600 (1 hour)"));
    /// ```
    pub fn validate(&self) -> Result<(), OptionsError> {
        let algorithms = self.shown("algorithms");
        if self.algorithms.is_empty() {
            return Err(value_error(
                algorithms,
                "must list at least one algorithm (there is no default allow-list)",
            ));
        }
        for alg in &self.algorithms {
            if alg.is_empty() {
                return Err(value_error(algorithms, "contains an empty name"));
            }
            if alg.eq_ignore_ascii_case("none") {
                return Err(value_error(
                    algorithms,
                    "must not contain \"none\": unsigned tokens can never verify",
                ));
            }
        }
        for (name, list) in [("issuer", &self.issuers), ("audience", &self.audiences)] {
            if list.as_ref().is_some_and(Vec::is_empty) {
                return Err(value_error(self.shown(name), "must not be an empty list"));
            }
        }
        // The numbers against the schema's ranges (the one source of the documented limits).
        let max_token_bytes = u64::try_from(self.max_token_bytes).unwrap_or(u64::MAX);
        for (name, value) in [
            ("leeway", Some(self.leeway)),
            ("max_token_bytes", Some(max_token_bytes)),
            ("max_age", self.max_age),
        ] {
            if let Some(value) = value {
                check_range(&VERIFIER, name, value, self.shown(name))?;
            }
        }
        for (name, value) in [("typ", &self.typ), ("subject", &self.subject)] {
            if value.as_deref() == Some("") {
                return Err(value_error(self.shown(name), "must not be empty"));
            }
        }
        Ok(())
    }

    pub(crate) fn claim_rules(&self) -> ClaimRules {
        ClaimRules {
            issuers: self.issuers.clone(),
            audiences: self.audiences.clone(),
            subject: self.subject.clone(),
            leeway: self.leeway,
            required: self.required.clone(),
            max_age: self.max_age,
        }
    }

    pub(crate) fn normalized_typ(&self) -> Option<String> {
        self.typ.as_deref().map(normalize_typ)
    }
}

pub(crate) fn value_error(option: &str, message: &'static str) -> OptionsError {
    OptionsError::new(option.to_owned(), OptionsErrorKind::Value, message)
}
