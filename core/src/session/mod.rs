//! Sessions: refresh-token families and the store contract, with no IO.
//!
//! A [`login`](crate::service::TokenService::login) starts a **session** (a refresh-token family,
//! RFC 9700 §4.14.2), carried in every token it issues as the `sid` claim. Each refresh token also
//! carries its **generation** (`gen`) and the session's absolute end (`session_exp`). Redeeming a
//! refresh token advances the session by compare-and-set on the generation, so of two concurrent
//! redemptions exactly one wins; presenting an older generation again is reuse, and revokes the
//! whole session (every access and refresh token of it). A session ends for good at `session_exp`
//! however often it is refreshed. An optional grace window (`reuse_grace`, off by default) lets
//! the immediately previous generation be presented again for a few seconds without killing the
//! session: two browser tabs, or a retried request that lost its response.
//!
//! The service decides; a **session store** keeps the state and performs five atomic operations
//! ([`StoreRequest`]), answering with a [`StoreReply`]. The store costs O(1) per live session,
//! never per refresh: a rotation rewrites the session's entry, and revoked tokens are kept only
//! until they would have expired anyway (`exp` + leeway). Stores:
//! - [`MemorySessionStore`], the default: one process, bounded, never evicting anything live;
//! - Redis, shared by every instance of a service: [`redis`] holds the scripts and key schema that
//!   the Python and JavaScript Redis stores run, and `RedisStore` (feature `redis`) runs them from
//!   Rust;
//! - a host's own, which gets each request as a JSON object and answers one.
//!
//! A store that fails, times out or answers nonsense makes the call fail closed with
//! `store_unavailable` (counted in the service's metrics): an outage is not an invalid token.
//!
//! Hosts whose stores are asynchronous drive the service step by step, as h11 and quinn-proto
//! are driven: `start_*` returns the request to perform ([`StoreCall`]), and
//! [`TokenService::finish`](crate::service::TokenService::finish) takes the store's reply.

mod memory;
pub mod redis;
#[cfg(feature = "redis")]
mod redis_store;
mod request;

use std::sync::Arc;

pub use memory::MemorySessionStore;
#[cfg(feature = "redis")]
pub use redis_store::{RedisStore, DEFAULT_TIMEOUT};
pub use request::{StoreReply, StoreRequest};

/// A session store the core calls itself, synchronously: the in-memory store, or a Rust program's
/// own. Errors are messages; the service fails closed on them (`store_unavailable`).
///
/// Each request must be performed atomically with respect to every other request on the same
/// session (one lock, one Lua script, one transaction): that is what makes one redemption of a
/// refresh token win over a concurrent one.
pub trait SessionStore: Send + Sync {
    /// Performs one request.
    fn execute(&self, request: &StoreRequest) -> Result<StoreReply, String>;
}

impl<T: SessionStore + ?Sized> SessionStore for Arc<T> {
    fn execute(&self, request: &StoreRequest) -> Result<StoreReply, String> {
        (**self).execute(request)
    }
}

pub use crate::service::sessions::{Outcome, Progress, StoreCall};
