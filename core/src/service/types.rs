//! Types: the token types a service issues and the pair a refresh returns.

use crate::error::{OptionsError, OptionsErrorKind};

/// Which kind of token a call expects; carried in the `type` claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenType {
    /// A short-lived access token.
    Access,
    /// A long-lived refresh token, only accepted by [`TokenService::refresh`](crate::service::TokenService::refresh).
    Refresh,
}

/// [`TokenType::Access`]: what a call expects when the host does not say (the one place this
/// default is written; bindings use it for an omitted `token_type`).
impl Default for TokenType {
    fn default() -> Self {
        TokenType::Access
    }
}

impl TokenType {
    /// `"access"` or `"refresh"`, the value of the `type` claim.
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenType::Access => "access",
            TokenType::Refresh => "refresh",
        }
    }

    /// Parses `"access"` / `"refresh"`.
    pub fn parse(name: &str) -> Result<TokenType, OptionsError> {
        match name {
            "access" => Ok(TokenType::Access),
            "refresh" => Ok(TokenType::Refresh),
            _ => Err(OptionsError::new(
                "token_type",
                OptionsErrorKind::Value,
                "must be \"access\" or \"refresh\"",
            )),
        }
    }
}

/// A new access token and refresh token, from [`TokenService::refresh`](crate::service::TokenService::refresh).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenPair {
    /// The new access token.
    pub access_token: String,
    /// The new refresh token (the old one is now revoked).
    pub refresh_token: String,
}
