//! Rotate: refresh-token rotation and revocation, on the store view.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode, Failure};
use crate::service::metrics::Event;
use crate::service::revocation::LocalRevocationStore;
use crate::service::{TokenPair, TokenType, WithStore};
use crate::verifier::Verified;

impl<S: LocalRevocationStore + ?Sized> WithStore<'_, S> {
    /// [`TokenService::refresh`](crate::service::TokenService::refresh): checks and revokes the old
    /// refresh token in this view's store.
    pub fn refresh(
        &self,
        refresh_token: impl AsRef<[u8]>,
        now: Option<i64>,
    ) -> Result<TokenPair, Failure> {
        let service = self.service;
        let now = service.now(now);
        let verified = self.verify(refresh_token, TokenType::Refresh, Some(now))?;
        let claims = verified.claims();
        let user_id = claims
            .get("sub")
            .and_then(Value::as_str)
            .unwrap_or_default();
        // Rotation: the old refresh token dies here, and only one of two concurrent uses of it
        // may get a new pair (the other is a replay: `revoked`).
        if !self.revoke_verified(&verified, now, true)? {
            return Err(Error::new(
                ErrorCode::Revoked,
                "the refresh token was already used (refresh tokens are single-use)",
            )
            .into());
        }
        let mut own = Map::new();
        for name in ["email", "permissions"] {
            if let Some(value) = claims.get(name) {
                own.insert(name.into(), value.clone());
            }
        }
        own.entry("permissions")
            .or_insert_with(|| Value::Array(Vec::new()));
        let access_token =
            service.issue(TokenType::Access, user_id, own, &Map::new(), Some(now))?;
        let refresh_token = service.issue(
            TokenType::Refresh,
            user_id,
            Map::new(),
            &Map::new(),
            Some(now),
        )?;
        Ok(TokenPair {
            access_token,
            refresh_token,
        })
    }

    /// [`TokenService::revoke`](crate::service::TokenService::revoke), into this view's store.
    pub fn revoke(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Result<(), Error> {
        let now = self.service.now(now);
        let verified = self.service.verifier.verify_at(token, now)?;
        self.revoke_verified(&verified, now, false).map(drop)
    }

    /// [`TokenService::is_revoked`](crate::service::TokenService::is_revoked), asking this view's
    /// store.
    pub fn is_revoked(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Result<bool, Error> {
        let now = self.service.now(now);
        let verified = self.service.verifier.verify_at(token, now)?;
        let jti = verified
            .claims()
            .get("jti")
            .and_then(Value::as_str)
            .unwrap_or_default();
        self.store.is_revoked(jti, now).map_err(|message| {
            Error::new(
                ErrorCode::Revoked,
                format!(
                    "the revocation store failed ({})",
                    crate::algorithm::truncate(&message)
                ),
            )
        })
    }

    /// Revokes a verified token's `jti` until its `exp`; with `once`, through
    /// [`LocalRevocationStore::revoke_once`], returning whether this call revoked it.
    fn revoke_verified(&self, verified: &Verified, now: i64, once: bool) -> Result<bool, Error> {
        let claims = verified.claims();
        let jti = claims
            .get("jti")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let exp = claims
            .get("exp")
            .and_then(Value::as_f64)
            .unwrap_or(now as f64);
        let expires_at = exp.ceil() as i64;
        let revoked = if once {
            self.store.revoke_once(jti, expires_at, now)
        } else {
            self.store.revoke(jti, expires_at, now).map(|()| true)
        };
        let fresh = revoked.map_err(|message| {
            Error::new(
                ErrorCode::Revoked,
                format!(
                    "the revocation store refused the revocation ({})",
                    crate::algorithm::truncate(&message)
                ),
            )
        })?;
        self.service.metrics.count(Event::Revoked);
        Ok(fresh)
    }
}
