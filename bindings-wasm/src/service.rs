//! Service: the raw `RawTokenService` class, its `RawPending` store calls, `extractToken` and the
//! Redis store's helpers behind the public ones (bindings-js/src/service.mjs, redis-store.mjs), over
//! `onejwt::host::js`; the service reads time from [`HostClock`], installed at construction.
//!
//! A host session store is a JS object whose answers may be Promises, so the core never calls it:
//! a store-touching method returns either its result (JSON text) or a `RawPending` call whose
//! `request()` the JS layer performs on its store, handing the reply (or what went wrong) to
//! `finish`. No JS runs inside a call into the module, so no JS exception can cross Rust frames.

use std::sync::Arc;

use onejwt::host::js::{self, Method, Pending, Step};
use onejwt::service::TokenService;
use onejwt::Failure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::clock::HostClock;
use crate::errors::OrThrow;
use crate::key::JsKey;

/// A store-touching call's first step: its result's JSON text (a JS string), or a `RawPending`.
fn started(step: Result<Step, Failure>) -> Result<JsValue, JsValue> {
    Ok(match step.or_throw()? {
        Step::Done(text) => JsValue::from_str(&text),
        Step::Store(inner) => RawPending { inner }.into(),
    })
}

/// Issues, verifies, refreshes and revokes tokens for one service (`onejwt::service::TokenService`).
#[wasm_bindgen(js_name = RawTokenService)]
pub struct JsTokenService {
    inner: TokenService,
}

/// A service call waiting for the host store: perform `request()`, then `service.finish(this, …)`,
/// which consumes it (a call finishes once).
#[wasm_bindgen]
pub struct RawPending {
    inner: Pending,
}

#[wasm_bindgen]
impl RawPending {
    /// The store request's JSON text (`{"op": …}`).
    pub fn request(&self) -> String {
        self.inner.request_text()
    }
}

#[wasm_bindgen(js_class = RawTokenService)]
impl JsTokenService {
    /// `config` is the JSON text of the camelCase options, without `store`; with `hostStore`, every
    /// store request goes out to the JS layer.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str, host_store: bool) -> Result<JsTokenService, JsValue> {
        js::service(config, Some(Arc::new(HostClock)), host_store)
            .or_throw()
            .map(|inner| JsTokenService { inner })
    }

    /// Issues an access token (no session, no store).
    #[wasm_bindgen(js_name = createAccessToken)]
    pub fn create_access_token(
        &self,
        user_id: &str,
        options: Option<String>,
    ) -> Result<String, JsValue> {
        js::create_access_token(&self.inner, user_id, options.as_deref()).or_throw()
    }

    /// Verifies `token` as `tokenType`: the claims' JSON text, or the pending store check.
    pub fn verify(
        &self,
        token: &str,
        token_type: Option<String>,
        options: Option<String>,
    ) -> Result<JsValue, JsValue> {
        started(js::service_verify(
            &self.inner,
            Method::Verify,
            token,
            token_type.as_deref(),
            options.as_deref(),
        ))
    }

    /// As `verify`, the claims' JSON text or `null` for any bad token.
    #[wasm_bindgen(js_name = validateToken)]
    pub fn validate_token(
        &self,
        token: &str,
        token_type: Option<String>,
        options: Option<String>,
    ) -> Result<JsValue, JsValue> {
        started(js::service_verify(
            &self.inner,
            Method::ValidateToken,
            token,
            token_type.as_deref(),
            options.as_deref(),
        ))
    }

    /// The `sub` of a verified access token as JSON text, or `null`.
    #[wasm_bindgen(js_name = extractUserId)]
    pub fn extract_user_id(
        &self,
        token: &str,
        options: Option<String>,
    ) -> Result<JsValue, JsValue> {
        started(js::service_verify(
            &self.inner,
            Method::ExtractUserId,
            token,
            None,
            options.as_deref(),
        ))
    }

    /// Starts a session: `[accessToken, refreshToken]` as JSON text.
    pub fn login(&self, user_id: &str, options: Option<String>) -> Result<JsValue, JsValue> {
        started(js::login(&self.inner, user_id, options.as_deref()))
    }

    /// Exchanges a refresh token: `[accessToken, refreshToken]` as JSON text.
    pub fn refresh(&self, token: &str, options: Option<String>) -> Result<JsValue, JsValue> {
        started(js::refresh(&self.inner, token, options.as_deref()))
    }

    /// Revokes a (verifying) token, or with `logout` its whole session: `null`.
    pub fn revoke(
        &self,
        token: &str,
        options: Option<String>,
        logout: bool,
    ) -> Result<JsValue, JsValue> {
        started(js::revoke(&self.inner, token, options.as_deref(), logout))
    }

    /// Whether a (verifying) token has been revoked: `true` or `false`.
    #[wasm_bindgen(js_name = isRevoked)]
    pub fn is_revoked(&self, token: &str, options: Option<String>) -> Result<JsValue, JsValue> {
        started(js::is_revoked(&self.inner, token, options.as_deref()))
    }

    /// Finishes (and consumes) a pending call with the store's reply (JSON text) or, when the
    /// store failed, its message (the call then fails closed): the result's JSON text.
    pub fn finish(
        &self,
        pending: RawPending,
        reply: Option<String>,
        error: Option<String>,
    ) -> Result<String, JsValue> {
        let reply = match (&reply, &error) {
            (Some(text), None) => Ok(text.as_str()),
            (_, Some(message)) => Err(message.as_str()),
            (None, None) => Err("the store gave no reply"),
        };
        js::finish(&self.inner, pending.inner, reply).or_throw()
    }

    /// Makes `key` the signing key (the options, `now`, as JSON text); the previous keys keep
    /// verifying the tokens they signed until those expire.
    #[wasm_bindgen(js_name = rotateKey)]
    pub fn rotate_key(&self, key: &JsKey, options: Option<String>) -> Result<(), JsValue> {
        js::rotate_key(&self.inner, &key.inner, options.as_deref()).or_throw()
    }

    /// The public JWKS to publish, or with `private` the private key ring, as JSON text (the
    /// options, `private` and `now`, as JSON text).
    pub fn jwks(&self, options: Option<String>) -> Result<String, JsValue> {
        js::service_jwks(&self.inner, options.as_deref()).or_throw()
    }

    /// The `kid` of the current signing key, or `null` for a verify-only service.
    #[wasm_bindgen(getter, js_name = signingKid)]
    pub fn signing_kid(&self) -> Option<String> {
        self.inner.signing_kid()
    }

    /// Every counter as JSON text.
    pub fn metrics(&self) -> String {
        js::metrics(&self.inner)
    }

    /// The counters in the Prometheus text exposition format.
    #[wasm_bindgen(js_name = metricsText)]
    pub fn metrics_text(&self) -> String {
        self.inner.metrics_text()
    }

    /// Status, algorithm, issuing ability, cache size and metrics as JSON text.
    pub fn health(&self) -> String {
        js::health(&self.inner)
    }
}

/// `extractToken(headers, options)`, both as JSON text: `[token, source]` or
/// `[token, source, echoProtocol]`, `null` when no enabled place carries a token.
#[wasm_bindgen(js_name = extractToken)]
pub fn extract_token(
    headers: &str,
    options: Option<String>,
) -> Result<Option<Vec<String>>, JsValue> {
    js::extract_token(headers, options.as_deref()).or_throw()
}

/// A Redis store's command for a store request (JSON text) under `prefix`:
/// `{"sha", "script", "keys", "args"}` as JSON text.
#[wasm_bindgen(js_name = redisCommand)]
pub fn redis_command(request: &str, prefix: &str) -> Result<String, JsValue> {
    js::redis_command(request, prefix).or_throw()
}

/// A Redis store's reply: the script's raw reply (JSON text) as the store reply's JSON text.
#[wasm_bindgen(js_name = redisReply)]
pub fn redis_reply(request: &str, raw: &str) -> Result<String, JsValue> {
    js::redis_reply(request, raw).or_throw()
}

/// Refuses a Redis key prefix that would change the hash tag (a `TypeError` naming `prefix`).
#[wasm_bindgen(js_name = redisPrefix)]
pub fn redis_prefix(prefix: &str) -> Result<(), JsValue> {
    js::redis_prefix(prefix).or_throw()
}
