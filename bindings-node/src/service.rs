//! Service: the native `TokenService` class and `extractToken` behind the public ones
//! (bindings-js/src/service.mjs), over `onejwt::host::js`.
//!
//! A host revocation store is a JS object, which cannot be shared across threads as the core's
//! `RevocationStore` (Send + Sync) requires. So it is never kept here: the JS layer passes a bridge
//! function with every call that consults revocations, and the binding lends it to the core for that
//! call only (`host::with_store`). The bridge answers a boolean or the message of what went wrong;
//! the core fails closed on a message (`revoked`).

use napi::bindgen_prelude::{Either, FnArgs, Function};
use napi::Env;
use napi_derive::napi;
use onejwt::host::{self, js, LocalRevocationStore};
use onejwt::service::TokenService;
use onejwt::Failure;

use crate::errors::OrThrow;

/// The JS layer's store bridge: `(jti)` asks, `(jti, expiresAt)` revokes; `true`/`false` or a message.
type Bridge<'s> = Function<'s, FnArgs<(String, Option<i64>)>, Either<bool, String>>;

/// The bridge, lent to the core for one call.
struct HostStore<'s>(Bridge<'s>);

impl HostStore<'_> {
    fn ask(&self, jti: &str, expires_at: Option<i64>) -> Result<bool, String> {
        match self.0.call((jti.to_owned(), expires_at).into()) {
            Ok(Either::A(flag)) => Ok(flag),
            Ok(Either::B(message)) => Err(message),
            Err(e) => Err(e.reason),
        }
    }
}

impl LocalRevocationStore for HostStore<'_> {
    fn is_revoked(&self, jti: &str, _now: i64) -> Result<bool, String> {
        self.ask(jti, None)
    }

    fn revoke(&self, jti: &str, expires_at: i64, _now: i64) -> Result<(), String> {
        self.ask(jti, Some(expires_at)).map(drop)
    }
}

/// Issues, verifies, refreshes and revokes tokens for one service (`onejwt::service::TokenService`).
#[napi(js_name = "TokenService")]
pub struct JsTokenService {
    inner: TokenService,
}

impl JsTokenService {
    /// Runs `op` on the service over the lent store (or over its own), throwing its failure.
    fn lent<T>(
        &self,
        env: &Env,
        store: Option<Bridge<'_>>,
        op: impl FnOnce(&js::View<'_>) -> Result<T, Failure>,
    ) -> napi::Result<T> {
        let store = store.map(HostStore);
        let lent = store.as_ref().map(|s| s as &dyn LocalRevocationStore);
        op(&host::with_store(&self.inner, lent)).or_throw(env)
    }
}

#[napi]
impl JsTokenService {
    /// `config` is the JSON text of the camelCase options, without `revocationStore`.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, config: String) -> napi::Result<JsTokenService> {
        js::service(&config, None)
            .or_throw(&env)
            .map(|inner| JsTokenService { inner })
    }

    /// A service configured from the process environment (`JWT_SECRET_KEY`, …), read by the core.
    #[napi(factory, js_name = "fromEnv", catch_unwind)]
    pub fn from_env(env: Env) -> napi::Result<JsTokenService> {
        TokenService::from_env()
            .or_throw(&env)
            .map(|inner| JsTokenService { inner })
    }

    /// Issues an access token.
    #[napi(js_name = "createAccessToken", catch_unwind)]
    pub fn create_access_token(
        &self,
        env: Env,
        user_id: String,
        options: Option<String>,
    ) -> napi::Result<String> {
        js::create_access_token(&self.inner, &user_id, options.as_deref()).or_throw(&env)
    }

    /// Issues a refresh token.
    #[napi(js_name = "createRefreshToken", catch_unwind)]
    pub fn create_refresh_token(
        &self,
        env: Env,
        user_id: String,
        options: Option<String>,
    ) -> napi::Result<String> {
        js::create_refresh_token(&self.inner, &user_id, options.as_deref()).or_throw(&env)
    }

    /// Verifies `token` as `tokenType`; the claims as JSON text.
    #[napi(catch_unwind)]
    pub fn verify(
        &self,
        env: Env,
        token: String,
        token_type: Option<String>,
        options: Option<String>,
        store: Option<Bridge<'_>>,
    ) -> napi::Result<String> {
        self.lent(&env, store, |view| {
            js::service_verify(view, &token, token_type.as_deref(), options.as_deref())
        })
    }

    /// The claims of a valid token as JSON text, or `null` for any bad token.
    #[napi(js_name = "validateToken", catch_unwind)]
    pub fn validate_token(
        &self,
        env: Env,
        token: String,
        token_type: Option<String>,
        options: Option<String>,
        store: Option<Bridge<'_>>,
    ) -> napi::Result<Option<String>> {
        self.lent(&env, store, |view| {
            js::validate_token(view, &token, token_type.as_deref(), options.as_deref())
        })
    }

    /// The `sub` of a verified access token, or `null`.
    #[napi(js_name = "extractUserId", catch_unwind)]
    pub fn extract_user_id(
        &self,
        env: Env,
        token: String,
        options: Option<String>,
        store: Option<Bridge<'_>>,
    ) -> napi::Result<Option<String>> {
        self.lent(&env, store, |view| {
            js::extract_user_id(view, &token, options.as_deref())
        })
    }

    /// Exchanges a refresh token: `[accessToken, refreshToken]`.
    #[napi(catch_unwind)]
    pub fn refresh(
        &self,
        env: Env,
        token: String,
        options: Option<String>,
        store: Option<Bridge<'_>>,
    ) -> napi::Result<Vec<String>> {
        self.lent(&env, store, |view| {
            js::refresh(view, &token, options.as_deref())
        })
    }

    /// Revokes a (verifying) token until it expires.
    #[napi(catch_unwind)]
    pub fn revoke(
        &self,
        env: Env,
        token: String,
        options: Option<String>,
        store: Option<Bridge<'_>>,
    ) -> napi::Result<()> {
        self.lent(&env, store, |view| {
            js::revoke(view, &token, options.as_deref())
        })
    }

    /// Whether a (verifying) token has been revoked.
    #[napi(js_name = "isRevoked", catch_unwind)]
    pub fn is_revoked(
        &self,
        env: Env,
        token: String,
        options: Option<String>,
        store: Option<Bridge<'_>>,
    ) -> napi::Result<bool> {
        self.lent(&env, store, |view| {
            js::is_revoked(view, &token, options.as_deref())
        })
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
