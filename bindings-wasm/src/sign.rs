//! Sign: the raw `sign` function (wrapped by the public `sign` in `api.mjs`).

use onejwt::SignOptions;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::convert::{self, is_object, members, string, to_json_object};
use crate::errors::{argument_type_error, option_type_error, sign_error};
use crate::key::JsKey;

/// Signs `claims` with `key` and `algorithm`; `options` may hold `kid` and `headers`. Random
/// numbers for ECDSA and PSS come from `crypto.getRandomValues` (getrandom's `js` feature).
#[wasm_bindgen]
pub fn sign(
    claims: JsValue,
    key: &JsKey,
    algorithm: JsValue,
    options: JsValue,
) -> Result<String, JsValue> {
    let claims = to_json_object(&claims, "claims")?;
    let algorithm = string(&algorithm, "algorithm")?;
    let options = sign_options(&options)?;
    onejwt::sign(&claims, &key.inner, &algorithm, &options).map_err(sign_error)
}

fn sign_options(options: &JsValue) -> Result<SignOptions, JsValue> {
    let mut out = SignOptions::default();
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    if !is_object(options) {
        return Err(argument_type_error("options", "must be an object"));
    }
    for (name, value) in members(options)? {
        match name.as_str() {
            "kid" if value.is_null() => {}
            "kid" => match value.as_string() {
                Some(kid) => out = out.kid(kid),
                None => return Err(option_type_error("kid", "must be a string")),
            },
            "headers" if value.is_null() => {}
            "headers" => {
                if !is_object(&value) {
                    return Err(option_type_error("headers", "must be an object"));
                }
                out.headers = match convert::to_json(&value) {
                    Ok(Some(serde_json::Value::Object(map))) => map,
                    Ok(_) => return Err(option_type_error("headers", "must be an object")),
                    Err(failure) => return Err(failure.into_js("headers", true)),
                };
            }
            _ => return Err(option_type_error(&name, "unknown option")),
        }
    }
    Ok(out)
}
