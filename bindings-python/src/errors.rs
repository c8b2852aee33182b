//! Errors: the one place where the core's errors become Python exceptions.
//!
//! Token and key verdicts become the `JwtError` subclass of their code; caller mistakes
//! (`OptionsError`) become `OptionsTypeError`/`OptionsValueError`, which are `TypeError` and
//! `ValueError`. The classes are ordinary, picklable Python classes (`python/onejwt/errors.py`):
//! one per code, derived there from the core's table ([`error_table`]), so a code added to the core
//! gets its class without an edit here; Rust finds a code's class through one lookup, as
//! pyca/cryptography imports its exception classes.

use onejwt::{Error, ErrorCode, Failure, OptionsError, OptionsErrorKind};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

/// The caller-mistake classes and the base class (written by hand in `errors.py`).
mod classes {
    pyo3::import_exception!(onejwt.errors, JwtError);
    pyo3::import_exception!(onejwt.errors, OptionsTypeError);
    pyo3::import_exception!(onejwt.errors, OptionsValueError);
}

/// The class of each code, in the order of [`ErrorCode::ALL`], read once from
/// `onejwt.errors._CLASSES` (the classes `errors.py` made from [`error_table`]).
static CODE_CLASSES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

fn code_classes(py: Python<'_>) -> PyResult<&Vec<Py<PyType>>> {
    CODE_CLASSES.get_or_try_init(py, || {
        let by_code = py
            .import("onejwt.errors")?
            .getattr("_CLASSES")?
            .cast_into::<PyDict>()?;
        ErrorCode::ALL
            .iter()
            .map(|code| {
                let class = by_code.get_item(code.as_str())?.ok_or_else(|| {
                    PyValueError::new_err(format!("onejwt.errors has no class for {code}"))
                })?;
                Ok(class.cast_into::<PyType>()?.unbind())
            })
            .collect()
    })
}

/// A token or key was refused: raise the `JwtError` subclass of its code, carrying the core's
/// message (never token or key bytes) and claim.
pub(crate) fn jwt_error(err: Error) -> PyErr {
    let args = (err.message().to_owned(), err.claim().map(str::to_owned));
    Python::attach(|py| {
        let index = ErrorCode::ALL.iter().position(|c| *c == err.code());
        match (code_classes(py), index) {
            (Ok(classes), Some(index)) => PyErr::from_type(classes[index].bind(py).clone(), args),
            // Only if `onejwt.errors` was tampered with: still a JwtError with the right `.code`.
            _ => classes::JwtError::new_err((args.0, args.1, err.code().as_str())),
        }
    })
}

/// The caller passed a wrong option or argument: `TypeError` or `ValueError` with the core's
/// message, which names it; `.option` holds the name.
pub(crate) fn options_error(err: OptionsError) -> PyErr {
    let args = (err.to_string(), err.option().to_owned());
    match err.kind() {
        OptionsErrorKind::Type => classes::OptionsTypeError::new_err(args),
        _ => classes::OptionsValueError::new_err(args),
    }
}

/// An operation that fails either way (signing, issuing, building a service): a verdict on the
/// key or claims, or a caller mistake.
pub(crate) fn failure(err: Failure) -> PyErr {
    match err {
        Failure::Jwt(e) => jwt_error(e),
        Failure::Options(e) => options_error(e),
        other => PyRuntimeError::new_err(other.to_string()),
    }
}

/// A host session store raised `err`: the message the core's fail-closed error carries. Only the
/// exception's type name goes in (its text may quote a connection string or a `jti`, and the core
/// keeps a store's message to a few words); the exception itself becomes the `__cause__` of the
/// error raised to the caller (see `session.rs`).
pub(crate) fn store_failure(py: Python<'_>, err: &PyErr) -> String {
    err.get_type(py)
        .name()
        .and_then(|n| n.extract::<String>())
        .unwrap_or_else(|_| "exception".to_owned())
}

/// `store=` cannot serve this service: the caller's mistake, named like any other option.
pub(crate) fn not_a_store(message: &'static str) -> PyErr {
    options_error(OptionsError::new("store", OptionsErrorKind::Type, message))
}

/// `ERROR_CODES`: every code of the core, in its declaration order.
pub(crate) fn error_codes(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    PyTuple::new(py, ErrorCode::ALL.iter().map(|c| c.as_str()))
}

/// `_ERROR_TABLE`: `(code, description)` for every code of the core, in its declaration order;
/// `errors.py` makes one class per entry from it.
pub(crate) fn error_table(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    PyTuple::new(
        py,
        ErrorCode::ALL
            .iter()
            .map(|c| PyTuple::new(py, [c.as_str(), c.description()]))
            .collect::<PyResult<Vec<_>>>()?,
    )
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
