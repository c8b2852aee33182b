//! A service's keys: verification through its key ring, signing-key rotation and the JWKS
//! documents it publishes (`/.well-known/jwks.json`) or keeps (its private key ring).

use std::sync::Arc;

use serde_json::{Map, Value};

use super::keyring::{named, KeyRing};
use super::TokenService;
use crate::error::{invalid_key, Error, ErrorCode, Failure, OptionsError, OptionsErrorKind};
use crate::key::Key;
use crate::verifier::{KeySource, Verified};

impl TokenService {
    /// The ring as it is now (`None`: a verify-only service). Cheap: one reference count.
    pub(crate) fn key_ring(&self) -> Option<Arc<KeyRing>> {
        self.ring
            .as_ref()
            .map(|ring| Arc::clone(&ring.read().unwrap_or_else(|e| e.into_inner())))
    }

    /// The ring when tokens are verified with it; `None`, without touching its lock, when the
    /// service verifies with its configured `public_key`/`jwks` (or only verifies).
    fn verifying_ring(&self) -> Option<Arc<KeyRing>> {
        if self.ring_verifies {
            self.key_ring()
        } else {
            None
        }
    }

    /// Verifies a token's signature and claims at `now`, with the key ring when the service
    /// verifies with it (each token's `kid` selects the key), else with the configured keys.
    pub(crate) fn verify_token(&self, token: &[u8], now: i64) -> Result<Verified, Error> {
        match self.verifying_ring() {
            Some(ring) => self
                .verifier
                .verify_selecting(token, now, |kid, _| ring.select(kid, now)),
            None => self.verifier.verify_at(token, now),
        }
    }

    /// Judges a cached verification's key again at `now`: a key dropped from the ring since
    /// no longer verifies (`key_not_found`).
    pub(crate) fn admit(&self, verified: &Verified, now: i64) -> Result<(), Error> {
        match self.verifying_ring() {
            Some(ring) => ring.select(verified.header().kid(), now).map(|_| ()),
            None => Ok(()),
        }
    }

    /// Makes `key` the signing key from `now` on (default: the clock). The key it replaces, and
    /// previous keys the service was configured with, are retired now: they keep verifying the
    /// tokens they signed for the longest token lifetime (the larger of `access_ttl` and
    /// `refresh_ttl`, plus `leeway`), then they are dropped and those tokens are
    /// `key_not_found`. The new key's `kid` is its own, else its RFC 7638 thumbprint; issued
    /// tokens carry it. Rotating to the key that is already current changes nothing, so every
    /// instance of a service can be told; a key that cannot sign for the service's algorithm,
    /// or another key with a `kid` in the ring, is an options error on `key`, and so is a
    /// service that verifies with a configured `public_key` or `jwks` (a rotation would not
    /// change those) or has no signing key.
    ///
    /// ```
    /// use onejwt::{Algorithm, GenerateOptions, Key};
    /// use onejwt::service::{ServiceConfig, TokenService, TokenType, UserClaims};
    /// let first = Key::generate(Algorithm::ES256, &GenerateOptions::default())?;
    /// let config = ServiceConfig::asymmetric(Algorithm::ES256, Some(first), None);
    /// let service = TokenService::new(config)?;
    /// let now = Some(1_700_000_000);
    /// let before = service.create_access_token("42", None, &[], &Default::default(), now)?;
    ///
    /// service.rotate_key(Key::generate(Algorithm::ES256, &GenerateOptions::default())?, now)?;
    /// assert_eq!(service.public_jwks(now)?["keys"].as_array().unwrap().len(), 2);
    /// // Signed before the rotation: still verifies, until the old key is dropped.
    /// assert!(service.verify(&before, TokenType::Access, Some(1_700_000_100)).is_ok());
    /// let after_a_week = Some(1_700_000_000 + 7 * 24 * 3600);
    /// assert_eq!(service.public_jwks(after_a_week)?["keys"].as_array().unwrap().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rotate_key(&self, key: Key, now: Option<i64>) -> Result<(), Failure> {
        let refuse = |message: &'static str| -> Failure {
            OptionsError::new("key", OptionsErrorKind::Value, message).into()
        };
        let Some(lock) = &self.ring else {
            return Err(refuse(
                "cannot become the signing key: this service verifies only (configure a signing key)",
            ));
        };
        if !self.ring_verifies {
            return Err(refuse(
                "cannot be rotated in: this service verifies with its configured public_key or jwks, which a rotation would not change (configure private_jwks instead)",
            ));
        }
        key.check_fits(self.algorithm, "sign").map_err(|e| {
            OptionsError::new("key", OptionsErrorKind::Value, e.message().to_owned())
        })?;
        if !key.can_sign() {
            return Err(refuse("is a public key and cannot sign"));
        }
        let now = self.now(now);
        let mut ring = lock.write().unwrap_or_else(|e| e.into_inner());
        // The current key again without a kid of its own (read from PEM, or an ecosystem key
        // object): the same key, so nothing changes, whatever kid the ring gave it.
        if key.kid().is_none() && key.same_material(ring.current()) {
            return Ok(());
        }
        let key = named(key).map_err(|e| {
            OptionsError::new("key", OptionsErrorKind::Value, e.message().to_owned())
        })?;
        if let Some(next) = ring.rotated(key, now)? {
            *ring = Arc::new(next);
            self.metrics.count(super::metrics::Event::KeyRotated);
        }
        Ok(())
    }

    /// The `kid` of the current signing key (`None`: a verify-only service).
    pub fn signing_kid(&self) -> Option<String> {
        self.key_ring()
            .and_then(|ring| ring.current().kid().map(str::to_owned))
    }

    /// The public JWKS document to publish (`/.well-known/jwks.json`): the public half of every
    /// key that verifies at `now` (default: the clock), the signing key first. A verify-only
    /// service gives its configured keys. An HMAC service has nothing to publish:
    /// `invalid_key`.
    pub fn public_jwks(&self, now: Option<i64>) -> Result<Map<String, Value>, Error> {
        match self.verifying_ring() {
            Some(ring) => ring.jwks(self.now(now), Key::to_public_jwk),
            None => match self.verifier.keys() {
                KeySource::Key(key) => {
                    crate::export::jwks(std::slice::from_ref(key), Key::to_public_jwk)
                }
                KeySource::KeySet(set) => set.to_public_jwks(),
                #[allow(unreachable_patterns)]
                _ => Err(invalid_key("the service's keys cannot be exported")),
            },
        }
    }

    /// The service's key ring as a private JWKS document, what `private_jwks` (and
    /// `JWT_PRIVATE_JWKS`, with `JWT_KID` = [`signing_kid`](Self::signing_kid)) configures a
    /// service with again: every key that verifies at `now`, the signing key first, each with its
    /// private members (a previous key configured public stays public). Keep it as secret as the
    /// keys. A verify-only service has none: `invalid_key`.
    pub fn private_jwks(&self, now: Option<i64>) -> Result<Map<String, Value>, Error> {
        let Some(ring) = self.key_ring() else {
            return Err(Error::new(
                ErrorCode::InvalidKey,
                "this service has no signing key (verify-only): no private key ring to export",
            ));
        };
        ring.jwks(self.now(now), |key| {
            if key.can_sign() {
                key.to_private_jwk()
            } else {
                key.to_public_jwk()
            }
        })
    }
}
