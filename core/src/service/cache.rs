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
    /// When the entry stops being usable: min(cached at + TTL, token `exp`).
    pub(crate) expires_at: f64,
}

pub(crate) struct ValidationCache {
    entries: Mutex<LruCache<TokenDigest, CachedVerification>>,
    ttl: u64,
}

impl ValidationCache {
    /// A cache of at most `capacity` entries, each kept at most `ttl` seconds. `None` when the
    /// capacity or the TTL is zero (caching off).
    pub(crate) fn new(capacity: usize, ttl: u64) -> Option<ValidationCache> {
        let capacity = NonZeroUsize::new(capacity)?;
        if ttl == 0 {
            return None;
        }
        Some(ValidationCache {
            entries: Mutex::new(LruCache::new(capacity)),
            ttl,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LruCache<TokenDigest, CachedVerification>> {
        // The LRU is consistent between operations; a poisoned lock is still usable.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cached verification of this token, if it is still fresh at `now`.
    pub(crate) fn get(&self, key: &TokenDigest, now: i64) -> Option<CachedVerification> {
        let mut entries = self.lock();
        match entries.get(key) {
            Some(hit) if hit.expires_at > now as f64 => Some(hit.clone()),
            Some(_) => {
                entries.pop(key);
                None
            }
            None => None,
        }
    }

    /// Remembers a successful verification made at `now`; `exp` is the token's expiry if any.
    pub(crate) fn insert(&self, key: TokenDigest, verified: Verified, exp: Option<f64>, now: i64) {
        let by_ttl = (now as f64) + self.ttl as f64;
        let expires_at = exp.map_or(by_ttl, |exp| exp.min(by_ttl));
        self.lock().put(
            key,
            CachedVerification {
                verified,
                expires_at,
            },
        );
    }

    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }
}
