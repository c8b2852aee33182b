//! Key ring: a service's one current signing key and the previous keys that still verify the
//! tokens signed before a rotation, each selected by its `kid`.
//!
//! Rotating makes a new key current; the key it replaces is retired at that moment and verifies
//! for as long as a token it signed can live (the longest token lifetime plus the leeway), then it
//! is dropped and its tokens are `key_not_found`. Time is the caller's `now`, as everywhere: a
//! retired key's fate is judged at each call, so the same inputs give the same verdicts.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode, OptionsError, OptionsErrorKind};
use crate::key::Key;

/// Keys a ring holds at most, the current one included. Each rotation adds one for the longest
/// token lifetime: a hundred is a rotation every ~2 hours with 7-day refresh tokens, which is
/// already far more often than keys are rotated (NIST SP 800-57: months to years).
pub const MAX_RING_KEYS: usize = 100;

/// A key that signed before the current one.
#[derive(Clone)]
struct Previous {
    key: Key,
    /// When a rotation retired it. `None` for a previous key the service was configured with
    /// (its retirement predates this process): it verifies until the next rotation, which
    /// retires it then.
    retired_at: Option<i64>,
}

/// The current signing key and the previous keys, newest first. Immutable: a rotation builds the
/// next ring, so a verification in flight keeps the ring it started with.
#[derive(Clone)]
pub(crate) struct KeyRing {
    current: Key,
    previous: Vec<Previous>,
    /// How long a retired key keeps verifying: the longest token lifetime plus the leeway.
    keep: u64,
}

/// `key` with a `kid`: its own, else its RFC 7638 thumbprint.
pub(crate) fn named(key: Key) -> Result<Key, Error> {
    if key.kid().is_some() {
        return Ok(key);
    }
    let thumbprint = key.thumbprint()?;
    Ok(key.with_kid(thumbprint))
}

fn refused(option: &str, message: impl Into<Cow<'static, str>>) -> OptionsError {
    OptionsError::new(option.to_owned(), OptionsErrorKind::Value, message)
}

impl KeyRing {
    /// A ring with `current` signing and `previous` verifying (each named, see [`named`]). Two
    /// keys with one `kid` are refused, as `option` (how the caller gave the keys).
    pub(crate) fn new(
        current: Key,
        previous: Vec<Key>,
        keep: u64,
        option: &str,
    ) -> Result<KeyRing, OptionsError> {
        let name = |key: Key| named(key).map_err(|e| refused(option, e.message().to_owned()));
        let ring = KeyRing {
            current: name(current)?,
            previous: previous
                .into_iter()
                .map(|key| {
                    Ok(Previous {
                        key: name(key)?,
                        retired_at: None,
                    })
                })
                .collect::<Result<_, OptionsError>>()?,
            keep,
        };
        let mut kids: Vec<&str> = ring.keys().filter_map(Key::kid).collect();
        kids.sort_unstable();
        if kids.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(refused(option, "holds two keys with the same kid"));
        }
        if kids.len() > MAX_RING_KEYS {
            return Err(refused(option, "holds more than 100 keys"));
        }
        Ok(ring)
    }

    /// A ring that only signs, for a service that verifies with configured keys (`public_key`,
    /// `jwks`): its key keeps the `kid` it has, or none, since those keys select by their own kids
    /// (or by `alg` alone) and a thumbprint in the header would match none of them.
    pub(crate) fn signing_only(current: Key, keep: u64) -> KeyRing {
        KeyRing {
            current,
            previous: Vec::new(),
            keep,
        }
    }

    /// The key that signs.
    pub(crate) fn current(&self) -> &Key {
        &self.current
    }

    fn keys(&self) -> impl Iterator<Item = &Key> {
        std::iter::once(&self.current).chain(self.previous.iter().map(|p| &p.key))
    }

    fn alive(&self, previous: &Previous, now: i64) -> bool {
        previous
            .retired_at
            .is_none_or(|at| now < at.saturating_add_unsigned(self.keep))
    }

    /// The keys that verify at `now`: the current one first, then the previous ones, newest first.
    pub(crate) fn live(&self, now: i64) -> impl Iterator<Item = &Key> {
        std::iter::once(&self.current).chain(
            self.previous
                .iter()
                .filter(move |p| self.alive(p, now))
                .map(|p| &p.key),
        )
    }

    /// The key for a token's `kid` at `now`: the ring key with that `kid` (a retired key only
    /// while it lives), or without a `kid` the current key (tokens from before the service named
    /// its keys); else `key_not_found`.
    pub(crate) fn select(&self, kid: Option<&str>, now: i64) -> Result<&Key, Error> {
        let Some(kid) = kid else {
            return Ok(&self.current);
        };
        if self.current.kid() == Some(kid) {
            return Ok(&self.current);
        }
        match self.previous.iter().find(|p| p.key.kid() == Some(kid)) {
            Some(previous) if self.alive(previous, now) => Ok(&previous.key),
            Some(_) => Err(Error::new(
                ErrorCode::KeyNotFound,
                "the token's key was retired longer ago than any token lives, and dropped",
            )),
            None => Err(Error::new(
                ErrorCode::KeyNotFound,
                "no key in the service's key ring has the token's kid",
            )),
        }
    }

    /// The ring after making `key` current at `now` (`key` already checked to sign for the
    /// service's algorithm and named). The current key is retired now, as are configured
    /// previous keys; the keys whose time is up are dropped. `None`: `key` is already current
    /// (rotating twice to one key changes nothing, so every instance of a service may be told).
    pub(crate) fn rotated(&self, key: Key, now: i64) -> Result<Option<KeyRing>, OptionsError> {
        if key.kid() == self.current.kid() {
            if key.same_material(&self.current) {
                return Ok(None);
            }
            return Err(refused(
                "key",
                "has the kid of the current key, but is another key",
            ));
        }
        let live: Vec<Previous> = self
            .previous
            .iter()
            .filter(|p| self.alive(p, now))
            .map(|p| Previous {
                key: p.key.clone(),
                retired_at: Some(p.retired_at.unwrap_or(now)),
            })
            .collect();
        if live.iter().any(|p| p.key.kid() == key.kid()) {
            return Err(refused(
                "key",
                "has the kid of a retired key still in the ring; a new key needs a new kid",
            ));
        }
        if key.same_material(&self.current) || live.iter().any(|p| p.key.same_material(&key)) {
            return Err(refused(
                "key",
                "is a key already in the ring under another kid",
            ));
        }
        let mut previous = Vec::with_capacity(live.len() + 1);
        previous.push(Previous {
            key: self.current.clone(),
            retired_at: Some(now),
        });
        previous.extend(live);
        if previous.len() + 1 > MAX_RING_KEYS {
            return Err(refused(
                "key",
                "would be the 101st key of the ring: the ring keeps a retired key for the longest token lifetime, so rotate less often",
            ));
        }
        Ok(Some(KeyRing {
            current: key,
            previous,
            keep: self.keep,
        }))
    }

    /// The ring's keys that verify at `now` as a JWKS document, each exported by `export`.
    pub(crate) fn jwks(
        &self,
        now: i64,
        export: fn(&Key) -> Result<Map<String, Value>, Error>,
    ) -> Result<Map<String, Value>, Error> {
        let keys: Vec<Key> = self.live(now).cloned().collect();
        crate::export::jwks(&keys, export)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(byte: u8) -> Key {
        Key::hmac([byte; 32]).unwrap()
    }

    #[test]
    fn a_retired_key_verifies_for_the_longest_lifetime_then_is_dropped() {
        let ring = KeyRing::new(secret(1), Vec::new(), 100, "secret_key").unwrap();
        let old = ring.current().kid().unwrap().to_owned();
        let next = ring
            .rotated(named(secret(2)).unwrap(), 1_000)
            .unwrap()
            .unwrap();
        assert_eq!(
            next.select(Some(&old), 1_099).unwrap().kid(),
            Some(old.as_str())
        );
        assert_eq!(
            next.select(Some(&old), 1_100).unwrap_err().code(),
            ErrorCode::KeyNotFound
        );
        assert_eq!(next.live(1_099).count(), 2);
        assert_eq!(next.live(1_100).count(), 1);
        // Rotating again to the current key changes nothing; to a retired one is refused.
        assert!(next
            .rotated(named(secret(2)).unwrap(), 1_001)
            .unwrap()
            .is_none());
        assert!(next.rotated(named(secret(1)).unwrap(), 1_001).is_err());
        // After its time, the retired key is gone from the next ring.
        let third = next
            .rotated(named(secret(3)).unwrap(), 1_200)
            .unwrap()
            .unwrap();
        assert_eq!(third.previous.len(), 1);
        assert!(third.rotated(named(secret(1)).unwrap(), 1_201).is_ok());
    }

    #[test]
    fn configured_previous_keys_are_retired_by_the_first_rotation() {
        let ring = KeyRing::new(secret(1), vec![secret(9)], 100, "private_jwks").unwrap();
        let configured = named(secret(9)).unwrap().kid().unwrap().to_owned();
        assert!(ring.select(Some(&configured), i64::MAX).is_ok());
        let next = ring
            .rotated(named(secret(2)).unwrap(), 5_000)
            .unwrap()
            .unwrap();
        assert!(next.select(Some(&configured), 5_099).is_ok());
        assert!(next.select(Some(&configured), 5_100).is_err());
        let twice = KeyRing::new(
            secret(1),
            vec![secret(1).with_kid("other")],
            100,
            "private_jwks",
        );
        assert!(
            twice.is_ok(),
            "distinct kids, same material: allowed when configured"
        );
        let clash = KeyRing::new(
            secret(1).with_kid("a"),
            vec![secret(2).with_kid("a")],
            100,
            "private_jwks",
        );
        assert_eq!(clash.err().unwrap().option(), "private_jwks");
    }

    #[test]
    fn the_ring_is_bounded() {
        let mut ring = KeyRing::new(secret(0), Vec::new(), 1_000_000, "secret_key").unwrap();
        for i in 1..MAX_RING_KEYS {
            let key = named(
                Key::hmac([
                    i as u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                    21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
                ])
                .unwrap(),
            )
            .unwrap();
            ring = ring.rotated(key, i as i64).unwrap().unwrap();
        }
        let one_more = named(secret(200)).unwrap();
        assert!(ring.rotated(one_more, 1_000).is_err());
    }
}
