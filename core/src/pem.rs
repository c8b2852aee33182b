//! PEM: public and private keys in the PEM forms people actually have (SPKI, PKCS#1, X.509
//! certificates, PKCS#8, SEC1).

use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use ring::{rand, signature};
use spki::SubjectPublicKeyInfoRef;

use crate::algorithm::KeyFamily;
use crate::error::{invalid_key, Error};
use crate::key::{
    ec_from_pair, ec_signing_alg, ed25519_public, ed_from_pair, rsa_from_pair, rsa_public,
    validate_ec_point, JwkMeta, Key, Material, PrivateDoc,
};
#[cfg(feature = "es512")]
use crate::key::{p521_private, p521_public};

// The algorithm identifiers of the keys onejwt reads (and writes: export/).
pub(crate) const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub(crate) const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
pub(crate) const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
pub(crate) const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
pub(crate) const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

impl Key {
    /// A key from one PEM block.
    ///
    /// Public: `PUBLIC KEY` (SPKI: RSA, P-256, P-384, P-521, Ed25519), `RSA PUBLIC KEY` (PKCS#1),
    /// `CERTIFICATE` (its subject public key; the certificate itself is not validated).
    /// Private (can sign and verify): `PRIVATE KEY` (PKCS#8), `RSA PRIVATE KEY` (PKCS#1),
    /// `EC PRIVATE KEY` (SEC1, with its public key). Exactly one block is accepted.
    ///
    /// ```
    /// use onejwt::{Key, KeyFamily};
    /// let pem = "-----BEGIN PUBLIC KEY-----
    /// MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
    /// -----END PUBLIC KEY-----";
    /// let key = Key::from_pem(pem).unwrap();
    /// assert_eq!(key.family(), KeyFamily::Ed25519);
    /// assert!(!key.can_sign());
    /// ```
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<Key, Error> {
        let blocks = pem::parse_many(pem.as_ref())
            .map_err(|_| invalid_key("the PEM text is not well formed"))?;
        let block = match blocks.as_slice() {
            [one] => one,
            [] => return Err(invalid_key("no PEM block found")),
            _ => {
                return Err(invalid_key(
                    "the PEM text holds more than one block; pass exactly one key",
                ))
            }
        };
        let der = block.contents();
        let (material, private) =
            match block.tag() {
                "PUBLIC KEY" => (spki_material(der)?, None),
                "RSA PUBLIC KEY" => (pkcs1_public_material(der)?, None),
                "CERTIFICATE" => (certificate_material(der)?, None),
                "PRIVATE KEY" => (
                    pkcs8_material(der)?,
                    PrivateDoc::bytes(PrivateDoc::Pkcs8, der),
                ),
                "RSA PRIVATE KEY" => (
                    rsa_from_pair(signature::RsaKeyPair::from_der(der).map_err(|e| {
                        invalid_key(format!("the RSA private key is invalid ({e})"))
                    })?)?,
                    PrivateDoc::bytes(PrivateDoc::Pkcs1, der),
                ),
                "EC PRIVATE KEY" => (
                    sec1_material(der)?,
                    PrivateDoc::bytes(PrivateDoc::Sec1, der),
                ),
                "ENCRYPTED PRIVATE KEY" => {
                    return Err(invalid_key(
                        "encrypted private keys are not supported; decrypt the key first",
                    ))
                }
                other => {
                    return Err(invalid_key(format!(
                        "unsupported PEM block type {:?}",
                        crate::algorithm::truncate(other)
                    )))
                }
            };
        Ok(Key::from_parts(material, private, JwkMeta::default()))
    }
}

fn spki_material(der: &[u8]) -> Result<Material, Error> {
    let spki = SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|_| invalid_key("the public key is not valid SubjectPublicKeyInfo DER"))?;
    let key_bytes = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| invalid_key("the public key bit string is not whole bytes"))?;
    let oid = spki.algorithm.oid;
    if oid == OID_RSA {
        return pkcs1_public_material(key_bytes);
    }
    if oid == OID_ED25519 {
        return Ok(Material::Ed25519 {
            public: ed25519_public(key_bytes)?,
            private: None,
        });
    }
    if oid == OID_EC {
        let curve = spki
            .algorithm
            .parameters
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
            .ok_or_else(|| invalid_key("the EC public key does not name its curve"))?;
        let family = ec_family(curve)?;
        #[cfg(feature = "es512")]
        if family == KeyFamily::EcP521 {
            return Ok(Material::P521 {
                public: Box::new(p521_public(key_bytes)?),
                private: None,
            });
        }
        validate_ec_point(family, key_bytes)?;
        return Ok(Material::Ec {
            family,
            point: key_bytes.to_vec(),
            private: None,
        });
    }
    Err(invalid_key(
        "unsupported public key type (onejwt accepts RSA, P-256, P-384, P-521 and Ed25519)",
    ))
}

fn ec_family(curve: ObjectIdentifier) -> Result<KeyFamily, Error> {
    if curve == OID_P256 {
        Ok(KeyFamily::EcP256)
    } else if curve == OID_P384 {
        Ok(KeyFamily::EcP384)
    } else if curve == OID_P521 {
        #[cfg(feature = "es512")]
        return Ok(KeyFamily::EcP521);
        #[cfg(not(feature = "es512"))]
        return Err(invalid_key(crate::key::P521_LEFT_OUT));
    } else {
        Err(invalid_key(
            "unsupported EC curve (onejwt accepts P-256, P-384 and P-521)",
        ))
    }
}

fn pkcs1_public_material(der: &[u8]) -> Result<Material, Error> {
    let key = pkcs1::RsaPublicKey::from_der(der)
        .map_err(|_| invalid_key("the RSA public key is not valid PKCS#1 DER"))?;
    let public = rsa_public(key.modulus.as_bytes(), key.public_exponent.as_bytes())?;
    Ok(Material::Rsa {
        public,
        private: None,
    })
}

/// The subject public key of an X.509 certificate (RFC 5280 §4.1.2.7). Only the DER framing of
/// the certificate and of each `tbsCertificate` field before the key is checked: onejwt does not
/// validate certificates, and decoding every name and extension (x509-cert) cost the verify-only
/// `.wasm` ~5 KiB gzipped for fields it never reads.
fn certificate_material(der: &[u8]) -> Result<Material, Error> {
    use der::asn1::AnyRef;
    use der::{Reader, SliceReader, Tag, TagNumber, Tagged};
    let bad = |_| invalid_key("the certificate is not valid X.509 DER");
    fn expect(any: AnyRef<'_>, tag: Tag) -> Result<AnyRef<'_>, Error> {
        if any.tag() == tag {
            Ok(any)
        } else {
            Err(invalid_key("the certificate is not valid X.509 DER"))
        }
    }
    // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
    let certificate = expect(AnyRef::from_der(der).map_err(bad)?, Tag::Sequence)?;
    let mut outer = SliceReader::new(certificate.value()).map_err(bad)?;
    let tbs = expect(outer.decode().map_err(bad)?, Tag::Sequence)?;
    expect(outer.decode().map_err(bad)?, Tag::Sequence)?;
    expect(outer.decode().map_err(bad)?, Tag::BitString)?;
    outer.finish(()).map_err(bad)?;
    // TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer,
    //   validity, subject, subjectPublicKeyInfo, ... }
    let mut fields = SliceReader::new(tbs.value()).map_err(bad)?;
    let mut serial: AnyRef<'_> = fields.decode().map_err(bad)?;
    let version = Tag::ContextSpecific {
        constructed: true,
        number: TagNumber::N0,
    };
    if serial.tag() == version {
        serial = fields.decode().map_err(bad)?;
    }
    expect(serial, Tag::Integer)?;
    for _ in 0..4 {
        expect(fields.decode().map_err(bad)?, Tag::Sequence)?;
    }
    let spki = expect(fields.decode().map_err(bad)?, Tag::Sequence)?;
    spki_material(&spki.to_der().map_err(bad)?)
}

fn pkcs8_material(der: &[u8]) -> Result<Material, Error> {
    if let Ok(pair) = signature::RsaKeyPair::from_pkcs8(der) {
        return rsa_from_pair(pair);
    }
    let rng = rand::SystemRandom::new();
    for family in [KeyFamily::EcP256, KeyFamily::EcP384] {
        if let Ok(pair) = signature::EcdsaKeyPair::from_pkcs8(ec_signing_alg(family), der, &rng) {
            return ec_from_pair(family, pair);
        }
    }
    if let Ok(pair) = signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
        return ed_from_pair(pair);
    }
    #[cfg(feature = "es512")]
    if let Some(material) = pkcs8_p521(der) {
        return material;
    }
    Err(invalid_key(
        "the PKCS#8 private key is invalid or of an unsupported type (onejwt accepts RSA of 2048 to 4096 bits, P-256, P-384, P-521 and Ed25519)",
    ))
}

/// A P-521 PKCS#8 key (ring reads the other curves): `None` when the document is not one.
#[cfg(feature = "es512")]
fn pkcs8_p521(der: &[u8]) -> Option<Result<Material, Error>> {
    let info = pkcs8::PrivateKeyInfo::from_der(der).ok()?;
    if info.algorithm.oid != OID_EC || info.algorithm.parameters_oid().ok()? != OID_P521 {
        return None;
    }
    let key = match sec1::EcPrivateKey::from_der(info.private_key) {
        Ok(key) => key,
        Err(_) => return Some(Err(invalid_key("the EC private key is not valid SEC1 DER"))),
    };
    let point = key.public_key.or(info.public_key);
    Some(p521_private(key.private_key, point))
}

fn sec1_material(der: &[u8]) -> Result<Material, Error> {
    let key = sec1::EcPrivateKey::from_der(der)
        .map_err(|_| invalid_key("the EC private key is not valid SEC1 DER"))?;
    let curve = key
        .parameters
        .and_then(|p| p.named_curve())
        .ok_or_else(|| invalid_key("the EC private key does not name its curve"))?;
    let family = ec_family(curve)?;
    let public = key.public_key.ok_or_else(|| {
        invalid_key(
            "the EC private key does not carry its public key; export it with the public key",
        )
    })?;
    #[cfg(feature = "es512")]
    if family == KeyFamily::EcP521 {
        return p521_private(key.private_key, Some(public));
    }
    ec_private_material(family, key.private_key, public)
}

/// An EC key pair from a raw scalar and its uncompressed public point (SEC1 and JWK share this).
pub(crate) fn ec_private_material(
    family: KeyFamily,
    scalar: &[u8],
    point: &[u8],
) -> Result<Material, Error> {
    validate_ec_point(family, point)?;
    let rng = rand::SystemRandom::new();
    let pair = signature::EcdsaKeyPair::from_private_key_and_public_key(
        ec_signing_alg(family),
        scalar,
        point,
        &rng,
    )
    .map_err(|_| invalid_key("the EC private key does not match its public key or is invalid"))?;
    ec_from_pair(family, pair)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CERT: &str = include_str!("../../tests/vectors/keys/rsa2048.cert.pem");

    fn certificate(der: Vec<u8>) -> Result<Key, Error> {
        Key::from_pem(pem::encode(&pem::Pem::new("CERTIFICATE", der)))
    }

    #[test]
    fn a_certificate_gives_its_subject_public_key_and_nothing_else() {
        let der = pem::parse(CERT).expect("PEM").into_contents();
        let key = certificate(der.clone()).expect("the certificate's key");
        assert_eq!((key.family(), key.can_sign()), (KeyFamily::Rsa, false));
        // The DER framing is still checked: trailing bytes, truncation, a missing signature.
        let mut trailing = der.clone();
        trailing.extend_from_slice(&[0x05, 0x00]);
        assert!(certificate(trailing).is_err());
        assert!(certificate(der[..der.len() - 1].to_vec()).is_err());
        assert!(certificate(der[4..].to_vec()).is_err());
        // An SPKI where a certificate is announced is not a certificate.
        let spki = include_str!("../../tests/vectors/keys/rsa2048.public.spki.pem");
        assert!(certificate(pem::parse(spki).expect("PEM").into_contents()).is_err());
    }
}
