//! Revocation: which token ids (`jti`) are revoked, kept until the token would have expired anyway.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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

    /// Revokes `jti` and says whether this call did it: `false` when it was already revoked.
    /// Refresh rotation uses it so that, of two concurrent uses of one refresh token, exactly one
    /// wins. The default asks [`is_revoked`](Self::is_revoked) first, which is only as atomic as
    /// the store; a shared store should override it with one atomic operation (Redis `SET NX`,
    /// an `INSERT` that fails on a duplicate key).
    fn revoke_once(&self, jti: &str, expires_at: i64, now: i64) -> Result<bool, String> {
        if self.is_revoked(jti, now)? {
            return Ok(false);
        }
        self.revoke(jti, expires_at, now)?;
        Ok(true)
    }
}

/// A revocation store lent to the calls of one [`WithStore`](crate::host::WithStore) view
/// ([`host::with_store`](crate::host::with_store)). Unlike [`RevocationStore`] it
/// need not be `Send` or `Sync`: a host whose store is an object of a single-threaded runtime (a
/// JavaScript object) lends it for the duration of a call, on the calling thread, and the service
/// never keeps it. Same contract: errors are messages, and a failing store makes verification
/// fail closed (`revoked`).
///
/// Every [`RevocationStore`] is also a `LocalRevocationStore`.
///
/// ```
/// use std::cell::RefCell;
/// use std::collections::HashSet;
/// use onejwt::host::LocalRevocationStore;
/// struct Local(RefCell<HashSet<String>>); // not Sync: fine for a lent store
/// impl LocalRevocationStore for Local {
///     fn is_revoked(&self, jti: &str, _now: i64) -> Result<bool, String> {
///         Ok(self.0.borrow().contains(jti))
///     }
///     fn revoke(&self, jti: &str, _expires_at: i64, _now: i64) -> Result<(), String> {
///         self.0.borrow_mut().insert(jti.to_owned());
///         Ok(())
///     }
/// }
/// let store = Local(RefCell::default());
/// store.revoke("abc", 200, 100).unwrap();
/// assert!(store.is_revoked("abc", 150).unwrap());
/// ```
pub trait LocalRevocationStore {
    /// Whether `jti` is revoked at `now` (Unix seconds).
    fn is_revoked(&self, jti: &str, now: i64) -> Result<bool, String>;
    /// Revokes `jti` until `expires_at` (Unix seconds).
    fn revoke(&self, jti: &str, expires_at: i64, now: i64) -> Result<(), String>;

    /// Revokes `jti` and says whether this call did it (see [`RevocationStore::revoke_once`]).
    fn revoke_once(&self, jti: &str, expires_at: i64, now: i64) -> Result<bool, String> {
        if self.is_revoked(jti, now)? {
            return Ok(false);
        }
        self.revoke(jti, expires_at, now)?;
        Ok(true)
    }
}

impl<T: RevocationStore + ?Sized> LocalRevocationStore for T {
    fn is_revoked(&self, jti: &str, now: i64) -> Result<bool, String> {
        RevocationStore::is_revoked(self, jti, now)
    }

    fn revoke(&self, jti: &str, expires_at: i64, now: i64) -> Result<(), String> {
        RevocationStore::revoke(self, jti, expires_at, now)
    }

    fn revoke_once(&self, jti: &str, expires_at: i64, now: i64) -> Result<bool, String> {
        RevocationStore::revoke_once(self, jti, expires_at, now)
    }
}

/// A shared handle is a store too (a service keeps its store in an `Arc`).
impl<T: RevocationStore + ?Sized> RevocationStore for Arc<T> {
    fn is_revoked(&self, jti: &str, now: i64) -> Result<bool, String> {
        (**self).is_revoked(jti, now)
    }

    fn revoke(&self, jti: &str, expires_at: i64, now: i64) -> Result<(), String> {
        (**self).revoke(jti, expires_at, now)
    }

    fn revoke_once(&self, jti: &str, expires_at: i64, now: i64) -> Result<bool, String> {
        (**self).revoke_once(jti, expires_at, now)
    }
}

/// The default store: a map from `jti` to expiry, pruned as tokens expire, with a hard bound.
///
/// ```
/// use onejwt::service::{MemoryRevocations, RevocationStore};
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
    /// A store holding at most `capacity` live revocations (nothing is allocated up front; with
    /// 0 every revocation is refused, which is why a service's `max_revocations` must be 1 to
    /// 10,000,000).
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

    /// Records `jti` until `expires_at` under the caller's lock, pruning entries already expired
    /// at `now`. Refuses (never silently drops a revocation) when full of live entries.
    fn insert(
        &self,
        entries: &mut HashMap<String, i64>,
        jti: &str,
        expires_at: i64,
        now: i64,
    ) -> Result<(), String> {
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
        self.insert(&mut self.lock(), jti, expires_at, now)
    }

    /// The check and the revocation happen under one lock: of two threads refreshing with the
    /// same token, exactly one sees `true`.
    fn revoke_once(&self, jti: &str, expires_at: i64, now: i64) -> Result<bool, String> {
        let mut entries = self.lock();
        if entries.get(jti).is_some_and(|&exp| exp > now) {
            return Ok(false);
        }
        self.insert(&mut entries, jti, expires_at, now)?;
        Ok(true)
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
