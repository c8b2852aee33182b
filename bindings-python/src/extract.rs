//! Extract: `onejwt.extract_token`, finding the token in an HTTP request or WebSocket handshake.

use onejwt::{extract_token as core_extract, ExtractOptions, Extracted};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PySequence, PyString};

use crate::convert::type_name;
use crate::errors::jwt_error;

/// Finds the (not yet verified) token in a request, trying in this fixed order: the
/// ``Authorization: Bearer`` header (scheme case-insensitive, RFC 6750 §2.1), the
/// ``Sec-WebSocket-Protocol`` header (the client offers ``onejwt`` and ``onejwt.<token>``; the
/// server must echo :attr:`Extracted.echo_protocol`), the cookie named ``cookie``, then the query
/// parameter named ``query``. Returns ``None`` when no enabled place carries a token.
///
/// ``headers`` is a mapping (``dict``, or any object with ``items()`` such as Starlette's,
/// Werkzeug's or aiohttp's headers, whose ``items()`` list repeated headers) or an iterable of
/// ``(name, value)`` pairs (ASGI's ``scope["headers"]``); names are case-insensitive; ``bytes``
/// are read as Latin-1, as WSGI and ASGI servers do. ``query_string`` is the raw query without
/// ``?`` (``str`` or ``bytes``). ``bearer`` and ``websocket_protocol`` turn those places off.
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
#[pyfunction]
#[pyo3(signature = (
    headers, query_string = None, *, bearer = true, websocket_protocol = true, cookie = None,
    query = None
))]
pub(crate) fn extract_token(
    headers: &Bound<'_, PyAny>,
    query_string: Option<&Bound<'_, PyAny>>,
    bearer: bool,
    websocket_protocol: bool,
    cookie: Option<String>,
    query: Option<String>,
) -> PyResult<Option<PyExtracted>> {
    let headers = header_pairs(headers)?;
    let query_string = query_string.map(|q| text(q, "query_string")).transpose()?;
    let mut options = ExtractOptions::default();
    options.bearer = bearer;
    options.websocket_protocol = websocket_protocol;
    if let Some(name) = cookie {
        options = options.cookie(name);
    }
    if let Some(name) = query {
        options = options.query(name);
    }
    let found = core_extract(&headers, query_string.as_deref(), &options).map_err(jwt_error)?;
    Ok(found.map(|found| PyExtracted { found }))
}

/// The request's headers as the core's `(name, value)` list, repeated headers kept.
fn header_pairs(headers: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let not_headers = || {
        PyTypeError::new_err(format!(
            "headers must be a mapping or an iterable of (name, value) pairs, not {}",
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
                PyValueError::new_err(format!(
                    "each header must be a (name, value) pair, not {}",
                    type_name(&item)
                ))
            })?;
        pairs.push((
            text(&pair.get_item(0)?, "a header name")?,
            text(&pair.get_item(1)?, "a header value")?,
        ));
    }
    Ok(pairs)
}

/// `str`, or `bytes` read as Latin-1 (each byte one character, as HTTP servers hand them over).
fn text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        Ok(s.to_string_lossy().into_owned())
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        Ok(b.as_bytes().iter().map(|&byte| char::from(byte)).collect())
    } else {
        Err(PyTypeError::new_err(format!(
            "{what} must be str or bytes, not {}",
            type_name(obj)
        )))
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
