//! Extract: finding the token in an HTTP request or WebSocket handshake, one ordered fallback.

use crate::error::{malformed, Error};

/// The WebSocket subprotocol convention: browsers cannot set `Authorization` on a WebSocket, so
/// the client offers two subprotocols, `onejwt` and `onejwt.<token>`
/// (`new WebSocket(url, ["onejwt", "onejwt." + token])`); the server reads the token from the
/// second and must echo `onejwt` ([`Extracted::echo_protocol`]) or the browser drops the
/// connection. The token entry is never echoed.
pub const WEBSOCKET_PROTOCOL: &str = "onejwt";

/// Where a token was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenSource {
    /// `Authorization: Bearer <token>` (RFC 6750 §2.1).
    Bearer,
    /// `Sec-WebSocket-Protocol: onejwt, onejwt.<token>`.
    WebSocketProtocol,
    /// A named cookie.
    Cookie,
    /// A query parameter.
    Query,
}

impl TokenSource {
    /// `bearer`, `websocket_protocol`, `cookie` or `query`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenSource::Bearer => "bearer",
            TokenSource::WebSocketProtocol => "websocket_protocol",
            TokenSource::Cookie => "cookie",
            TokenSource::Query => "query",
        }
    }
}

/// A token found in a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extracted {
    /// The token text (not verified yet).
    pub token: String,
    /// Where it was found.
    pub source: TokenSource,
    /// For WebSocket handshakes: the subprotocol the server must echo in its response.
    pub echo_protocol: Option<String>,
}

/// Which places to look in, in this fixed order: bearer header, WebSocket subprotocol, cookie,
/// query parameter.
///
/// Query parameters are off by default: URLs end up in access logs, proxies and browser history,
/// so a token there leaks (RFC 6750 §5.3). Turn them on only for clients that have no other way.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ExtractOptions {
    /// Look at `Authorization: Bearer` (default on).
    pub bearer: bool,
    /// Look at `Sec-WebSocket-Protocol` (default on).
    pub websocket_protocol: bool,
    /// The cookie to read (default none).
    pub cookie: Option<String>,
    /// The query parameter to read (default none; see the logging risk above).
    pub query: Option<String>,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            bearer: true,
            websocket_protocol: true,
            cookie: None,
            query: None,
        }
    }
}

impl ExtractOptions {
    /// Also read this cookie.
    pub fn cookie(mut self, name: impl Into<String>) -> Self {
        self.cookie = Some(name.into());
        self
    }

    /// Also read this query parameter (see the logging risk on [`ExtractOptions`]).
    pub fn query(mut self, name: impl Into<String>) -> Self {
        self.query = Some(name.into());
        self
    }
}

/// Finds the token in a request's `headers` (name, value pairs; names case-insensitive) and raw
/// `query` string (without `?`). `Ok(None)` when no enabled place carries one; `malformed` when a
/// place is present but broken (e.g. `Authorization: Bearer` with no token), never a guess.
///
/// ```
/// use onejwt::service::{extract_token, ExtractOptions, TokenSource};
/// let headers = [("authorization".to_owned(), "bearer abc.def.ghi".to_owned())];
/// let found = extract_token(&headers, None, &ExtractOptions::default()).unwrap().unwrap();
/// assert_eq!((found.token.as_str(), found.source), ("abc.def.ghi", TokenSource::Bearer));
/// ```
pub fn extract_token(
    headers: &[(String, String)],
    query: Option<&str>,
    options: &ExtractOptions,
) -> Result<Option<Extracted>, Error> {
    fn header<'h>(
        headers: &'h [(String, String)],
        name: &'static str,
    ) -> impl Iterator<Item = &'h str> {
        headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    if options.bearer {
        if let Some(token) = bearer(header(headers, "authorization"))? {
            return Ok(Some(found(token, TokenSource::Bearer, None)));
        }
    }
    if options.websocket_protocol {
        if let Some(token) = websocket(header(headers, "sec-websocket-protocol"))? {
            return Ok(Some(found(
                token,
                TokenSource::WebSocketProtocol,
                Some(WEBSOCKET_PROTOCOL.to_owned()),
            )));
        }
    }
    if let Some(name) = &options.cookie {
        if let Some(token) = cookie(header(headers, "cookie"), name)? {
            return Ok(Some(found(token, TokenSource::Cookie, None)));
        }
    }
    if let (Some(name), Some(query)) = (&options.query, query) {
        if let Some(token) = query_param(query, name)? {
            return Ok(Some(found(token, TokenSource::Query, None)));
        }
    }
    Ok(None)
}

fn found(token: &str, source: TokenSource, echo_protocol: Option<String>) -> Extracted {
    Extracted {
        token: token.to_owned(),
        source,
        echo_protocol,
    }
}

/// RFC 6750 §2.1: `Bearer` (scheme case-insensitive), one space-separated token; other schemes
/// (`Basic`, …) are not ours and are passed over. Two Authorization headers are refused.
fn bearer<'a>(mut values: impl Iterator<Item = &'a str>) -> Result<Option<&'a str>, Error> {
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(malformed(
            "the request has more than one Authorization header",
        ));
    }
    let value = value.trim();
    let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Ok(None);
    }
    let token = rest.trim();
    if token.is_empty() {
        return Err(malformed(
            "the Authorization header says Bearer but carries no token",
        ));
    }
    if token.contains(char::is_whitespace) {
        return Err(malformed("the Bearer token contains whitespace"));
    }
    Ok(Some(token))
}

fn websocket<'a>(values: impl Iterator<Item = &'a str>) -> Result<Option<&'a str>, Error> {
    let prefix = "onejwt.";
    let mut token = None;
    let mut offered_plain = false;
    for entry in values.flat_map(|v| v.split(',')).map(str::trim) {
        if entry == WEBSOCKET_PROTOCOL {
            offered_plain = true;
        } else if let Some(t) = entry.strip_prefix(prefix) {
            if token.replace(t).is_some() {
                return Err(malformed(
                    "the WebSocket handshake offers more than one token",
                ));
            }
        }
    }
    match token {
        None => Ok(None),
        Some("") => Err(malformed("the WebSocket token subprotocol is empty")),
        Some(_) if !offered_plain => Err(malformed(
            "the WebSocket handshake carries a token but does not offer the \"onejwt\" subprotocol to echo",
        )),
        Some(t) => Ok(Some(t)),
    }
}

fn cookie<'a>(values: impl Iterator<Item = &'a str>, name: &str) -> Result<Option<&'a str>, Error> {
    let mut token = None;
    for pair in values.flat_map(|v| v.split(';')) {
        let Some((n, v)) = pair.trim().split_once('=') else {
            continue;
        };
        if n.trim() == name && token.replace(v.trim().trim_matches('"')).is_some() {
            return Err(malformed("the request carries the token cookie twice"));
        }
    }
    match token {
        Some("") => Err(malformed("the token cookie is empty")),
        other => Ok(other),
    }
}

/// Reads one query parameter. Tokens are base64url and dots, which need no escaping; a
/// percent-escape in the value is refused rather than decoded, so there is one spelling.
fn query_param<'a>(query: &'a str, name: &str) -> Result<Option<&'a str>, Error> {
    let mut token = None;
    for pair in query.trim_start_matches('?').split('&') {
        let (n, v) = pair.split_once('=').unwrap_or((pair, ""));
        if n == name && token.replace(v).is_some() {
            return Err(malformed(
                "the query string carries the token parameter twice",
            ));
        }
    }
    match token {
        Some("") => Err(malformed("the token query parameter is empty")),
        Some(v) if v.contains('%') || v.contains('+') => Err(malformed(
            "the token query parameter is percent-encoded; send it unescaped",
        )),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn fallback_order_and_sources() {
        let all = ExtractOptions::default()
            .cookie("session")
            .query("access_token");
        let r = extract_token(
            &h(&[("Cookie", "a=1; session=c.c.c")]),
            Some("access_token=q.q.q"),
            &all,
        )
        .unwrap()
        .unwrap();
        assert_eq!((r.token.as_str(), r.source), ("c.c.c", TokenSource::Cookie));
        let r = extract_token(
            &h(&[("Sec-WebSocket-Protocol", "onejwt, onejwt.w.w.w")]),
            None,
            &all,
        )
        .unwrap()
        .unwrap();
        assert_eq!(r.echo_protocol.as_deref(), Some("onejwt"));
        assert_eq!(r.token, "w.w.w");
        let r = extract_token(
            &h(&[("Authorization", "Basic eDp5")]),
            Some("access_token=q.q.q"),
            &all,
        )
        .unwrap()
        .unwrap();
        assert_eq!(r.source, TokenSource::Query);
        assert!(extract_token(
            &h(&[]),
            Some("access_token=q.q.q"),
            &ExtractOptions::default()
        )
        .unwrap()
        .is_none());
    }

    #[test]
    fn broken_places_are_malformed() {
        let o = ExtractOptions::default();
        for headers in [
            h(&[("Authorization", "Bearer")]),
            h(&[("Authorization", "Bearer a b")]),
            h(&[("Authorization", "Bearer a"), ("authorization", "Bearer b")]),
            h(&[("Sec-WebSocket-Protocol", "onejwt.x.y.z")]),
        ] {
            assert!(extract_token(&headers, None, &o).is_err(), "{headers:?}");
        }
    }
}
