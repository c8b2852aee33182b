//! Errors: the ONE place where core errors and caller mistakes become JS exceptions.
//!
//! The native contract, shared with the Node binding and read by `toJwtError` in the shared
//! `errors.mjs`:
//! - a core [`onejwt::Error`] (a token or key verdict) is thrown as an `Error` whose `name` is
//!   `"JwtError"`, with `code` (the stable code) and `claim` when the core names one; `api.mjs`
//!   rethrows it as the public `JwtError` class;
//! - a core [`OptionsError`] is thrown as a `TypeError` with the core's message (which names the
//!   option) and `option` (the option's name as the caller spelled it);
//! - a JS value of the wrong type is a `TypeError` built here too, worded like the core's.

use js_sys::{Error, Reflect, TypeError};
use onejwt::{OptionsError, SignError};
use wasm_bindgen::JsValue;

/// A token or key verdict. The message is the core's, which never contains token or key bytes.
pub(crate) fn jwt_error(e: onejwt::Error) -> JsValue {
    let error = Error::new(e.message());
    error.set_name("JwtError");
    set(&error, "code", e.code().as_str());
    if let Some(claim) = e.claim() {
        set(&error, "claim", claim);
    }
    error.into()
}

/// An option the core refused, as a `TypeError` carrying the core's message and the option name.
pub(crate) fn options_error(e: OptionsError) -> JsValue {
    type_error(Some(e.option()), &e.to_string())
}

/// An option of the wrong JS type, worded like the core's own option errors.
pub(crate) fn option_type_error(option: &str, message: &str) -> JsValue {
    type_error(
        Some(option),
        &format!("invalid option `{option}`: {message}"),
    )
}

/// A positional argument of the wrong JS type (`token`, `claims`, `secret`, …).
pub(crate) fn argument_type_error(argument: &str, message: &str) -> JsValue {
    type_error(None, &format!("invalid argument `{argument}`: {message}"))
}

/// Either half of a signing failure.
pub(crate) fn sign_error(e: SignError) -> JsValue {
    match e {
        SignError::Jwt(e) => jwt_error(e),
        SignError::Options(e) => options_error(e),
        // SignError is non-exhaustive; a future variant is still reported, with its message.
        other => type_error(None, &other.to_string()),
    }
}

/// A `TypeError` with `message`; `option` names the option at fault when there is one.
fn type_error(option: Option<&str>, message: &str) -> JsValue {
    let error = TypeError::new(message);
    if let Some(option) = option {
        set(&error, "option", option);
    }
    error.into()
}

fn set(target: &JsValue, name: &str, value: &str) {
    // Defining a data property on an Error we just created cannot fail, and if it somehow did
    // there would be nothing better to throw than the error itself.
    let _ = Reflect::set(target, &JsValue::from_str(name), &JsValue::from_str(value));
}
