//! Service: the raw `RawTokenService` class and `extractToken` behind the public ones
//! (bindings-js/src/service.mjs), over `onejwt::host::js`; the service reads time from
//! [`HostClock`], installed at construction.
//!
//! A host revocation store is a JS object, never kept here: the JS layer passes a bridge function with
//! every call that consults revocations, and the binding lends it to the core for that call only
//! (`host::with_store`). The bridge answers a boolean or the message of what went wrong; the core
//! fails closed on a message (`revoked`).

use std::sync::Arc;

use js_sys::Function;
use onejwt::host::{self, js, LocalRevocationStore};
use onejwt::service::TokenService;
use onejwt::Failure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::clock::HostClock;
use crate::errors::OrThrow;

/// The JS layer's store bridge, lent to the core for one call: `(jti)` asks, `(jti, expiresAt)`
/// revokes; `true`/`false` or a message.
struct HostStore(Function);

impl HostStore {
    fn ask(&self, jti: &str, expires_at: Option<i64>) -> Result<bool, String> {
        // Unix seconds within ±2^53 are exact as a JS number.
        #[allow(clippy::cast_precision_loss)]
        let at = expires_at.map_or(JsValue::UNDEFINED, |at| JsValue::from_f64(at as f64));
        let answer = self
            .0
            .call2(&JsValue::UNDEFINED, &JsValue::from_str(jti), &at)
            .map_err(|_| "the revocation store bridge threw".to_owned())?;
        answer
            .as_bool()
            .ok_or_else(|| answer.as_string().unwrap_or_default())
    }
}

impl LocalRevocationStore for HostStore {
    fn is_revoked(&self, jti: &str, _now: i64) -> Result<bool, String> {
        self.ask(jti, None)
    }

    fn revoke(&self, jti: &str, expires_at: i64, _now: i64) -> Result<(), String> {
        self.ask(jti, Some(expires_at)).map(drop)
    }
}

/// Issues, verifies, refreshes and revokes tokens for one service (`onejwt::service::TokenService`).
#[wasm_bindgen(js_name = RawTokenService)]
pub struct JsTokenService {
    inner: TokenService,
}

impl JsTokenService {
    /// Runs `op` on the service over the lent store (or over its own), throwing its failure.
    fn lent<T>(
        &self,
        store: Option<Function>,
        op: impl FnOnce(&js::View<'_>) -> Result<T, Failure>,
    ) -> Result<T, JsValue> {
        let store = store.map(HostStore);
        let lent = store.as_ref().map(|s| s as &dyn LocalRevocationStore);
        op(&host::with_store(&self.inner, lent)).or_throw()
    }
}

#[wasm_bindgen(js_class = RawTokenService)]
impl JsTokenService {
    /// `config` is the JSON text of the camelCase options, without `revocationStore`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str) -> Result<JsTokenService, JsValue> {
        js::service(config, Some(Arc::new(HostClock)))
            .or_throw()
            .map(|inner| JsTokenService { inner })
    }

    /// Issues an access token.
    #[wasm_bindgen(js_name = createAccessToken)]
    pub fn create_access_token(
        &self,
        user_id: &str,
        options: Option<String>,
    ) -> Result<String, JsValue> {
        js::create_access_token(&self.inner, user_id, options.as_deref()).or_throw()
    }

    /// Issues a refresh token.
    #[wasm_bindgen(js_name = createRefreshToken)]
    pub fn create_refresh_token(
        &self,
        user_id: &str,
        options: Option<String>,
    ) -> Result<String, JsValue> {
        js::create_refresh_token(&self.inner, user_id, options.as_deref()).or_throw()
    }

    /// Verifies `token` as `tokenType`; the claims as JSON text.
    pub fn verify(
        &self,
        token: &str,
        token_type: Option<String>,
        options: Option<String>,
        store: Option<Function>,
    ) -> Result<String, JsValue> {
        self.lent(store, |view| {
            js::service_verify(view, token, token_type.as_deref(), options.as_deref())
        })
    }

    /// The claims of a valid token as JSON text, or `null` for any bad token.
    #[wasm_bindgen(js_name = validateToken)]
    pub fn validate_token(
        &self,
        token: &str,
        token_type: Option<String>,
        options: Option<String>,
        store: Option<Function>,
    ) -> Result<Option<String>, JsValue> {
        self.lent(store, |view| {
            js::validate_token(view, token, token_type.as_deref(), options.as_deref())
        })
    }

    /// The `sub` of a verified access token, or `null`.
    #[wasm_bindgen(js_name = extractUserId)]
    pub fn extract_user_id(
        &self,
        token: &str,
        options: Option<String>,
        store: Option<Function>,
    ) -> Result<Option<String>, JsValue> {
        self.lent(store, |view| {
            js::extract_user_id(view, token, options.as_deref())
        })
    }

    /// Exchanges a refresh token: `[accessToken, refreshToken]`.
    pub fn refresh(
        &self,
        token: &str,
        options: Option<String>,
        store: Option<Function>,
    ) -> Result<Vec<String>, JsValue> {
        self.lent(store, |view| js::refresh(view, token, options.as_deref()))
    }

    /// Revokes a (verifying) token until it expires.
    pub fn revoke(
        &self,
        token: &str,
        options: Option<String>,
        store: Option<Function>,
    ) -> Result<(), JsValue> {
        self.lent(store, |view| js::revoke(view, token, options.as_deref()))
    }

    /// Whether a (verifying) token has been revoked.
    #[wasm_bindgen(js_name = isRevoked)]
    pub fn is_revoked(
        &self,
        token: &str,
        options: Option<String>,
        store: Option<Function>,
    ) -> Result<bool, JsValue> {
        self.lent(store, |view| {
            js::is_revoked(view, token, options.as_deref())
        })
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
