//! Redis: the session store contract as Lua scripts and a key schema, data that every host's Redis
//! store sends unchanged (`EVALSHA`, falling back to `EVAL`), so the atomic logic is written once.
//!
//! Keys: a session is one hash, `<prefix>{<session>}:session` (fields `g` generation, `p` until
//! when the previous generation is accepted, `r` revoked, `d` the record); a revoked token is
//! `<prefix>{<session or jti>}:revoked:<jti>`. The braces are a Redis Cluster hash tag: a
//! session's keys share a slot, so every script touches one slot. Every lifetime is relative
//! (`PEXPIRE`/`PX` in milliseconds from the request's `ttl`), never an absolute `EXPIREAT`, which
//! would expire keys at once under a test clock; times compared inside a script (`at`, the grace
//! window) are the service's clock, passed in.
//!
//! ```
//! use onejwt::session::{redis, StoreRequest};
//! let request = StoreRequest::RevokeSession { session: "s1".into(), ttl: 60_000, at: 0 };
//! let command = redis::command(&request, redis::DEFAULT_PREFIX);
//! assert_eq!(command.script.name, "revoke_session");
//! assert_eq!(command.keys, ["onejwt:{s1}:session"]);
//! assert_eq!(command.args, ["60000"]);
//! let reply = redis::reply(&request, &serde_json::json!("done")).unwrap();
//! assert_eq!(reply.status(), "done");
//! ```

use std::sync::OnceLock;

use serde_json::Value;

use crate::session::request::{StoreReply, StoreRequest};

/// The key prefix when none is configured.
pub const DEFAULT_PREFIX: &str = "onejwt:";

/// One Lua script of the contract.
#[derive(Debug)]
pub struct Script {
    /// The operation it performs (a [`StoreRequest`]'s `op`).
    pub name: &'static str,
    /// The Lua source, sent with `EVAL` or `SCRIPT LOAD`.
    pub source: &'static str,
}

/// Every script, one per operation.
pub static SCRIPTS: [Script; 5] = [
    Script {
        name: "check",
        source: include_str!("redis/check.lua"),
    },
    Script {
        name: "start",
        source: include_str!("redis/start.lua"),
    },
    Script {
        name: "advance",
        source: include_str!("redis/advance.lua"),
    },
    Script {
        name: "revoke_token",
        source: include_str!("redis/revoke_token.lua"),
    },
    Script {
        name: "revoke_session",
        source: include_str!("redis/revoke_session.lua"),
    },
];

impl Script {
    /// The script's SHA-1 in lowercase hex, the name `EVALSHA` runs it by.
    pub fn sha1(&self) -> &'static str {
        static SHAS: OnceLock<Vec<String>> = OnceLock::new();
        let shas = SHAS.get_or_init(|| {
            SCRIPTS
                .iter()
                .map(|script| {
                    let digest = ring::digest::digest(
                        &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
                        script.source.as_bytes(),
                    );
                    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
                })
                .collect()
        });
        let index = SCRIPTS
            .iter()
            .position(|script| script.name == self.name)
            .unwrap_or(0);
        shas[index].as_str()
    }
}

/// What a host sends to Redis for one request: `EVALSHA <script.sha1()> <keys.len()> keys… args…`,
/// and on a `NOSCRIPT` error `EVAL <script.source> …` with the same keys and arguments.
#[derive(Debug)]
pub struct Command {
    /// The script to run.
    pub script: &'static Script,
    /// Its `KEYS`.
    pub keys: Vec<String>,
    /// Its `ARGV`.
    pub args: Vec<String>,
}

fn script(name: &str) -> &'static Script {
    SCRIPTS
        .iter()
        .find(|script| script.name == name)
        .unwrap_or(&SCRIPTS[0])
}

fn session_key(prefix: &str, session: &str) -> String {
    format!("{prefix}{{{session}}}:session")
}

fn token_key(prefix: &str, session: Option<&str>, jti: &str) -> String {
    format!("{prefix}{{{}}}:revoked:{jti}", session.unwrap_or(jti))
}

/// The command that performs `request` on keys under `prefix`.
pub fn command(request: &StoreRequest, prefix: &str) -> Command {
    let (keys, args) = match request {
        StoreRequest::Check {
            session,
            jti,
            generation,
            at,
        } => (
            vec![
                session_key(prefix, session.as_deref().unwrap_or(jti)),
                token_key(prefix, session.as_deref(), jti),
            ],
            vec![
                if session.is_some() { "1" } else { "0" }.to_owned(),
                generation.map(|g| g.to_string()).unwrap_or_default(),
                at.to_string(),
            ],
        ),
        StoreRequest::Start {
            session,
            record,
            ttl,
            ..
        } => (
            vec![session_key(prefix, session)],
            vec![record.clone(), ttl.max(&1).to_string()],
        ),
        StoreRequest::Advance {
            session,
            generation,
            grace,
            ttl,
            at,
        } => (
            vec![session_key(prefix, session)],
            vec![
                generation.to_string(),
                at.to_string(),
                at.saturating_add_unsigned(*grace).to_string(),
                ttl.max(&1).to_string(),
            ],
        ),
        StoreRequest::RevokeToken {
            session, jti, ttl, ..
        } => (
            vec![token_key(prefix, session.as_deref(), jti)],
            vec![ttl.max(&1).to_string()],
        ),
        StoreRequest::RevokeSession { session, ttl, .. } => (
            vec![session_key(prefix, session)],
            vec![ttl.max(&1).to_string()],
        ),
    };
    Command {
        script: script(request.op()),
        keys,
        args,
    }
}

/// Reads the script's reply to `request`: a status text, or for `advance` an array of the status,
/// the generation (text) and the record. The host passes Redis's reply as JSON (bulk strings as
/// text, arrays as arrays); anything else is the store's error.
pub fn reply(request: &StoreRequest, raw: &Value) -> Result<StoreReply, String> {
    let (status, rest): (&str, &[Value]) = match raw {
        Value::String(status) => (status, &[]),
        Value::Array(items) => match items.split_first() {
            Some((Value::String(status), rest)) => (status, rest),
            _ => return Err("the script's reply does not start with a status".to_owned()),
        },
        _ => return Err("the script's reply is neither text nor an array".to_owned()),
    };
    request.reply(
        status,
        || {
            rest.first()
                .and_then(Value::as_str)
                .and_then(|g| g.parse().ok())
                .ok_or_else(|| format!("the {status} reply has no generation"))
        },
        || {
            rest.get(1)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| format!("the {status} reply has no record"))
        },
    )
}

/// Whether `prefix` can start every key: no braces, which would change the hash tag.
pub fn check_prefix(prefix: &str) -> Result<(), String> {
    if prefix.contains(['{', '}']) {
        return Err(
            "must not contain { or } (the session id is the Redis Cluster hash tag)".into(),
        );
    }
    Ok(())
}
