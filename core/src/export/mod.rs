//! Export: a key's public or private half as a JWK (RFC 7517/7518 §6, RFC 8037 §2) or PEM (SPKI for
//! public, PKCS#8 for private), its RFC 7638 thumbprint, and a key set's JWKS document, for
//! publishing (`/.well-known/jwks.json`) and for keeping generated keys. A public export never
//! holds a private member; a private one is only ever made when asked for by name.

use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, UintRef};
use der::Encode;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::algorithm::KeyFamily;
use crate::encoding::b64_encode;
use crate::error::{invalid_key, Error};
use crate::key::{Key, Material};
use crate::keyset::KeySet;
use crate::pem::{OID_EC, OID_ED25519, OID_P256, OID_P384, OID_P521, OID_RSA};

/// What a key's public half is, decoded once for every export form.
enum Public {
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
    },
    /// An uncompressed SEC1 point (0x04 ‖ x ‖ y) on `family`'s curve.
    Ec {
        family: KeyFamily,
        point: Vec<u8>,
    },
    Ed25519([u8; 32]),
}

fn no_secret_half() -> Error {
    invalid_key(
        "an HMAC secret has no public half; it is never published (export it as a private JWK)",
    )
}

fn no_private_half() -> Error {
    invalid_key("the key is a public key: it has no private half to export")
}

/// Private key export: keys keep their private document only with the `key-export` feature.
#[cfg(feature = "key-export")]
mod private;
#[cfg(feature = "key-export")]
use private::{private_members, private_pem};

/// Without the `key-export` feature a key keeps no private document (an HMAC secret aside).
#[cfg(not(feature = "key-export"))]
fn not_in_build(key: &Key) -> Error {
    if key.can_sign() {
        invalid_key(
            "private key export is not in this build of onejwt (its key-export feature is off)",
        )
    } else {
        no_private_half()
    }
}

#[cfg(not(feature = "key-export"))]
fn private_members(key: &Key) -> Result<Vec<(&'static str, String)>, Error> {
    Err(not_in_build(key))
}

#[cfg(not(feature = "key-export"))]
fn private_pem(key: &Key) -> Result<String, Error> {
    Err(not_in_build(key))
}

fn curve(family: KeyFamily) -> (&'static str, ObjectIdentifier, usize) {
    match family {
        KeyFamily::EcP256 => ("P-256", OID_P256, 32),
        KeyFamily::EcP384 => ("P-384", OID_P384, 48),
        _ => ("P-521", OID_P521, crate::key::P521_BYTES),
    }
}

fn public_of(key: &Key) -> Result<Public, Error> {
    Ok(match key.material() {
        Material::Hmac(_) => return Err(no_secret_half()),
        Material::Rsa { public, .. } => Public::Rsa {
            n: public.n.clone(),
            e: public.e.clone(),
        },
        Material::Ec { family, point, .. } => Public::Ec {
            family: *family,
            point: point.clone(),
        },
        #[cfg(feature = "es512")]
        Material::P521 { public, .. } => Public::Ec {
            family: KeyFamily::EcP521,
            point: public.to_encoded_point(false).as_bytes().to_vec(),
        },
        Material::Ed25519 { public, .. } => Public::Ed25519(*public),
    })
}

/// The members of a public JWK that define the key (RFC 7638 §3.2), in lexicographic order: the
/// thumbprint's input is exactly these, and an exported JWK starts with them. For an HMAC
/// secret (which only a private export or a thumbprint reads) they are `k` and `kty`.
fn required_members(key: &Key) -> Result<Vec<(&'static str, String)>, Error> {
    if let Material::Hmac(h) = key.material() {
        return Ok(vec![
            ("k", b64_encode(&h.secret)),
            ("kty", "oct".to_owned()),
        ]);
    }
    Ok(match public_of(key)? {
        Public::Rsa { n, e } => vec![
            ("e", b64_encode(&e)),
            ("kty", "RSA".to_owned()),
            ("n", b64_encode(&n)),
        ],
        Public::Ec { family, point } => {
            // Uncompressed SEC1: 0x04 ‖ x ‖ y, each coordinate of the curve's size.
            let size = (point.len() - 1) / 2;
            vec![
                ("crv", curve(family).0.to_owned()),
                ("kty", "EC".to_owned()),
                ("x", b64_encode(&point[1..=size])),
                ("y", b64_encode(&point[1 + size..])),
            ]
        }
        Public::Ed25519(x) => vec![
            ("crv", "Ed25519".to_owned()),
            ("kty", "OKP".to_owned()),
            ("x", b64_encode(&x)),
        ],
    })
}

/// A JWK object from its members, then the `kid`, `use`, `key_ops` and `alg` the key carries.
fn jwk_object(key: &Key, members: Vec<(&'static str, String)>, public: bool) -> Map<String, Value> {
    let mut jwk: Map<String, Value> = members
        .into_iter()
        .map(|(name, value)| (name.to_owned(), Value::String(value)))
        .collect();
    let meta = key.meta();
    if let Some(kid) = &meta.kid {
        jwk.insert("kid".into(), kid.as_str().into());
    }
    if let Some(use_) = &meta.use_ {
        jwk.insert("use".into(), use_.as_str().into());
    }
    if let Some(ops) = &meta.key_ops {
        let ops: Vec<Value> = if public {
            // A published key only verifies: the signing operation stays with the private key.
            let signs = ops.iter().any(|op| op == "verify" || op == "sign");
            if signs {
                vec!["verify".into()]
            } else {
                Vec::new()
            }
        } else {
            ops.iter().map(|op| Value::from(op.as_str())).collect()
        };
        jwk.insert("key_ops".into(), Value::Array(ops));
    }
    if let Some(alg) = &meta.alg {
        jwk.insert("alg".into(), alg.as_str().into());
    }
    jwk
}

fn pem_text(label: &str, der: Vec<u8>) -> String {
    let config = pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF);
    pem::encode_config(&pem::Pem::new(label, der), config)
}

fn uint(bytes: &[u8]) -> Result<UintRef<'_>, Error> {
    UintRef::new(bytes).map_err(der_failed)
}

fn der_failed(_: der::Error) -> Error {
    invalid_key("the key could not be encoded as DER")
}

impl Key {
    /// The key's public half as a JWK: the members that define it, then the `kid`, `use`,
    /// `key_ops` (only `verify`) and `alg` the key carries. Never a private member; an HMAC
    /// secret, which has no public half, is `invalid_key`.
    ///
    /// ```
    /// use onejwt::Key;
    /// let jwk = r#"{"kty":"OKP","crv":"Ed25519","kid":"k1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// let public = Key::from_jwk(jwk)?.to_public_jwk()?;
    /// assert_eq!(serde_json::Value::Object(public).to_string(),
    ///     r#"{"crv":"Ed25519","kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k1"}"#);
    /// # Ok::<(), onejwt::Error>(())
    /// ```
    pub fn to_public_jwk(&self) -> Result<Map<String, Value>, Error> {
        if matches!(self.material(), Material::Hmac(_)) {
            return Err(no_secret_half());
        }
        Ok(jwk_object(self, required_members(self)?, true))
    }

    /// The whole key as a JWK, private members included (RSA `d`, `p`, `q`, `dp`, `dq`, `qi`; EC
    /// and OKP `d`; an HMAC secret's `k`): what [`Key::from_jwk`] reads back. A public key is
    /// `invalid_key`. Keep the result as secret as the key.
    ///
    /// ```
    /// use onejwt::{Algorithm, GenerateOptions, Key};
    /// let key = Key::generate(Algorithm::ES256, &GenerateOptions::default())?;
    /// let jwk = key.to_private_jwk()?;
    /// assert!(jwk.contains_key("d"));
    /// assert_eq!(Key::from_jwk_map(&jwk)?.thumbprint()?, key.thumbprint()?);
    /// # Ok::<(), onejwt::Failure>(())
    /// ```
    pub fn to_private_jwk(&self) -> Result<Map<String, Value>, Error> {
        let mut members = required_members(self)?;
        if !matches!(self.material(), Material::Hmac(_)) {
            members.extend(private_members(self)?);
        }
        Ok(jwk_object(self, members, false))
    }

    /// The key's public half as PEM `PUBLIC KEY` text (SPKI, RFC 5280), what `openssl`,
    /// `cryptography` and `node:crypto` read. An HMAC secret is `invalid_key`.
    ///
    /// ```
    /// use onejwt::Key;
    /// let jwk = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// let pem = Key::from_jwk(jwk)?.to_public_pem()?;
    /// assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    /// assert_eq!(Key::from_pem(&pem)?.thumbprint()?, Key::from_jwk(jwk)?.thumbprint()?);
    /// # Ok::<(), onejwt::Error>(())
    /// ```
    pub fn to_public_pem(&self) -> Result<String, Error> {
        let rsa_der;
        let null = AnyRef::NULL;
        let curve_oid;
        let (oid, parameters, bits): (_, Option<AnyRef<'_>>, Vec<u8>) = match public_of(self)? {
            Public::Rsa { n, e } => {
                rsa_der = pkcs1::RsaPublicKey {
                    modulus: uint(&n)?,
                    public_exponent: uint(&e)?,
                }
                .to_der()
                .map_err(der_failed)?;
                (OID_RSA, Some(null), rsa_der)
            }
            Public::Ec { family, point } => {
                curve_oid = curve(family).1;
                (OID_EC, Some(AnyRef::from(&curve_oid)), point)
            }
            Public::Ed25519(x) => (OID_ED25519, None, x.to_vec()),
        };
        let spki = spki::SubjectPublicKeyInfoRef {
            algorithm: spki::AlgorithmIdentifierRef { oid, parameters },
            subject_public_key: BitStringRef::from_bytes(&bits).map_err(der_failed)?,
        };
        Ok(pem_text("PUBLIC KEY", spki.to_der().map_err(der_failed)?))
    }

    /// The whole key as PEM `PRIVATE KEY` text (PKCS#8 v1, RFC 5208, unencrypted), what
    /// [`Key::from_pem`], `openssl`, `cryptography` and `node:crypto` read. A public key is
    /// `invalid_key`, and so is an HMAC secret (PEM has no form for one; use the private JWK).
    /// Keep the result as secret as the key.
    pub fn to_private_pem(&self) -> Result<String, Error> {
        if matches!(self.material(), Material::Hmac(_)) {
            return Err(invalid_key(
                "an HMAC secret has no PEM form; export it as a private JWK",
            ));
        }
        private_pem(self)
    }

    /// The key's RFC 7638 JWK thumbprint: SHA-256 of the JSON object of its defining public
    /// members (lexicographic order, no whitespace), base64url; for an HMAC secret, of `k` and
    /// `kty` (RFC 7638 §3.2). The same for the private and the public half of a key pair, and
    /// whatever `kid` it carries: the `kid` [`Key::generate`] and a service's key ring give a key
    /// that has none.
    ///
    /// ```
    /// use onejwt::Key;
    /// // RFC 7638 §3.1's example key and its thumbprint.
    /// let jwk = r#"{"kty":"RSA","e":"AQAB","alg":"RS256","kid":"2011-04-29","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}"#;
    /// assert_eq!(Key::from_jwk(jwk)?.thumbprint()?, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    /// # Ok::<(), onejwt::Error>(())
    /// ```
    pub fn thumbprint(&self) -> Result<String, Error> {
        let members = required_members(self)?;
        let mut text = Zeroizing::new(String::from("{"));
        for (i, (name, value)) in members.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            // Names and values are ASCII (member names, curve names, base64url): no escaping.
            text.push('"');
            text.push_str(name);
            text.push_str("\":\"");
            text.push_str(value);
            text.push('"');
        }
        text.push('}');
        let digest = ring::digest::digest(&ring::digest::SHA256, text.as_bytes());
        Ok(b64_encode(digest.as_ref()))
    }
}

impl KeySet {
    /// The set's public JWKS document, `{"keys": [...]}`: each key's [`Key::to_public_jwk`] in the
    /// set's order. A set holding an HMAC secret (`allow_oct`) is refused (`invalid_key`): a
    /// published JWKS never carries a secret.
    pub fn to_public_jwks(&self) -> Result<Map<String, Value>, Error> {
        jwks(self.keys(), Key::to_public_jwk)
    }

    /// The set as a private JWKS document: each key's [`Key::to_private_jwk`]. Every key must be
    /// private (or a secret); keep the result as secret as the keys.
    pub fn to_private_jwks(&self) -> Result<Map<String, Value>, Error> {
        jwks(self.keys(), Key::to_private_jwk)
    }
}

/// `{"keys": [...]}` of each key's export.
pub(crate) fn jwks(
    keys: &[Key],
    export: fn(&Key) -> Result<Map<String, Value>, Error>,
) -> Result<Map<String, Value>, Error> {
    let keys = keys
        .iter()
        .map(|key| export(key).map(Value::Object))
        .collect::<Result<Vec<_>, _>>()?;
    let mut document = Map::new();
    document.insert("keys".into(), Value::Array(keys));
    Ok(document)
}

#[cfg(test)]
mod tests {
    use crate::{Key, KeySet};

    fn key_file(name: &str) -> String {
        let path = format!(
            "{}/../tests/vectors/keys/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn the_private_and_public_halves_export_the_same_public_jwk() {
        // Every family: the public JWK of the private key (PEM) equals the committed public JWK's
        // defining members, reads back as a key with the same thumbprint, and has no private member.
        for name in ["rsa2048", "p256", "p384", "p521", "ed25519"] {
            if name == "p521" && !cfg!(feature = "es512") {
                continue;
            }
            let private = Key::from_pem(key_file(&format!("{name}.private.pkcs8.pem"))).unwrap();
            let public = Key::from_jwk(&key_file(&format!("{name}.public.jwk"))).unwrap();
            let exported = private.to_public_jwk().unwrap();
            for member in ["d", "p", "q", "dp", "dq", "qi", "k"] {
                assert!(!exported.contains_key(member), "{name}: {member}");
            }
            let back = Key::from_jwk_map(&exported).unwrap();
            assert!(!back.can_sign(), "{name}");
            assert_eq!(
                private.thumbprint().unwrap(),
                public.thumbprint().unwrap(),
                "{name}"
            );
            assert_eq!(
                back.thumbprint().unwrap(),
                public.thumbprint().unwrap(),
                "{name}"
            );
        }
    }

    #[cfg(feature = "key-export")]
    fn sign_and_verify(signer: &Key, verifier: &Key, alg: &str) {
        let claims = serde_json::json!({"sub": "42"});
        let token = crate::sign(
            claims.as_object().unwrap(),
            signer,
            alg,
            &crate::SignOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{alg}: {e}"));
        let verifier =
            crate::Verifier::new(verifier.clone(), crate::VerifyOptions::new([alg])).unwrap();
        assert_eq!(
            verifier.verify_at(&token, 0).unwrap().claims()["sub"],
            "42",
            "{alg}"
        );
    }

    #[test]
    #[cfg(feature = "key-export")]
    fn every_private_form_exports_and_reads_back() {
        // Every document a private key can be read from (PKCS#8, PKCS#1, SEC1, JWK), exported as
        // private JWK and PKCS#8 PEM, reads back as the same key that signs for the original.
        let cases = [
            ("rsa2048.private.pkcs8.pem", "RS256"),
            ("rsa2048.private.pkcs1.pem", "PS256"),
            ("p256.private.pkcs8.pem", "ES256"),
            ("p256.private.sec1.pem", "ES256"),
            ("p384.private.pkcs8.pem", "ES384"),
            ("p521.private.pkcs8.pem", "ES512"),
            ("ed25519.private.pkcs8.pem", "EdDSA"),
        ];
        for (file, alg) in cases {
            if alg == "ES512" && !cfg!(feature = "es512") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(format!(
                "{}/../tests/vectors/keys/{file}",
                env!("CARGO_MANIFEST_DIR")
            )) else {
                panic!("{file} is missing");
            };
            let original = Key::from_pem(&text).unwrap();
            let jwk = original.to_private_jwk().unwrap();
            let from_jwk = Key::from_jwk_map(&jwk).unwrap();
            let pem = original.to_private_pem().unwrap();
            assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{file}");
            let from_pem = Key::from_pem(&pem).unwrap();
            // The JWK-read key exports the same documents again (a fixed point).
            assert_eq!(from_jwk.to_private_jwk().unwrap(), jwk, "{file}");
            assert_eq!(from_jwk.to_private_pem().unwrap(), pem, "{file}");
            assert_eq!(from_pem.to_private_jwk().unwrap(), jwk, "{file}");
            let public = Key::from_pem(original.to_public_pem().unwrap()).unwrap();
            assert_eq!(public.thumbprint().unwrap(), original.thumbprint().unwrap());
            assert!(public.to_private_jwk().is_err(), "{file}");
            for signer in [&original, &from_jwk, &from_pem] {
                sign_and_verify(signer, &public, alg);
            }
        }
    }

    #[test]
    #[cfg(feature = "key-export")]
    fn generated_keys_of_every_algorithm_sign_export_and_read_back() {
        use crate::{Algorithm, GenerateOptions};
        for name in [
            "HS256", "HS384", "HS512", "RS256", "PS512", "ES256", "ES384", "ES512", "EdDSA",
            "Ed25519",
        ] {
            let Ok(alg) = name.parse::<Algorithm>() else {
                assert!(name == "ES512" && !cfg!(feature = "es512"), "{name}");
                continue;
            };
            let left_out = (alg.family() == crate::KeyFamily::EcP521 && !cfg!(feature = "es512"))
                || (alg.family() == crate::KeyFamily::Rsa && !cfg!(feature = "keygen-rsa"));
            if left_out {
                // Built without the feature: refused, never a key of another kind.
                let err = Key::generate(alg, &GenerateOptions::default()).unwrap_err();
                assert_eq!(
                    err.code(),
                    Some(crate::ErrorCode::UnsupportedAlgorithm),
                    "{name}"
                );
                continue;
            }
            let key = Key::generate(alg, &GenerateOptions::default()).unwrap();
            assert_eq!(
                key.kid(),
                Some(key.thumbprint().unwrap().as_str()),
                "{name}"
            );
            let back = Key::from_jwk_map(&key.to_private_jwk().unwrap()).unwrap();
            assert_eq!(back.kid(), key.kid());
            if alg.family() == crate::KeyFamily::Hmac {
                assert_eq!(
                    crate::encoding::b64_decode(
                        back.to_private_jwk().unwrap()["k"]
                            .as_str()
                            .unwrap()
                            .as_bytes(),
                        "k"
                    )
                    .unwrap()
                    .len(),
                    alg.min_secret_len().unwrap()
                );
                assert!(key.to_public_jwk().is_err() && key.to_private_pem().is_err());
                sign_and_verify(&key, &back, name);
                continue;
            }
            let public = Key::from_jwk_map(&key.to_public_jwk().unwrap()).unwrap();
            assert_eq!(public.meta().alg.as_deref(), Some(name));
            sign_and_verify(&key, &public, name);
            sign_and_verify(&back, &public, name);
            sign_and_verify(
                &Key::from_pem(key.to_private_pem().unwrap()).unwrap(),
                &public,
                name,
            );
        }
        #[cfg(feature = "keygen-rsa")]
        assert!(Key::generate(Algorithm::RS256, &GenerateOptions::default().bits(1024)).is_err());
        let options = GenerateOptions::default().bits(2048);
        assert!(Key::generate(Algorithm::ES256, &options).is_err());
    }

    #[test]
    #[cfg(not(feature = "key-export"))]
    fn without_key_export_a_private_key_is_not_exported_but_its_public_half_is() {
        let key = Key::from_pem(key_file("p256.private.pkcs8.pem")).unwrap();
        assert!(key.can_sign());
        for err in [
            key.to_private_jwk().unwrap_err(),
            KeySet::from_keys([key.clone()])
                .to_private_jwks()
                .unwrap_err(),
        ] {
            assert!(err.message().contains("key-export"), "{err}");
        }
        assert!(key
            .to_private_pem()
            .unwrap_err()
            .message()
            .contains("key-export"));
        assert!(
            key.to_public_jwk().is_ok() && key.to_public_pem().is_ok() && key.thumbprint().is_ok()
        );
        // A secret keeps its bytes in every build: its thumbprint names a service's key.
        assert!(Key::hmac([7u8; 32]).unwrap().thumbprint().is_ok());
    }

    #[test]
    fn a_secret_is_never_published() {
        let key = Key::hmac([7u8; 32]).unwrap();
        assert!(key.to_public_jwk().is_err());
        assert!(key.to_public_pem().is_err());
        // RFC 7638 §3.2: an oct key's thumbprint covers k and kty.
        assert!(key.thumbprint().is_ok());
        let set = KeySet::from_jwks_with(
            r#"{"keys":[{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}]}"#,
            &crate::KeySetOptions { allow_oct: true },
        )
        .unwrap();
        assert!(set.to_public_jwks().is_err());
    }
}
