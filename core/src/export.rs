//! Export: a key's public half as a JWK (RFC 7517), its RFC 7638 thumbprint, and a key set's public
//! JWKS document, for publishing (`/.well-known/jwks.json`). Never a private member.

use serde_json::{Map, Value};

use crate::algorithm::KeyFamily;
use crate::encoding::b64_encode;
use crate::error::{invalid_key, Error};
use crate::key::{Key, Material};
use crate::keyset::KeySet;

/// The members of a public JWK that define the key (RFC 7638 §3.2), in lexicographic order: the
/// thumbprint's input is exactly these, and the exported JWK starts with them.
fn required_members(key: &Key) -> Result<Vec<(&'static str, String)>, Error> {
    let curve = |family: KeyFamily| match family {
        KeyFamily::EcP256 => "P-256",
        KeyFamily::EcP384 => "P-384",
        _ => "P-521",
    };
    Ok(match &key.inner().material {
        Material::Hmac(_) => {
            return Err(invalid_key(
                "an HMAC secret has no public half: it is never published",
            ))
        }
        Material::Rsa { public, .. } => vec![
            ("e", b64_encode(&public.e)),
            ("kty", "RSA".to_owned()),
            ("n", b64_encode(&public.n)),
        ],
        Material::Ec { family, point, .. } => {
            // Uncompressed SEC1: 0x04 ‖ x ‖ y, each coordinate of the curve's size.
            let size = (point.len() - 1) / 2;
            vec![
                ("crv", curve(*family).to_owned()),
                ("kty", "EC".to_owned()),
                ("x", b64_encode(&point[1..=size])),
                ("y", b64_encode(&point[1 + size..])),
            ]
        }
        #[cfg(feature = "es512")]
        Material::P521 { public, .. } => {
            let point = public.to_encoded_point(false);
            let (x, y) = match (point.x(), point.y()) {
                (Some(x), Some(y)) => (x.to_vec(), y.to_vec()),
                _ => return Err(invalid_key("the P-521 point has no coordinates")),
            };
            vec![
                ("crv", "P-521".to_owned()),
                ("kty", "EC".to_owned()),
                ("x", b64_encode(&x)),
                ("y", b64_encode(&y)),
            ]
        }
        Material::Ed25519 { public, .. } => vec![
            ("crv", "Ed25519".to_owned()),
            ("kty", "OKP".to_owned()),
            ("x", b64_encode(public)),
        ],
    })
}

impl Key {
    /// The key's public half as a JWK: the members that define it, then the `kid`, `use`,
    /// `key_ops` and `alg` the key was read with. Never a private member; an HMAC secret, which
    /// has no public half, is `invalid_key`.
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
        let mut jwk: Map<String, Value> = required_members(self)?
            .into_iter()
            .map(|(name, value)| (name.to_owned(), Value::String(value)))
            .collect();
        let meta = &self.inner().meta;
        if let Some(kid) = &meta.kid {
            jwk.insert("kid".into(), kid.as_str().into());
        }
        if let Some(use_) = &meta.use_ {
            jwk.insert("use".into(), use_.as_str().into());
        }
        if let Some(ops) = &meta.key_ops {
            // A published key only verifies: the signing operations stay with the private key.
            let public: Vec<Value> = ops
                .iter()
                .filter(|op| op.as_str() == "verify")
                .map(|op| Value::from(op.as_str()))
                .collect();
            jwk.insert("key_ops".into(), Value::Array(public));
        }
        if let Some(alg) = &meta.alg {
            jwk.insert("alg".into(), alg.as_str().into());
        }
        Ok(jwk)
    }

    /// The key's RFC 7638 JWK thumbprint: SHA-256 of the JSON object of its defining public
    /// members (lexicographic order, no whitespace), base64url. The same for the private and the
    /// public half of a key pair, and whatever `kid` it carries; an HMAC secret is `invalid_key`.
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
        let mut text = String::from("{");
        for (i, (name, value)) in members.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            // Names and values are ASCII (member names, curve names, base64url): no escaping.
            text.push_str(&format!("\"{name}\":\"{value}\""));
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
        let keys = self
            .keys()
            .iter()
            .map(|key| key.to_public_jwk().map(Value::Object))
            .collect::<Result<Vec<_>, _>>()?;
        let mut jwks = Map::new();
        jwks.insert("keys".into(), Value::Array(keys));
        Ok(jwks)
    }
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

    #[test]
    fn a_secret_is_never_published() {
        let key = Key::hmac([7u8; 32]).unwrap();
        assert!(key.to_public_jwk().is_err());
        assert!(key.thumbprint().is_err());
        let set = KeySet::from_jwks_with(
            r#"{"keys":[{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}]}"#,
            &crate::KeySetOptions { allow_oct: true },
        )
        .unwrap();
        assert!(set.to_public_jwks().is_err());
    }
}
