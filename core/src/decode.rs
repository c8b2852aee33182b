//! Decode: reading a token without verifying it, for display and debugging only.

use crate::claims::Claims;
use crate::encoding::parse_object;
use crate::error::Error;
use crate::header::Header;
use crate::token::{parse, DEFAULT_MAX_TOKEN_BYTES};

/// A token read by [`decode_unverified`]: nothing about it has been checked but its structure.
#[derive(Clone, Debug, PartialEq)]
pub struct UnverifiedToken {
    header: Header,
    claims: Claims,
}

impl UnverifiedToken {
    /// The header, as sent (unverified).
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The claims, as sent (unverified: anyone could have written them).
    pub fn claims(&self) -> &Claims {
        &self.claims
    }

    /// Takes header and claims apart.
    pub fn into_parts(self) -> (Header, Claims) {
        (self.header, self.claims)
    }
}

/// Reads a token's header and claims WITHOUT verifying the signature or any claim.
///
/// For display and debugging only: never make an authorization decision on its result. The
/// structural rules still apply (three segments, strict base64url, JSON objects, 16 KiB).
///
/// ```
/// use onejwt::decode_unverified;
/// let token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiI0MiJ9.";
/// let t = decode_unverified(token).unwrap();
/// assert_eq!(t.header().alg(), Some("none"));
/// assert_eq!(t.claims()["sub"], "42");
/// ```
pub fn decode_unverified(token: impl AsRef<[u8]>) -> Result<UnverifiedToken, Error> {
    let parts = parse(token.as_ref(), DEFAULT_MAX_TOKEN_BYTES)?;
    let claims = parse_object(&parts.payload, "payload")?;
    Ok(UnverifiedToken {
        header: parts.header,
        claims,
    })
}
