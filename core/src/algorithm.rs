//! Algorithm: the JWS `alg` values onejwt implements and the key family each one needs.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorCode};

/// A JWS signature algorithm that onejwt implements (RFC 7518 §3; RFC 8037 for `EdDSA`; RFC 9864
/// for `Ed25519`).
///
/// `ES512` (P-521) is verified and signed by RustCrypto's `p521` (ring has no P-521); every other
/// algorithm by ring.
///
/// ```
/// use onejwt::Algorithm;
/// let alg: Algorithm = "RS256".parse().unwrap();
/// assert_eq!(alg, Algorithm::RS256);
/// assert_eq!(alg.as_str(), "RS256");
/// assert!("none".parse::<Algorithm>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(clippy::upper_case_acronyms)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256 and MGF1 SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384 and MGF1 SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512 and MGF1 SHA-512.
    PS512,
    /// ECDSA on P-256 with SHA-256.
    ES256,
    /// ECDSA on P-384 with SHA-384.
    ES384,
    /// ECDSA on P-521 with SHA-512.
    ES512,
    /// EdDSA with Ed25519 (RFC 8037).
    EdDSA,
    /// Ed25519 under its fully specified name (RFC 9864): the same signature as `EdDSA` with an
    /// Ed25519 key, and only with one.
    Ed25519,
}

/// The kind of key an algorithm needs; a key is bound to exactly one family when it is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyFamily {
    /// A shared secret (HS*).
    Hmac,
    /// An RSA key (RS*, PS*).
    Rsa,
    /// A P-256 key (ES256).
    EcP256,
    /// A P-384 key (ES384).
    EcP384,
    /// A P-521 key (ES512).
    EcP521,
    /// An Ed25519 key (EdDSA, Ed25519).
    Ed25519,
}

impl KeyFamily {
    /// A stable lowercase name for hosts: `hmac`, `rsa`, `ec-p256`, `ec-p384`, `ec-p521`, `ed25519`.
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyFamily::Hmac => "hmac",
            KeyFamily::Rsa => "rsa",
            KeyFamily::EcP256 => "ec-p256",
            KeyFamily::EcP384 => "ec-p384",
            KeyFamily::EcP521 => "ec-p521",
            KeyFamily::Ed25519 => "ed25519",
        }
    }

    /// A short human name for messages.
    pub fn describe(self) -> &'static str {
        match self {
            KeyFamily::Hmac => "an HMAC secret",
            KeyFamily::Rsa => "an RSA key",
            KeyFamily::EcP256 => "a P-256 EC key",
            KeyFamily::EcP384 => "a P-384 EC key",
            KeyFamily::EcP521 => "a P-521 EC key",
            KeyFamily::Ed25519 => "an Ed25519 key",
        }
    }
}

impl Algorithm {
    /// Every algorithm onejwt implements (`ES512` only with the `es512` feature, on by default).
    pub const ALL: [Algorithm; 14] = [
        Algorithm::HS256,
        Algorithm::HS384,
        Algorithm::HS512,
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::ES512,
        Algorithm::EdDSA,
        Algorithm::Ed25519,
    ];

    /// The registered JWA name (`"HS256"`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
            Algorithm::PS256 => "PS256",
            Algorithm::PS384 => "PS384",
            Algorithm::PS512 => "PS512",
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            Algorithm::ES512 => "ES512",
            Algorithm::EdDSA => "EdDSA",
            Algorithm::Ed25519 => "Ed25519",
        }
    }

    /// The key family this algorithm needs.
    pub const fn family(self) -> KeyFamily {
        match self {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => KeyFamily::Hmac,
            Algorithm::RS256
            | Algorithm::RS384
            | Algorithm::RS512
            | Algorithm::PS256
            | Algorithm::PS384
            | Algorithm::PS512 => KeyFamily::Rsa,
            Algorithm::ES256 => KeyFamily::EcP256,
            Algorithm::ES384 => KeyFamily::EcP384,
            Algorithm::ES512 => KeyFamily::EcP521,
            Algorithm::EdDSA | Algorithm::Ed25519 => KeyFamily::Ed25519,
        }
    }

    /// For HMAC algorithms, the hash output length in bytes, which is also the minimum secret
    /// length (RFC 7518 §3.2: "a key of the same size as the hash output … MUST be used").
    pub const fn min_secret_len(self) -> Option<usize> {
        match self {
            Algorithm::HS256 => Some(32),
            Algorithm::HS384 => Some(48),
            Algorithm::HS512 => Some(64),
            _ => None,
        }
    }

    /// Parses an exact (case-sensitive) JWA name into an implemented algorithm (not `ES512` in a
    /// build without the `es512` feature).
    pub(crate) fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL
            .into_iter()
            .find(|a| a.as_str() == name)
            .filter(|a| cfg!(feature = "es512") || *a != Algorithm::ES512)
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Algorithm {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Algorithm::from_name(s).ok_or_else(|| {
            let message = if s == "ES512" {
                "ES512 is left out of this build of onejwt (its es512 feature is off)".to_owned()
            } else {
                format!("algorithm {:?} is not implemented by onejwt", truncate(s))
            };
            Error::new(ErrorCode::UnsupportedAlgorithm, message)
        })
    }
}

/// Bounds attacker-controlled text quoted in messages.
pub(crate) fn truncate(s: &str) -> String {
    const MAX: usize = 32;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_case_sensitive() {
        for alg in Algorithm::ALL {
            if cfg!(feature = "es512") || alg != Algorithm::ES512 {
                assert_eq!(alg.as_str().parse::<Algorithm>(), Ok(alg));
            }
        }
        // Without the es512 feature ES512 is refused like any unimplemented algorithm, and says why.
        if !cfg!(feature = "es512") {
            let err = "ES512".parse::<Algorithm>().unwrap_err();
            assert_eq!(err.code(), ErrorCode::UnsupportedAlgorithm);
            assert!(err.message().contains("es512 feature"));
        }
        assert!("hs256".parse::<Algorithm>().is_err());
        assert!("ed25519".parse::<Algorithm>().is_err());
        assert!("ES256K".parse::<Algorithm>().is_err());
        assert_eq!(Algorithm::Ed25519.family(), Algorithm::EdDSA.family());
    }

    #[test]
    fn truncate_bounds_long_text() {
        assert_eq!(truncate("abc"), "abc");
        assert_eq!(truncate(&"x".repeat(100)).chars().count(), 33);
    }
}
