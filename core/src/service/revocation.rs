//! Revocation: which token ids (`jti`) are revoked, kept until the token would have expired anyway.

use std::collections::HashMap;
use std::sync::Mutex;

/// Where revocations live. The in-memory [`MemoryRevocations`] is the default; a host can plug in
/// a shared store (Redis, a database) so several processes see the same revocations.
///
/// Errors are messages; a failing store makes verification fail closed (`revoked`).
pub trait RevocationStore: Send + Sync {
    /// Whether `jti` is revoked at `now` (Unix seconds).
    fn is_revoked(&self, jti: &str, now: i64) -> Result<bool, String>;
    /// Revokes `jti`; the entry may be dropped after `expires_at` (Unix seconds), when the token
    /// is expired anyway. `now` lets the store prune.
    fn revoke(&self, jti: &str, expires_at: i64, now: i64) -> Result<(), String>;
}

/// The default store: a map from `jti` to expiry, pruned as tokens expire, with a hard bound.
///
/// ```
/// use onejwt::{MemoryRevocations, RevocationStore};
/// let store = MemoryRevocations::new(1000);
/// store.revoke("abc", 200, 100).unwrap();
/// assert!(store.is_revoked("abc", 150).unwrap());
/// assert!(!store.is_revoked("abc", 201).unwrap()); // pruned: the token has expired anyway
/// assert!(store.is_empty());
/// ```
#[derive(Debug)]
pub struct MemoryRevocations {
    entries: Mutex<HashMap<String, i64>>,
    capacity: usize,
}

impl MemoryRevocations {
    /// A store holding at most `capacity` live revocations.
    pub fn new(capacity: usize) -> Self {
        MemoryRevocations {
            entries: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    /// How many revocations are held (expired ones included until the next prune).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no revocation is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, i64>> {
        // A poisoned lock only means another thread panicked mid-update of a plain map; the map
        // itself is still consistent, so keep serving.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl RevocationStore for MemoryRevocations {
    /// Revokes `jti` until `expires_at`, pruning entries already expired at `now`. Refuses (never
    /// silently drops a revocation) when the store is full of live entries.
    fn revoke(&self, jti: &str, expires_at: i64, now: i64) -> Result<(), String> {
        let mut entries = self.lock();
        if entries.len() >= self.capacity && !entries.contains_key(jti) {
            entries.retain(|_, exp| *exp > now);
            if entries.len() >= self.capacity {
                return Err(format!(
                    "the revocation store is full ({} live entries)",
                    self.capacity
                ));
            }
        }
        let entry = entries.entry(jti.to_owned()).or_insert(expires_at);
        *entry = (*entry).max(expires_at);
        Ok(())
    }

    /// Whether `jti` is revoked at `now` (an entry past its expiry is dropped).
    fn is_revoked(&self, jti: &str, now: i64) -> Result<bool, String> {
        let mut entries = self.lock();
        Ok(match entries.get(jti) {
            Some(&exp) if exp > now => true,
            Some(_) => {
                entries.remove(jti);
                false
            }
            None => false,
        })
    }
}
