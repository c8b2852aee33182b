//! Service: the native `TokenService` class, its `Pending` store calls, `extractToken` and the Redis
//! store's helpers behind the public ones (bindings-js/src/service.mjs, redis-store.mjs), over
//! `onejwt::host::js`.
//!
//! A host session store is a JS object whose answers may be Promises, so the core never calls it:
//! a store-touching method returns either its result (JSON text) or a `Pending` call whose
//! `request()` the JS layer performs on its store, handing the reply (or what went wrong) to
//! `finish`. No JS runs inside a native call, and nothing here waits.

use napi::bindgen_prelude::Either;
use napi::Env;
use napi_derive::napi;
use onejwt::host::js::{self, Method, Pending, Step};
use onejwt::service::TokenService;
use onejwt::Failure;

use crate::errors::{type_error, OrThrow};
use crate::key::JsKey;

/// A store-touching call's first step: its result's JSON text, or the call waiting for the store.
type Started = Either<String, JsPending>;

fn started(env: &Env, step: Result<Step, Failure>) -> napi::Result<Started> {
    match step.or_throw(env)? {
        Step::Done(text) => Ok(Either::A(text)),
        Step::Store(pending) => Ok(Either::B(JsPending {
            inner: Some(pending),
        })),
    }
}

/// Issues, verifies, refreshes and revokes tokens for one service (`onejwt::service::TokenService`).
#[napi(js_name = "TokenService")]
pub struct JsTokenService {
    inner: TokenService,
}

/// A service call waiting for the host store: perform `request()`, then `service.finish(this, …)`.
#[napi(js_name = "Pending")]
pub struct JsPending {
    /// Taken by `finish`: a call finishes once.
    inner: Option<Pending>,
}

#[napi]
impl JsPending {
    /// The store request's JSON text (`{"op": …}`), or `null` once finished.
    #[napi(catch_unwind)]
    pub fn request(&self) -> Option<String> {
        self.inner.as_ref().map(Pending::request_text)
    }
}

#[napi]
impl JsTokenService {
    /// `config` is the JSON text of the camelCase options, without `store`; with `hostStore`, every
    /// store request goes out to the JS layer.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, config: String, host_store: bool) -> napi::Result<JsTokenService> {
        js::service(&config, None, host_store)
            .or_throw(&env)
            .map(|inner| JsTokenService { inner })
    }

    /// A service configured from the process environment (`JWT_SECRET_KEY`, …), read by the core.
    #[napi(factory, js_name = "fromEnv", catch_unwind)]
    pub fn from_env(env: Env, host_store: bool) -> napi::Result<JsTokenService> {
        js::service_from_env(host_store)
            .or_throw(&env)
            .map(|inner| JsTokenService { inner })
    }

    /// Issues an access token (no session, no store).
    #[napi(js_name = "createAccessToken", catch_unwind)]
    pub fn create_access_token(
        &self,
        env: Env,
        user_id: String,
        options: Option<String>,
    ) -> napi::Result<String> {
        js::create_access_token(&self.inner, &user_id, options.as_deref()).or_throw(&env)
    }

    /// Verifies `token` as `tokenType`: the claims' JSON text, or the pending store check.
    #[napi(catch_unwind)]
    pub fn verify(
        &self,
        env: Env,
        token: String,
        token_type: Option<String>,
        options: Option<String>,
    ) -> napi::Result<Started> {
        let step = js::service_verify(
            &self.inner,
            Method::Verify,
            &token,
            token_type.as_deref(),
            options.as_deref(),
        );
        started(&env, step)
    }

    /// As `verify`, the claims' JSON text or `null` for any bad token.
    #[napi(js_name = "validateToken", catch_unwind)]
    pub fn validate_token(
        &self,
        env: Env,
        token: String,
        token_type: Option<String>,
        options: Option<String>,
    ) -> napi::Result<Started> {
        let step = js::service_verify(
            &self.inner,
            Method::ValidateToken,
            &token,
            token_type.as_deref(),
            options.as_deref(),
        );
        started(&env, step)
    }

    /// The `sub` of a verified access token as JSON text, or `null`.
    #[napi(js_name = "extractUserId", catch_unwind)]
    pub fn extract_user_id(
        &self,
        env: Env,
        token: String,
        options: Option<String>,
    ) -> napi::Result<Started> {
        let step = js::service_verify(
            &self.inner,
            Method::ExtractUserId,
            &token,
            None,
            options.as_deref(),
        );
        started(&env, step)
    }

    /// Starts a session: `[accessToken, refreshToken]` as JSON text.
    #[napi(catch_unwind)]
    pub fn login(
        &self,
        env: Env,
        user_id: String,
        options: Option<String>,
    ) -> napi::Result<Started> {
        started(&env, js::login(&self.inner, &user_id, options.as_deref()))
    }

    /// Exchanges a refresh token: `[accessToken, refreshToken]` as JSON text.
    #[napi(catch_unwind)]
    pub fn refresh(
        &self,
        env: Env,
        token: String,
        options: Option<String>,
    ) -> napi::Result<Started> {
        started(&env, js::refresh(&self.inner, &token, options.as_deref()))
    }

    /// Revokes a (verifying) token, or with `logout` its whole session: `null`.
    #[napi(catch_unwind)]
    pub fn revoke(
        &self,
        env: Env,
        token: String,
        options: Option<String>,
        logout: bool,
    ) -> napi::Result<Started> {
        started(
            &env,
            js::revoke(&self.inner, &token, options.as_deref(), logout),
        )
    }

    /// Whether a (verifying) token has been revoked: `true` or `false`.
    #[napi(js_name = "isRevoked", catch_unwind)]
    pub fn is_revoked(
        &self,
        env: Env,
        token: String,
        options: Option<String>,
    ) -> napi::Result<Started> {
        started(
            &env,
            js::is_revoked(&self.inner, &token, options.as_deref()),
        )
    }

    /// Finishes a pending call with the store's reply (JSON text) or, when the store failed, its
    /// message (the call then fails closed): the result's JSON text.
    #[napi(catch_unwind)]
    pub fn finish(
        &self,
        env: Env,
        pending: &mut JsPending,
        reply: Option<String>,
        error: Option<String>,
    ) -> napi::Result<String> {
        let Some(call) = pending.inner.take() else {
            return Err(type_error(
                &env,
                Some(("argument", "pending")),
                "invalid argument `pending`: this call has already finished",
            ));
        };
        let reply = match (&reply, &error) {
            (Some(text), None) => Ok(text.as_str()),
            (_, Some(message)) => Err(message.as_str()),
            (None, None) => Err("the store gave no reply"),
        };
        js::finish(&self.inner, call, reply).or_throw(&env)
    }

    /// Makes `key` the signing key (the options, `now`, as JSON text); the previous keys keep
    /// verifying the tokens they signed until those expire.
    #[napi(js_name = "rotateKey", catch_unwind)]
    pub fn rotate_key(&self, env: Env, key: &JsKey, options: Option<String>) -> napi::Result<()> {
        js::rotate_key(&self.inner, &key.inner, options.as_deref()).or_throw(&env)
    }

    /// The public JWKS to publish, or with `private` the private key ring, as JSON text (the
    /// options, `private` and `now`, as JSON text).
    #[napi(catch_unwind)]
    pub fn jwks(&self, env: Env, options: Option<String>) -> napi::Result<String> {
        js::service_jwks(&self.inner, options.as_deref()).or_throw(&env)
    }

    /// The `kid` of the current signing key, or `null` for a verify-only service.
    #[napi(getter, js_name = "signingKid", catch_unwind)]
    pub fn signing_kid(&self) -> Option<String> {
        self.inner.signing_kid()
    }

    /// Every counter as JSON text.
    #[napi(catch_unwind)]
    pub fn metrics(&self) -> String {
        js::metrics(&self.inner)
    }

    /// The counters in the Prometheus text exposition format.
    #[napi(js_name = "metricsText", catch_unwind)]
    pub fn metrics_text(&self) -> String {
        self.inner.metrics_text()
    }

    /// Status, algorithm, issuing ability, cache size and metrics as JSON text.
    #[napi(catch_unwind)]
    pub fn health(&self) -> String {
        js::health(&self.inner)
    }
}

/// `extractToken(headers, options)`, both as JSON text: `[token, source]` or
/// `[token, source, echoProtocol]`, `null` when no enabled place carries a token.
#[napi(js_name = "extractToken", catch_unwind)]
pub fn extract_token(
    env: Env,
    headers: String,
    options: Option<String>,
) -> napi::Result<Option<Vec<String>>> {
    js::extract_token(&headers, options.as_deref()).or_throw(&env)
}

/// A Redis store's command for a store request (JSON text) under `prefix`:
/// `{"sha", "script", "keys", "args"}` as JSON text.
#[napi(js_name = "redisCommand", catch_unwind)]
pub fn redis_command(env: Env, request: String, prefix: String) -> napi::Result<String> {
    js::redis_command(&request, &prefix).or_throw(&env)
}

/// A Redis store's reply: the script's raw reply (JSON text) as the store reply's JSON text.
#[napi(js_name = "redisReply", catch_unwind)]
pub fn redis_reply(env: Env, request: String, raw: String) -> napi::Result<String> {
    js::redis_reply(&request, &raw).or_throw(&env)
}

/// Refuses a Redis key prefix that would change the hash tag (a `TypeError` naming `prefix`).
#[napi(js_name = "redisPrefix", catch_unwind)]
pub fn redis_prefix(env: Env, prefix: String) -> napi::Result<()> {
    js::redis_prefix(&prefix).or_throw(&env)
}
