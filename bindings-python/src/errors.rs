//! Errors: the one place where the core's errors become Python exceptions.
//!
//! Token and key verdicts become the `JwtError` subclass of their code; caller mistakes
//! (`OptionsError`) become `OptionsTypeError`/`OptionsValueError`, which are `TypeError` and
//! `ValueError`. The classes are defined in Python (`python/onejwt/errors.py`) so that they are
//! ordinary, picklable, documented Python classes; Rust imports them, as pyca/cryptography does.

use onejwt::{Error, ErrorCode, OptionsError, OptionsErrorKind, SignError};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// The exception classes of `python/onejwt/errors.py`, imported on first use.
mod classes {
    pyo3::import_exception!(onejwt.errors, JwtError);
    pyo3::import_exception!(onejwt.errors, MalformedError);
    pyo3::import_exception!(onejwt.errors, TokenTooLargeError);
    pyo3::import_exception!(onejwt.errors, UnsupportedAlgorithmError);
    pyo3::import_exception!(onejwt.errors, AlgorithmNotAllowedError);
    pyo3::import_exception!(onejwt.errors, KeyNotFoundError);
    pyo3::import_exception!(onejwt.errors, InvalidKeyError);
    pyo3::import_exception!(onejwt.errors, InvalidSignatureError);
    pyo3::import_exception!(onejwt.errors, ExpiredError);
    pyo3::import_exception!(onejwt.errors, NotYetValidError);
    pyo3::import_exception!(onejwt.errors, InvalidIssuerError);
    pyo3::import_exception!(onejwt.errors, InvalidAudienceError);
    pyo3::import_exception!(onejwt.errors, MissingClaimError);
    pyo3::import_exception!(onejwt.errors, InvalidClaimError);
    pyo3::import_exception!(onejwt.errors, WrongTokenTypeError);
    pyo3::import_exception!(onejwt.errors, RevokedError);
    pyo3::import_exception!(onejwt.errors, OptionsTypeError);
    pyo3::import_exception!(onejwt.errors, OptionsValueError);
}

/// A token or key was refused: raise the `JwtError` subclass of its code, carrying the core's
/// message (never token or key bytes) and claim.
pub(crate) fn jwt_error(err: Error) -> PyErr {
    use classes::*;
    let args = (err.message().to_owned(), err.claim().map(str::to_owned));
    match err.code() {
        ErrorCode::Malformed => MalformedError::new_err(args),
        ErrorCode::TokenTooLarge => TokenTooLargeError::new_err(args),
        ErrorCode::UnsupportedAlgorithm => UnsupportedAlgorithmError::new_err(args),
        ErrorCode::AlgorithmNotAllowed => AlgorithmNotAllowedError::new_err(args),
        ErrorCode::KeyNotFound => KeyNotFoundError::new_err(args),
        ErrorCode::InvalidKey => InvalidKeyError::new_err(args),
        ErrorCode::InvalidSignature => InvalidSignatureError::new_err(args),
        ErrorCode::Expired => ExpiredError::new_err(args),
        ErrorCode::NotYetValid => NotYetValidError::new_err(args),
        ErrorCode::InvalidIssuer => InvalidIssuerError::new_err(args),
        ErrorCode::InvalidAudience => InvalidAudienceError::new_err(args),
        ErrorCode::MissingClaim => MissingClaimError::new_err(args),
        ErrorCode::InvalidClaim => InvalidClaimError::new_err(args),
        ErrorCode::WrongTokenType => WrongTokenTypeError::new_err(args),
        ErrorCode::Revoked => RevokedError::new_err(args),
        // A code added to the core after this binding: still a JwtError with the right `.code`
        // (the ERROR_CODES test fails until it gets its own class).
        code => JwtError::new_err((args.0, args.1, code.as_str())),
    }
}

/// The caller passed a wrong option: `TypeError` or `ValueError` with the core's message, which
/// names the option; `.option` holds the name.
pub(crate) fn options_error(err: OptionsError) -> PyErr {
    let args = (err.to_string(), err.option().to_owned());
    match err.kind() {
        OptionsErrorKind::Type => classes::OptionsTypeError::new_err(args),
        _ => classes::OptionsValueError::new_err(args),
    }
}

/// Signing fails either way: a verdict on the key or claims, or a caller mistake.
pub(crate) fn sign_error(err: SignError) -> PyErr {
    match err {
        SignError::Jwt(e) => jwt_error(e),
        SignError::Options(e) => options_error(e),
        other => PyRuntimeError::new_err(other.to_string()),
    }
}

/// A host revocation store raised `err` in `method`: the message the core's fail-closed error
/// carries. Only the exception's type name goes in (its text may quote a connection string or a
/// `jti`), first, because the core keeps the store's message short; the exception itself becomes
/// the `__cause__` of the error raised to the caller (see `revocation.rs`).
pub(crate) fn store_failure(py: Python<'_>, err: &PyErr, method: &str) -> String {
    let name = err
        .get_type(py)
        .name()
        .and_then(|n| n.extract::<String>())
        .unwrap_or_else(|_| "exception".to_owned());
    format!("{name} in {method}")
}

/// `revocation_store=` is not a store: the caller's mistake, named like any other option.
pub(crate) fn not_a_store(message: &'static str) -> PyErr {
    options_error(OptionsError::new(
        "revocation_store",
        OptionsErrorKind::Type,
        message,
    ))
}

/// `ERROR_CODES`: every code of the core, in its declaration order.
pub(crate) fn error_codes(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    PyTuple::new(py, ErrorCode::ALL.iter().map(|c| c.as_str()))
}

/// Raises the exception this binding maps `code` to (a test hook: it proves, from Python, that
/// each core code reaches its own class).
#[pyfunction]
#[pyo3(name = "_raise_for_code")]
pub(crate) fn raise_for_code(code: String) -> PyResult<()> {
    let code = ErrorCode::from_code(&code)
        .ok_or_else(|| PyValueError::new_err("not an onejwt error code"))?;
    Err(jwt_error(
        Error::new(code, "raised by _raise_for_code").with_claim("test"),
    ))
}

/// Panics inside a native call (a test hook): proves, from Python, that a Rust panic surfaces as
/// an exception (pyo3's `PanicException`) and the interpreter lives on.
#[pyfunction]
#[pyo3(name = "_panic_for_test")]
pub(crate) fn panic_for_test() -> PyResult<()> {
    panic!("onejwt test hook: a deliberate panic")
}
