//! Issue: minting the service's access and refresh tokens.

use ring::rand::SecureRandom;
use serde_json::{Map, Value};

use crate::encoding::b64_encode;
use crate::error::{invalid_key, Error, Failure, OptionsError, OptionsErrorKind};
use crate::service::metrics::Event;
use crate::service::{TokenService, TokenType};
use crate::sign::{sign, SignOptions};

/// Claims a service sets itself; `extra` claims may not replace them.
const SERVICE_CLAIMS: [&str; 13] = [
    "sub",
    "email",
    "permissions",
    "iat",
    "exp",
    "nbf",
    "jti",
    "iss",
    "aud",
    "type",
    "sid",
    "gen",
    "session_exp",
];

impl TokenService {
    /// A random id (a `jti`, a session's `sid`): 128 bits from the OS (or
    /// `crypto.getRandomValues` on the web).
    pub(crate) fn new_id(&self) -> Result<String, Error> {
        let mut bytes = [0u8; 16];
        self.rng
            .fill(&mut bytes)
            .map_err(|_| invalid_key("no randomness available to make a token id"))?;
        Ok(b64_encode(&bytes))
    }

    /// Refuses, before any store is touched, what [`issue`](Self::issue) would refuse: no signing
    /// key, an empty user id, extra claims that replace the service's own.
    pub(crate) fn check_issuable(
        &self,
        user_id: &str,
        extra: &Map<String, Value>,
    ) -> Result<(), Failure> {
        if self.ring.is_none() {
            return Err(invalid_key("this service has no signing key (verify-only)").into());
        }
        if user_id.is_empty() {
            return Err(OptionsError::argument(
                "user_id",
                OptionsErrorKind::Value,
                "must not be empty",
            )
            .into());
        }
        self.check_extra(extra)
    }

    /// Extra claims may not replace the service's own.
    pub(crate) fn check_extra(&self, extra: &Map<String, Value>) -> Result<(), Failure> {
        match extra
            .keys()
            .find(|name| SERVICE_CLAIMS.contains(&name.as_str()))
        {
            Some(name) => Err(OptionsError::new(
                "extra",
                OptionsErrorKind::Value,
                format!("extra claims cannot replace the service's own claim {name:?}"),
            )
            .into()),
            None => Ok(()),
        }
    }

    /// Signs a token of `token_type` for `user_id` with the service's claims, `own` claims and
    /// `extra`; `exp` is `now` + the type's TTL, and never after `ends` (a session's end).
    pub(crate) fn issue(
        &self,
        token_type: TokenType,
        user_id: &str,
        own: Map<String, Value>,
        extra: &Map<String, Value>,
        now: Option<i64>,
        ends: Option<i64>,
    ) -> Result<String, Failure> {
        self.check_issuable(user_id, extra)?;
        let Some(ring) = self.key_ring() else {
            return Err(invalid_key("this service has no signing key (verify-only)").into());
        };
        let now = self.now(now);
        let ttl = match token_type {
            TokenType::Access => self.access_ttl,
            TokenType::Refresh => self.refresh_ttl,
        };
        let mut claims = Map::new();
        claims.insert("sub".into(), user_id.into());
        claims.extend(own);
        claims.insert("iat".into(), now.into());
        let exp = now.saturating_add_unsigned(ttl);
        claims.insert("exp".into(), ends.map_or(exp, |end| exp.min(end)).into());
        claims.insert("jti".into(), self.new_id()?.into());
        if let Some(issuer) = &self.issuer {
            claims.insert("iss".into(), issuer.as_str().into());
        }
        if let Some(audience) = &self.audience {
            claims.insert("aud".into(), audience.as_str().into());
        }
        claims.insert("type".into(), token_type.as_str().into());
        for (name, value) in extra {
            claims.insert(name.clone(), value.clone());
        }
        // The header's kid is the current key's (SignOptions leaves it to the key).
        let token = sign(
            &claims,
            ring.current(),
            self.algorithm.as_str(),
            &SignOptions::default(),
        )?;
        self.metrics.count(match token_type {
            TokenType::Access => Event::IssuedAccess,
            TokenType::Refresh => Event::IssuedRefresh,
        });
        Ok(token)
    }

    /// Issues an access token outside any session (no `sid`: only [`revoke`](Self::revoke) ends
    /// it early): `sub`, `email` (when given), `permissions`, `iat`, `exp`, a random `jti`,
    /// `iss`/`aud` (when configured) and `type: "access"`, plus `extra` claims; the `kid` header
    /// when the service has one. Refresh tokens come only from [`login`](Self::login).
    pub fn create_access_token(
        &self,
        user_id: &str,
        email: Option<&str>,
        permissions: &[String],
        extra: &Map<String, Value>,
        now: Option<i64>,
    ) -> Result<String, Failure> {
        let mut own = Map::new();
        if let Some(email) = email {
            own.insert("email".into(), email.into());
        }
        own.insert("permissions".into(), permissions.to_vec().into());
        self.issue(TokenType::Access, user_id, own, extra, now, None)
    }
}
