//! Sign: the native `sign` function (wrapped by the public `sign` in js/index.mjs).

use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use onejwt::SignOptions;

use crate::convert;
use crate::errors::{argument_type_error, option_type_error, sign_error};
use crate::key::JsKey;

/// Signs `claims` with `key` and `algorithm`; `options` may hold `kid` and `headers`.
#[napi(js_name = "sign", catch_unwind)]
pub fn sign(
    env: Env,
    claims: Unknown<'_>,
    key: &JsKey,
    algorithm: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<String> {
    if !convert::is_object(claims)? {
        return Err(argument_type_error(&env, "claims", "must be an object"));
    }
    let claims = convert::to_json_object(claims).map_err(|f| f.into_napi(&env, "claims", false))?;
    let Some(algorithm) = convert::string(algorithm)? else {
        return Err(argument_type_error(&env, "algorithm", "must be a string"));
    };
    let options = sign_options(&env, options)?;
    onejwt::sign(&claims, &key.inner, &algorithm, &options).map_err(|e| sign_error(&env, &e))
}

fn sign_options(env: &Env, options: Option<Unknown<'_>>) -> napi::Result<SignOptions> {
    let mut out = SignOptions::default();
    let Some(options) = options else {
        return Ok(out);
    };
    if !convert::is_object(options)? {
        return Err(argument_type_error(env, "options", "must be an object"));
    }
    for (name, value) in convert::members(options)? {
        match name.as_str() {
            "kid" => match convert::string(value)? {
                Some(kid) => out = out.kid(kid),
                None if convert::is_null(value)? => {}
                None => return Err(option_type_error(env, "kid", "must be a string")),
            },
            "headers" => {
                if convert::is_null(value)? {
                    continue;
                }
                if !convert::is_object(value)? {
                    return Err(option_type_error(env, "headers", "must be an object"));
                }
                out.headers = convert::to_json_object(value)
                    .map_err(|f| f.into_napi(env, "headers", true))?;
            }
            _ => return Err(option_type_error(env, &name, "unknown option")),
        }
    }
    Ok(out)
}
