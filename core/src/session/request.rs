//! Request and reply: the five operations a session store performs, and what it answers, in one
//! form for every store (the in-memory one, Redis, a host's own) and every runtime.

use serde_json::{Map, Value};

/// One atomic operation a [`TokenService`](crate::service::TokenService) asks of its session
/// store. Times are in milliseconds: `at` is the service's (injectable) clock, `ttl` and `grace`
/// are durations from `at`, never absolute expiry times, so a store with its own clock (Redis)
/// keeps entries exactly as long under a test clock as under the real one.
///
/// Every request is a JSON object with an `op` member when a host store sees it
/// ([`to_value`](Self::to_value)); the member names are single words, the same in every runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoreRequest {
    /// Is this token revoked? `{"op":"check","session","jti","generation","at"}`.
    ///
    /// Revoked when its `jti` was revoked, when its session was revoked (or ended by reuse), and,
    /// for a refresh token (`generation` given), when the session is unknown or has moved past
    /// this generation (except the previous one within the session's grace window).
    Check {
        /// The session (`sid`) the token belongs to, if any.
        session: Option<String>,
        /// The token's `jti`.
        jti: String,
        /// A refresh token's generation; `None` for an access token.
        generation: Option<u64>,
        /// Now, in Unix milliseconds.
        at: i64,
    },
    /// Starts a session at generation 0, keeping `record` (opaque text) for later refreshes.
    /// `{"op":"start","session","record","ttl","at"}`. Answers `started`, or `full` when the
    /// store refuses new sessions (the in-memory store at capacity).
    Start {
        /// The new session's id (random, 128 bits).
        session: String,
        /// What the session recorded at login (JSON text, opaque to the store).
        record: String,
        /// How long to keep the session, in milliseconds.
        ttl: u64,
        /// Now, in Unix milliseconds.
        at: i64,
    },
    /// Redeems generation `generation` of a session: compare-and-set.
    /// `{"op":"advance","session","generation","grace","ttl","at"}`.
    ///
    /// - the current generation: the session moves to the next one (`advanced`, with the new
    ///   generation and the record), the previous one stays acceptable until `at + grace`, and
    ///   the session is kept at least `ttl` from now;
    /// - the previous generation before the grace window closes: `grace`, with the current
    ///   generation and the record, nothing changes;
    /// - any other generation: reuse. The session is revoked (`reused`);
    /// - a revoked session: `revoked`; an unknown (or expired) one: `unknown`.
    Advance {
        /// The session.
        session: String,
        /// The generation of the refresh token being redeemed.
        generation: u64,
        /// How long after this call the generation it replaces is still accepted (0: never).
        grace: u64,
        /// Keep the session at least this long from now, in milliseconds.
        ttl: u64,
        /// Now, in Unix milliseconds.
        at: i64,
    },
    /// Revokes one token until `at + ttl`. `{"op":"revoke_token","session","jti","ttl","at"}`.
    RevokeToken {
        /// The session the token belongs to, if any (a store may keep the entry beside it).
        session: Option<String>,
        /// The token's `jti`.
        jti: String,
        /// How long to keep the revocation, in milliseconds.
        ttl: u64,
        /// Now, in Unix milliseconds.
        at: i64,
    },
    /// Revokes a session and with it every token it issued, keeping the mark at least `ttl`.
    /// `{"op":"revoke_session","session","ttl","at"}`. An unknown session is marked revoked too.
    RevokeSession {
        /// The session.
        session: String,
        /// How long to keep the mark, in milliseconds.
        ttl: u64,
        /// Now, in Unix milliseconds.
        at: i64,
    },
}

/// A store's answer (`{"status", "generation"?, "record"?}` for a host store).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoreReply {
    /// `check`: not revoked.
    Valid,
    /// `check`: revoked; `advance`: the session was revoked before.
    Revoked,
    /// `start`: the session exists now.
    Started,
    /// `start`: the store refuses new sessions (full).
    Full,
    /// `advance`: the session moved to `generation`.
    Advanced {
        /// The session's new generation.
        generation: u64,
        /// The record kept at `start`.
        record: String,
    },
    /// `advance`: the previous generation, inside the grace window; the session is unchanged.
    Grace {
        /// The session's current generation.
        generation: u64,
        /// The record kept at `start`.
        record: String,
    },
    /// `advance`: an old generation was presented again; the session is now revoked.
    Reused,
    /// `advance`: no such session (never started, expired or evicted).
    Unknown,
    /// `revoke_token`, `revoke_session`: done.
    Done,
}

impl StoreRequest {
    /// The operation's name, the `op` member.
    pub fn op(&self) -> &'static str {
        match self {
            StoreRequest::Check { .. } => "check",
            StoreRequest::Start { .. } => "start",
            StoreRequest::Advance { .. } => "advance",
            StoreRequest::RevokeToken { .. } => "revoke_token",
            StoreRequest::RevokeSession { .. } => "revoke_session",
        }
    }

    /// When the request was made (`at`): the service's clock, in Unix milliseconds.
    pub fn at(&self) -> i64 {
        match self {
            StoreRequest::Check { at, .. }
            | StoreRequest::Start { at, .. }
            | StoreRequest::Advance { at, .. }
            | StoreRequest::RevokeToken { at, .. }
            | StoreRequest::RevokeSession { at, .. } => *at,
        }
    }

    /// The request as the JSON object a host store receives.
    ///
    /// ```
    /// use onejwt::session::StoreRequest;
    /// let request = StoreRequest::RevokeSession { session: "s1".into(), ttl: 60_000, at: 1_700_000_000_000 };
    /// assert_eq!(request.to_value().to_string(),
    ///     r#"{"op":"revoke_session","session":"s1","ttl":60000,"at":1700000000000}"#);
    /// ```
    pub fn to_value(&self) -> Value {
        let mut map = Map::new();
        let mut put = |name: &str, value: Value| {
            map.insert(name.to_owned(), value);
        };
        put("op", self.op().into());
        match self {
            StoreRequest::Check {
                session,
                jti,
                generation,
                at,
            } => {
                put("session", session.clone().into());
                put("jti", jti.as_str().into());
                put("generation", (*generation).into());
                put("at", (*at).into());
            }
            StoreRequest::Start {
                session,
                record,
                ttl,
                at,
            } => {
                put("session", session.as_str().into());
                put("record", record.as_str().into());
                put("ttl", (*ttl).into());
                put("at", (*at).into());
            }
            StoreRequest::Advance {
                session,
                generation,
                grace,
                ttl,
                at,
            } => {
                put("session", session.as_str().into());
                put("generation", (*generation).into());
                put("grace", (*grace).into());
                put("ttl", (*ttl).into());
                put("at", (*at).into());
            }
            StoreRequest::RevokeToken {
                session,
                jti,
                ttl,
                at,
            } => {
                put("session", session.clone().into());
                put("jti", jti.as_str().into());
                put("ttl", (*ttl).into());
                put("at", (*at).into());
            }
            StoreRequest::RevokeSession { session, ttl, at } => {
                put("session", session.as_str().into());
                put("ttl", (*ttl).into());
                put("at", (*at).into());
            }
        }
        Value::Object(map)
    }

    /// The statuses a store may answer to this request.
    pub(crate) fn allowed(&self) -> &'static [&'static str] {
        match self {
            StoreRequest::Check { .. } => &["valid", "revoked"],
            StoreRequest::Start { .. } => &["started", "full"],
            StoreRequest::Advance { .. } => &["advanced", "grace", "reused", "revoked", "unknown"],
            StoreRequest::RevokeToken { .. } | StoreRequest::RevokeSession { .. } => &["done"],
        }
    }

    /// Reads a host store's answer to this request: `{"status", "generation"?, "record"?}`. A
    /// status this request cannot have, or a missing member, is the store's error: the caller
    /// fails closed with `store_unavailable`.
    ///
    /// ```
    /// use onejwt::session::{StoreReply, StoreRequest};
    /// let request = StoreRequest::Check { session: None, jti: "j".into(), generation: None, at: 0 };
    /// let reply = request.reply_from_value(&serde_json::json!({"status": "valid"})).unwrap();
    /// assert_eq!(reply, StoreReply::Valid);
    /// assert!(request.reply_from_value(&serde_json::json!({"status": "started"})).is_err());
    /// ```
    pub fn reply_from_value(&self, reply: &Value) -> Result<StoreReply, String> {
        let Some(map) = reply.as_object() else {
            return Err(format!(
                "the {} reply must be an object with a status, not {}",
                self.op(),
                kind_of(reply)
            ));
        };
        let status = match map.get("status") {
            Some(Value::String(status)) => status.as_str(),
            _ => return Err(format!("the {} reply has no status text", self.op())),
        };
        let generation = || match map.get("generation") {
            Some(Value::Number(n)) => n
                .as_u64()
                .ok_or_else(|| "the reply's generation must be a whole number ≥ 0".to_owned()),
            _ => Err(format!("a {status} reply needs a generation")),
        };
        let record = || match map.get("record") {
            Some(Value::String(record)) => Ok(record.clone()),
            _ => Err(format!("a {status} reply needs the record text")),
        };
        self.reply(status, generation, record)
    }

    /// The reply of this request from its status and, for `advanced`/`grace`, its members.
    pub(crate) fn reply(
        &self,
        status: &str,
        generation: impl FnOnce() -> Result<u64, String>,
        record: impl FnOnce() -> Result<String, String>,
    ) -> Result<StoreReply, String> {
        if !self.allowed().contains(&status) {
            return Err(format!(
                "{} is not an answer to {} (expected one of: {})",
                crate::algorithm::truncate(&format!("{status:?}")),
                self.op(),
                self.allowed().join(", ")
            ));
        }
        Ok(match status {
            "valid" => StoreReply::Valid,
            "revoked" => StoreReply::Revoked,
            "started" => StoreReply::Started,
            "full" => StoreReply::Full,
            "advanced" => StoreReply::Advanced {
                generation: generation()?,
                record: record()?,
            },
            "grace" => StoreReply::Grace {
                generation: generation()?,
                record: record()?,
            },
            "reused" => StoreReply::Reused,
            "unknown" => StoreReply::Unknown,
            _ => StoreReply::Done,
        })
    }
}

impl StoreReply {
    /// The reply as the JSON object a host store returns.
    ///
    /// ```
    /// use onejwt::session::StoreReply;
    /// let reply = StoreReply::Advanced { generation: 2, record: "{}".into() };
    /// assert_eq!(reply.to_value().to_string(), r#"{"status":"advanced","generation":2,"record":"{}"}"#);
    /// ```
    pub fn to_value(&self) -> Value {
        let mut map = Map::new();
        map.insert("status".into(), self.status().into());
        if let StoreReply::Advanced { generation, record }
        | StoreReply::Grace { generation, record } = self
        {
            map.insert("generation".into(), (*generation).into());
            map.insert("record".into(), record.as_str().into());
        }
        Value::Object(map)
    }

    /// The `status` member.
    pub fn status(&self) -> &'static str {
        match self {
            StoreReply::Valid => "valid",
            StoreReply::Revoked => "revoked",
            StoreReply::Started => "started",
            StoreReply::Full => "full",
            StoreReply::Advanced { .. } => "advanced",
            StoreReply::Grace { .. } => "grace",
            StoreReply::Reused => "reused",
            StoreReply::Unknown => "unknown",
            StoreReply::Done => "done",
        }
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl StoreRequest {
    /// Reads a request back from its JSON object ([`to_value`](Self::to_value)): what a host's
    /// Redis store hands to [`redis::command`](crate::session::redis::command).
    ///
    /// ```
    /// use onejwt::session::StoreRequest;
    /// let request = StoreRequest::Start { session: "s".into(), record: "{}".into(), ttl: 5, at: 9 };
    /// assert_eq!(StoreRequest::from_value(&request.to_value()).unwrap(), request);
    /// ```
    pub fn from_value(value: &Value) -> Result<StoreRequest, String> {
        let map = value
            .as_object()
            .ok_or("a store request must be an object")?;
        let text = |name: &str| match map.get(name) {
            Some(Value::String(text)) => Ok(text.clone()),
            _ => Err(format!("the request's {name} must be text")),
        };
        let optional_text = |name: &str| match map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            _ => Err(format!("the request's {name} must be text or null")),
        };
        let whole = |name: &str| {
            map.get(name)
                .and_then(Value::as_u64)
                .ok_or_else(|| format!("the request's {name} must be a whole number ≥ 0"))
        };
        let at = map
            .get("at")
            .and_then(Value::as_i64)
            .ok_or("the request's at must be a whole number")?;
        Ok(match map.get("op").and_then(Value::as_str) {
            Some("check") => StoreRequest::Check {
                session: optional_text("session")?,
                jti: text("jti")?,
                generation: match map.get("generation") {
                    None | Some(Value::Null) => None,
                    Some(_) => Some(whole("generation")?),
                },
                at,
            },
            Some("start") => StoreRequest::Start {
                session: text("session")?,
                record: text("record")?,
                ttl: whole("ttl")?,
                at,
            },
            Some("advance") => StoreRequest::Advance {
                session: text("session")?,
                generation: whole("generation")?,
                grace: whole("grace")?,
                ttl: whole("ttl")?,
                at,
            },
            Some("revoke_token") => StoreRequest::RevokeToken {
                session: optional_text("session")?,
                jti: text("jti")?,
                ttl: whole("ttl")?,
                at,
            },
            Some("revoke_session") => StoreRequest::RevokeSession {
                session: text("session")?,
                ttl: whole("ttl")?,
                at,
            },
            _ => return Err("unknown store operation".to_owned()),
        })
    }
}
