//! Session: a Python session store (`store=`, any object with `execute(request) -> dict`) performing
//! the core's store requests (`onejwt::session`), and the Redis store's commands and replies
//! (`onejwt::session::redis`) for `onejwt.RedisStore` and `onejwt.AsyncRedisStore`.
//!
//! A request leaves as a `dict` (`StoreRequest::to_value`) and the reply comes back through
//! `StoreRequest::reply_from_value`, so the store contract (its members, its statuses, what is
//! nonsense) is the core's. Whatever goes wrong in the store (an exception, an awaitable where a
//! reply was due, a reply with no JSON form) becomes the message the core fails closed with
//! (`store_unavailable`); the exception, if any, is kept for the caller's `__cause__`.

use onejwt::session::{redis, StoreReply, StoreRequest};
use onejwt::{Error, ErrorCode, OptionsError, OptionsErrorKind};
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString};

use crate::convert::{json_value, map_to_dict, type_name};
use crate::errors::{jwt_error, not_a_store, options_error, store_failure};

/// What became of one store request: the reply for the core (or why there is none), and the
/// exception behind a failure, which the caller's error carries as `__cause__`.
pub(crate) struct Performed {
    pub(crate) reply: Result<StoreReply, String>,
    pub(crate) cause: Option<PyErr>,
}

impl Performed {
    /// The store raised `err`.
    pub(crate) fn raised(py: Python<'_>, err: PyErr) -> Self {
        Performed {
            reply: Err(store_failure(py, &err)),
            cause: Some(err),
        }
    }

    /// An exception that is no store failure (`KeyboardInterrupt`, `SystemExit`): it must reach
    /// the caller as it is, after the core has failed the call closed.
    pub(crate) fn interrupt(&mut self, py: Python<'_>) -> Option<PyErr> {
        match &self.cause {
            Some(err) if !err.is_instance_of::<PyException>(py) => self.cause.take(),
            _ => None,
        }
    }
}

static IS_COROUTINE_FUNCTION: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static IS_AWAITABLE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Checks `store=` when a service is built: it needs a callable `execute`, and a synchronous
/// service (`TokenService`) refuses a coroutine function, which would only ever hand it an
/// awaitable (`asynchronous` is true for `AsyncTokenService`, which awaits either kind).
pub(crate) fn check_store(store: &Bound<'_, PyAny>, asynchronous: bool) -> PyResult<()> {
    let py = store.py();
    let execute = match store.getattr(intern!(py, "execute")) {
        Ok(execute) if execute.is_callable() => execute,
        _ => {
            return Err(not_a_store(
                "must have a method execute(request) returning the reply dict (see onejwt.SessionStore)",
            ))
        }
    };
    if !asynchronous {
        let check = IS_COROUTINE_FUNCTION.import(py, "inspect", "iscoroutinefunction")?;
        if check.call1((execute,))?.is_truthy()? {
            return Err(not_a_store(
                "asynchronous store (execute is a coroutine function): use AsyncTokenService",
            ));
        }
    }
    Ok(())
}

/// The request as the `dict` a store's `execute` receives (a new one each time).
pub(crate) fn request_dict<'py>(
    py: Python<'py>,
    request: &StoreRequest,
) -> PyResult<Bound<'py, PyDict>> {
    match request.to_value() {
        serde_json::Value::Object(map) => map_to_dict(py, &map),
        // `to_value` makes an object of every request.
        _ => Ok(PyDict::new(py)),
    }
}

/// Performs `request` on a synchronous store, with the GIL.
pub(crate) fn execute(store: &Bound<'_, PyAny>, request: &StoreRequest) -> Performed {
    let py = store.py();
    let reply = request_dict(py, request)
        .and_then(|dict| store.call_method1(intern!(py, "execute"), (dict,)));
    match reply {
        Ok(reply) => read_reply(request, &reply),
        Err(err) => Performed::raised(py, err),
    }
}

/// A store's reply to `request`, as the core reads it. An awaitable is an asynchronous store's
/// answer to a synchronous service: it is closed (so it never warns "was never awaited") and the
/// call fails closed.
pub(crate) fn read_reply(request: &StoreRequest, reply: &Bound<'_, PyAny>) -> Performed {
    let py = reply.py();
    let awaitable = IS_AWAITABLE
        .import(py, "inspect", "isawaitable")
        .and_then(|check| check.call1((reply,)))
        .and_then(|answer| answer.is_truthy());
    match awaitable {
        Ok(false) => {}
        Ok(true) => {
            if let Ok(close) = reply.getattr(intern!(py, "close")) {
                // A failing close() changes nothing: the call fails closed either way.
                drop(close.call0());
            }
            let err = PyTypeError::new_err(
                "store.execute returned an awaitable: an asynchronous store needs AsyncTokenService",
            );
            return Performed {
                reply: Err("execute returned an awaitable".to_owned()),
                cause: Some(err),
            };
        }
        Err(err) => return Performed::raised(py, err),
    }
    let reply = match json_value(reply, "reply") {
        Ok(value) => request.reply_from_value(&value),
        Err(_) => Err(format!("{} reply: no JSON form", type_name(reply))),
    };
    Performed { reply, cause: None }
}

/// A request back from its `dict` (a Redis store hands the one it received to the core).
fn request_from_py(request: &Bound<'_, PyAny>) -> PyResult<StoreRequest> {
    StoreRequest::from_value(&json_value(request, "request")?).map_err(|message| {
        options_error(OptionsError::argument(
            "request",
            OptionsErrorKind::Value,
            message,
        ))
    })
}

/// The Redis command of a store request, under `prefix`: ``(sha1, script, keys, args)``, run as
/// ``EVALSHA sha1 len(keys) *keys *args``, or on ``NOSCRIPT`` as ``EVAL script ...`` (the scripts
/// and the key schema are the core's, the same in every runtime).
#[pyfunction]
#[pyo3(name = "_redis_command")]
pub(crate) fn redis_command(
    request: &Bound<'_, PyAny>,
    prefix: &Bound<'_, PyAny>,
) -> PyResult<(&'static str, &'static str, Vec<String>, Vec<String>)> {
    let request = request_from_py(request)?;
    let command = redis::command(&request, &checked_prefix(prefix)?);
    Ok((
        command.script.sha1(),
        command.script.source,
        command.keys,
        command.args,
    ))
}

/// The reply `dict` of a store request from its script's raw Redis reply (text, or a list of
/// text; the caller decodes bytes). A raw reply that is not one of the script's raises
/// ``StoreUnavailableError``.
#[pyfunction]
#[pyo3(name = "_redis_reply")]
pub(crate) fn redis_reply<'py>(
    request: &Bound<'py, PyAny>,
    raw: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let py = request.py();
    let parsed = request_from_py(request)?;
    let raw = json_value(raw, "raw").unwrap_or(serde_json::Value::Null);
    match redis::reply(&parsed, &raw) {
        Ok(reply) => reply_dict(py, &reply),
        Err(message) => Err(jwt_error(Error::new(ErrorCode::StoreUnavailable, message))),
    }
}

fn reply_dict<'py>(py: Python<'py>, reply: &StoreReply) -> PyResult<Bound<'py, PyDict>> {
    match reply.to_value() {
        serde_json::Value::Object(map) => map_to_dict(py, &map),
        _ => Ok(PyDict::new(py)),
    }
}

/// Checks a Redis key prefix (``ValueError`` naming ``prefix`` when it would change the hash tag,
/// ``TypeError`` when it is not a ``str``) and returns it.
#[pyfunction]
#[pyo3(name = "_redis_check_prefix")]
pub(crate) fn redis_check_prefix(prefix: &Bound<'_, PyAny>) -> PyResult<String> {
    checked_prefix(prefix)
}

fn checked_prefix(prefix: &Bound<'_, PyAny>) -> PyResult<String> {
    let prefix = prefix.cast::<PyString>().map_err(|_| {
        options_error(OptionsError::new(
            "prefix",
            OptionsErrorKind::Type,
            "must be a string",
        ))
    })?;
    let prefix = prefix.to_cow()?.into_owned();
    redis::check_prefix(&prefix).map_err(|message| {
        options_error(OptionsError::new(
            "prefix",
            OptionsErrorKind::Value,
            message,
        ))
    })?;
    Ok(prefix)
}
