//! KeySet: the raw `RawKeySet` class over `onejwt::KeySet`; `api.mjs` exposes it as `KeySet`.

use onejwt::KeySet;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::convert::{is_object, to_json_object};
use crate::errors::{argument_type_error, jwt_error};

/// A JWKS from which each token selects exactly one key (by `kid` and `alg`).
#[wasm_bindgen(js_name = RawKeySet)]
pub struct JsKeySet {
    pub(crate) inner: KeySet,
}

#[wasm_bindgen(js_class = RawKeySet)]
impl JsKeySet {
    /// `KeySet.fromJwks(jwks)`: a JWKS object (`{ keys: [...] }`), or its JSON text.
    #[wasm_bindgen(js_name = fromJwks)]
    pub fn from_jwks(jwks: JsValue) -> Result<JsKeySet, JsValue> {
        let set = if let Some(text) = jwks.as_string() {
            KeySet::from_jwks(&text)
        } else if is_object(&jwks) {
            KeySet::from_jwks_map(&to_json_object(&jwks, "jwks")?)
        } else {
            return Err(argument_type_error(
                "jwks",
                "must be an object or a JSON string",
            ));
        };
        set.map(|inner| JsKeySet { inner }).map_err(jwt_error)
    }

    /// A second handle to the same immutable key set (an `Arc` clone), for the raw calls that
    /// take ownership of their argument.
    pub fn share(&self) -> JsKeySet {
        JsKeySet {
            inner: self.inner.clone(),
        }
    }

    /// How many usable keys the set holds.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }
}
