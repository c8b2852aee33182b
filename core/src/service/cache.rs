//! Cache: an opt-in, bounded LRU of successful verifications, keyed by a digest of the whole token.

use std::num::NonZeroUsize;
use std::sync::Mutex;

use lru::LruCache;
use ring::digest;

use crate::verifier::Verified;

/// SHA-256 of the WHOLE token: two tokens that share a prefix (same header and claims, different
/// signature) never share an entry, and the cache never holds token text.
pub(crate) type TokenDigest = [u8; 32];

pub(crate) fn token_digest(token: &[u8]) -> TokenDigest {
    let d = digest::digest(&digest::SHA256, token);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

#[derive(Clone)]
pub(crate) struct CachedVerification {
    pub(crate) verified: Verified,
    /// The earliest time a fresh verification accepts the token: its `nbf` and `iat` less the
    /// leeway (RFC 7519 §4.1.5, §4.1.6), so a clock that goes backwards gets the same verdict
    /// from a hit as from a fresh verification.
    pub(crate) valid_from: f64,
    /// When the entry stops being usable: min(cached at + TTL, token `exp`).
    pub(crate) expires_at: f64,
}

/// The time claims a cache entry is judged by on a hit (the verified token's own).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TimeClaims {
    pub(crate) exp: Option<f64>,
    pub(crate) nbf: Option<f64>,
    pub(crate) iat: Option<f64>,
}

pub(crate) struct ValidationCache {
    entries: Mutex<LruCache<TokenDigest, CachedVerification>>,
    ttl: u64,
    leeway: u64,
}

impl ValidationCache {
    /// A cache of at most `capacity` entries, each kept at most `ttl` seconds, judging hits with
    /// the verifier's `leeway`. `None` when the capacity or the TTL is zero (caching off).
    pub(crate) fn new(capacity: usize, ttl: u64, leeway: u64) -> Option<ValidationCache> {
        let capacity = NonZeroUsize::new(capacity)?;
        if ttl == 0 {
            return None;
        }
        // Never allocated from the caller's number (`LruCache::new` reserves `capacity` slots
        // up front: 2^63 aborted the process): the map grows as entries come, up to the cap.
        let mut entries = LruCache::unbounded();
        entries.resize(capacity);
        Some(ValidationCache {
            entries: Mutex::new(entries),
            ttl,
            leeway,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LruCache<TokenDigest, CachedVerification>> {
        // The LRU is consistent between operations; a poisoned lock is still usable.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cached verification of this token, if a fresh verification at `now` would accept it
    /// too: not past the entry's end, and not before the token's `nbf`/`iat` (a clock that went
    /// backwards). Otherwise `None`, and the caller verifies afresh, which gives the verdict.
    pub(crate) fn get(&self, key: &TokenDigest, now: i64) -> Option<CachedVerification> {
        let now = now as f64;
        let mut entries = self.lock();
        match entries.get(key) {
            Some(hit) if hit.valid_from <= now && now < hit.expires_at => Some(hit.clone()),
            // Before `nbf`/`iat`: kept, since it is valid again once the clock catches up.
            Some(hit) if now < hit.expires_at => None,
            Some(_) => {
                entries.pop(key);
                None
            }
            None => None,
        }
    }

    /// Remembers a successful verification made at `now`, with the token's time claims.
    pub(crate) fn insert(&self, key: TokenDigest, verified: Verified, time: TimeClaims, now: i64) {
        let by_ttl = (now as f64) + self.ttl as f64;
        let expires_at = time.exp.map_or(by_ttl, |exp| exp.min(by_ttl));
        // The verifier accepts `nbf`/`iat` up to `now + leeway` (claims::validate).
        let not_before = time
            .nbf
            .into_iter()
            .chain(time.iat)
            .fold(f64::NEG_INFINITY, f64::max);
        let valid_from = not_before - self.leeway as f64;
        self.lock().put(
            key,
            CachedVerification {
                verified,
                valid_from,
                expires_at,
            },
        );
    }

    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Key, Verifier, VerifyOptions};

    fn verified() -> Verified {
        let key = Key::hmac([7u8; 32]).unwrap();
        let token = crate::sign(
            &serde_json::Map::new(),
            &key,
            "HS256",
            &crate::SignOptions::default(),
        )
        .unwrap();
        let verifier = Verifier::new(key, VerifyOptions::new(["HS256"])).unwrap();
        verifier.verify_at(&token, 0).unwrap()
    }

    #[test]
    fn a_huge_capacity_allocates_nothing_up_front() {
        // `LruCache::new` reserved every slot: this aborted with a capacity overflow.
        let cache = ValidationCache::new(usize::MAX, 60, 0).unwrap();
        assert_eq!(cache.len(), 0);
        cache.insert([1; 32], verified(), TimeClaims::default(), 100);
        assert!(cache.get(&[1; 32], 100).is_some());
    }

    #[test]
    fn the_capacity_still_bounds_the_entries() {
        let cache = ValidationCache::new(2, 60, 0).unwrap();
        for i in 0..5 {
            cache.insert([i; 32], verified(), TimeClaims::default(), 100);
        }
        assert_eq!(cache.len(), 2);
        assert!(cache.get(&[4; 32], 100).is_some() && cache.get(&[0; 32], 100).is_none());
    }

    #[test]
    fn a_hit_before_nbf_or_iat_is_no_hit() {
        let cache = ValidationCache::new(4, 60, 5).unwrap();
        let time = TimeClaims {
            exp: Some(1000.0),
            nbf: Some(95.0),
            iat: Some(100.0),
        };
        cache.insert([1; 32], verified(), time, 100);
        // valid from max(nbf, iat) - leeway = 95, until min(100 + ttl, exp) = 160.
        assert!(cache.get(&[1; 32], 94).is_none());
        assert!(cache.get(&[1; 32], 95).is_some());
        assert!(cache.get(&[1; 32], 159).is_some());
        assert!(cache.get(&[1; 32], 160).is_none());
        // Kept while early, dropped once past its end.
        assert!(cache.get(&[1; 32], 94).is_none());
        assert_eq!(cache.len(), 0);
    }
}
