//! Decode: the raw `decodeUnverifiedJson`, reading a token's header and claims without verifying.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::convert::{header_and_claims_text, json_text, string};
use crate::errors::jwt_error;

/// The header and claims of `token` as `{"header":…,"claims":…}` JSON text, checked for structure
/// only. For display and debugging: never authorize on it.
#[wasm_bindgen(js_name = decodeUnverifiedJson)]
pub fn decode_unverified_json(token: JsValue) -> Result<String, JsValue> {
    let token = string(&token, "token")?;
    let decoded = onejwt::decode_unverified(&token).map_err(jwt_error)?;
    header_and_claims_text(decoded.header().as_map(), &json_text(decoded.claims())?)
}
