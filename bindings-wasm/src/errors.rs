//! Errors: the ONE place where core errors become JS exceptions (the contract `toJwtError` in the
//! shared errors.mjs reads, identical in the Node binding).
//!
//! - A core [`onejwt::Error`] (a token or key verdict) is thrown as an `Error` whose `name` is
//!   `"JwtError"`, with `code` (the stable code) and `claim` when the core names one.
//! - A core [`OptionsError`] is thrown as a `TypeError` with the core's message, carrying `option`
//!   (the option as the caller spelled it), or `argument` for a positional argument.

use js_sys::{Error, Reflect, TypeError};
use onejwt::{Failure, OptionsError};
use wasm_bindgen::JsValue;

fn set(target: &JsValue, name: &str, value: &str) {
    // Defining a data property on an Error just created cannot fail, and if it somehow did there
    // would be nothing better to throw than the error itself.
    let _ = Reflect::set(target, &JsValue::from_str(name), &JsValue::from_str(value));
}

fn jwt_error(e: &onejwt::Error) -> JsValue {
    let error = Error::new(e.message());
    error.set_name("JwtError");
    set(&error, "code", e.code().as_str());
    if let Some(claim) = e.claim() {
        set(&error, "claim", claim);
    }
    error.into()
}

fn options_error(e: &OptionsError) -> JsValue {
    let error = TypeError::new(&e.to_string());
    set(&error, e.noun(), e.option());
    error.into()
}

/// A core result as a wasm-bindgen one, its failure thrown as the contract above says.
pub(crate) trait OrThrow<T> {
    fn or_throw(self) -> Result<T, JsValue>;
}

impl<T, E: Into<Failure>> OrThrow<T> for Result<T, E> {
    fn or_throw(self) -> Result<T, JsValue> {
        self.map_err(|e| match e.into() {
            Failure::Jwt(e) => jwt_error(&e),
            Failure::Options(e) => options_error(&e),
            // Failure is non-exhaustive; a future variant is still reported, with its message.
            other => TypeError::new(&other.to_string()).into(),
        })
    }
}
