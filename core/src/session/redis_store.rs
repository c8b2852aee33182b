//! RedisStore (feature `redis`): the session store of a service with several instances, over one
//! synchronous Redis connection, running the contract's scripts ([`super::redis`]).

use std::sync::Mutex;
use std::time::Duration;

use serde_json::Value;

use crate::session::redis::{self as scripts, DEFAULT_PREFIX};
use crate::session::{SessionStore, StoreReply, StoreRequest};

/// How long one request may take (connect, send, answer) before it fails closed.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(2);

/// A [`SessionStore`] on Redis, shared by every instance of a service: each request is one Lua
/// script (`EVALSHA`, `EVAL` on `NOSCRIPT`), atomic in Redis. Requests of one process take turns
/// on one connection, re-opened after a failure; every step has a timeout.
///
/// ```no_run
/// use std::sync::Arc;
/// use onejwt::Key;
/// use onejwt::service::{ServiceConfig, TokenService};
/// use onejwt::session::RedisStore;
/// let store = RedisStore::open("redis://127.0.0.1:6379/0")?.prefix("myapp:")?;
/// let config = ServiceConfig::hmac(Key::hmac(b"a-32-byte-secret-for-hs256-use!!")?)
///     .session_store(Arc::new(store));
/// let service = TokenService::new(config)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct RedisStore {
    client: ::redis::Client,
    connection: Mutex<Option<::redis::Connection>>,
    prefix: String,
    timeout: Duration,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may carry a password: never printed.
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl RedisStore {
    /// A store on the Redis at `url` (`redis://[user:password@]host:port/db`, `rediss://` for
    /// TLS), keys under `onejwt:`, a 2-second timeout. Nothing connects until the first request.
    pub fn open(url: &str) -> Result<RedisStore, String> {
        let client = ::redis::Client::open(url).map_err(|e| format!("invalid Redis URL: {e}"))?;
        Ok(RedisStore {
            client,
            connection: Mutex::new(None),
            prefix: DEFAULT_PREFIX.to_owned(),
            timeout: DEFAULT_TIMEOUT,
        })
    }

    /// Keys under `prefix` instead of `onejwt:` (no braces: the session id is the hash tag).
    pub fn prefix(mut self, prefix: &str) -> Result<RedisStore, String> {
        scripts::check_prefix(prefix).map_err(|e| format!("invalid prefix: {e}"))?;
        prefix.clone_into(&mut self.prefix);
        Ok(self)
    }

    /// Another timeout for connecting, sending and waiting for each answer.
    pub fn timeout(mut self, timeout: Duration) -> RedisStore {
        self.timeout = timeout.max(Duration::from_millis(1));
        self
    }

    fn run(
        &self,
        connection: &mut ::redis::Connection,
        request: &StoreRequest,
    ) -> ::redis::RedisResult<::redis::Value> {
        let command = scripts::command(request, &self.prefix);
        let mut call = |name: &str, first: &str| {
            ::redis::cmd(name)
                .arg(first)
                .arg(command.keys.len())
                .arg(&command.keys)
                .arg(&command.args)
                .query::<::redis::Value>(connection)
        };
        match call("EVALSHA", command.script.sha1()) {
            Err(e) if e.kind() == ::redis::ErrorKind::NoScriptError => {
                call("EVAL", command.script.source)
            }
            other => other,
        }
    }
}

/// A script's reply as JSON: bulk and simple strings as text, arrays as arrays.
fn json(value: ::redis::Value) -> Value {
    match value {
        ::redis::Value::BulkString(bytes) => {
            Value::String(String::from_utf8_lossy(&bytes).into_owned())
        }
        ::redis::Value::SimpleString(text) => Value::String(text),
        ::redis::Value::Okay => Value::String("OK".to_owned()),
        ::redis::Value::Int(n) => Value::from(n),
        ::redis::Value::Array(items) => Value::Array(items.into_iter().map(json).collect()),
        _ => Value::Null,
    }
}

impl SessionStore for RedisStore {
    fn execute(&self, request: &StoreRequest) -> Result<StoreReply, String> {
        let mut slot = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            let connection = self
                .client
                .get_connection_with_timeout(self.timeout)
                .map_err(|e| format!("cannot connect to Redis: {e}"))?;
            connection
                .set_read_timeout(Some(self.timeout))
                .and_then(|()| connection.set_write_timeout(Some(self.timeout)))
                .map_err(|e| format!("cannot set the Redis timeouts: {e}"))?;
            *slot = Some(connection);
        }
        let Some(connection) = slot.as_mut() else {
            return Err("no Redis connection".to_owned());
        };
        match self.run(connection, request) {
            Ok(raw) => scripts::reply(request, &json(raw)),
            Err(e) => {
                // The connection may be half-way through a reply: never reuse it.
                *slot = None;
                Err(format!("Redis: {e}"))
            }
        }
    }
}
