//! Revocation: a Python object with `is_revoked(jti)` / `revoke(jti, expires_at)` as the core's
//! `RevocationStore`, so several processes can share revocations (Redis, a database).

use std::cell::RefCell;

use onejwt::service::RevocationStore;
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyBool;

use crate::convert::type_name;
use crate::errors::{not_a_store, store_failure};

thread_local! {
    /// The exception the host store raised during the current call on this thread. The core only
    /// carries a message (and fails closed); the service hands the exception back to Python as
    /// the `__cause__` of the error it raises, so a store outage is never silent. The store runs
    /// on the calling thread (releasing the GIL does not move work to another thread).
    static LAST_FAILURE: RefCell<Option<PyErr>> = const { RefCell::new(None) };
}

/// Takes (and clears) the exception the host store raised on this thread, if any.
pub(crate) fn take_failure() -> Option<PyErr> {
    LAST_FAILURE.with(|slot| slot.borrow_mut().take())
}

/// A host object used as the core's revocation store. Holds a strong reference; the owning
/// `TokenService` reports it to the garbage collector (`__traverse__`).
pub(crate) struct HostRevocations {
    pub(crate) store: Py<PyAny>,
}

impl HostRevocations {
    /// Checks that `store` has both methods (a caller mistake otherwise, named
    /// `revocation_store`); whether they behave is only known when they are called.
    pub(crate) fn new(store: &Bound<'_, PyAny>) -> PyResult<Self> {
        for method in ["is_revoked", "revoke"] {
            let callable = store
                .getattr(method)
                .map(|m| m.is_callable())
                .unwrap_or(false);
            if !callable {
                return Err(not_a_store(
                    "must have methods is_revoked(jti) -> bool and revoke(jti, expires_at)",
                ));
            }
        }
        Ok(HostRevocations {
            store: store.clone().unbind(),
        })
    }

    /// Remembers the exception for the caller and words the core's message.
    fn fail(py: Python<'_>, err: PyErr, method: &str) -> String {
        let message = store_failure(py, &err, method);
        LAST_FAILURE.with(|slot| *slot.borrow_mut() = Some(err));
        message
    }
}

impl RevocationStore for HostRevocations {
    /// Calls `store.is_revoked(jti)`. Anything but a `bool` is a failure (so the token is refused):
    /// `None` from a method that forgot its `return` must not read as "not revoked".
    fn is_revoked(&self, jti: &str, _now: i64) -> Result<bool, String> {
        Python::attach(|py| {
            let answer = self
                .store
                .bind(py)
                .call_method1(intern!(py, "is_revoked"), (jti,))
                .map_err(|e| Self::fail(py, e, "is_revoked"))?;
            match answer.cast::<PyBool>() {
                Ok(answer) => Ok(answer.is_true()),
                Err(_) => {
                    let err = PyTypeError::new_err(format!(
                        "revocation_store.is_revoked must return bool, not {}",
                        type_name(&answer)
                    ));
                    Err(Self::fail(py, err, "is_revoked"))
                }
            }
        })
    }

    /// Calls `store.revoke(jti, expires_at)` (Unix seconds after which the entry may be dropped);
    /// the return value is ignored.
    fn revoke(&self, jti: &str, expires_at: i64, _now: i64) -> Result<(), String> {
        Python::attach(|py| {
            self.store
                .bind(py)
                .call_method1(intern!(py, "revoke"), (jti, expires_at))
                .map(|_| ())
                .map_err(|e| Self::fail(py, e, "revoke"))
        })
    }
}
