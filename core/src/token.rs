//! Token: the compact JWS structure (RFC 7515 §7.1) split and decoded under strict rules.

use crate::encoding::{b64_decode, parse_object};
use crate::error::{malformed, Error, ErrorCode};
use crate::header::Header;

/// The default `max_token_bytes`: 16 KiB, far above any real JWT, small enough that hostile
/// input is refused before any decoding work.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 16 * 1024;

/// A decoded but not yet verified token. The payload is only base64url-decoded here: callers
/// validate it as JSON with [`scan_claims`](crate::scan::scan_claims) (verification) or
/// [`parse_object`] (display), which apply the same rules.
pub(crate) struct Parts<'a> {
    /// `BASE64URL(header) '.' BASE64URL(payload)`: the bytes the signature covers.
    pub(crate) signing_input: &'a [u8],
    pub(crate) header: Header,
    pub(crate) payload: Vec<u8>,
    pub(crate) signature: Vec<u8>,
}

/// The size rule, first of all rules: `len` bytes against the limit. `at_least`: `len` is only a
/// lower bound the host knows before converting the token (and the message says so).
pub(crate) fn check_size(len: usize, max_bytes: usize, at_least: bool) -> Result<(), Error> {
    if len > max_bytes {
        let bound = if at_least { "at least " } else { "" };
        return Err(Error::new(
            ErrorCode::TokenTooLarge,
            format!("the token is {bound}{len} bytes; the limit is {max_bytes}"),
        ));
    }
    Ok(())
}

/// Splits and decodes a compact token. The size limit is checked before anything else, so an
/// oversized token costs one comparison.
pub(crate) fn parse(token: &[u8], max_bytes: usize) -> Result<Parts<'_>, Error> {
    check_size(token.len(), max_bytes, false)?;
    let mut dots = token
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'.')
        .map(|(i, _)| i);
    let (first, second) = match (dots.next(), dots.next(), dots.next()) {
        (Some(a), Some(b), None) => (a, b),
        _ => {
            let segments = token.iter().filter(|&&b| b == b'.').count() + 1;
            return Err(malformed(if segments == 5 {
                "the token has 5 segments: it is a JWE (encrypted), not a JWS; onejwt verifies signed tokens only".to_owned()
            } else {
                format!("a compact JWS has 3 dot-separated segments; this token has {segments}")
            }));
        }
    };
    let header_bytes = b64_decode(&token[..first], "header")?;
    let header = Header::from_map(parse_object(&header_bytes, "header")?);
    let payload = b64_decode(&token[first + 1..second], "payload")?;
    let signature = b64_decode(&token[second + 1..], "signature")?;
    Ok(Parts {
        signing_input: &token[..second],
        header,
        payload,
        signature,
    })
}
