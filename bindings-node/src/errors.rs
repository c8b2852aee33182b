//! Errors: the ONE place where core errors and caller mistakes become JS exceptions.
//!
//! - A core [`onejwt::Error`] (a token or key verdict) is thrown as an `Error` whose `name` is
//!   `"JwtError"`, with `code` (the stable code) and `claim` when the core names one; the package's
//!   JS layer rethrows it as the public `JwtError` class (`toJwtError` in `js/errors.mjs`).
//! - A core [`OptionsError`] is thrown as a `TypeError` with the core's message (which names the
//!   option) and `option` (the option's name, as the caller spelled it).
//! - A JS value of the wrong type is a `TypeError` built here too, worded like the core's.

use napi::bindgen_prelude::{FromNapiValue, JsObjectValue, Object};
use napi::{Env, JsError, JsTypeError, Status};
use napi_derive::napi;
use onejwt::{ErrorCode, OptionsError, SignError};

/// The error a `#[napi]` function returns after it has thrown its own exception: napi-rs sees the
/// pending exception and leaves it in place instead of throwing a generic one.
fn thrown(env: &Env, error: Object<'_>) -> napi::Error {
    match env.throw(error) {
        Ok(()) => napi::Error::from_status(Status::PendingException),
        Err(e) => e,
    }
}

/// A token or key verdict from the core, as the native half of a `JwtError`.
pub(crate) fn jwt_error(env: &Env, e: &onejwt::Error) -> napi::Error {
    let build = || -> napi::Result<Object<'_>> {
        let raw =
            JsError::from(napi::Error::new(e.code().as_str(), e.message())).into_unknown(*env);
        let mut error = Object::from_unknown(raw)?;
        error.set_named_property("name", "JwtError")?;
        if let Some(claim) = e.claim() {
            error.set_named_property("claim", claim)?;
        }
        Ok(error)
    };
    match build() {
        Ok(error) => thrown(env, error),
        Err(err) => err,
    }
}

/// A `TypeError` with `message`; `option` names the option at fault when there is one.
pub(crate) fn type_error(env: &Env, option: Option<&str>, message: String) -> napi::Error {
    let build = || -> napi::Result<Object<'_>> {
        // napi-rs always passes a `code` to napi_create_type_error; a caller mistake has no code
        // (codes are for token verdicts), so it is removed again.
        let raw = JsTypeError::from(napi::Error::new("", message)).into_unknown(*env);
        let mut error = Object::from_unknown(raw)?;
        error.delete_named_property("code")?;
        if let Some(option) = option {
            error.set_named_property("option", option)?;
        }
        Ok(error)
    };
    match build() {
        Ok(error) => thrown(env, error),
        Err(err) => err,
    }
}

/// An option the core refused, as a `TypeError` carrying the core's message and the option name.
pub(crate) fn options_error(env: &Env, e: &OptionsError) -> napi::Error {
    type_error(env, Some(e.option()), e.to_string())
}

/// An option of the wrong JS type, worded like the core's own option errors.
pub(crate) fn option_type_error(env: &Env, option: &str, message: &str) -> napi::Error {
    type_error(
        env,
        Some(option),
        format!("invalid option `{option}`: {message}"),
    )
}

/// A positional argument of the wrong JS type (`token`, `claims`, `secret`, …).
pub(crate) fn argument_type_error(env: &Env, argument: &str, message: &str) -> napi::Error {
    type_error(
        env,
        None,
        format!("invalid argument `{argument}`: {message}"),
    )
}

/// Either half of a signing failure.
pub(crate) fn sign_error(env: &Env, e: &SignError) -> napi::Error {
    match e {
        SignError::Jwt(e) => jwt_error(env, e),
        SignError::Options(e) => options_error(env, e),
        // SignError is non-exhaustive; a future variant is still reported, with its message.
        other => type_error(env, None, other.to_string()),
    }
}

/// Every error code, in the core's order (`ErrorCode::ALL`): the package exports it frozen as
/// `ERROR_CODES`, so the JS list can never drift from the core's.
#[napi(js_name = "errorCodes", catch_unwind)]
pub fn error_codes() -> Vec<&'static str> {
    ErrorCode::ALL.iter().map(|code| code.as_str()).collect()
}

/// Test hook, not part of the public surface (`js/index.mjs` does not export it): panics inside a
/// native call so that `test/panic.test.mjs` can prove a panic reaches JS as a thrown `Error` and
/// the process lives on. Every `#[napi]` function is `catch_unwind` for that reason: a panic that
/// unwound into N-API's C frames would abort Node.
#[napi(js_name = "__panicForTest", catch_unwind)]
pub fn panic_for_test() -> napi::Result<()> {
    panic!("onejwt test hook: a deliberate panic")
}
