//! Memory: the session store a service uses when none is configured, for one process.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use crate::session::request::{StoreReply, StoreRequest};
use crate::session::SessionStore;

/// Sessions and revoked tokens in this process's memory, each kept until its `ttl` runs out and
/// then dropped (the only eviction: nothing live is ever dropped).
///
/// Bounded: at most `max_sessions` sessions (live or revoked) and `max_revocations` revoked
/// tokens. A full store refuses new sessions (`full`, which the service reports as
/// `store_unavailable` and counts) but never a refresh of a live session, which adds nothing, nor
/// a session revocation, which marks an entry in place. Nothing is allocated from the bounds.
///
/// ```
/// use onejwt::session::{MemorySessionStore, SessionStore, StoreReply, StoreRequest};
/// let store = MemorySessionStore::new(10, 10);
/// let start = StoreRequest::Start { session: "s".into(), record: "{}".into(), ttl: 60_000, at: 0 };
/// assert_eq!(store.execute(&start).unwrap(), StoreReply::Started);
/// let advance = StoreRequest::Advance { session: "s".into(), generation: 0, grace: 0, ttl: 60_000, at: 1 };
/// assert_eq!(store.execute(&advance).unwrap(), StoreReply::Advanced { generation: 1, record: "{}".into() });
/// // Generation 0 again: reuse, and the session is revoked.
/// assert_eq!(store.execute(&advance).unwrap(), StoreReply::Reused);
/// ```
#[derive(Debug)]
pub struct MemorySessionStore {
    state: Mutex<State>,
    max_sessions: usize,
    max_revocations: usize,
}

#[derive(Debug, Default)]
struct State {
    sessions: HashMap<String, Session>,
    tokens: HashMap<String, i64>,
    /// Every entry by the time it ends (Unix ms), so expired ones leave in order, O(log n) each.
    ends: BTreeSet<(i64, Entry)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Entry {
    Session(String),
    Token(String),
}

#[derive(Debug)]
struct Session {
    generation: u64,
    /// Until when (Unix ms) the previous generation is still accepted.
    grace_until: i64,
    revoked: bool,
    record: String,
    ends: i64,
}

impl MemorySessionStore {
    /// A store of at most `max_sessions` sessions and `max_revocations` revoked tokens.
    pub fn new(max_sessions: usize, max_revocations: usize) -> Self {
        MemorySessionStore {
            state: Mutex::new(State::default()),
            max_sessions,
            max_revocations,
        }
    }

    /// How many sessions (live or revoked) are held, expired ones included until the next call.
    pub fn sessions(&self) -> usize {
        self.lock().sessions.len()
    }

    /// How many revoked tokens are held, expired ones included until the next call.
    pub fn revocations(&self) -> usize {
        self.lock().tokens.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The maps are consistent between operations; a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl State {
    /// Drops every entry that has ended at `at`.
    fn expire(&mut self, at: i64) {
        while let Some((end, _)) = self.ends.first() {
            if *end > at {
                break;
            }
            let Some((_, entry)) = self.ends.pop_first() else {
                break;
            };
            match entry {
                Entry::Session(id) => {
                    self.sessions.remove(&id);
                }
                Entry::Token(key) => {
                    self.tokens.remove(&key);
                }
            }
        }
    }

    /// Moves an entry's end to `end` (only ever later).
    fn extend(&mut self, entry: Entry, old: i64, end: i64) -> i64 {
        if end <= old {
            return old;
        }
        self.ends.remove(&(old, entry.clone()));
        self.ends.insert((end, entry));
        end
    }
}

/// `at + ttl`, saturating.
fn end(at: i64, ttl: u64) -> i64 {
    at.saturating_add_unsigned(ttl)
}

impl SessionStore for MemorySessionStore {
    fn execute(&self, request: &StoreRequest) -> Result<StoreReply, String> {
        let mut state = self.lock();
        state.expire(request.at());
        Ok(match request {
            StoreRequest::Check {
                session,
                jti,
                generation,
                at,
            } => {
                if state
                    .tokens
                    .contains_key(&token_key(session.as_deref(), jti))
                {
                    return Ok(StoreReply::Revoked);
                }
                let found = session.as_ref().and_then(|id| state.sessions.get(id));
                match (found, generation) {
                    (Some(s), _) if s.revoked => StoreReply::Revoked,
                    (_, None) => StoreReply::Valid,
                    (None, Some(_)) => StoreReply::Revoked,
                    (Some(s), Some(g)) => {
                        if *g == s.generation
                            || (g.checked_add(1) == Some(s.generation) && *at < s.grace_until)
                        {
                            StoreReply::Valid
                        } else {
                            StoreReply::Revoked
                        }
                    }
                }
            }
            StoreRequest::Start {
                session,
                record,
                ttl,
                at,
            } => {
                if state.sessions.contains_key(session) {
                    return Err(format!("session {session:?} already exists"));
                }
                if state.sessions.len() >= self.max_sessions {
                    return Ok(StoreReply::Full);
                }
                let ends = end(*at, *ttl);
                state.sessions.insert(
                    session.clone(),
                    Session {
                        generation: 0,
                        grace_until: i64::MIN,
                        revoked: false,
                        record: record.clone(),
                        ends,
                    },
                );
                state.ends.insert((ends, Entry::Session(session.clone())));
                StoreReply::Started
            }
            StoreRequest::Advance {
                session,
                generation,
                grace,
                ttl,
                at,
            } => {
                let State { sessions, ends, .. } = &mut *state;
                let Some(s) = sessions.get_mut(session) else {
                    return Ok(StoreReply::Unknown);
                };
                if s.revoked {
                    return Ok(StoreReply::Revoked);
                }
                if *generation == s.generation {
                    s.generation += 1;
                    s.grace_until = end(*at, *grace);
                    let new_end = end(*at, *ttl);
                    if new_end > s.ends {
                        ends.remove(&(s.ends, Entry::Session(session.clone())));
                        ends.insert((new_end, Entry::Session(session.clone())));
                        s.ends = new_end;
                    }
                    StoreReply::Advanced {
                        generation: s.generation,
                        record: s.record.clone(),
                    }
                } else if generation.checked_add(1) == Some(s.generation) && *at < s.grace_until {
                    StoreReply::Grace {
                        generation: s.generation,
                        record: s.record.clone(),
                    }
                } else {
                    s.revoked = true;
                    StoreReply::Reused
                }
            }
            StoreRequest::RevokeToken {
                session,
                jti,
                ttl,
                at,
            } => {
                let key = token_key(session.as_deref(), jti);
                let new_end = end(*at, *ttl);
                match state.tokens.get(&key).copied() {
                    Some(old) => {
                        let kept = state.extend(Entry::Token(key.clone()), old, new_end);
                        state.tokens.insert(key, kept);
                    }
                    None => {
                        if state.tokens.len() >= self.max_revocations {
                            return Err(format!(
                                "the in-memory store holds {} live revocations (max_revocations)",
                                self.max_revocations
                            ));
                        }
                        state.tokens.insert(key.clone(), new_end);
                        state.ends.insert((new_end, Entry::Token(key)));
                    }
                }
                StoreReply::Done
            }
            StoreRequest::RevokeSession { session, ttl, at } => {
                let new_end = end(*at, *ttl);
                let old = state.sessions.get(session).map(|s| s.ends);
                match old {
                    Some(old) => {
                        let kept = state.extend(Entry::Session(session.clone()), old, new_end);
                        if let Some(s) = state.sessions.get_mut(session) {
                            s.revoked = true;
                            s.ends = kept;
                        }
                    }
                    // A revocation is never refused for space: the mark is what keeps the
                    // session's tokens out. (Unknown sessions are rare: a restarted process.)
                    None => {
                        state.sessions.insert(
                            session.clone(),
                            Session {
                                generation: 0,
                                grace_until: i64::MIN,
                                revoked: true,
                                record: String::new(),
                                ends: new_end,
                            },
                        );
                        state
                            .ends
                            .insert((new_end, Entry::Session(session.clone())));
                    }
                }
                StoreReply::Done
            }
        })
    }
}

/// A revoked token's entry: its session and `jti` (a `jti` is unique per issuer, the session
/// only namespaces it as Redis does).
fn token_key(session: Option<&str>, jti: &str) -> String {
    match session {
        Some(session) => format!("{session}\u{0}{jti}"),
        None => jti.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(id: &str, ttl: u64, at: i64) -> StoreRequest {
        StoreRequest::Start {
            session: id.into(),
            record: "{}".into(),
            ttl,
            at,
        }
    }

    #[test]
    fn expired_sessions_make_room_and_live_ones_never_leave() {
        let store = MemorySessionStore::new(2, 2);
        assert_eq!(
            store.execute(&start("a", 100, 0)).unwrap(),
            StoreReply::Started
        );
        assert_eq!(
            store.execute(&start("b", 1000, 0)).unwrap(),
            StoreReply::Started
        );
        assert_eq!(
            store.execute(&start("c", 100, 50)).unwrap(),
            StoreReply::Full
        );
        // "a" ends at 100: room for "c", while "b" stays.
        assert_eq!(
            store.execute(&start("c", 100, 100)).unwrap(),
            StoreReply::Started
        );
        assert_eq!(store.sessions(), 2);
        let advance = StoreRequest::Advance {
            session: "b".into(),
            generation: 0,
            grace: 0,
            ttl: 5000,
            at: 150,
        };
        assert!(matches!(
            store.execute(&advance).unwrap(),
            StoreReply::Advanced { generation: 1, .. }
        ));
    }

    #[test]
    fn a_full_store_still_revokes_sessions_and_refreshes_live_ones() {
        let store = MemorySessionStore::new(1, 1);
        store.execute(&start("a", 1000, 0)).unwrap();
        for generation in 0..100 {
            let advance = StoreRequest::Advance {
                session: "a".into(),
                generation,
                grace: 0,
                ttl: 1000,
                at: 1,
            };
            assert!(matches!(
                store.execute(&advance).unwrap(),
                StoreReply::Advanced { .. }
            ));
        }
        let revoke = StoreRequest::RevokeSession {
            session: "z".into(),
            ttl: 10,
            at: 2,
        };
        assert_eq!(store.execute(&revoke).unwrap(), StoreReply::Done);
    }

    #[test]
    fn a_revoked_token_lives_exactly_its_ttl() {
        let store = MemorySessionStore::new(1, 1);
        let revoke = StoreRequest::RevokeToken {
            session: None,
            jti: "j".into(),
            ttl: 60_000,
            at: 1_000,
        };
        store.execute(&revoke).unwrap();
        let check = |at| StoreRequest::Check {
            session: None,
            jti: "j".into(),
            generation: None,
            at,
        };
        assert_eq!(store.execute(&check(60_999)).unwrap(), StoreReply::Revoked);
        assert_eq!(store.execute(&check(61_000)).unwrap(), StoreReply::Valid);
        assert_eq!(store.revocations(), 0);
    }
}
