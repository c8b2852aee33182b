//! JWK: keys in JSON Web Key form (RFC 7517, RFC 7518 §6, RFC 8037 §2).

use ring::signature;
use serde_json::{Map, Value};

use crate::algorithm::{truncate, KeyFamily};
use crate::encoding::{b64_decode, parse_object};
use crate::error::{invalid_key, Error};
use crate::key::{
    ed25519_public, ed_from_pair, rsa_from_pair, rsa_public, validate_ec_point, JwkMeta, Key,
    Material, PrivateDoc, P521_BYTES,
};
#[cfg(feature = "es512")]
use crate::key::{p521_private, p521_public};
use crate::pem::ec_private_material;
use zeroize::Zeroizing;

/// What parsing one JWK gave: a key, or a key type onejwt does not implement (which a key set
/// skips, RFC 7517 §5: "implementations SHOULD ignore JWKs … that use kty values that are not
/// understood").
pub(crate) enum ParsedJwk {
    Key(Key),
    Unsupported(String),
}

impl Key {
    /// A key from JWK text (RFC 7517).
    ///
    /// `kty` `oct` (an HMAC secret, same rules as [`Key::hmac`]), `RSA`, `EC` (`P-256`, `P-384`,
    /// `P-521`), `OKP` (`Ed25519`; a point of small order is refused). With `d` (and the RSA CRT members) the key can sign. A JWK `alg` restricts
    /// the key to that algorithm; `use` must be absent or `sig`; `key_ops` must allow `verify` or `sign`.
    ///
    /// ```
    /// use onejwt::{Key, KeyFamily};
    /// let key = Key::from_jwk(r#"{"kty":"OKP","crv":"Ed25519",
    ///     "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"rfc8037"}"#).unwrap();
    /// assert_eq!(key.family(), KeyFamily::Ed25519);
    /// assert_eq!(key.kid(), Some("rfc8037"));
    /// ```
    pub fn from_jwk(jwk: &str) -> Result<Key, Error> {
        let map = parse_object(jwk.as_bytes(), "JWK")
            .map_err(|e| invalid_key(format!("the JWK is not a JSON object ({})", e.message())))?;
        Key::from_jwk_map(&map)
    }

    /// A key from an already-parsed JWK object (what bindings pass for a dict / JS object).
    pub fn from_jwk_map(jwk: &Map<String, Value>) -> Result<Key, Error> {
        match parse_jwk(jwk)? {
            ParsedJwk::Key(key) => {
                let meta = key.meta();
                if meta.use_.as_deref().is_some_and(|u| u != "sig") {
                    return Err(invalid_key(
                        "the JWK \"use\" is not \"sig\"; it is not a signature key",
                    ));
                }
                if let Some(ops) = &meta.key_ops {
                    if !ops.iter().any(|o| o == "verify" || o == "sign") {
                        return Err(invalid_key(
                            "the JWK \"key_ops\" allows neither \"verify\" nor \"sign\"",
                        ));
                    }
                }
                Ok(key)
            }
            ParsedJwk::Unsupported(why) => Err(invalid_key(why)),
        }
    }
}

pub(crate) fn parse_jwk(jwk: &Map<String, Value>) -> Result<ParsedJwk, Error> {
    let meta = JwkMeta {
        kid: opt_string(jwk, "kid")?,
        use_: opt_string(jwk, "use")?,
        key_ops: match jwk.get("key_ops") {
            None => None,
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => Ok(s.clone()),
                        _ => Err(invalid_key("the JWK \"key_ops\" holds a non-string entry")),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Some(_) => return Err(invalid_key("the JWK \"key_ops\" is not an array")),
        },
        alg: opt_string(jwk, "alg")?,
    };
    let kty = match jwk.get("kty") {
        Some(Value::String(s)) => s.as_str(),
        Some(_) => return Err(invalid_key("the JWK \"kty\" is not a string")),
        None => return Err(invalid_key("the JWK has no \"kty\"")),
    };
    let (material, private) = match kty {
        "oct" => {
            let k = required_bytes(jwk, "k")?;
            return Key::hmac_with_meta(&k, meta).map(ParsedJwk::Key);
        }
        "RSA" => rsa_material(jwk)?,
        "EC" => {
            let family = match required_string(jwk, "crv")? {
                "P-256" => KeyFamily::EcP256,
                "P-384" => KeyFamily::EcP384,
                #[cfg(feature = "es512")]
                "P-521" => KeyFamily::EcP521,
                #[cfg(not(feature = "es512"))]
                "P-521" => return Ok(ParsedJwk::Unsupported(crate::key::P521_LEFT_OUT.into())),
                other => {
                    return Ok(ParsedJwk::Unsupported(format!(
                        "unsupported EC curve {:?} (onejwt accepts P-256, P-384 and P-521)",
                        truncate(other)
                    )))
                }
            };
            ec_material(jwk, family)?
        }
        "OKP" => match required_string(jwk, "crv")? {
            "Ed25519" => ed_material(jwk)?,
            other => {
                return Ok(ParsedJwk::Unsupported(format!(
                    "unsupported OKP curve {:?} (onejwt accepts Ed25519)",
                    truncate(other)
                )))
            }
        },
        other => {
            return Ok(ParsedJwk::Unsupported(format!(
                "unsupported JWK kty {:?}",
                truncate(other)
            )))
        }
    };
    Ok(ParsedJwk::Key(Key::from_parts(material, private, meta)))
}

/// What a JWK's members give: the key material and, with `d`, the private document to export.
type JwkMaterial = (Material, Option<PrivateDoc>);

fn rsa_material(jwk: &Map<String, Value>) -> Result<JwkMaterial, Error> {
    let n = required_bytes(jwk, "n")?;
    let e = required_bytes(jwk, "e")?;
    let public = rsa_public(&n, &e)?;
    if !jwk.contains_key("d") {
        if ["p", "q", "dp", "dq", "qi"]
            .iter()
            .any(|m| jwk.contains_key(*m))
        {
            return Err(invalid_key("the RSA JWK has private members but no \"d\""));
        }
        return Ok((
            Material::Rsa {
                public,
                private: None,
            },
            None,
        ));
    }
    if jwk.contains_key("oth") {
        return Err(invalid_key(
            "multi-prime RSA keys (\"oth\") are not supported",
        ));
    }
    let d = required_bytes(jwk, "d")?;
    let p = required_bytes(jwk, "p")?;
    let q = required_bytes(jwk, "q")?;
    let dp = required_bytes(jwk, "dp")?;
    let dq = required_bytes(jwk, "dq")?;
    let qi = required_bytes(jwk, "qi")?;
    let components = ring::rsa::KeyPairComponents {
        public_key: ring::rsa::PublicKeyComponents {
            n: public.n.as_slice(),
            e: public.e.as_slice(),
        },
        d: d.as_slice(),
        p: p.as_slice(),
        q: q.as_slice(),
        dP: dp.as_slice(),
        dQ: dq.as_slice(),
        qInv: qi.as_slice(),
    };
    let pair = signature::RsaKeyPair::from_components(&components)
        .map_err(|e| invalid_key(format!("the RSA private JWK is invalid ({e})")))?;
    let private = PrivateDoc::keep(move || {
        let members = vec![public.n, public.e, d, p, q, dp, dq, qi];
        PrivateDoc::RsaMembers(Zeroizing::new(members))
    });
    Ok((rsa_from_pair(pair)?, private))
}

fn ec_material(jwk: &Map<String, Value>, family: KeyFamily) -> Result<JwkMaterial, Error> {
    let size = match family {
        KeyFamily::EcP256 => 32,
        KeyFamily::EcP384 => 48,
        _ => P521_BYTES,
    };
    // RFC 7518 §6.2.1.2: x and y MUST be the full coordinate size (no stripped zeros).
    let x = fixed_bytes(jwk, "x", size)?;
    let y = fixed_bytes(jwk, "y", size)?;
    let mut point = Vec::with_capacity(1 + 2 * size);
    point.push(0x04);
    point.extend_from_slice(&x);
    point.extend_from_slice(&y);
    #[cfg(feature = "es512")]
    if family == KeyFamily::EcP521 {
        if jwk.contains_key("d") {
            // The p521 signing key gives its scalar back itself: no document to keep.
            return Ok((
                p521_private(&fixed_bytes(jwk, "d", size)?, Some(&point))?,
                None,
            ));
        }
        return Ok((
            Material::P521 {
                public: Box::new(p521_public(&point)?),
                private: None,
            },
            None,
        ));
    }
    if jwk.contains_key("d") {
        let d = fixed_bytes(jwk, "d", size)?;
        let material = ec_private_material(family, &d, &point)?;
        return Ok((
            material,
            PrivateDoc::keep(|| PrivateDoc::EcScalar(Zeroizing::new(d))),
        ));
    }
    validate_ec_point(family, &point)?;
    Ok((
        Material::Ec {
            family,
            point,
            private: None,
        },
        None,
    ))
}

fn ed_material(jwk: &Map<String, Value>) -> Result<JwkMaterial, Error> {
    let x = fixed_bytes(jwk, "x", 32)?;
    if jwk.contains_key("d") {
        let d = fixed_bytes(jwk, "d", 32)?;
        let pair = signature::Ed25519KeyPair::from_seed_and_public_key(&d, &x)
            .map_err(|_| invalid_key("the Ed25519 private key does not match its public key"))?;
        return Ok((
            ed_from_pair(pair)?,
            PrivateDoc::keep(|| PrivateDoc::Ed25519Seed(Zeroizing::new(d))),
        ));
    }
    let public = ed25519_public(&x)?;
    Ok((
        Material::Ed25519 {
            public,
            private: None,
        },
        None,
    ))
}

fn opt_string(jwk: &Map<String, Value>, name: &'static str) -> Result<Option<String>, Error> {
    match jwk.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(invalid_key(format!("the JWK \"{name}\" is not a string"))),
    }
}

fn required_string<'a>(jwk: &'a Map<String, Value>, name: &'static str) -> Result<&'a str, Error> {
    match jwk.get(name) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(invalid_key(format!("the JWK \"{name}\" is not a string"))),
        None => Err(invalid_key(format!("the JWK has no \"{name}\""))),
    }
}

fn required_bytes(jwk: &Map<String, Value>, name: &'static str) -> Result<Vec<u8>, Error> {
    let text = required_string(jwk, name)?;
    b64_decode(text.as_bytes(), "JWK member")
        .map_err(|_| invalid_key(format!("the JWK \"{name}\" is not valid base64url")))
}

fn fixed_bytes(jwk: &Map<String, Value>, name: &'static str, len: usize) -> Result<Vec<u8>, Error> {
    let bytes = required_bytes(jwk, name)?;
    if bytes.len() != len {
        return Err(invalid_key(format!(
            "the JWK \"{name}\" must be exactly {len} bytes, got {}",
            bytes.len()
        )));
    }
    Ok(bytes)
}
