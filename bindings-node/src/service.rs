//! Service: the native `TokenService` class and `extractToken` (wrapped by the public ones in
//! js/index.mjs), over `onejwt::TokenService` and `onejwt::extract_token`.
//!
//! A host revocation store is a JS object, which cannot be shared across threads as the core's
//! `RevocationStore` (Send + Sync) requires. So it is never kept here: the JS layer passes a
//! bridge `{ isRevoked(jti), revoke(jti, expiresAt) }` with every call that consults revocations,
//! and the binding lends it to the core for that call only (`TokenService::with_store`, whose
//! `LocalRevocationStore` needs neither). A store that throws, or answers with anything but a
//! boolean, is an error message to the core, which fails closed (`revoked`).

use napi::bindgen_prelude::{
    FnArgs, FromNapiValue, Function, JsObjectValue, JsValue, Object, Unknown,
};
use napi::{Env, ValueType};
use napi_derive::napi;
use onejwt::{ExtractOptions, LocalRevocationStore, OptionNames, ServiceConfig, TokenType};
use serde_json::{Map, Value};

use crate::convert;
use crate::errors::{argument_type_error, jwt_error, option_type_error, sign_error};

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
#[napi(js_name = "TokenService")]
pub struct JsTokenService {
    inner: onejwt::TokenService,
}

#[napi]
impl JsTokenService {
    /// `config` holds the camelCase service options (`secretKey`, `issuer`, …) without
    /// `revocationStore`, which the JS layer keeps; the core validates every option.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, config: Unknown<'_>) -> napi::Result<JsTokenService> {
        if !convert::is_object(config)? {
            return Err(argument_type_error(&env, "config", "must be an object"));
        }
        let mut map = Map::new();
        for (name, value) in convert::members(config)? {
            let value = convert::to_json(value).map_err(|f| f.into_napi(&env, &name, true))?;
            if let Some(value) = value {
                map.insert(name, value);
            }
        }
        ServiceConfig::from_map(&map, OptionNames::CamelCase)
            .and_then(onejwt::TokenService::new)
            .map(|inner| JsTokenService { inner })
            .map_err(|e| sign_error(&env, &e))
    }

    /// A service configured from the process environment (`JWT_SECRET_KEY`, …; core's `from_env`).
    #[napi(factory, js_name = "fromEnv", catch_unwind)]
    pub fn from_env(env: Env) -> napi::Result<JsTokenService> {
        onejwt::TokenService::from_env()
            .map(|inner| JsTokenService { inner })
            .map_err(|e| sign_error(&env, &e))
    }

    /// Issues an access token (the members of the public call's options, already named).
    #[napi(js_name = "createAccessToken", catch_unwind)]
    pub fn create_access_token(
        &self,
        env: Env,
        user_id: Unknown<'_>,
        email: Option<Unknown<'_>>,
        permissions: Option<Unknown<'_>>,
        extra: Option<Unknown<'_>>,
        now: Option<Unknown<'_>>,
    ) -> napi::Result<String> {
        let user_id = user_id_of(&env, user_id)?;
        let email = match email {
            None => None,
            Some(value) => match convert::string(value)? {
                Some(text) => Some(text),
                None => return Err(option_type_error(&env, "email", "must be a string")),
            },
        };
        let permissions = permissions_of(&env, permissions)?;
        let extra = extra_of(&env, extra)?;
        let now = time_of(&env, now)?;
        self.inner
            .create_access_token(&user_id, email.as_deref(), &permissions, &extra, now)
            .map_err(|e| sign_error(&env, &e))
    }

    /// Issues a refresh token.
    #[napi(js_name = "createRefreshToken", catch_unwind)]
    pub fn create_refresh_token(
        &self,
        env: Env,
        user_id: Unknown<'_>,
        extra: Option<Unknown<'_>>,
        now: Option<Unknown<'_>>,
    ) -> napi::Result<String> {
        let user_id = user_id_of(&env, user_id)?;
        let extra = extra_of(&env, extra)?;
        let now = time_of(&env, now)?;
        self.inner
            .create_refresh_token(&user_id, &extra, now)
            .map_err(|e| sign_error(&env, &e))
    }

    /// Verifies `token` as `tokenType` (`undefined`: the core's default); the claims as JSON text.
    #[napi(js_name = "verifyJson", catch_unwind)]
    pub fn verify_json(
        &self,
        env: Env,
        token: Unknown<'_>,
        token_type: Option<Unknown<'_>>,
        now: Option<Unknown<'_>>,
        store: Option<Object<'_>>,
    ) -> napi::Result<String> {
        let token = token_of(&env, token)?;
        let token_type = token_type_of(&env, token_type)?;
        let now = time_of(&env, now)?;
        let store = HostStore::lend(&env, store)?;
        let verified = with_store!(self.inner, store, |s| s.verify(&token, token_type, now))
            .map_err(|e| jwt_error(&env, &e))?;
        convert::claims_text(&verified).map(str::to_owned)
    }

    /// The claims of a valid token as JSON text, or `null`. A value that is not a string is no
    /// token: the core judges it as an empty one (malformed, counted in the metrics).
    #[napi(js_name = "validateTokenJson", catch_unwind)]
    pub fn validate_token_json(
        &self,
        env: Env,
        token: Unknown<'_>,
        token_type: Option<Unknown<'_>>,
        now: Option<Unknown<'_>>,
        store: Option<Object<'_>>,
    ) -> napi::Result<Option<String>> {
        let token = convert::string(token)?.unwrap_or_default();
        let token_type = token_type_of(&env, token_type)?;
        let now = time_of(&env, now)?;
        let store = HostStore::lend(&env, store)?;
        with_store!(self.inner, store, |s| s
            .validate_token(&token, token_type, now))
        .map(|claims| convert::json_text(&claims))
        .transpose()
    }

    /// The `sub` of a verified access token, or `null` (non-strings as in `validateTokenJson`).
    #[napi(js_name = "extractUserId", catch_unwind)]
    pub fn extract_user_id(
        &self,
        env: Env,
        token: Unknown<'_>,
        now: Option<Unknown<'_>>,
        store: Option<Object<'_>>,
    ) -> napi::Result<Option<String>> {
        let token = convert::string(token)?.unwrap_or_default();
        let now = time_of(&env, now)?;
        let store = HostStore::lend(&env, store)?;
        Ok(with_store!(self.inner, store, |s| s.extract_user_id(&token, now)))
    }

    /// Exchanges a refresh token: `[accessToken, refreshToken]`.
    #[napi(catch_unwind)]
    pub fn refresh(
        &self,
        env: Env,
        token: Unknown<'_>,
        now: Option<Unknown<'_>>,
        store: Option<Object<'_>>,
    ) -> napi::Result<Vec<String>> {
        let token = token_of(&env, token)?;
        let now = time_of(&env, now)?;
        let store = HostStore::lend(&env, store)?;
        let pair = with_store!(self.inner, store, |s| s.refresh(&token, now))
            .map_err(|e| sign_error(&env, &e))?;
        Ok(vec![pair.access_token, pair.refresh_token])
    }

    /// Revokes a (verifying) token until it expires.
    #[napi(catch_unwind)]
    pub fn revoke(
        &self,
        env: Env,
        token: Unknown<'_>,
        now: Option<Unknown<'_>>,
        store: Option<Object<'_>>,
    ) -> napi::Result<()> {
        let token = token_of(&env, token)?;
        let now = time_of(&env, now)?;
        let store = HostStore::lend(&env, store)?;
        with_store!(self.inner, store, |s| s.revoke(&token, now)).map_err(|e| jwt_error(&env, &e))
    }

    /// Whether a (verifying) token has been revoked.
    #[napi(js_name = "isRevoked", catch_unwind)]
    pub fn is_revoked(
        &self,
        env: Env,
        token: Unknown<'_>,
        now: Option<Unknown<'_>>,
        store: Option<Object<'_>>,
    ) -> napi::Result<bool> {
        let token = token_of(&env, token)?;
        let now = time_of(&env, now)?;
        let store = HostStore::lend(&env, store)?;
        with_store!(self.inner, store, |s| s.is_revoked(&token, now))
            .map_err(|e| jwt_error(&env, &e))
    }

    /// Every counter as JSON text.
    #[napi(js_name = "metricsJson", catch_unwind)]
    pub fn metrics_json(&self) -> napi::Result<String> {
        convert::json_text(&self.inner.metrics())
    }

    /// The counters in the Prometheus text exposition format.
    #[napi(js_name = "metricsText", catch_unwind)]
    pub fn metrics_text(&self) -> String {
        self.inner.metrics_text()
    }

    /// Status, algorithm, issuing ability, cache size and metrics as JSON text.
    #[napi(js_name = "healthJson", catch_unwind)]
    pub fn health_json(&self) -> napi::Result<String> {
        convert::json_text(&self.inner.health())
    }
}

/// Finds the token in a request: `headers` is an object of names to a string (or an array of
/// strings), or an array of `[name, value]` pairs; the other arguments are the public options'
/// members. `[token, source]` or `[token, source, echoProtocol]`, `null` when none is found.
#[napi(js_name = "extractToken", catch_unwind)]
pub fn extract_token(
    env: Env,
    headers: Unknown<'_>,
    query_string: Option<Unknown<'_>>,
    bearer: Option<Unknown<'_>>,
    websocket_protocol: Option<Unknown<'_>>,
    cookie: Option<Unknown<'_>>,
    query: Option<Unknown<'_>>,
) -> napi::Result<Option<Vec<String>>> {
    let headers = headers_of(&env, headers)?;
    let query_string = optional_string(&env, "queryString", query_string)?;
    let mut options = ExtractOptions::default();
    if let Some(flag) = optional_bool(&env, "bearer", bearer)? {
        options.bearer = flag;
    }
    if let Some(flag) = optional_bool(&env, "websocketProtocol", websocket_protocol)? {
        options.websocket_protocol = flag;
    }
    options.cookie = optional_string(&env, "cookie", cookie)?;
    options.query = optional_string(&env, "query", query)?;
    let found = onejwt::extract_token(&headers, query_string.as_deref(), &options)
        .map_err(|e| jwt_error(&env, &e))?;
    Ok(found.map(|found| {
        let mut out = vec![found.token, found.source.as_str().to_owned()];
        out.extend(found.echo_protocol);
        out
    }))
}

/// The JS layer's revocation bridge, lent to the core for one call.
struct HostStore<'s> {
    is_revoked: Function<'s, String, Unknown<'s>>,
    revoke: Function<'s, FnArgs<(String, i64)>, Unknown<'s>>,
}

impl<'s> HostStore<'s> {
    fn lend(env: &Env, store: Option<Object<'s>>) -> napi::Result<Option<HostStore<'s>>> {
        let Some(store) = store else {
            return Ok(None);
        };
        let functions = store
            .get_named_property::<Function<'s, String, Unknown<'s>>>("isRevoked")
            .and_then(|is_revoked| Ok((is_revoked, store.get_named_property("revoke")?)));
        match functions {
            Ok((is_revoked, revoke)) => Ok(Some(HostStore { is_revoked, revoke })),
            Err(_) => Err(argument_type_error(
                env,
                "store",
                "must have isRevoked and revoke functions",
            )),
        }
    }
}

/// What a store call threw, as the message the core quotes (it keeps the first 32 characters).
fn thrown_message(e: &napi::Error) -> String {
    if e.reason.is_empty() {
        "the store threw".to_owned()
    } else {
        e.reason.clone()
    }
}

impl LocalRevocationStore for HostStore<'_> {
    fn is_revoked(&self, jti: &str, _now: i64) -> Result<bool, String> {
        // `call` clears a JS exception and hands it back as the error (never left pending).
        let answer = self
            .is_revoked
            .call(jti.to_owned())
            .map_err(|e| thrown_message(&e))?;
        match answer.get_type().map_err(|e| thrown_message(&e))? {
            ValueType::Boolean => bool::from_unknown(answer).map_err(|e| thrown_message(&e)),
            ValueType::Object if answer.is_promise().unwrap_or(false) => {
                Err("isRevoked returned a Promise".to_owned())
            }
            _ => Err("isRevoked must return a boolean".to_owned()),
        }
    }

    fn revoke(&self, jti: &str, expires_at: i64, _now: i64) -> Result<(), String> {
        let answer = self
            .revoke
            .call(FnArgs::from((jti.to_owned(), expires_at)))
            .map_err(|e| thrown_message(&e))?;
        // An async store would lose a rejected revocation silently: refused.
        if answer.get_type().map_err(|e| thrown_message(&e))? == ValueType::Object
            && answer.is_promise().unwrap_or(false)
        {
            return Err("revoke returned a Promise".to_owned());
        }
        Ok(())
    }
}

fn user_id_of(env: &Env, value: Unknown<'_>) -> napi::Result<String> {
    match convert::string(value)? {
        Some(text) => Ok(text),
        None => Err(argument_type_error(env, "userId", "must be a string")),
    }
}

fn token_of(env: &Env, value: Unknown<'_>) -> napi::Result<String> {
    match convert::string(value)? {
        Some(text) => Ok(text),
        None => Err(argument_type_error(env, "token", "must be a string")),
    }
}

/// The `tokenType` argument; `undefined`/`null` is the core's default (`TokenType::default`).
fn token_type_of(env: &Env, value: Option<Unknown<'_>>) -> napi::Result<TokenType> {
    let Some(value) = value else {
        return Ok(TokenType::default());
    };
    let parsed = convert::string(value)?.map(|name| TokenType::parse(&name));
    match parsed {
        Some(Ok(token_type)) => Ok(token_type),
        Some(Err(e)) => Err(argument_type_error(env, "tokenType", e.message())),
        None => Err(argument_type_error(
            env,
            "tokenType",
            "must be \"access\" or \"refresh\"",
        )),
    }
}

/// The `now` option as Unix seconds; `None` means the service's clock.
fn time_of(env: &Env, now: Option<Unknown<'_>>) -> napi::Result<Option<i64>> {
    let Some(now) = now else {
        return Ok(None);
    };
    match convert::unix_seconds(now)? {
        Some(seconds) => Ok(Some(seconds)),
        None => Err(option_type_error(
            env,
            "now",
            "must be Unix seconds (a finite number) or a valid Date",
        )),
    }
}

fn permissions_of(env: &Env, value: Option<Unknown<'_>>) -> napi::Result<Vec<String>> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let message = "must be an array of strings";
    if !value.is_array()? {
        return Err(option_type_error(env, "permissions", message));
    }
    match convert::to_json(value).map_err(|f| f.into_napi(env, "permissions", true))? {
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|item| match item {
                Value::String(text) => Ok(text),
                _ => Err(option_type_error(env, "permissions", message)),
            })
            .collect(),
        _ => Err(option_type_error(env, "permissions", message)),
    }
}

fn extra_of(env: &Env, value: Option<Unknown<'_>>) -> napi::Result<Map<String, Value>> {
    let Some(value) = value else {
        return Ok(Map::new());
    };
    if !convert::is_object(value)? {
        return Err(option_type_error(env, "extra", "must be an object"));
    }
    convert::to_json_object(value).map_err(|f| f.into_napi(env, "extra", true))
}

fn optional_string(
    env: &Env,
    option: &str,
    value: Option<Unknown<'_>>,
) -> napi::Result<Option<String>> {
    let Some(value) = value else {
        return Ok(None);
    };
    match convert::string(value)? {
        Some(text) => Ok(Some(text)),
        None => Err(option_type_error(env, option, "must be a string")),
    }
}

fn optional_bool(
    env: &Env,
    option: &str,
    value: Option<Unknown<'_>>,
) -> napi::Result<Option<bool>> {
    let Some(value) = value else {
        return Ok(None);
    };
    if value.get_type()? == ValueType::Boolean {
        bool::from_unknown(value).map(Some)
    } else {
        Err(option_type_error(env, option, "must be a boolean"))
    }
}

/// Request headers as (name, value) pairs, in order.
fn headers_of(env: &Env, value: Unknown<'_>) -> napi::Result<Vec<(String, String)>> {
    let pair_message = "each entry must be a [name, value] pair of strings";
    let mut out = Vec::new();
    if value.is_array()? {
        let array = Object::from_unknown(value)?;
        for index in 0..array.get_array_length()? {
            let entry = array.get_element::<Unknown<'_>>(index)?;
            let pair = if entry.is_array()? {
                let entry = Object::from_unknown(entry)?;
                if entry.get_array_length()? == 2 {
                    let name = convert::string(entry.get_element::<Unknown<'_>>(0)?)?;
                    let value = convert::string(entry.get_element::<Unknown<'_>>(1)?)?;
                    name.zip(value)
                } else {
                    None
                }
            } else {
                None
            };
            match pair {
                Some(pair) => out.push(pair),
                None => return Err(argument_type_error(env, "headers", pair_message)),
            }
        }
        return Ok(out);
    }
    if !convert::is_object(value)? {
        return Err(argument_type_error(
            env,
            "headers",
            "must be an object of header names to values, or an array of [name, value] pairs",
        ));
    }
    let value_message = "a header value must be a string or an array of strings";
    for (name, member) in convert::members(value)? {
        if let Some(text) = convert::string(member)? {
            out.push((name, text));
        } else if member.is_array()? {
            let values = Object::from_unknown(member)?;
            for index in 0..values.get_array_length()? {
                match convert::string(values.get_element::<Unknown<'_>>(index)?)? {
                    Some(text) => out.push((name.clone(), text)),
                    None => return Err(argument_type_error(env, "headers", value_message)),
                }
            }
        } else {
            return Err(argument_type_error(env, "headers", value_message));
        }
    }
    Ok(out)
}
