//! JS: the operations of the two JavaScript bindings, napi-rs (`onejwt`, Node) and wasm-bindgen
//! (`onejwt-wasm`, browsers and edge runtimes), in the one form both hand values over.
//!
//! The shared JS layer checks its arguments' JS types and encodes every object (claims, options,
//! headers, JWKs) with `JSON.stringify` under the conversion rules of `index.d.ts` (a date becomes
//! Unix seconds through [`unix_seconds`], so the time rule stays here); option names are
//! camelCase. Results leave as JSON text, which the JS layer parses in one `JSON.parse` (faster
//! than building objects through either FFI, and `JSON.parse` makes `__proto__` members plain
//! data). Each binding function is one call here plus its FFI's conversions, so the two bindings
//! cannot drift.

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::error::{Error, Failure, OptionsError};
use crate::host::MethodResult;
use crate::host::{
    access_token_args, call_options, canonical_object, claims_text, decoded_text,
    header_and_claims_text, headers_from_value, json_text, keyset_options, object_from_json,
    refresh_args, service_config, sign_options, value_from_json, verify_options, OptionNames,
};
use crate::key::Key;
use crate::keyset::KeySet;
use crate::service::{extract_token as extract, Clock, TokenService};
use crate::session::{redis, Outcome, Progress, StoreCall, StoreRequest};
use crate::verifier::Verifier;

const NAMES: OptionNames = OptionNames::CamelCase;

/// An optional options bag's JSON text as a map (absent: empty).
fn bag(json: Option<&str>) -> Result<Map<String, Value>, OptionsError> {
    json.map_or_else(|| Ok(Map::new()), |text| object_from_json(text, "options"))
}

/// The core's own calls name options in snake_case (`expires_in`, `user_id`); a JS caller wrote
/// them in camelCase. Every camelCase name is its snake_case name by rule (the schema tests hold
/// the tables to it), so renaming by rule is exact.
fn camel(e: OptionsError) -> OptionsError {
    if !e.option().contains('_') || e.option().starts_with("JWT_") {
        return e;
    }
    let name: String = e
        .option()
        .split('_')
        .enumerate()
        .map(|(i, part)| match (i, part.chars().next()) {
            (0, _) | (_, None) => part.to_owned(),
            (_, Some(first)) => first.to_ascii_uppercase().to_string() + &part[first.len_utf8()..],
        })
        .collect();
    e.renamed(name)
}

fn camel_failure(e: Failure) -> Failure {
    match e {
        Failure::Options(o) => Failure::Options(camel(o)),
        other => other,
    }
}

/// `new Verifier(options)`: the key or key set (handed over by the binding) and the other options'
/// JSON text.
pub fn verifier(
    key: Option<Key>,
    keys: Option<KeySet>,
    options: &str,
) -> Result<Verifier, OptionsError> {
    let options = verify_options(&object_from_json(options, "options")?, NAMES)?;
    crate::host::verifier(key, keys, options)
}

/// `verifier.verify(token, options)`: the claims as the signed JSON text, or with `complete`
/// `{"header":…,"claims":…}`. `now` is the per-call time when the JS layer read it from the common
/// `{ now: number }` bag itself (the hot path); otherwise `options` is the bag's JSON text. Without
/// either, `clock` says what time it is.
pub fn verify(
    verifier: &Verifier,
    token: &str,
    now: Option<f64>,
    options: Option<&str>,
    clock: &dyn Clock,
    complete: bool,
) -> Result<String, Failure> {
    let now = match now {
        Some(seconds) => Some(crate::host::unix_seconds(seconds, "now")?),
        None => call_options(&bag(options)?, NAMES)?,
    };
    let verified = verifier.verify_at(token, now.unwrap_or_else(|| clock.unix_seconds()))?;
    let claims = claims_text(&verified);
    Ok(if complete {
        header_and_claims_text(verified.header(), claims)
    } else {
        claims.to_owned()
    })
}

/// `decodeUnverified(token)` as `{"header":…,"claims":…}` JSON text.
pub fn decode(token: &str) -> Result<String, Error> {
    crate::decode::decode_unverified(token).map(|t| decoded_text(&t))
}

/// `Key.fromJwk(jwk)`: the caller's own JSON text (`text`: judged by the core's strict JWK parser,
/// so broken JSON or a duplicate member is `invalid_key`), or an object the JS layer encoded (a
/// conversion mistake in it is a `TypeError`).
pub fn key_from_jwk(jwk: &str, text: bool) -> Result<Key, Failure> {
    key_document(jwk, text, "jwk", Key::from_jwk, Key::from_jwk_map)
}

/// `KeySet.fromJwks(jwks, options)`, as [`key_from_jwk`] reads a JWK; `options` is the bag's JSON
/// text (absent: the defaults).
pub fn keyset_from_jwks(jwks: &str, text: bool, options: Option<&str>) -> Result<KeySet, Failure> {
    let options = keyset_options(&bag(options)?, NAMES)?;
    if !text {
        if let Value::Object(map) = value_from_json(jwks, "jwks", true)? {
            return Ok(KeySet::from_jwks_map_with(&map, &options)?);
        }
    }
    Ok(KeySet::from_jwks_with(jwks, &options)?)
}

/// A JWK or JWKS from the caller's text (the core's strict parser judges it) or from an encoded
/// object (parsed as host JSON first, so a conversion mistake names the argument).
fn key_document<T>(
    json: &str,
    text: bool,
    argument: &str,
    from_text: fn(&str) -> Result<T, Error>,
    from_map: fn(&Map<String, Value>) -> Result<T, Error>,
) -> Result<T, Failure> {
    if !text {
        if let Value::Object(map) = value_from_json(json, argument, true)? {
            return Ok(from_map(&map)?);
        }
    }
    Ok(from_text(json)?)
}

/// `sign(claims, key, algorithm, options)`, the claims and options as JSON text; `clock` stamps
/// `iat`/`exp` when the options ask for them without a `now`.
pub fn sign(
    claims: &str,
    key: &Key,
    algorithm: &str,
    options: Option<&str>,
    clock: &dyn Clock,
) -> Result<String, Failure> {
    let claims = canonical_object(claims, "claims")?;
    let mut options = sign_options(&bag(options)?, NAMES)?;
    if options.now.is_none() && (options.expires_in.is_some() || options.set_issued_at) {
        options.now = Some(clock.unix_seconds());
    }
    crate::sign::sign_json(claims, key, algorithm, &options).map_err(camel_failure)
}

/// The time rule for a JS date (`getTime() / 1000`), as a JS number; the encoder quotes the
/// error's message under the name of the member that held the date.
pub fn unix_seconds(seconds: f64) -> Result<f64, OptionsError> {
    // |seconds| ≤ 8.64e12 < 2^53: exact as a JS number.
    crate::host::unix_seconds(seconds, "now").map(|s| s as f64)
}

/// `new TokenService(config)`, the config (without `store`) as JSON text; `clock` is the host's
/// where the core has no system clock (wasm32); with `host_store`, every store request goes out to
/// the JS layer as a [`Step::Store`].
pub fn service(
    config: &str,
    clock: Option<Arc<dyn Clock>>,
    host_store: bool,
) -> Result<TokenService, Failure> {
    let mut config = service_config(&object_from_json(config, "config")?, NAMES)?;
    if let Some(clock) = clock {
        config = config.clock(clock);
    }
    if host_store {
        config = config.host_store();
    }
    TokenService::new(config).map_err(camel_failure)
}

/// `TokenService.fromEnv({ store })`: a service configured from the process environment (the
/// core reads it), with every store request going out to the JS layer when `host_store`. Not on
/// wasm32, which has no environment.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn service_from_env(host_store: bool) -> Result<TokenService, Failure> {
    let mut config = crate::service::ServiceConfig::from_env()?;
    if host_store {
        config = config.host_store();
    }
    TokenService::new(config)
}

/// `service.createAccessToken(userId, options)`.
pub fn create_access_token(
    service: &TokenService,
    user_id: &str,
    options: Option<&str>,
) -> Result<String, Failure> {
    let args = access_token_args(&bag(options)?, NAMES)?;
    service
        .create_access_token(
            user_id,
            args.email.as_deref(),
            &args.permissions,
            &args.extra,
            args.now,
        )
        .map_err(camel_failure)
}

pub use crate::host::Method;

/// A store-touching call, as the JS layer sees it: finished (the result's JSON text), or waiting
/// for the host store to perform a request ([`Pending::request_text`], then [`finish`]).
// A `Step` lives for one call and is matched at once: boxing the pending call would cost an
// allocation per store request for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Step {
    /// The result as JSON text.
    Done(String),
    /// Perform the request, then [`finish`].
    Store(Pending),
}

/// A call waiting for the host store.
#[derive(Debug)]
pub struct Pending {
    call: StoreCall,
    method: Method,
}

impl Pending {
    /// The request as the JSON text the host store receives (parsed by the JS layer).
    pub fn request_text(&self) -> String {
        self.call.request().to_value().to_string()
    }
}

/// The result JSON text of a finished call (the value [`Method::result`] gives).
fn outcome_text(method: Method, outcome: Result<Outcome, Failure>) -> Result<String, Failure> {
    Ok(match method.result(outcome)? {
        MethodResult::Verified(verified) => claims_text(&verified).to_owned(),
        MethodResult::UserId(sub) => json_text_of(&sub),
        MethodResult::Nothing => "null".to_owned(),
        MethodResult::Pair(pair) => {
            Value::from(vec![pair.access_token, pair.refresh_token]).to_string()
        }
        MethodResult::Revoked(revoked) => revoked.to_string(),
    })
}

fn json_text_of(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "null".to_owned())
}

fn step(method: Method, progress: Result<Progress, Failure>) -> Result<Step, Failure> {
    match progress.map_err(camel_failure) {
        Ok(Progress::Store(call)) => Ok(Step::Store(Pending { call, method })),
        Ok(Progress::Done(outcome)) => outcome_text(method, Ok(outcome)).map(Step::Done),
        Err(e) => outcome_text(method, Err(e)).map(Step::Done),
    }
}

/// `service.verify(token, tokenType, options)`, `validateToken` and `extractUserId` (which takes
/// no token type): the first step.
pub fn service_verify(
    service: &TokenService,
    method: Method,
    token: &str,
    kind: Option<&str>,
    options: Option<&str>,
) -> Result<Step, Failure> {
    let kind = method.token_type(kind, NAMES)?;
    let now = call_options(&bag(options)?, NAMES)?;
    step(method, service.start_verify(token, kind, now))
}

/// `service.login(userId, options)`: the first step.
pub fn login(
    service: &TokenService,
    user_id: &str,
    options: Option<&str>,
) -> Result<Step, Failure> {
    let args = access_token_args(&bag(options)?, NAMES)?;
    step(
        Method::Pair,
        service.start_login(user_id, args.claims(), args.now),
    )
}

/// `service.refresh(token, options)`: the first step.
pub fn refresh(
    service: &TokenService,
    token: &str,
    options: Option<&str>,
) -> Result<Step, Failure> {
    let args = refresh_args(&bag(options)?, NAMES)?;
    step(
        Method::Pair,
        service.start_refresh(token, args.update, args.now),
    )
}

/// `service.revoke(token, options)` (or with `logout`, `service.logout`): the first step.
pub fn revoke(
    service: &TokenService,
    token: &str,
    options: Option<&str>,
    logout: bool,
) -> Result<Step, Failure> {
    let now = call_options(&bag(options)?, NAMES)?;
    let progress = if logout {
        service.start_logout(token, now)
    } else {
        service.start_revoke(token, now)
    };
    step(Method::Revoke, progress)
}

/// `service.isRevoked(token, options)`: the first step.
pub fn is_revoked(
    service: &TokenService,
    token: &str,
    options: Option<&str>,
) -> Result<Step, Failure> {
    let now = call_options(&bag(options)?, NAMES)?;
    step(Method::IsRevoked, service.start_is_revoked(token, now))
}

/// The second step: the host store's reply as JSON text, or what went wrong (a throw, a rejected
/// Promise, a timeout) as a message; the result's JSON text.
pub fn finish(
    service: &TokenService,
    pending: Pending,
    reply: Result<&str, &str>,
) -> Result<String, Failure> {
    let Pending { call, method } = pending;
    let reply = match reply {
        Ok(text) => serde_json::from_str::<Value>(text)
            .map_err(|_| "the store's reply is not JSON".to_owned())
            .and_then(|value| call.request().reply_from_value(&value)),
        Err(message) => Err(message.to_owned()),
    };
    outcome_text(method, service.finish(call, reply))
}

/// A Redis store's command for a request (its JSON text), under `prefix`:
/// `{"sha", "script", "keys", "args"}` as JSON text.
pub fn redis_command(request: &str, prefix: &str) -> Result<String, Failure> {
    let request = request_from_text(request)?;
    let command = redis::command(&request, prefix);
    let mut map = Map::new();
    map.insert("sha".into(), command.script.sha1().into());
    map.insert("script".into(), command.script.source.into());
    map.insert("keys".into(), command.keys.into());
    map.insert("args".into(), command.args.into());
    Ok(Value::Object(map).to_string())
}

/// A Redis store's reply to a request: the script's raw reply (JSON text) as the reply object's
/// JSON text, or the message of why it is not one.
pub fn redis_reply(request: &str, raw: &str) -> Result<String, Failure> {
    let request = request_from_text(request)?;
    let raw: Value = serde_json::from_str(raw).unwrap_or(Value::Null);
    match redis::reply(&request, &raw) {
        Ok(reply) => Ok(reply.to_value().to_string()),
        Err(message) => Err(Error::new(crate::ErrorCode::StoreUnavailable, message).into()),
    }
}

/// A Redis key prefix: refused (as the `prefix` option) when it would change the hash tag.
pub fn redis_prefix(prefix: &str) -> Result<(), OptionsError> {
    redis::check_prefix(prefix).map_err(|message| {
        OptionsError::new("prefix", crate::error::OptionsErrorKind::Value, message)
    })
}

fn request_from_text(text: &str) -> Result<StoreRequest, Failure> {
    let value = value_from_json(text, "request", false)?;
    StoreRequest::from_value(&value).map_err(|message| {
        OptionsError::argument("request", crate::error::OptionsErrorKind::Value, message).into()
    })
}

/// `service.metrics()` as JSON text.
pub fn metrics(service: &TokenService) -> String {
    json_text(&service.metrics())
}

/// `service.health()` as JSON text.
pub fn health(service: &TokenService) -> String {
    json_text(&service.health())
}

/// `extractToken(headers, options)`, the headers (an object, or `[name, value]` pairs) and the
/// options as JSON text: `[token, source]` or `[token, source, echoProtocol]`, `None` when no
/// enabled place carries a token.
pub fn extract_token(headers: &str, options: Option<&str>) -> Result<Option<Vec<String>>, Failure> {
    let headers = headers_from_value(&value_from_json(headers, "headers", true)?)?;
    let args = crate::host::extract_args(&bag(options)?, NAMES)?;
    let found = extract(&headers, args.query_string.as_deref(), &args.options)?;
    Ok(found.map(|found| {
        let mut out = vec![found.token, found.source.as_str().to_owned()];
        out.extend(found.echo_protocol);
        out
    }))
}

/// `Key.generate(algorithm, options)`.
pub fn generate_key(algorithm: &str, options: Option<&str>) -> Result<Key, Failure> {
    crate::host::generate_key(algorithm, &bag(options)?, NAMES).map_err(camel_failure)
}

/// `key.toJwk(options)`: the JWK's JSON text.
pub fn key_jwk(key: &Key, options: Option<&str>) -> Result<String, Failure> {
    crate::host::key_jwk(key, &bag(options)?, NAMES).map(|jwk| json_text(&jwk))
}

/// `key.toPem(options)`: the PEM text.
pub fn key_pem(key: &Key, options: Option<&str>) -> Result<String, Failure> {
    crate::host::key_pem(key, &bag(options)?, NAMES)
}

/// `keySet.toJwks(options)`: the JWKS's JSON text.
pub fn keyset_jwks(set: &KeySet, options: Option<&str>) -> Result<String, Failure> {
    crate::host::keyset_jwks(set, &bag(options)?, NAMES).map(|jwks| json_text(&jwks))
}

/// `service.rotateKey(key, options)`.
pub fn rotate_key(service: &TokenService, key: &Key, options: Option<&str>) -> Result<(), Failure> {
    let now = call_options(&bag(options)?, NAMES)?;
    service.rotate_key(key.clone(), now)
}

/// `service.jwks(options)`: the JWKS's JSON text.
pub fn service_jwks(service: &TokenService, options: Option<&str>) -> Result<String, Failure> {
    crate::host::service_jwks(service, &bag(options)?, NAMES).map(|jwks| json_text(&jwks))
}
