//! Method: which service method a store-touching call belongs to, and what its finished call gives
//! the host, so the rules of `validate_token` and `extract_user_id` (a bad token is no error, a
//! failing store is; `extract_user_id` reads access tokens) are written once for every binding.

use serde_json::Value;

use crate::error::{Failure, OptionsError};
use crate::host::{token_type, OptionNames};
use crate::service::sessions::valid_or_none;
use crate::service::{TokenPair, TokenType};
use crate::session::Outcome;
use crate::verifier::Verified;

/// A store-touching method of the service, as a binding names the call it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `verify`: the claims, or the token's error.
    Verify,
    /// `validate_token`: the claims, or nothing for a bad token.
    ValidateToken,
    /// `extract_user_id`: the `sub` of a valid access token, or nothing.
    ExtractUserId,
    /// `login`, `refresh`: the new pair.
    Pair,
    /// `revoke`, `logout`: nothing.
    Revoke,
    /// `is_revoked`: the answer.
    IsRevoked,
}

/// What a finished call gives the host.
#[derive(Debug)]
pub enum MethodResult {
    /// The verified token (its claims are the host's value).
    Verified(Verified),
    /// A user id.
    UserId(String),
    /// `None` / `null`: a bad token for `validate_token` and `extract_user_id`, or a revocation done.
    Nothing,
    /// A new access and refresh token.
    Pair(TokenPair),
    /// Whether the token is revoked.
    Revoked(bool),
}

impl Method {
    /// The token type the call verifies: the host's argument (`access` when absent), except for
    /// `extract_user_id`, which takes none and reads access tokens.
    ///
    /// ```
    /// use onejwt::host::{Method, OptionNames};
    /// use onejwt::service::TokenType;
    /// assert_eq!(Method::ExtractUserId.token_type(None, OptionNames::SnakeCase), Ok(TokenType::Access));
    /// assert_eq!(Method::Verify.token_type(Some("refresh"), OptionNames::SnakeCase), Ok(TokenType::Refresh));
    /// ```
    pub fn token_type(
        self,
        given: Option<&str>,
        names: OptionNames,
    ) -> Result<TokenType, OptionsError> {
        match self {
            Method::ExtractUserId => Ok(TokenType::Access),
            _ => token_type(given, names),
        }
    }

    /// The host's result of a finished call: for `validate_token` and `extract_user_id` a bad
    /// token is [`MethodResult::Nothing`], but a failing store (`store_unavailable`) or a caller
    /// mistake stays an error.
    pub fn result(self, outcome: Result<Outcome, Failure>) -> Result<MethodResult, Failure> {
        let outcome = match self {
            Method::ValidateToken | Method::ExtractUserId => match valid_or_none(outcome)? {
                Some(outcome) => outcome,
                None => return Ok(MethodResult::Nothing),
            },
            _ => outcome?,
        };
        Ok(match (self, outcome) {
            (Method::ExtractUserId, Outcome::Verified(verified)) => verified
                .claims()
                .get("sub")
                .and_then(Value::as_str)
                .map_or(MethodResult::Nothing, |sub| {
                    MethodResult::UserId(sub.to_owned())
                }),
            (_, Outcome::Verified(verified)) => MethodResult::Verified(verified),
            (_, Outcome::Pair(pair)) => MethodResult::Pair(pair),
            (_, Outcome::Revoked(revoked)) => MethodResult::Revoked(revoked),
            (_, Outcome::Done) => MethodResult::Nothing,
        })
    }
}
