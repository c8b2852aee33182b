//! Private export (feature `key-export`): a key's private half, read back from the document it
//! was read from or generated as, as JWK members (RFC 7518 §6, RFC 8037 §2) or a PKCS#8 document.

use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode};
use zeroize::Zeroizing;

use super::{
    curve, der_failed, no_private_half, pem_text, public_of, uint, Public, OID_EC, OID_ED25519,
    OID_RSA,
};
use crate::algorithm::KeyFamily;
use crate::encoding::b64_encode;
use crate::error::{invalid_key, Error};
use crate::key::{Key, Material, PrivateDoc};

/// What a key's private half is, whichever document it was read from.
enum Private {
    /// d, p, q, dp, dq, qi: big-endian, without leading zeros.
    Rsa(Zeroizing<Vec<Vec<u8>>>),
    /// The scalar, big-endian, the curve's size.
    Ec(Zeroizing<Vec<u8>>),
    /// The seed.
    Ed25519(Zeroizing<Vec<u8>>),
}

fn broken() -> Error {
    invalid_key("the key's private document could not be read back for export")
}

fn unsigned(bytes: &[u8]) -> Vec<u8> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes[start..].to_vec()
}

fn rsa_members(key: &der::asn1::UintRef<'_>) -> Vec<u8> {
    unsigned(key.as_bytes())
}

fn rsa_from_pkcs1(der: &[u8]) -> Result<Private, Error> {
    let key = pkcs1::RsaPrivateKey::from_der(der).map_err(|_| broken())?;
    let members = [
        key.private_exponent,
        key.prime1,
        key.prime2,
        key.exponent1,
        key.exponent2,
        key.coefficient,
    ]
    .iter()
    .map(rsa_members)
    .collect();
    Ok(Private::Rsa(Zeroizing::new(members)))
}

fn scalar_from_sec1(der: &[u8]) -> Result<Private, Error> {
    let key = sec1::EcPrivateKey::from_der(der).map_err(|_| broken())?;
    Ok(Private::Ec(Zeroizing::new(key.private_key.to_vec())))
}

fn private_of(key: &Key) -> Result<Private, Error> {
    #[cfg(feature = "es512")]
    if let Material::P521 { private, .. } = key.material() {
        let signing = private.as_ref().ok_or_else(no_private_half)?;
        return Ok(Private::Ec(Zeroizing::new(signing.to_bytes().to_vec())));
    }
    match key.private_doc().ok_or_else(no_private_half)? {
        PrivateDoc::Pkcs1(der) => rsa_from_pkcs1(der),
        PrivateDoc::Sec1(der) => scalar_from_sec1(der),
        PrivateDoc::RsaMembers(members) => Ok(Private::Rsa(Zeroizing::new(members[2..].to_vec()))),
        PrivateDoc::EcScalar(d) => Ok(Private::Ec(d.clone())),
        PrivateDoc::Ed25519Seed(seed) => Ok(Private::Ed25519(seed.clone())),
        PrivateDoc::Pkcs8(der) => {
            let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(|_| broken())?;
            match key.family() {
                KeyFamily::Rsa => rsa_from_pkcs1(info.private_key),
                KeyFamily::Ed25519 => {
                    let seed = OctetStringRef::from_der(info.private_key).map_err(|_| broken())?;
                    Ok(Private::Ed25519(Zeroizing::new(seed.as_bytes().to_vec())))
                }
                _ => scalar_from_sec1(info.private_key),
            }
        }
    }
}

/// The private members of the key's JWK, in RFC 7518's order.
pub(super) fn private_members(key: &Key) -> Result<Vec<(&'static str, String)>, Error> {
    let mut members = Vec::new();
    match private_of(key)? {
        Private::Rsa(parts) => {
            for (name, value) in ["d", "p", "q", "dp", "dq", "qi"]
                .into_iter()
                .zip(parts.iter())
            {
                members.push((name, b64_encode(value)));
            }
        }
        Private::Ec(d) => {
            let size = match public_of(key)? {
                Public::Ec { family, .. } => curve(family).2,
                _ => d.len(),
            };
            // RFC 7518 §6.2.2.1: d is the full size of the curve's order.
            let mut full = Zeroizing::new(vec![0u8; size.saturating_sub(d.len())]);
            full.extend_from_slice(&d);
            members.push(("d", b64_encode(&full)));
        }
        Private::Ed25519(seed) => members.push(("d", b64_encode(&seed))),
    }
    Ok(members)
}

/// [`Key::to_private_pem`]'s PKCS#8 document.
pub(super) fn private_pem(key: &Key) -> Result<String, Error> {
    let private = private_of(key)?;
    let public = public_of(key)?;
    let null = AnyRef::NULL;
    let curve_oid;
    let inner: Zeroizing<Vec<u8>> = match (&private, &public) {
        (Private::Rsa(parts), Public::Rsa { n, e }) => {
            let key = pkcs1::RsaPrivateKey {
                modulus: uint(n)?,
                public_exponent: uint(e)?,
                private_exponent: uint(&parts[0])?,
                prime1: uint(&parts[1])?,
                prime2: uint(&parts[2])?,
                exponent1: uint(&parts[3])?,
                exponent2: uint(&parts[4])?,
                coefficient: uint(&parts[5])?,
                other_prime_infos: None,
            };
            Zeroizing::new(key.to_der().map_err(der_failed)?)
        }
        (Private::Ec(d), Public::Ec { family, point }) => {
            let size = curve(*family).2;
            let mut full = Zeroizing::new(vec![0u8; size.saturating_sub(d.len())]);
            full.extend_from_slice(d);
            // The curve is named once, in the PKCS#8 algorithm; the public key is kept, as
            // ring (and OpenSSL's output) have it.
            let key = sec1::EcPrivateKey {
                private_key: &full,
                parameters: None,
                public_key: Some(point),
            };
            Zeroizing::new(key.to_der().map_err(der_failed)?)
        }
        (Private::Ed25519(seed), Public::Ed25519(_)) => Zeroizing::new(
            OctetStringRef::new(seed)
                .and_then(|s| s.to_der())
                .map_err(der_failed)?,
        ),
        _ => return Err(broken()),
    };
    let (oid, parameters): (_, Option<AnyRef<'_>>) = match &public {
        Public::Rsa { .. } => (OID_RSA, Some(null)),
        Public::Ec { family, .. } => {
            curve_oid = curve(*family).1;
            (OID_EC, Some(AnyRef::from(&curve_oid)))
        }
        Public::Ed25519(_) => (OID_ED25519, None),
    };
    let info = pkcs8::PrivateKeyInfo {
        algorithm: spki::AlgorithmIdentifierRef { oid, parameters },
        private_key: &inner,
        public_key: None,
    };
    let der = Zeroizing::new(info.to_der().map_err(der_failed)?);
    Ok(pem_text("PRIVATE KEY", der.to_vec()))
}
