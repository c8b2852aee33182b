//! onejwt's Python extension module `onejwt._onejwt`: registration only (see the sibling files).
//!
//! The binding converts Python values to the core's types and the core's errors to Python
//! exceptions; every decision about tokens, keys and options is made by the `onejwt` crate. Each
//! call is: Python values → the core's JSON map (`convert.rs`) → the core's parser for that
//! argument bag (`onejwt::host`) → the core call → Python values.

use pyo3::prelude::*;

mod convert;
mod decode;
mod errors;
mod extract;
mod key;
mod keyset;
mod schema;
mod service;
mod session;
mod sign;
mod verifier;

/// The native half of the `onejwt` package. Import `onejwt`, not this module.
#[pymodule]
fn _onejwt(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ERROR_CODES", errors::error_codes(m.py())?)?;
    m.add("_ERROR_TABLE", errors::error_table(m.py())?)?;
    m.add_class::<key::PyKey>()?;
    m.add_class::<keyset::PyKeySet>()?;
    m.add_class::<keyset::PySkippedKey>()?;
    m.add_class::<verifier::PyVerifier>()?;
    m.add_class::<service::PyTokenService>()?;
    m.add_class::<service::PyTokenPair>()?;
    m.add_class::<service::PyPendingCall>()?;
    m.add_class::<extract::PyExtracted>()?;
    m.add("WEBSOCKET_PROTOCOL", onejwt::service::WEBSOCKET_PROTOCOL)?;
    m.add_function(wrap_pyfunction!(sign::sign, m)?)?;
    m.add_function(wrap_pyfunction!(decode::decode_unverified, m)?)?;
    m.add_function(wrap_pyfunction!(extract::extract_token, m)?)?;
    m.add_function(wrap_pyfunction!(errors::raise_for_code, m)?)?;
    m.add_function(wrap_pyfunction!(errors::panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(schema::option_schema, m)?)?;
    m.add(
        "_REDIS_DEFAULT_PREFIX",
        onejwt::session::redis::DEFAULT_PREFIX,
    )?;
    m.add_function(wrap_pyfunction!(session::redis_command, m)?)?;
    m.add_function(wrap_pyfunction!(session::redis_reply, m)?)?;
    m.add_function(wrap_pyfunction!(session::redis_check_prefix, m)?)?;
    Ok(())
}
