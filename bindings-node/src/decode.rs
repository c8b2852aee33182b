//! Decode: the native `decodeUnverified` (wrapped by the public one in js/index.mjs).

use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

use crate::convert;
use crate::errors::{argument_type_error, jwt_error};

/// Reads a token's header and claims without verifying them; returns
/// `{"header":…,"claims":…}` as JSON text.
#[napi(js_name = "decodeUnverifiedJson", catch_unwind)]
pub fn decode_unverified_json(env: Env, token: Unknown<'_>) -> napi::Result<String> {
    let Some(token) = convert::string(token)? else {
        return Err(argument_type_error(&env, "token", "must be a string"));
    };
    let decoded = onejwt::decode_unverified(&token).map_err(|e| jwt_error(&env, &e))?;
    convert::header_and_claims_text(
        decoded.header().as_map(),
        &convert::json_text(decoded.claims())?,
    )
}
