//! Extract: `onejwt.extract_token`, finding the token in an HTTP request or WebSocket handshake.

use onejwt::host::{self, OptionNames};
use onejwt::service::{extract_token as core_extract, Extracted};
use onejwt::{OptionsError, OptionsErrorKind};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PySequence, PyString};
use serde_json::Value;

use crate::convert::{option_value, options_map, type_name};
use crate::errors::{jwt_error, options_error};

/// Finds the (not yet verified) token in a request, trying in this fixed order: the
/// ``Authorization: Bearer`` header (scheme case-insensitive, RFC 6750 §2.1), the
/// ``Sec-WebSocket-Protocol`` header (the client offers ``onejwt`` and ``onejwt.<token>``; the
/// server must echo :attr:`Extracted.echo_protocol`), the cookie named ``cookie``, then the query
/// parameter named ``query``. Returns ``None`` when no enabled place carries a token.
///
/// ``headers`` is a mapping (``dict``, or any object with ``items()`` such as Starlette's,
/// Werkzeug's or aiohttp's headers, whose ``items()`` list repeated headers) or an iterable of
/// ``(name, value)`` pairs (ASGI's ``scope["headers"]``); names are case-insensitive; ``bytes``
/// are read as Latin-1, as WSGI and ASGI servers do. The options: ``query_string`` (the raw
/// query without ``?``, ``str`` or ``bytes``; positional too), ``bearer`` and
/// ``websocket_protocol`` (``False`` turns those places off), ``cookie`` and ``query`` (the
/// names to look for).
///
/// Cookies and query parameters are off unless named. Query tokens end up in access logs,
/// proxies and browser history (RFC 6750 §5.3): enable ``query`` only for clients with no other
/// way. A place that is present but broken (``Bearer`` without a token, two ``Authorization``
/// headers, a WebSocket token without ``onejwt`` to echo, a percent-encoded query token) raises
/// ``MalformedError`` rather than guessing.
///
/// >>> found = extract_token({"Authorization": "Bearer abc.def.ghi"})
/// >>> found.token, found.source
/// ('abc.def.ghi', 'bearer')
/// >>> extract_token([("cookie", "session=abc.def.ghi")]) is None
/// True
/// >>> extract_token([(b"cookie", b"session=abc.def.ghi")], cookie="session").token
/// 'abc.def.ghi'
#[pyfunction]
#[pyo3(signature = (headers, query_string = None, **options))]
pub(crate) fn extract_token(
    headers: &Bound<'_, PyAny>,
    query_string: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Option<PyExtracted>> {
    let headers = header_pairs(headers)?;
    let mut map = options_map(options)?;
    if let Some(query_string) = query_string {
        let value = match latin1(query_string) {
            Some(text) => Value::String(text),
            None => option_value(query_string, "query_string")?,
        };
        map.insert("query_string".to_owned(), value);
    }
    let args = host::extract_args(&map, OptionNames::SnakeCase).map_err(options_error)?;
    let found =
        core_extract(&headers, args.query_string.as_deref(), &args.options).map_err(jwt_error)?;
    Ok(found.map(|found| PyExtracted { found }))
}

/// The request's headers as the core's `(name, value)` list, repeated headers kept.
fn header_pairs(headers: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let refused = |message: String| {
        options_error(OptionsError::argument(
            "headers",
            OptionsErrorKind::Type,
            message,
        ))
    };
    let not_headers = || {
        refused(format!(
            "must be a mapping or an iterable of (name, value) pairs, not {}",
            type_name(headers)
        ))
    };
    if headers.is_instance_of::<PyString>() || headers.is_instance_of::<PyBytes>() {
        return Err(not_headers());
    }
    let py = headers.py();
    let items = match headers.getattr(intern!(py, "items")) {
        Ok(items) if items.is_callable() => items.call0()?,
        _ => headers.clone(),
    };
    let mut pairs = Vec::new();
    for item in items.try_iter().map_err(|_| not_headers())? {
        let item = item?;
        let pair = item
            .cast::<PySequence>()
            .ok()
            .filter(|p| p.len().ok() == Some(2) && !item.is_instance_of::<PyString>())
            .ok_or_else(|| {
                refused(format!(
                    "each header must be a (name, value) pair, not {}",
                    type_name(&item)
                ))
            })?;
        let text = |obj: Bound<'_, PyAny>, what: &str| {
            latin1(&obj).ok_or_else(|| {
                refused(format!(
                    "{what} must be str or bytes, not {}",
                    type_name(&obj)
                ))
            })
        };
        pairs.push((
            text(pair.get_item(0)?, "a header name")?,
            text(pair.get_item(1)?, "a header value")?,
        ));
    }
    Ok(pairs)
}

/// `str`, or `bytes` read as Latin-1 (each byte one character, as HTTP servers hand them over);
/// `None` for anything else.
fn latin1(obj: &Bound<'_, PyAny>) -> Option<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        Some(s.to_string_lossy().into_owned())
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        Some(b.as_bytes().iter().map(|&byte| char::from(byte)).collect())
    } else {
        None
    }
}

/// A token found by :func:`extract_token`: ``token`` (not verified yet: pass it to
/// :meth:`TokenService.verify`), ``source`` (``"bearer"``, ``"websocket_protocol"``,
/// ``"cookie"`` or ``"query"``) and ``echo_protocol`` (for WebSocket handshakes, the subprotocol
/// the server must send back, else ``None``). ``repr()`` never shows the token.
#[pyclass(frozen, name = "Extracted", module = "onejwt")]
pub(crate) struct PyExtracted {
    found: Extracted,
}

#[pymethods]
impl PyExtracted {
    /// The token text, not verified yet.
    #[getter]
    fn token(&self) -> &str {
        &self.found.token
    }

    /// Where the token was found: ``"bearer"``, ``"websocket_protocol"``, ``"cookie"`` or
    /// ``"query"``.
    #[getter]
    fn source(&self) -> &'static str {
        self.found.source.as_str()
    }

    /// For a WebSocket handshake, the ``Sec-WebSocket-Protocol`` value the server must echo
    /// (``"onejwt"``; never the token entry); ``None`` for other sources.
    #[getter]
    fn echo_protocol(&self) -> Option<&str> {
        self.found.echo_protocol.as_deref()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let echo = self.echo_protocol().into_pyobject(py)?.repr()?;
        Ok(format!(
            "Extracted(source='{}', echo_protocol={echo})",
            self.source()
        ))
    }
}
