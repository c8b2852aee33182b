//! Service: the raw `RawTokenService` class and `extractToken` over `onejwt::TokenService` and
//! `onejwt::extract_token`; `api.mjs` exposes them as `TokenService` and `extractToken`.
//!
//! The service reads time from [`HostClock`] (`Date.now()`), installed at construction. A host
//! revocation store is a JS object, never kept here: `api.mjs` passes a bridge
//! `{ isRevoked(jti), revoke(jti, expiresAt) }` with every call that consults revocations, and it
//! is lent to the core for that call (`TokenService::with_store`). Every call into it is
//! `catch`ing, so a throwing store is an error message to the core, which fails closed (`revoked`).

use std::sync::Arc;

use js_sys::{Function, Promise, Reflect};
use onejwt::{ExtractOptions, LocalRevocationStore, OptionNames, ServiceConfig, TokenType};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::clock::{self, HostClock};
use crate::convert::claims_text;
use crate::convert::{self, is_object, json_text, members};
use crate::errors::{argument_type_error, jwt_error, option_type_error, sign_error};

#[wasm_bindgen]
extern "C" {
    // `Array.isArray` with `catch` (it throws for a revoked Proxy; see convert.rs).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;
}

fn is_array(value: &JsValue) -> bool {
    array_is_array(value).unwrap_or(false)
}

/// Runs `$body` with `$s` bound to the service itself, or to the service lending `$store` (a
/// [`HostStore`]) when the caller configured one: the two expose the same methods.
macro_rules! with_store {
    ($service:expr, $store:expr, |$s:ident| $body:expr) => {
        match $store {
            Some(store) => {
                let lent = $service.with_store(&store);
                let $s = &lent;
                $body
            }
            None => {
                let $s = &$service;
                $body
            }
        }
    };
}

/// Issues, verifies, refreshes and revokes tokens for one service (`onejwt::TokenService`).
#[wasm_bindgen(js_name = RawTokenService)]
pub struct JsTokenService {
    inner: onejwt::TokenService,
}

#[wasm_bindgen(js_class = RawTokenService)]
impl JsTokenService {
    /// `config` holds the camelCase service options without `revocationStore` (kept by
    /// `api.mjs`); the core validates every option.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<JsTokenService, JsValue> {
        let map = convert::options_map(&config, "config")?;
        ServiceConfig::from_map(&map, OptionNames::CamelCase)
            .and_then(|config| onejwt::TokenService::new(config.clock(Arc::new(HostClock))))
            .map(|inner| JsTokenService { inner })
            .map_err(sign_error)
    }

    /// Issues an access token (the members of the public call's options, already named).
    #[wasm_bindgen(js_name = createAccessToken)]
    pub fn create_access_token(
        &self,
        user_id: JsValue,
        email: JsValue,
        permissions: JsValue,
        extra: JsValue,
        now: JsValue,
    ) -> Result<String, JsValue> {
        let user_id = convert::string(&user_id, "userId")?;
        let email = optional_string("email", &email)?;
        let permissions = permissions_of(&permissions)?;
        let extra = extra_of(&extra)?;
        let now = clock::given(&now)?;
        self.inner
            .create_access_token(&user_id, email.as_deref(), &permissions, &extra, now)
            .map_err(sign_error)
    }

    /// Issues a refresh token.
    #[wasm_bindgen(js_name = createRefreshToken)]
    pub fn create_refresh_token(
        &self,
        user_id: JsValue,
        extra: JsValue,
        now: JsValue,
    ) -> Result<String, JsValue> {
        let user_id = convert::string(&user_id, "userId")?;
        let extra = extra_of(&extra)?;
        let now = clock::given(&now)?;
        self.inner
            .create_refresh_token(&user_id, &extra, now)
            .map_err(sign_error)
    }

    /// Verifies `token` as `tokenType` (`undefined`: the core's default); the claims as JSON text.
    #[wasm_bindgen(js_name = verifyJson)]
    pub fn verify_json(
        &self,
        token: JsValue,
        token_type: JsValue,
        now: JsValue,
        store: JsValue,
    ) -> Result<String, JsValue> {
        let token = convert::string(&token, "token")?;
        let token_type = token_type_of(&token_type)?;
        let now = clock::given(&now)?;
        let store = HostStore::lend(&store)?;
        let verified = with_store!(self.inner, store, |s| s.verify(&token, token_type, now))
            .map_err(jwt_error)?;
        claims_text(&verified).map(str::to_owned)
    }

    /// The claims of a valid token as JSON text, or `null`. A value that is not a string is no
    /// token: the core judges it as an empty one (malformed, counted in the metrics).
    #[wasm_bindgen(js_name = validateTokenJson)]
    pub fn validate_token_json(
        &self,
        token: JsValue,
        token_type: JsValue,
        now: JsValue,
        store: JsValue,
    ) -> Result<Option<String>, JsValue> {
        let token = token.as_string().unwrap_or_default();
        let token_type = token_type_of(&token_type)?;
        let now = clock::given(&now)?;
        let store = HostStore::lend(&store)?;
        // `verify(…).ok()` is what `validate_token` does; the claims then go out as the text
        // that was signed, as `verifyJson` and the `Verifier`'s do (no re-serialisation).
        with_store!(self.inner, store, |s| s.verify(&token, token_type, now))
            .ok()
            .map(|verified| claims_text(&verified).map(str::to_owned))
            .transpose()
    }

    /// The `sub` of a verified access token, or `null` (non-strings as in `validateTokenJson`).
    #[wasm_bindgen(js_name = extractUserId)]
    pub fn extract_user_id(
        &self,
        token: JsValue,
        now: JsValue,
        store: JsValue,
    ) -> Result<Option<String>, JsValue> {
        let token = token.as_string().unwrap_or_default();
        let now = clock::given(&now)?;
        let store = HostStore::lend(&store)?;
        Ok(with_store!(self.inner, store, |s| s.extract_user_id(&token, now)))
    }

    /// Exchanges a refresh token: `[accessToken, refreshToken]`.
    pub fn refresh(
        &self,
        token: JsValue,
        now: JsValue,
        store: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let token = convert::string(&token, "token")?;
        let now = clock::given(&now)?;
        let store = HostStore::lend(&store)?;
        let pair =
            with_store!(self.inner, store, |s| s.refresh(&token, now)).map_err(sign_error)?;
        Ok(vec![pair.access_token, pair.refresh_token])
    }

    /// Revokes a (verifying) token until it expires.
    pub fn revoke(&self, token: JsValue, now: JsValue, store: JsValue) -> Result<(), JsValue> {
        let token = convert::string(&token, "token")?;
        let now = clock::given(&now)?;
        let store = HostStore::lend(&store)?;
        with_store!(self.inner, store, |s| s.revoke(&token, now)).map_err(jwt_error)
    }

    /// Whether a (verifying) token has been revoked.
    #[wasm_bindgen(js_name = isRevoked)]
    pub fn is_revoked(
        &self,
        token: JsValue,
        now: JsValue,
        store: JsValue,
    ) -> Result<bool, JsValue> {
        let token = convert::string(&token, "token")?;
        let now = clock::given(&now)?;
        let store = HostStore::lend(&store)?;
        with_store!(self.inner, store, |s| s.is_revoked(&token, now)).map_err(jwt_error)
    }

    /// Every counter as JSON text.
    #[wasm_bindgen(js_name = metricsJson)]
    pub fn metrics_json(&self) -> Result<String, JsValue> {
        json_text(&self.inner.metrics())
    }

    /// The counters in the Prometheus text exposition format.
    #[wasm_bindgen(js_name = metricsText)]
    pub fn metrics_text(&self) -> String {
        self.inner.metrics_text()
    }

    /// Status, algorithm, issuing ability, cache size and metrics as JSON text.
    #[wasm_bindgen(js_name = healthJson)]
    pub fn health_json(&self) -> Result<String, JsValue> {
        json_text(&self.inner.health())
    }
}

/// Finds the token in a request: `headers` is an object of names to a string (or an array of
/// strings), or an array of `[name, value]` pairs; the other arguments are the public options'
/// members. `[token, source]` or `[token, source, echoProtocol]`, `null` when none is found.
#[wasm_bindgen(js_name = extractToken)]
pub fn extract_token(
    headers: JsValue,
    query_string: JsValue,
    bearer: JsValue,
    websocket_protocol: JsValue,
    cookie: JsValue,
    query: JsValue,
) -> Result<Option<Vec<String>>, JsValue> {
    let headers = headers_of(&headers)?;
    let query_string = optional_string("queryString", &query_string)?;
    let mut options = ExtractOptions::default();
    if let Some(flag) = optional_bool("bearer", &bearer)? {
        options.bearer = flag;
    }
    if let Some(flag) = optional_bool("websocketProtocol", &websocket_protocol)? {
        options.websocket_protocol = flag;
    }
    options.cookie = optional_string("cookie", &cookie)?;
    options.query = optional_string("query", &query)?;
    let found =
        onejwt::extract_token(&headers, query_string.as_deref(), &options).map_err(jwt_error)?;
    Ok(found.map(|found| {
        let mut out = vec![found.token, found.source.as_str().to_owned()];
        out.extend(found.echo_protocol);
        out
    }))
}

/// The JS layer's revocation bridge, lent to the core for one call.
struct HostStore {
    is_revoked: Function,
    revoke: Function,
}

impl HostStore {
    fn lend(store: &JsValue) -> Result<Option<HostStore>, JsValue> {
        if store.is_undefined() || store.is_null() {
            return Ok(None);
        }
        let function = |name: &str| {
            Reflect::get(store, &JsValue::from_str(name))
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
        };
        match (function("isRevoked"), function("revoke")) {
            (Some(is_revoked), Some(revoke)) => Ok(Some(HostStore { is_revoked, revoke })),
            _ => Err(argument_type_error(
                "store",
                "must have isRevoked and revoke functions",
            )),
        }
    }
}

/// What a store call threw, as the message the core quotes (it keeps the first 32 characters):
/// `Name: message` for an Error, as `String(error)` reads, else the thrown string.
fn thrown_message(thrown: &JsValue) -> String {
    if let Some(error) = thrown.dyn_ref::<js_sys::Error>() {
        let name = String::from(error.name());
        let message = String::from(error.message());
        return match (name.is_empty(), message.is_empty()) {
            (_, true) => name,
            (true, false) => message,
            (false, false) => format!("{name}: {message}"),
        };
    }
    thrown
        .as_string()
        .unwrap_or_else(|| "the store threw".to_owned())
}

impl LocalRevocationStore for HostStore {
    fn is_revoked(&self, jti: &str, _now: i64) -> Result<bool, String> {
        let answer = self
            .is_revoked
            .call1(&JsValue::UNDEFINED, &JsValue::from_str(jti))
            .map_err(|e| thrown_message(&e))?;
        match answer.as_bool() {
            Some(flag) => Ok(flag),
            None if answer.is_instance_of::<Promise>() => {
                Err("isRevoked returned a Promise".to_owned())
            }
            None => Err("isRevoked must return a boolean".to_owned()),
        }
    }

    fn revoke(&self, jti: &str, expires_at: i64, _now: i64) -> Result<(), String> {
        let answer = self
            .revoke
            .call2(
                &JsValue::UNDEFINED,
                &JsValue::from_str(jti),
                &JsValue::from_f64(expires_at as f64),
            )
            .map_err(|e| thrown_message(&e))?;
        // An async store would lose a rejected revocation silently: refused.
        if answer.is_instance_of::<Promise>() {
            return Err("revoke returned a Promise".to_owned());
        }
        Ok(())
    }
}

/// The `tokenType` argument; `undefined`/`null` is the core's default (`TokenType::default`).
fn token_type_of(value: &JsValue) -> Result<TokenType, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(TokenType::default());
    }
    match value.as_string().map(|name| TokenType::parse(&name)) {
        Some(Ok(token_type)) => Ok(token_type),
        Some(Err(e)) => Err(argument_type_error("tokenType", e.message())),
        None => Err(argument_type_error(
            "tokenType",
            "must be \"access\" or \"refresh\"",
        )),
    }
}

fn optional_string(option: &str, value: &JsValue) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    match value.as_string() {
        Some(text) => Ok(Some(text)),
        None => Err(option_type_error(option, "must be a string")),
    }
}

fn optional_bool(option: &str, value: &JsValue) -> Result<Option<bool>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    match value.as_bool() {
        Some(flag) => Ok(Some(flag)),
        None => Err(option_type_error(option, "must be a boolean")),
    }
}

fn permissions_of(value: &JsValue) -> Result<Vec<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let message = "must be an array of strings";
    if !is_array(value) {
        return Err(option_type_error("permissions", message));
    }
    match convert::to_json(value) {
        Ok(Some(Value::Array(items))) => items
            .into_iter()
            .map(|item| match item {
                Value::String(text) => Ok(text),
                _ => Err(option_type_error("permissions", message)),
            })
            .collect(),
        Ok(_) => Err(option_type_error("permissions", message)),
        Err(failure) => Err(failure.into_js("permissions", true)),
    }
}

fn extra_of(value: &JsValue) -> Result<Map<String, Value>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Map::new());
    }
    if !is_object(value) {
        return Err(option_type_error("extra", "must be an object"));
    }
    match convert::to_json(value) {
        Ok(Some(Value::Object(map))) => Ok(map),
        Ok(_) => Err(option_type_error("extra", "must be an object")),
        Err(failure) => Err(failure.into_js("extra", true)),
    }
}

/// The elements of a JS array (read with `catch`ing `Reflect.get`: a Proxy may throw).
fn elements(list: &JsValue) -> Result<Vec<JsValue>, JsValue> {
    let length = Reflect::get(list, &JsValue::from_str("length"))?
        .as_f64()
        .unwrap_or(0.0);
    // An array's length is a whole number below 2^32 (a Proxy could claim otherwise: clamp).
    let length = length.clamp(0.0, f64::from(u32::MAX)) as u32;
    (0..length)
        .map(|index| Reflect::get(list, &JsValue::from(index)))
        .collect()
}

/// Request headers as (name, value) pairs, in order.
fn headers_of(value: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    let mut out = Vec::new();
    if is_array(value) {
        for entry in elements(value)? {
            let pair = if is_array(&entry) {
                match elements(&entry)?.as_slice() {
                    [name, value] => name.as_string().zip(value.as_string()),
                    _ => None,
                }
            } else {
                None
            };
            match pair {
                Some(pair) => out.push(pair),
                None => {
                    return Err(argument_type_error(
                        "headers",
                        "each entry must be a [name, value] pair of strings",
                    ))
                }
            }
        }
        return Ok(out);
    }
    if !is_object(value) {
        return Err(argument_type_error(
            "headers",
            "must be an object of header names to values, or an array of [name, value] pairs",
        ));
    }
    let value_message = "a header value must be a string or an array of strings";
    for (name, member) in members(value)? {
        if let Some(text) = member.as_string() {
            out.push((name, text));
        } else if is_array(&member) {
            for item in elements(&member)? {
                match item.as_string() {
                    Some(text) => out.push((name.clone(), text)),
                    None => return Err(argument_type_error("headers", value_message)),
                }
            }
        } else {
            return Err(argument_type_error("headers", value_message));
        }
    }
    Ok(out)
}
