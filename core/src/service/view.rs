//! View: a service over one revocation store (its own, or one a host lends for a call). Every
//! operation that consults revocations is written here once; the service's methods and the
//! bindings' lent stores both go through it.

use serde_json::Value;

use crate::error::{Error, ErrorCode};
use crate::service::cache::{token_digest, TimeClaims};
use crate::service::metrics::Event;
use crate::service::revocation::LocalRevocationStore;
use crate::service::{TokenService, TokenType};
use crate::verifier::Verified;

/// A [`TokenService`] whose revocation checks and revocations go to `store`; every method means
/// what the service's method of the same name means. Issuing, the cache and the metrics are the
/// service's own.
pub struct WithStore<'a, S: LocalRevocationStore + ?Sized> {
    pub(crate) service: &'a TokenService,
    pub(crate) store: &'a S,
}

impl<S: LocalRevocationStore + ?Sized> std::fmt::Debug for WithStore<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WithStore")
            .field("service", self.service)
            .finish_non_exhaustive()
    }
}

impl<'a, S: LocalRevocationStore + ?Sized> WithStore<'a, S> {
    pub(crate) fn new(service: &'a TokenService, store: &'a S) -> Self {
        WithStore { service, store }
    }

    /// [`TokenService::verify`], checking revocation in this view's store.
    pub fn verify(
        &self,
        token: impl AsRef<[u8]>,
        token_type: TokenType,
        now: Option<i64>,
    ) -> Result<Verified, Error> {
        let service = self.service;
        let started = service.monotonic();
        let outcome = self.verify_uncounted(token.as_ref(), token_type, service.now(now));
        let micros = match (started, service.monotonic()) {
            (Some(a), Some(b)) => Some(b.saturating_sub(a)),
            _ => None,
        };
        service
            .metrics
            .verification(outcome.as_ref().map(|_| ()).map_err(Error::code), micros);
        outcome
    }

    /// [`TokenService::validate_token`]: [`verify`](Self::verify) with every failure as `None`.
    pub fn validate_token(
        &self,
        token: impl AsRef<[u8]>,
        token_type: TokenType,
        now: Option<i64>,
    ) -> Option<Verified> {
        self.verify(token, token_type, now).ok()
    }

    /// [`TokenService::extract_user_id`], checking revocation in this view's store.
    pub fn extract_user_id(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Option<String> {
        let verified = self.verify(token, TokenType::Access, now).ok()?;
        verified
            .claims()
            .get("sub")
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    fn verify_uncounted(
        &self,
        token: &[u8],
        token_type: TokenType,
        now: i64,
    ) -> Result<Verified, Error> {
        let service = self.service;
        if service.cache.is_some() {
            // The size rule first, as a fresh verification has it: an oversized token is refused
            // for one comparison, not after a SHA-256 of all of it.
            service.verifier.check_size(token.len())?;
        }
        let digest = service.cache.as_ref().map(|_| token_digest(token));
        if let (Some(cache), Some(digest)) = (&service.cache, &digest) {
            if let Some(hit) = cache.get(digest, now) {
                service.metrics.count(Event::CacheHit);
                self.check_type_and_revocation(&hit.verified, token_type, now)?;
                return Ok(hit.verified);
            }
            service.metrics.count(Event::CacheMiss);
        }
        let verified = service.verifier.verify_at(token, now)?;
        self.check_type_and_revocation(&verified, token_type, now)?;
        if let (Some(cache), Some(digest)) = (&service.cache, digest) {
            let claims = verified.claims();
            let time = |name: &str| claims.get(name).and_then(Value::as_f64);
            let time = TimeClaims {
                exp: time("exp"),
                nbf: time("nbf"),
                iat: time("iat"),
            };
            cache.insert(digest, verified.clone(), time, now);
        }
        Ok(verified)
    }

    fn check_type_and_revocation(
        &self,
        verified: &Verified,
        expected: TokenType,
        now: i64,
    ) -> Result<(), Error> {
        let claims = verified.claims();
        if claims.get("type").and_then(Value::as_str) != Some(expected.as_str()) {
            return Err(Error::new(
                ErrorCode::WrongTokenType,
                format!("expected a token of type \"{}\"", expected.as_str()),
            )
            .with_claim("type"));
        }
        let jti = claims
            .get("jti")
            .and_then(Value::as_str)
            .unwrap_or_default();
        match self.store.is_revoked(jti, now) {
            Ok(false) => Ok(()),
            Ok(true) => {
                Err(Error::new(ErrorCode::Revoked, "the token has been revoked").with_claim("jti"))
            }
            Err(message) => Err(Error::new(
                ErrorCode::Revoked,
                format!(
                    "the revocation store failed ({}); failing closed",
                    crate::algorithm::truncate(&message)
                ),
            )),
        }
    }
}
