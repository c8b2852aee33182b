//! Errors: the 16 stable error codes every runtime shares, and the caller-mistake error for bad options.

use std::borrow::Cow;
use std::fmt;

/// The stable verdict codes. Every runtime (Rust, Python, Node, WASM) reports exactly these strings.
///
/// ```
/// use onejwt::ErrorCode;
/// assert_eq!(ErrorCode::Expired.as_str(), "expired");
/// assert_eq!(ErrorCode::from_code("invalid_signature"), Some(ErrorCode::InvalidSignature));
/// assert_eq!(ErrorCode::ALL.len(), 16);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The token is not a well-formed compact JWS carrying a JSON claims object.
    Malformed,
    /// The token is longer than the verifier's `max_token_bytes`.
    TokenTooLarge,
    /// The `alg` is allowed by the verifier but onejwt does not implement it.
    UnsupportedAlgorithm,
    /// The `alg` is not in the verifier's allow-list (this includes `none`).
    AlgorithmNotAllowed,
    /// No key, or more than one key, of the key set can verify this token.
    KeyNotFound,
    /// The key is unusable: malformed, too weak, or of the wrong family for the algorithm.
    InvalidKey,
    /// The signature does not verify.
    InvalidSignature,
    /// The token has expired (`exp`), or is older than `max_age`.
    Expired,
    /// The token is not valid yet (`nbf`, or `iat` in the future).
    NotYetValid,
    /// The `iss` claim is not an accepted issuer.
    InvalidIssuer,
    /// The `aud` claim does not name an accepted audience (an empty `aud` names none).
    InvalidAudience,
    /// A required claim is absent (or `null`).
    MissingClaim,
    /// A registered claim has the wrong type, or not the configured value (`sub`).
    InvalidClaim,
    /// The token's type (`typ` header, or the service's `type` claim) is not the expected one.
    WrongTokenType,
    /// The token was revoked, or its session was (by logout, or by the reuse of a refresh token).
    Revoked,
    /// The session store failed, timed out or is full: no verdict on the token (fail closed; a
    /// server answers 503, not 401).
    StoreUnavailable,
}

impl ErrorCode {
    /// Every code, in declaration order, so bindings can prove they map each one exactly once.
    pub const ALL: [ErrorCode; 16] = [
        ErrorCode::Malformed,
        ErrorCode::TokenTooLarge,
        ErrorCode::UnsupportedAlgorithm,
        ErrorCode::AlgorithmNotAllowed,
        ErrorCode::KeyNotFound,
        ErrorCode::InvalidKey,
        ErrorCode::InvalidSignature,
        ErrorCode::Expired,
        ErrorCode::NotYetValid,
        ErrorCode::InvalidIssuer,
        ErrorCode::InvalidAudience,
        ErrorCode::MissingClaim,
        ErrorCode::InvalidClaim,
        ErrorCode::WrongTokenType,
        ErrorCode::Revoked,
        ErrorCode::StoreUnavailable,
    ];

    /// The snake_case code string, identical in every runtime.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Malformed => "malformed",
            ErrorCode::TokenTooLarge => "token_too_large",
            ErrorCode::UnsupportedAlgorithm => "unsupported_algorithm",
            ErrorCode::AlgorithmNotAllowed => "algorithm_not_allowed",
            ErrorCode::KeyNotFound => "key_not_found",
            ErrorCode::InvalidKey => "invalid_key",
            ErrorCode::InvalidSignature => "invalid_signature",
            ErrorCode::Expired => "expired",
            ErrorCode::NotYetValid => "not_yet_valid",
            ErrorCode::InvalidIssuer => "invalid_issuer",
            ErrorCode::InvalidAudience => "invalid_audience",
            ErrorCode::MissingClaim => "missing_claim",
            ErrorCode::InvalidClaim => "invalid_claim",
            ErrorCode::WrongTokenType => "wrong_token_type",
            ErrorCode::Revoked => "revoked",
            ErrorCode::StoreUnavailable => "store_unavailable",
        }
    }

    /// One sentence saying what the code means: the documentation every binding shows for it
    /// (Python's exception classes take it as their docstring).
    pub const fn description(self) -> &'static str {
        match self {
            ErrorCode::Malformed => {
                "The token is not a well-formed compact JWS carrying a JSON claims object."
            }
            ErrorCode::TokenTooLarge => "The token is longer than the verifier's max_token_bytes.",
            ErrorCode::UnsupportedAlgorithm => {
                "The alg is allowed by the verifier but onejwt does not implement it (ES256K, Ed448, …)."
            }
            ErrorCode::AlgorithmNotAllowed => {
                "The alg is not in the verifier's allow-list (this includes none)."
            }
            ErrorCode::KeyNotFound => {
                "No key, or more than one key, of the key set can verify this token."
            }
            ErrorCode::InvalidKey => {
                "The key is unusable: malformed, too weak, or of the wrong family for the algorithm."
            }
            ErrorCode::InvalidSignature => "The signature does not verify.",
            ErrorCode::Expired => "The token has expired (exp), or is older than max_age.",
            ErrorCode::NotYetValid => "The token is not valid yet (nbf, or iat in the future).",
            ErrorCode::InvalidIssuer => "The iss claim is not an accepted issuer.",
            ErrorCode::InvalidAudience => {
                "The aud claim does not name an accepted audience (an empty aud names none)."
            }
            ErrorCode::MissingClaim => "A required claim is absent (or null).",
            ErrorCode::InvalidClaim => {
                "A registered claim has the wrong type, or not the configured value (sub)."
            }
            ErrorCode::WrongTokenType => {
                "The token's type (typ header, or a TokenService's type claim) is not the expected one."
            }
            ErrorCode::Revoked => {
                "The token was revoked, or its session was (logout, or a refresh token used twice)."
            }
            ErrorCode::StoreUnavailable => {
                "A TokenService's session store failed, timed out or is full: no verdict on the token (fail closed; answer 503, not 401)."
            }
        }
    }

    /// Parses a code string back into the enum.
    pub fn from_code(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A token or key was refused. Carries a stable [`ErrorCode`], a human message and, for claim
/// failures, the claim's name.
///
/// The message never contains token, key or secret bytes, so it is safe to log.
///
/// ```
/// use onejwt::{ErrorCode, Key};
/// let err = Key::hmac(b"").unwrap_err();
/// assert_eq!(err.code(), ErrorCode::InvalidKey);
/// assert!(err.to_string().contains("empty"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: Cow<'static, str>,
    claim: Option<Cow<'static, str>>,
}

impl Error {
    /// A new error with a code and a human message.
    pub fn new(code: ErrorCode, message: impl Into<Cow<'static, str>>) -> Self {
        Error {
            code,
            message: message.into(),
            claim: None,
        }
    }

    /// Attaches the name of the claim the error is about.
    pub fn with_claim(mut self, claim: impl Into<Cow<'static, str>>) -> Self {
        self.claim = Some(claim.into());
        self
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The human message (without the code prefix).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The claim the error is about, if any (`"exp"`, `"aud"`, …).
    pub fn claim(&self) -> Option<&str> {
        self.claim.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

/// Whether an option error is a wrong type (hosts raise `TypeError`) or a wrong value (`ValueError`
/// in Python, `TypeError` in JS as jose does for options).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptionsErrorKind {
    /// The option has the wrong type.
    Type,
    /// The option has a refused value, or is unknown.
    Value,
}

/// The caller configured something wrongly (an option has a bad type or value). Not a verdict on a
/// token, so it has no [`ErrorCode`]; hosts raise it as `TypeError`/`ValueError`.
///
/// ```
/// use onejwt::{Key, OptionsErrorKind, Verifier, VerifyOptions};
/// let key = Key::hmac(b"0123456789abcdef0123456789abcdef").unwrap();
/// let err = Verifier::new(key, VerifyOptions::new(["none"])).unwrap_err();
/// assert_eq!(err.option(), "algorithms");
/// assert_eq!(err.kind(), OptionsErrorKind::Value);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionsError {
    option: Cow<'static, str>,
    kind: OptionsErrorKind,
    message: Cow<'static, str>,
    argument: bool,
}

impl OptionsError {
    /// A new options error naming the option at fault.
    pub fn new(
        option: impl Into<Cow<'static, str>>,
        kind: OptionsErrorKind,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        OptionsError {
            option: option.into(),
            kind,
            message: message.into(),
            argument: false,
        }
    }

    /// A new error about a positional argument (`token`, `claims`, `headers`, …) rather than an
    /// option: the same kinds, worded "invalid argument".
    ///
    /// ```
    /// use onejwt::{OptionsError, OptionsErrorKind};
    /// let err = OptionsError::argument("claims", OptionsErrorKind::Type, "must be an object");
    /// assert_eq!(err.to_string(), "invalid argument `claims`: must be an object");
    /// assert!(err.is_argument());
    /// ```
    pub fn argument(
        name: impl Into<Cow<'static, str>>,
        kind: OptionsErrorKind,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        OptionsError {
            argument: true,
            ..OptionsError::new(name, kind, message)
        }
    }

    /// The same error naming `name` (the option as another host spells it).
    pub(crate) fn renamed(mut self, name: String) -> Self {
        self.option = name.into();
        self
    }

    /// `"argument"` or `"option"`: what the error is about, as its message says ("invalid option
    /// `leeway`: …") and as the JS bindings name the property that carries the name.
    pub fn noun(&self) -> &'static str {
        if self.argument {
            "argument"
        } else {
            "option"
        }
    }

    /// Whether the error is about a positional argument rather than an option (hosts set the
    /// `option` attribute of the exception only for options).
    pub fn is_argument(&self) -> bool {
        self.argument
    }
    /// Whether the option had the wrong type or a refused value.
    pub fn kind(&self) -> OptionsErrorKind {
        self.kind
    }

    /// The option (or argument) at fault, as the caller spelled it (`algorithms`, `maxTokenBytes`,
    /// `JWT_SECRET_KEY`, …).
    pub fn option(&self) -> &str {
        &self.option
    }

    /// The human message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} `{}`: {}",
            self.noun(),
            self.option,
            self.message
        )
    }
}

impl std::error::Error for OptionsError {}

/// Either a verdict on a token or key ([`Error`], with a code) or a caller mistake
/// ([`OptionsError`]): what operations that can fail both ways return, such as
/// [`sign`](crate::sign), [`TokenService::new`](crate::service::TokenService::new) and
/// [`TokenService::refresh`](crate::service::TokenService::refresh). Bindings turn the first into
/// their `JwtError` and the second into `TypeError`/`ValueError`.
///
/// ```
/// use onejwt::{sign, Failure, Key, SignOptions};
/// let key = Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap();
/// let claims = serde_json::json!({"exp": "soon"});
/// match sign(claims.as_object().unwrap(), &key, "HS256", &SignOptions::default()) {
///     Err(Failure::Jwt(e)) => assert_eq!(e.code().as_str(), "invalid_claim"),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// The key or claims were refused (with a code).
    Jwt(Error),
    /// An argument was wrong.
    Options(OptionsError),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Jwt(e) => e.fmt(f),
            Failure::Options(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Failure {}

impl Failure {
    /// The verdict's code, or `None` for a caller mistake.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Failure::Jwt(e) => Some(e.code()),
            Failure::Options(_) => None,
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Jwt(e)
    }
}

impl From<OptionsError> for Failure {
    fn from(e: OptionsError) -> Self {
        Failure::Options(e)
    }
}

pub(crate) fn value_error_for(option: &'static str, message: &'static str) -> OptionsError {
    OptionsError::new(option, OptionsErrorKind::Value, message)
}

pub(crate) fn malformed(message: impl Into<Cow<'static, str>>) -> Error {
    Error::new(ErrorCode::Malformed, message)
}

pub(crate) fn invalid_key(message: impl Into<Cow<'static, str>>) -> Error {
    Error::new(ErrorCode::InvalidKey, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_string() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_code(code.as_str()), Some(code));
        }
        let mut names: Vec<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 16);
    }

    #[test]
    fn display_prefixes_the_code() {
        let e = Error::new(ErrorCode::Expired, "token expired").with_claim("exp");
        assert_eq!(e.to_string(), "expired: token expired");
        assert_eq!(e.claim(), Some("exp"));
    }
}
