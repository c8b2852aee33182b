//! Sessions: every operation that touches the session store, as steps a host can drive (start,
//! perform the store request, finish) and as the synchronous calls a Rust program makes.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode, Failure};
use crate::service::cache::{token_digest, TimeClaims, TokenDigest};
use crate::service::metrics::Event;
use crate::service::{StoreChoice, TokenPair, TokenService, TokenType};
use crate::session::{StoreReply, StoreRequest};
use crate::verifier::Verified;

/// What an access token says about its user beyond `sub`: what [`TokenService::login`] records
/// for the session and every access token of it carries.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct UserClaims {
    /// The `email` claim.
    pub email: Option<String>,
    /// The `permissions` claim.
    pub permissions: Vec<String>,
    /// More claims (they may not replace the service's own).
    pub extra: Map<String, Value>,
}

impl UserClaims {
    /// Claims with this email, permissions and extra claims.
    pub fn new(email: Option<&str>, permissions: &[String], extra: &Map<String, Value>) -> Self {
        UserClaims {
            email: email.map(str::to_owned),
            permissions: permissions.to_vec(),
            extra: extra.clone(),
        }
    }

    /// The session's record: these claims as JSON text.
    fn record(&self) -> String {
        let mut map = Map::new();
        if let Some(email) = &self.email {
            map.insert("email".into(), email.as_str().into());
        }
        map.insert("permissions".into(), self.permissions.clone().into());
        map.insert("extra".into(), Value::Object(self.extra.clone()));
        Value::Object(map).to_string()
    }

    /// Claims from a session's record (the store's text; anything unreadable is the store's
    /// error).
    fn from_record(record: &str) -> Result<Self, String> {
        let value: Value =
            serde_json::from_str(record).map_err(|_| "the session record is not JSON")?;
        let map = value
            .as_object()
            .ok_or("the session record is not an object")?;
        let email = match map.get("email") {
            None | Some(Value::Null) => None,
            Some(Value::String(email)) => Some(email.clone()),
            _ => return Err("the session record's email is not text".into()),
        };
        let permissions = match map.get("permissions") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<_>>()
                .ok_or("the session record's permissions are not text")?,
            _ => return Err("the session record's permissions are not a list".into()),
        };
        let extra = match map.get("extra") {
            None => Map::new(),
            Some(Value::Object(extra)) => extra.clone(),
            _ => return Err("the session record's extra is not an object".into()),
        };
        Ok(UserClaims {
            email,
            permissions,
            extra,
        })
    }
}

/// What a refresh may change in the new access token: each member given replaces what the
/// session recorded at login; the others come from the record.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ClaimsUpdate {
    /// A new `email`.
    pub email: Option<String>,
    /// New `permissions`.
    pub permissions: Option<Vec<String>>,
    /// New extra claims (replacing all recorded ones).
    pub extra: Option<Map<String, Value>>,
}

impl ClaimsUpdate {
    fn apply(&self, mut claims: UserClaims) -> UserClaims {
        if let Some(email) = &self.email {
            claims.email = Some(email.clone());
        }
        if let Some(permissions) = &self.permissions {
            claims.permissions.clone_from(permissions);
        }
        if let Some(extra) = &self.extra {
            claims.extra.clone_from(extra);
        }
        claims
    }
}

/// How far a store-touching call got.
#[derive(Debug)]
pub enum Progress {
    /// Finished (the service's own store answered inline).
    Done(Outcome),
    /// The host must perform [`StoreCall::request`] on its store and hand the reply to
    /// [`TokenService::finish`].
    Store(StoreCall),
}

/// What a finished call gives.
#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome {
    /// `verify` (and `validate_token`, `extract_user_id`): the token.
    Verified(Verified),
    /// `login`, `refresh`: the new pair.
    Pair(TokenPair),
    /// `is_revoked`: the answer.
    Revoked(bool),
    /// `revoke`, `logout`: done.
    Done,
}

/// A call waiting for its store request: perform [`request`](Self::request), then
/// [`TokenService::finish`] with the reply (or the store's error as a message).
#[derive(Debug)]
pub struct StoreCall {
    request: StoreRequest,
    then: Then,
    started: Option<u64>,
}

impl StoreCall {
    /// The request to perform.
    pub fn request(&self) -> &StoreRequest {
        &self.request
    }
}

#[derive(Debug)]
enum Then {
    Verify {
        verified: Verified,
        cache: Option<(TokenDigest, TimeClaims)>,
    },
    IsRevoked,
    Revoke,
    Issue {
        user_id: String,
        claims: Result<UserClaims, ClaimsUpdate>,
        session: String,
        session_exp: i64,
        now: i64,
    },
}

/// A whole, non-negative number claim.
fn whole(claims: &Map<String, Value>, name: &str) -> Option<u64> {
    claims.get(name).and_then(Value::as_u64)
}

fn text<'a>(claims: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    claims.get(name).and_then(Value::as_str)
}

/// Seconds to milliseconds, at least 1 (a store keeps nothing for 0).
fn millis(seconds: i64) -> u64 {
    u64::try_from(seconds.max(0))
        .unwrap_or(0)
        .saturating_mul(1000)
        .max(1)
}

impl TokenService {
    /// The session claims of a verified refresh token: `sid`, `gen` and `session_exp`.
    fn refresh_claims(verified: &Verified) -> Result<(String, u64, i64), Error> {
        let claims = verified.claims();
        let missing = |name: &'static str| {
            Error::new(
                ErrorCode::MissingClaim,
                format!("a refresh token must carry {name} (refresh tokens come from login)"),
            )
            .with_claim(name)
        };
        let session = text(claims, "sid").ok_or_else(|| missing("sid"))?;
        let generation = whole(claims, "gen").ok_or_else(|| missing("gen"))?;
        let session_exp = claims
            .get("session_exp")
            .and_then(Value::as_f64)
            .ok_or_else(|| missing("session_exp"))?;
        Ok((session.to_owned(), generation, session_exp.floor() as i64))
    }

    /// How long (ms) a session's entry must outlive `now`: past every token it has issued, plus
    /// the leeway the verifier grants them, and no longer than the session.
    fn session_ttl_ms(&self, now: i64, session_exp: Option<i64>) -> u64 {
        let longest = now.saturating_add_unsigned(self.access_ttl.max(self.refresh_ttl));
        let last = session_exp.map_or(longest, |end| longest.min(end));
        millis(last.saturating_add_unsigned(self.leeway) - now)
    }

    /// Runs `request` on the service's own store, or hands it to the host.
    fn proceed(
        &self,
        request: StoreRequest,
        then: Then,
        started: Option<u64>,
    ) -> Result<Progress, Failure> {
        let call = StoreCall {
            request,
            then,
            started,
        };
        match &self.store {
            StoreChoice::Core(store) => {
                let reply = store.execute(&call.request);
                self.finish(call, reply).map(Progress::Done)
            }
            StoreChoice::Host => Ok(Progress::Store(call)),
        }
    }

    /// Records a verification's outcome (counts and latency from `started`).
    fn count_verification(&self, outcome: Result<(), ErrorCode>, started: Option<u64>) {
        let micros = match (started, self.monotonic()) {
            (Some(a), Some(b)) => Some(b.saturating_sub(a)),
            _ => None,
        };
        self.metrics.verification(outcome, micros);
    }

    /// The store failed: fail closed, and count it.
    fn store_failed(&self, message: &str) -> Error {
        self.metrics.count(Event::StoreError);
        Error::new(
            ErrorCode::StoreUnavailable,
            format!(
                "the session store failed ({}); failing closed",
                crate::algorithm::truncate(message)
            ),
        )
    }

    /// Step 1 of [`verify`](Self::verify): the token's signature, claims and type, then its
    /// revocation check in the store.
    pub fn start_verify(
        &self,
        token: impl AsRef<[u8]>,
        token_type: TokenType,
        now: Option<i64>,
    ) -> Result<Progress, Failure> {
        let started = self.monotonic();
        let now = self.now(now);
        match self.verify_without_store(token.as_ref(), token_type, now) {
            Ok((verified, cache)) => {
                let claims = verified.claims();
                let request = StoreRequest::Check {
                    session: text(claims, "sid").map(str::to_owned),
                    jti: text(claims, "jti").unwrap_or_default().to_owned(),
                    generation: match token_type {
                        TokenType::Refresh => Some(whole(claims, "gen").unwrap_or(0)),
                        TokenType::Access => None,
                    },
                    at: now.saturating_mul(1000),
                };
                self.proceed(request, Then::Verify { verified, cache }, started)
            }
            Err(e) => {
                self.count_verification(Err(e.code()), started);
                Err(e.into())
            }
        }
    }

    /// The verification before the store: a cache hit (re-judged against `now`) or a fresh one,
    /// and the type; with what to cache once the store says the token is not revoked.
    fn verify_without_store(
        &self,
        token: &[u8],
        token_type: TokenType,
        now: i64,
    ) -> Result<(Verified, Option<(TokenDigest, TimeClaims)>), Error> {
        let mut to_cache = None;
        let verified = match &self.cache {
            Some(cache) => {
                // The size rule first, as a fresh verification has it: an oversized token is
                // refused for one comparison, not after a SHA-256 of all of it.
                self.verifier.check_size(token.len())?;
                let digest = token_digest(token);
                if let Some(hit) = cache.get(&digest, now) {
                    self.metrics.count(Event::CacheHit);
                    // The key may have been dropped from the ring since: judged again, like the
                    // time claims.
                    self.admit(&hit.verified, now)?;
                    hit.verified
                } else {
                    self.metrics.count(Event::CacheMiss);
                    let verified = self.verify_token(token, now)?;
                    let claims = verified.claims();
                    let time = |name: &str| claims.get(name).and_then(Value::as_f64);
                    to_cache = Some((
                        digest,
                        TimeClaims {
                            exp: time("exp"),
                            nbf: time("nbf"),
                            iat: time("iat"),
                        },
                    ));
                    verified
                }
            }
            None => self.verify_token(token, now)?,
        };
        let claims = verified.claims();
        if text(claims, "type") != Some(token_type.as_str()) {
            return Err(Error::new(
                ErrorCode::WrongTokenType,
                format!("expected a token of type \"{}\"", token_type.as_str()),
            )
            .with_claim("type"));
        }
        if token_type == TokenType::Refresh {
            Self::refresh_claims(&verified)?;
        }
        Ok((verified, to_cache))
    }

    /// Step 1 of [`login`](Self::login): a new session for `user_id`, recording `claims`.
    pub fn start_login(
        &self,
        user_id: &str,
        claims: UserClaims,
        now: Option<i64>,
    ) -> Result<Progress, Failure> {
        self.check_issuable(user_id, &claims.extra)?;
        let now = self.now(now);
        let session = self.new_id()?;
        let session_exp = now.saturating_add_unsigned(self.session_ttl);
        let request = StoreRequest::Start {
            session: session.clone(),
            record: claims.record(),
            ttl: self.session_ttl_ms(now, Some(session_exp)),
            at: now.saturating_mul(1000),
        };
        let then = Then::Issue {
            user_id: user_id.to_owned(),
            claims: Ok(claims),
            session,
            session_exp,
            now,
        };
        self.proceed(request, then, None)
    }

    /// Step 1 of [`refresh`](Self::refresh): the refresh token, then the session's advance.
    pub fn start_refresh(
        &self,
        refresh_token: impl AsRef<[u8]>,
        update: ClaimsUpdate,
        now: Option<i64>,
    ) -> Result<Progress, Failure> {
        if let Some(extra) = &update.extra {
            self.check_extra(extra)?;
        }
        let now = self.now(now);
        let (verified, _) =
            self.verify_without_store(refresh_token.as_ref(), TokenType::Refresh, now)?;
        let (session, generation, session_exp) = Self::refresh_claims(&verified)?;
        if now >= session_exp {
            return Err(Error::new(
                ErrorCode::Expired,
                "the session has reached its absolute lifetime (session_ttl): log in again",
            )
            .with_claim("session_exp")
            .into());
        }
        let user_id = text(verified.claims(), "sub")
            .unwrap_or_default()
            .to_owned();
        let request = StoreRequest::Advance {
            session: session.clone(),
            generation,
            grace: self.reuse_grace.saturating_mul(1000),
            ttl: self.session_ttl_ms(now, Some(session_exp)),
            at: now.saturating_mul(1000),
        };
        let then = Then::Issue {
            user_id,
            claims: Err(update),
            session,
            session_exp,
            now,
        };
        self.proceed(request, then, None)
    }

    /// Step 1 of [`revoke`](Self::revoke): an access token (or a token outside any session) is
    /// revoked alone, until it would have expired anyway (`exp` + leeway); a refresh token
    /// revokes its whole session, since it stands for it.
    pub fn start_revoke(
        &self,
        token: impl AsRef<[u8]>,
        now: Option<i64>,
    ) -> Result<Progress, Failure> {
        self.start_revocation(token.as_ref(), now, false)
    }

    /// Step 1 of [`logout`](Self::logout): the session of the token (either type), and every
    /// token of it; a token outside any session is revoked alone.
    pub fn start_logout(
        &self,
        token: impl AsRef<[u8]>,
        now: Option<i64>,
    ) -> Result<Progress, Failure> {
        self.start_revocation(token.as_ref(), now, true)
    }

    fn start_revocation(
        &self,
        token: &[u8],
        now: Option<i64>,
        whole_session: bool,
    ) -> Result<Progress, Failure> {
        let now = self.now(now);
        let verified = self.verify_token(token, now)?;
        let claims = verified.claims();
        let session = text(claims, "sid").map(str::to_owned);
        let is_refresh = text(claims, "type") == Some(TokenType::Refresh.as_str());
        let request = match session {
            Some(session) if whole_session || is_refresh => StoreRequest::RevokeSession {
                session,
                ttl: self.session_ttl_ms(now, None),
                at: now.saturating_mul(1000),
            },
            session => {
                let exp = claims
                    .get("exp")
                    .and_then(Value::as_f64)
                    .map_or(now, |e| e.ceil() as i64);
                StoreRequest::RevokeToken {
                    session,
                    jti: text(claims, "jti").unwrap_or_default().to_owned(),
                    ttl: millis(exp.saturating_add_unsigned(self.leeway) - now),
                    at: now.saturating_mul(1000),
                }
            }
        };
        self.proceed(request, Then::Revoke, None)
    }

    /// Step 1 of [`is_revoked`](Self::is_revoked).
    pub fn start_is_revoked(
        &self,
        token: impl AsRef<[u8]>,
        now: Option<i64>,
    ) -> Result<Progress, Failure> {
        let now = self.now(now);
        let verified = self.verify_token(token.as_ref(), now)?;
        let claims = verified.claims();
        let is_refresh = text(claims, "type") == Some(TokenType::Refresh.as_str());
        let request = StoreRequest::Check {
            session: text(claims, "sid").map(str::to_owned),
            jti: text(claims, "jti").unwrap_or_default().to_owned(),
            generation: if is_refresh {
                whole(claims, "gen")
            } else {
                None
            },
            at: now.saturating_mul(1000),
        };
        self.proceed(request, Then::IsRevoked, None)
    }

    /// Step 2 of every store-touching call: the store's reply to [`StoreCall::request`] (or its
    /// failure as a message, which fails the call closed with `store_unavailable`).
    pub fn finish(
        &self,
        call: StoreCall,
        reply: Result<StoreReply, String>,
    ) -> Result<Outcome, Failure> {
        let StoreCall {
            request,
            then,
            started,
        } = call;
        // A reply this request cannot have is the store's fault, not the token's.
        let reply = reply.and_then(|reply| {
            if request.allowed().contains(&reply.status()) {
                Ok(reply)
            } else {
                Err(format!(
                    "{} is not an answer to {}",
                    reply.status(),
                    request.op()
                ))
            }
        });
        match then {
            Then::Verify { verified, cache } => {
                let outcome = match reply {
                    Ok(StoreReply::Valid) => Ok(()),
                    Ok(_) => Err(Error::new(ErrorCode::Revoked, "the token has been revoked")
                        .with_claim("jti")),
                    Err(message) => Err(self.store_failed(&message)),
                };
                self.count_verification(outcome.as_ref().map(|_| ()).map_err(Error::code), started);
                outcome?;
                if let (Some(store), Some((digest, time))) = (&self.cache, cache) {
                    store.insert(digest, verified.clone(), time, request.at() / 1000);
                }
                Ok(Outcome::Verified(verified))
            }
            Then::IsRevoked => match reply {
                Ok(reply) => Ok(Outcome::Revoked(reply == StoreReply::Revoked)),
                Err(message) => Err(self.store_failed(&message).into()),
            },
            Then::Revoke => match reply {
                Ok(_) => {
                    self.metrics.count(Event::Revoked);
                    Ok(Outcome::Done)
                }
                Err(message) => Err(self.store_failed(&message).into()),
            },
            Then::Issue {
                user_id,
                claims,
                session,
                session_exp,
                now,
            } => {
                let (generation, claims) = match (reply, claims) {
                    (Ok(StoreReply::Started), Ok(claims)) => {
                        self.metrics.count(Event::SessionStarted);
                        (0, claims)
                    }
                    (Ok(StoreReply::Full), _) => {
                        self.metrics.count(Event::SessionRefused);
                        return Err(Error::new(
                            ErrorCode::StoreUnavailable,
                            "the session store is full of live sessions: no new login until some end (max_sessions)",
                        )
                        .into());
                    }
                    (
                        Ok(
                            StoreReply::Advanced { generation, record }
                            | StoreReply::Grace { generation, record },
                        ),
                        Err(update),
                    ) => match UserClaims::from_record(&record) {
                        Ok(recorded) => (generation, update.apply(recorded)),
                        Err(message) => return Err(self.store_failed(&message).into()),
                    },
                    (Ok(StoreReply::Reused), _) => {
                        self.metrics.count(Event::SessionReused);
                        return Err(Error::new(
                            ErrorCode::Revoked,
                            "this refresh token was already used: the session is now revoked (refresh-token reuse)",
                        )
                        .into());
                    }
                    (Ok(StoreReply::Revoked), _) => {
                        return Err(
                            Error::new(ErrorCode::Revoked, "the session has been revoked").into(),
                        )
                    }
                    (Ok(StoreReply::Unknown), _) => {
                        return Err(Error::new(
                            ErrorCode::Revoked,
                            "the session is unknown or has ended: log in again",
                        )
                        .into())
                    }
                    (Ok(other), _) => {
                        return Err(self
                            .store_failed(&format!(
                                "{} is not an answer to {}",
                                other.status(),
                                request.op()
                            ))
                            .into())
                    }
                    (Err(message), _) => return Err(self.store_failed(&message).into()),
                };
                let pair = self.issue_session_pair(
                    &user_id,
                    claims,
                    &session,
                    generation,
                    session_exp,
                    now,
                )?;
                Ok(Outcome::Pair(pair))
            }
        }
    }

    fn issue_session_pair(
        &self,
        user_id: &str,
        claims: UserClaims,
        session: &str,
        generation: u64,
        session_exp: i64,
        now: i64,
    ) -> Result<TokenPair, Failure> {
        let mut own = Map::new();
        if let Some(email) = claims.email {
            own.insert("email".into(), email.into());
        }
        own.insert("permissions".into(), claims.permissions.into());
        own.insert("sid".into(), session.into());
        let access_token = self.issue(
            TokenType::Access,
            user_id,
            own,
            &claims.extra,
            Some(now),
            Some(session_exp),
        )?;
        let mut own = Map::new();
        own.insert("sid".into(), session.into());
        own.insert("gen".into(), generation.into());
        own.insert("session_exp".into(), session_exp.into());
        let refresh_token = self.issue(
            TokenType::Refresh,
            user_id,
            own,
            &Map::new(),
            Some(now),
            Some(session_exp),
        )?;
        Ok(TokenPair {
            access_token,
            refresh_token,
        })
    }

    /// Runs a step-wise call to its end on the service's own store.
    fn run(&self, progress: Result<Progress, Failure>) -> Result<Outcome, Failure> {
        match progress? {
            Progress::Done(outcome) => Ok(outcome),
            // Only a binding configures a host store, and it drives the steps itself.
            Progress::Store(_) => Err(Error::new(
                ErrorCode::StoreUnavailable,
                "this service's store belongs to its host: drive it with start_* and finish",
            )
            .into()),
        }
    }

    /// Verifies a token of the expected type and checks the store on every call (cache hit or
    /// miss): `wrong_token_type` for the other type, `revoked` for a revoked token or session (and
    /// for a refresh token its session has moved past), `store_unavailable` when the store fails,
    /// or any verification code.
    pub fn verify(
        &self,
        token: impl AsRef<[u8]>,
        token_type: TokenType,
        now: Option<i64>,
    ) -> Result<Verified, Failure> {
        match self.run(self.start_verify(token, token_type, now))? {
            Outcome::Verified(verified) => Ok(verified),
            _ => Err(unexpected()),
        }
    }

    /// The verified token of the expected type, or `None` for any bad token (empty, malformed,
    /// expired, wrong type, revoked). A failing store is no verdict on the token: it stays an
    /// error (`store_unavailable`), which a server answers with 503, not 401.
    pub fn validate_token(
        &self,
        token: impl AsRef<[u8]>,
        token_type: TokenType,
        now: Option<i64>,
    ) -> Result<Option<Verified>, Failure> {
        valid_or_none(self.verify(token, token_type, now))
    }

    /// The `sub` of a valid access token, else `None` (a failing store is an error, as for
    /// [`validate_token`](Self::validate_token)).
    pub fn extract_user_id(
        &self,
        token: impl AsRef<[u8]>,
        now: Option<i64>,
    ) -> Result<Option<String>, Failure> {
        Ok(self
            .validate_token(token, TokenType::Access, now)?
            .and_then(|verified| text(verified.claims(), "sub").map(str::to_owned)))
    }

    /// Logs `user_id` in: starts a session recording `claims` and returns its first pair.
    pub fn login(
        &self,
        user_id: &str,
        claims: UserClaims,
        now: Option<i64>,
    ) -> Result<TokenPair, Failure> {
        match self.run(self.start_login(user_id, claims, now))? {
            Outcome::Pair(pair) => Ok(pair),
            _ => Err(unexpected()),
        }
    }

    /// Exchanges a refresh token for a new pair, advancing its session by one generation. A
    /// refresh token works once: presenting it again revokes the whole session (unless it is the
    /// previous generation inside `reuse_grace`). The new access token carries what the session
    /// recorded at login, with each member of `update` given replacing the recorded one.
    pub fn refresh(
        &self,
        refresh_token: impl AsRef<[u8]>,
        update: ClaimsUpdate,
        now: Option<i64>,
    ) -> Result<TokenPair, Failure> {
        match self.run(self.start_refresh(refresh_token, update, now))? {
            Outcome::Pair(pair) => Ok(pair),
            _ => Err(unexpected()),
        }
    }

    /// Revokes a token (see [`start_revoke`](Self::start_revoke)). The token must verify, so
    /// nobody revokes other people's tokens with forged ids; revoking twice succeeds.
    pub fn revoke(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Result<(), Failure> {
        self.run(self.start_revoke(token, now)).map(drop)
    }

    /// Ends the session of a token of either type (see [`start_logout`](Self::start_logout)).
    pub fn logout(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Result<(), Failure> {
        self.run(self.start_logout(token, now)).map(drop)
    }

    /// Whether a (verifying) token is revoked, by itself or with its session.
    pub fn is_revoked(&self, token: impl AsRef<[u8]>, now: Option<i64>) -> Result<bool, Failure> {
        match self.run(self.start_is_revoked(token, now))? {
            Outcome::Revoked(revoked) => Ok(revoked),
            _ => Err(unexpected()),
        }
    }
}

fn unexpected() -> Failure {
    Error::new(
        ErrorCode::StoreUnavailable,
        "the call finished with another call's outcome",
    )
    .into()
}

/// `Ok(None)` for a verdict on the token, the error for a failing store or a caller mistake.
pub(crate) fn valid_or_none<T>(result: Result<T, Failure>) -> Result<Option<T>, Failure> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(Failure::Jwt(e)) if e.code() != ErrorCode::StoreUnavailable => Ok(None),
        Err(e) => Err(e),
    }
}
