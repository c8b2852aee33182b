//! Errors: the ONE place where core errors become JS exceptions (the contract `toJwtError` in the
//! shared errors.mjs reads, identical in the WASM binding).
//!
//! - A core [`onejwt::Error`] (a token or key verdict) is thrown as an `Error` whose `name` is
//!   `"JwtError"`, with `code` (the stable code) and `claim` when the core names one.
//! - A core [`OptionsError`] is thrown as a `TypeError` with the core's message, carrying `option`
//!   (the option as the caller spelled it), or `argument` for a positional argument; never a `code`.

use napi::bindgen_prelude::{FromNapiValue, JsObjectValue, Object};
use napi::{Env, JsError, JsTypeError, Status};
use onejwt::{Failure, OptionsError};

/// The error a `#[napi]` function returns after it has thrown its own exception: napi-rs sees the
/// pending exception and leaves it in place instead of throwing a generic one.
fn thrown(env: &Env, error: napi::Result<Object<'_>>) -> napi::Error {
    match error.and_then(|error| env.throw(error)) {
        Ok(()) => napi::Error::from_status(Status::PendingException),
        Err(e) => e,
    }
}

/// A token or key verdict from the core, as the native half of a `JwtError`.
fn jwt_error(env: &Env, e: &onejwt::Error) -> napi::Error {
    let raw = JsError::from(napi::Error::new(e.code().as_str(), e.message())).into_unknown(*env);
    thrown(
        env,
        Object::from_unknown(raw).and_then(|mut error| {
            error.set_named_property("name", "JwtError")?;
            if let Some(claim) = e.claim() {
                error.set_named_property("claim", claim)?;
            }
            Ok(error)
        }),
    )
}

/// A `TypeError` with `message`, naming the option or argument at fault as `option` or `argument`.
pub(crate) fn type_error(env: &Env, option: Option<(&str, &str)>, message: &str) -> napi::Error {
    // napi-rs always passes a `code` to napi_create_type_error; a caller mistake has no code
    // (codes are for token verdicts), so it is removed again.
    let raw = JsTypeError::from(napi::Error::new("", message)).into_unknown(*env);
    thrown(
        env,
        Object::from_unknown(raw).and_then(|mut error| {
            error.delete_named_property("code")?;
            if let Some((property, name)) = option {
                error.set_named_property(property, name)?;
            }
            Ok(error)
        }),
    )
}

fn options_error(env: &Env, e: &OptionsError) -> napi::Error {
    type_error(env, Some((e.noun(), e.option())), &e.to_string())
}

/// A core result as a napi one, its failure thrown as the contract above says.
pub(crate) trait OrThrow<T> {
    fn or_throw(self, env: &Env) -> napi::Result<T>;
}

impl<T, E: Into<Failure>> OrThrow<T> for Result<T, E> {
    fn or_throw(self, env: &Env) -> napi::Result<T> {
        self.map_err(|e| match e.into() {
            Failure::Jwt(e) => jwt_error(env, &e),
            Failure::Options(e) => options_error(env, &e),
            // Failure is non-exhaustive; a future variant is still reported, with its message.
            other => type_error(env, None, &other.to_string()),
        })
    }
}
