//! KeySet: the native `KeySet` class (wrapped by the public `KeySet` in js/index.mjs).

use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

use crate::convert;
use crate::errors::{argument_type_error, jwt_error};

/// A JWKS from which each token selects exactly one key (`onejwt::KeySet`).
#[napi(js_name = "KeySet")]
pub struct JsKeySet {
    pub(crate) inner: onejwt::KeySet,
}

#[napi]
impl JsKeySet {
    /// A key set from a JWKS object or its JSON text.
    #[napi(factory, js_name = "fromJwks", catch_unwind)]
    pub fn from_jwks(env: Env, jwks: Unknown<'_>) -> napi::Result<JsKeySet> {
        let set = if let Some(text) = convert::string(jwks)? {
            onejwt::KeySet::from_jwks(&text)
        } else if convert::is_object(jwks)? {
            let map =
                convert::to_json_object(jwks).map_err(|f| f.into_napi(&env, "jwks", false))?;
            onejwt::KeySet::from_jwks_map(&map)
        } else {
            return Err(argument_type_error(
                &env,
                "jwks",
                "must be an object or a JSON string",
            ));
        };
        set.map(|inner| JsKeySet { inner })
            .map_err(|e| jwt_error(&env, &e))
    }

    /// How many usable keys the set holds.
    #[napi(getter, catch_unwind)]
    pub fn size(&self) -> u32 {
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }
}
