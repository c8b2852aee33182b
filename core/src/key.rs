//! Key: a typed key bound to one algorithm family when it is built, never guessed from a token.

use std::sync::Arc;

use ring::{hmac, rand, signature};
use zeroize::Zeroizing;

use crate::algorithm::{Algorithm, KeyFamily};
use crate::error::{invalid_key, Error};

/// A verification (and optionally signing) key, bound to one [`KeyFamily`] at construction.
///
/// Cheap to clone (an `Arc`), immutable, `Send + Sync`.
///
/// ```
/// use onejwt::{Key, KeyFamily};
/// let key = Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap();
/// assert_eq!(key.family(), KeyFamily::Hmac);
///
/// // PEM and JWK text are never accepted as an HMAC secret (algorithm-confusion guard).
/// assert!(Key::hmac("-----BEGIN PUBLIC KEY-----\nMIIB...").is_err());
/// ```
#[derive(Clone)]
pub struct Key {
    /// Shared between a key and its copies with another `kid` ([`Key::with_kid`]).
    keying: Arc<Keying>,
    meta: Arc<JwkMeta>,
}

/// The key material and, for a private key or a secret, the private document it was read from
/// (kept only for export: signing uses the parsed `material`).
pub(crate) struct Keying {
    pub(crate) material: Material,
    /// Absent from builds without private export, which then carry no document (nor its drop).
    #[cfg(feature = "key-export")]
    pub(crate) private: Option<PrivateDoc>,
}

/// The private half as it was given, parsed again only when it is exported (`export.rs`), so the
/// verify-only build pays nothing for export. Wiped from memory when the key is dropped.
// Without `key-export` the documents are made nowhere (`PrivateDoc::keep`) and read nowhere.
#[cfg_attr(not(feature = "key-export"), allow(dead_code))]
pub(crate) enum PrivateDoc {
    /// A PKCS#8 `PrivateKeyInfo` (RSA, P-256, P-384, Ed25519), DER.
    Pkcs8(Zeroizing<Vec<u8>>),
    /// A PKCS#1 `RSAPrivateKey`, DER.
    Pkcs1(Zeroizing<Vec<u8>>),
    /// A SEC1 `ECPrivateKey`, DER.
    Sec1(Zeroizing<Vec<u8>>),
    /// The RSA JWK members n, e, d, p, q, dp, dq, qi (big-endian), in that order.
    RsaMembers(Zeroizing<Vec<Vec<u8>>>),
    /// An EC private scalar (a JWK `d`), big-endian, the curve's size.
    EcScalar(Zeroizing<Vec<u8>>),
    /// An Ed25519 seed (RFC 8032 §5.1.5's private key, a JWK `d`).
    Ed25519Seed(Zeroizing<Vec<u8>>),
}

impl PrivateDoc {
    /// The document `make` gives, kept only in builds that export private keys (feature
    /// `key-export`): elsewhere nothing is copied or kept.
    #[inline(always)]
    pub(crate) fn keep(make: impl FnOnce() -> PrivateDoc) -> Option<PrivateDoc> {
        if cfg!(feature = "key-export") {
            Some(make())
        } else {
            None
        }
    }

    /// [`PrivateDoc::keep`] of a copy of `bytes` as `kind`.
    pub(crate) fn bytes(
        kind: fn(Zeroizing<Vec<u8>>) -> PrivateDoc,
        bytes: &[u8],
    ) -> Option<PrivateDoc> {
        PrivateDoc::keep(|| kind(Zeroizing::new(bytes.to_vec())))
    }
}

/// What a JWK said about how the key may be used (all absent for PEM and raw secrets).
#[derive(Clone, Debug, Default)]
pub(crate) struct JwkMeta {
    pub(crate) kid: Option<String>,
    pub(crate) use_: Option<String>,
    pub(crate) key_ops: Option<Vec<String>>,
    pub(crate) alg: Option<String>,
}

pub(crate) enum Material {
    /// Boxed: three precomputed ring HMAC keys are much larger than the other variants.
    Hmac(Box<HmacKey>),
    Rsa {
        public: RsaPublic,
        private: Option<signature::RsaKeyPair>,
    },
    Ec {
        family: KeyFamily,
        /// Uncompressed SEC1 point (0x04 ‖ x ‖ y), validated to lie on the curve.
        point: Vec<u8>,
        private: Option<signature::EcdsaKeyPair>,
    },
    /// P-521 (ES512), which ring lacks: RustCrypto's `p521`. The public key is validated (on the
    /// curve, not the identity) when it is built.
    #[cfg(feature = "es512")]
    P521 {
        public: Box<p521::ecdsa::VerifyingKey>,
        private: Option<Box<p521::ecdsa::SigningKey>>,
    },
    Ed25519 {
        public: [u8; 32],
        private: Option<signature::Ed25519KeyPair>,
    },
}

pub(crate) struct HmacKey {
    /// The secret itself, kept in every build: its RFC 7638 thumbprint (a service's default kid)
    /// and its private JWK are of its bytes.
    pub(crate) secret: Zeroizing<Vec<u8>>,
    pub(crate) len: usize,
    pub(crate) sha256: hmac::Key,
    pub(crate) sha384: hmac::Key,
    pub(crate) sha512: hmac::Key,
}

pub(crate) struct RsaPublic {
    /// Big-endian modulus without leading zeros.
    pub(crate) n: Vec<u8>,
    /// Big-endian public exponent without leading zeros.
    pub(crate) e: Vec<u8>,
}

/// RFC 7518 §3.3: RSA keys of 2048 bits or more MUST be used.
pub(crate) const MIN_RSA_BITS: usize = 2048;
/// ring verifies RSA up to 8192 bits; larger moduli only cost CPU for an attacker to make us spend.
pub(crate) const MAX_RSA_BITS: usize = 8192;

impl Key {
    /// An HMAC secret for HS256/HS384/HS512.
    ///
    /// Rejected with `invalid_key`: an empty secret, and text that is a PEM block, an SSH key or a
    /// JSON object (a JWK): using public key text as an HMAC secret is the classic
    /// algorithm-confusion attack. The minimum length depends on the algorithm (32/48/64 bytes)
    /// and is checked against the token's `alg` when the key is used.
    ///
    /// ```
    /// use onejwt::{ErrorCode, Key};
    /// assert_eq!(Key::hmac(b"").unwrap_err().code(), ErrorCode::InvalidKey);
    /// assert!(Key::hmac("{\"kty\":\"RSA\",\"n\":\"x\",\"e\":\"AQAB\"}").is_err());
    /// ```
    pub fn hmac(secret: impl AsRef<[u8]>) -> Result<Key, Error> {
        Key::hmac_with_meta(secret.as_ref(), JwkMeta::default())
    }

    pub(crate) fn hmac_with_meta(secret: &[u8], meta: JwkMeta) -> Result<Key, Error> {
        if secret.is_empty() {
            return Err(invalid_key("the HMAC secret is empty"));
        }
        if let Some(kind) = looks_like_key_text(secret) {
            return Err(invalid_key(format!(
                "the HMAC secret is {kind} text; public key material is never accepted as an HMAC secret"
            )));
        }
        let material = Material::Hmac(Box::new(HmacKey {
            secret: Zeroizing::new(secret.to_vec()),
            len: secret.len(),
            sha256: hmac::Key::new(hmac::HMAC_SHA256, secret),
            sha384: hmac::Key::new(hmac::HMAC_SHA384, secret),
            sha512: hmac::Key::new(hmac::HMAC_SHA512, secret),
        }));
        Ok(Key::from_parts(material, None, meta))
    }

    pub(crate) fn from_parts(
        material: Material,
        private: Option<PrivateDoc>,
        meta: JwkMeta,
    ) -> Key {
        #[cfg(not(feature = "key-export"))]
        let keying = {
            // Always `None` here (`PrivateDoc::keep`): forgotten, so no build without private
            // export carries the documents' drop code.
            debug_assert!(private.is_none());
            std::mem::forget(private);
            Keying { material }
        };
        #[cfg(feature = "key-export")]
        let keying = Keying { material, private };
        Key {
            keying: Arc::new(keying),
            meta: Arc::new(meta),
        }
    }
    pub(crate) fn material(&self) -> &Material {
        &self.keying.material
    }

    #[cfg(feature = "key-export")]
    pub(crate) fn private_doc(&self) -> Option<&PrivateDoc> {
        self.keying.private.as_ref()
    }

    pub(crate) fn meta(&self) -> &JwkMeta {
        &self.meta
    }

    /// The same key with another `kid` (the material is shared, not copied): what a token signed
    /// with it carries in its header, and what a key set selects it by.
    ///
    /// ```
    /// use onejwt::Key;
    /// let key = Key::hmac(b"a-32-byte-secret-for-hs256-use!!")?.with_kid("2026-12");
    /// assert_eq!(key.kid(), Some("2026-12"));
    /// # Ok::<(), onejwt::Error>(())
    /// ```
    pub fn with_kid(&self, kid: impl Into<String>) -> Key {
        let kid = kid.into();
        self.with_meta(|meta| meta.kid = Some(kid))
    }

    /// The same key material with changed metadata.
    pub(crate) fn with_meta(&self, change: impl FnOnce(&mut JwkMeta)) -> Key {
        let mut meta = (*self.meta).clone();
        change(&mut meta);
        Key {
            keying: Arc::clone(&self.keying),
            meta: Arc::new(meta),
        }
    }

    /// Whether `self` and `other` are the same key material (whatever their `kid`s): the same
    /// public key, or the same secret.
    pub(crate) fn same_material(&self, other: &Key) -> bool {
        Arc::ptr_eq(&self.keying, &other.keying)
            || matches!((self.thumbprint(), other.thumbprint()), (Ok(a), Ok(b)) if a == b)
    }

    /// The family this key serves.
    pub fn family(&self) -> KeyFamily {
        match &self.keying.material {
            Material::Hmac(_) => KeyFamily::Hmac,
            Material::Rsa { .. } => KeyFamily::Rsa,
            Material::Ec { family, .. } => *family,
            #[cfg(feature = "es512")]
            Material::P521 { .. } => KeyFamily::EcP521,
            Material::Ed25519 { .. } => KeyFamily::Ed25519,
        }
    }

    /// The JWK `kid`, when the key came from a JWK that had one.
    pub fn kid(&self) -> Option<&str> {
        self.meta.kid.as_deref()
    }

    /// Whether this key can sign (a secret or a private key).
    pub fn can_sign(&self) -> bool {
        match &self.keying.material {
            Material::Hmac(_) => true,
            Material::Rsa { private, .. } => private.is_some(),
            Material::Ec { private, .. } => private.is_some(),
            #[cfg(feature = "es512")]
            Material::P521 { private, .. } => private.is_some(),
            Material::Ed25519 { private, .. } => private.is_some(),
        }
    }

    /// Checks that this key may serve `alg` for `op` (`"verify"` or `"sign"`): family, the JWK's
    /// own `alg`/`use`/`key_ops`, and the HMAC secret length for that algorithm.
    pub(crate) fn check_fits(&self, alg: Algorithm, op: &'static str) -> Result<(), Error> {
        if self.family() != alg.family() {
            return Err(invalid_key(format!(
                "the key is {} and cannot {op} {alg} tokens",
                self.family().describe()
            )));
        }
        let meta = &*self.meta;
        if let Some(key_alg) = &meta.alg {
            if key_alg != alg.as_str() {
                return Err(invalid_key(format!(
                    "the key's JWK \"alg\" restricts it to another algorithm than {alg}"
                )));
            }
        }
        if let Some(ops) = &meta.key_ops {
            if !ops.iter().any(|o| o == op) {
                return Err(invalid_key(format!(
                    "the key's JWK \"key_ops\" does not include \"{op}\""
                )));
            }
        }
        if let Material::Hmac(h) = &self.keying.material {
            if let Some(min) = alg.min_secret_len() {
                if h.len < min {
                    return Err(invalid_key(format!(
                        "the HMAC secret has {} bytes; {alg} needs at least {min} (RFC 7518 §3.2)",
                        h.len
                    )));
                }
            }
        }
        Ok(())
    }

    /// Whether the key is a candidate for `alg` in a key set (RFC 7517 `use`/`key_ops`/`alg`).
    pub(crate) fn is_candidate_for(&self, alg: Algorithm) -> bool {
        let meta = &*self.meta;
        let use_ok = meta.use_.as_deref().is_none_or(|u| u == "sig");
        use_ok && self.check_fits(alg, "verify").is_ok()
    }
}

impl std::fmt::Debug for Key {
    /// Never prints key material.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("family", &self.family())
            .field("kid", &self.kid())
            .field("can_sign", &self.can_sign())
            .finish()
    }
}

/// Recognises text that is key material in another form, so it is never used as an HMAC secret
/// (the algorithm-confusion attack signs with the verifier's public key text as the secret).
fn looks_like_key_text(secret: &[u8]) -> Option<&'static str> {
    let s = strip_leading_filler(secret);
    if s.starts_with(b"-----BEGIN") {
        return Some("PEM");
    }
    if s.starts_with(b"ssh-") || s.starts_with(b"ecdsa-sha2-") {
        return Some("SSH public key");
    }
    if s.starts_with(b"{")
        && serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(s).is_ok()
    {
        return Some("JSON (JWK)");
    }
    if is_base64_der(s) {
        return Some("base64 DER (a PEM body)");
    }
    None
}

/// Skips what can precede key text unseen: ASCII whitespace and control bytes, and the UTF-8
/// encodings of U+FEFF (BOM), U+FFFE and U+00A0 (no-break space).
fn strip_leading_filler(mut s: &[u8]) -> &[u8] {
    loop {
        s = match s {
            [b'\xEF', b'\xBB', b'\xBF', rest @ ..]
            | [b'\xEF', b'\xBF', b'\xBE', rest @ ..]
            | [b'\xC2', b'\xA0', rest @ ..] => rest,
            [first, rest @ ..] if *first <= b' ' || *first == 0x7F => rest,
            _ => return s,
        };
    }
}

/// Whether `s` is standard base64 (line breaks and padding allowed) of exactly one DER
/// SEQUENCE: the body of a PEM block (SPKI, PKCS#1, certificate) without its armour lines. A
/// random secret decodes to one complete DER element with odds of about 1 in 65,536.
fn is_base64_der(s: &[u8]) -> bool {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use base64::Engine;
    use der::Decode;
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    if s.len() < 16 || s[0] != b'M' {
        // DER SEQUENCE (0x30) in base64 always starts with `M`.
        return false;
    }
    let compact: Vec<u8> = s
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    match LENIENT.decode(&compact) {
        Ok(der) => der::asn1::AnyRef::from_der(&der)
            .is_ok_and(|any| der::Tagged::tag(&any) == der::Tag::Sequence),
        Err(_) => false,
    }
}

/// Validates an RSA public key's size and exponent (ring's own limits, stated up front so the
/// failure is `invalid_key` at construction, not `invalid_signature` later).
pub(crate) fn rsa_public(n: &[u8], e: &[u8]) -> Result<RsaPublic, Error> {
    let n = strip_leading_zeros(n);
    let e = strip_leading_zeros(e);
    let bits = bit_len(n);
    if bits < MIN_RSA_BITS {
        return Err(invalid_key(format!(
            "the RSA key has {bits} bits; at least {MIN_RSA_BITS} are required (RFC 7518 §3.3)"
        )));
    }
    if bits > MAX_RSA_BITS {
        return Err(invalid_key(format!(
            "the RSA key has {bits} bits; at most {MAX_RSA_BITS} are supported"
        )));
    }
    if n.last().is_some_and(|b| b & 1 == 0) {
        return Err(invalid_key("the RSA modulus is even"));
    }
    // ring accepts 3 <= e < 2^33, odd.
    let e_bits = bit_len(e);
    if e_bits == 0 || e_bits > 33 || e.last().is_some_and(|b| b & 1 == 0) || e == [1] {
        return Err(invalid_key("the RSA public exponent is invalid"));
    }
    Ok(RsaPublic {
        n: n.to_vec(),
        e: e.to_vec(),
    })
}

fn strip_leading_zeros(b: &[u8]) -> &[u8] {
    let first = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    &b[first..]
}

fn bit_len(b: &[u8]) -> usize {
    match b.first() {
        None => 0,
        Some(&top) => (b.len() - 1) * 8 + (8 - top.leading_zeros() as usize),
    }
}

/// Checks that an uncompressed point lies on the curve by running one ECDH agreement with it:
/// ring validates the peer point fully and exposes no other way to ask.
pub(crate) fn validate_ec_point(family: KeyFamily, point: &[u8]) -> Result<(), Error> {
    let (alg, len) = match family {
        KeyFamily::EcP256 => (&ring::agreement::ECDH_P256, 65),
        KeyFamily::EcP384 => (&ring::agreement::ECDH_P384, 97),
        _ => return Err(invalid_key("not an EC key")),
    };
    if point.len() != len || point[0] != 0x04 {
        return Err(invalid_key(
            "the EC public key is not an uncompressed point of the curve's size",
        ));
    }
    let rng = rand::SystemRandom::new();
    let ours = ring::agreement::EphemeralPrivateKey::generate(alg, &rng)
        .map_err(|_| invalid_key("could not obtain randomness to validate the EC key"))?;
    let peer = ring::agreement::UnparsedPublicKey::new(alg, point);
    ring::agreement::agree_ephemeral(ours, &peer, |_| ())
        .map_err(|_| invalid_key("the EC public key is not a point on the curve"))
}

/// The size of a P-521 coordinate or scalar in bytes (RFC 7518 §6.2.1.2: 521 bits, rounded up).
pub(crate) const P521_BYTES: usize = 66;

/// A P-521 public key from its uncompressed SEC1 point, validated to lie on the curve.
#[cfg(feature = "es512")]
pub(crate) fn p521_public(point: &[u8]) -> Result<p521::ecdsa::VerifyingKey, Error> {
    if point.len() != 1 + 2 * P521_BYTES || point[0] != 0x04 {
        return Err(invalid_key(
            "the EC public key is not an uncompressed point of the curve's size",
        ));
    }
    p521::ecdsa::VerifyingKey::from_sec1_bytes(point)
        .map_err(|_| invalid_key("the EC public key is not a point on the curve"))
}

/// A P-521 key pair from its private scalar and, when the key text carries it, its public point,
/// which must be the scalar's.
#[cfg(feature = "es512")]
pub(crate) fn p521_private(scalar: &[u8], point: Option<&[u8]>) -> Result<Material, Error> {
    let private = p521::ecdsa::SigningKey::from_slice(scalar)
        .map_err(|_| invalid_key("the EC private key is invalid"))?;
    let public = p521::ecdsa::VerifyingKey::from(&private);
    if let Some(point) = point {
        let given = p521_public(point)?;
        if given.to_encoded_point(false) != public.to_encoded_point(false) {
            return Err(invalid_key(
                "the EC private key does not match its public key or is invalid",
            ));
        }
    }
    Ok(Material::P521 {
        public: Box::new(public),
        private: Some(Box::new(private)),
    })
}

/// Why a P-521 key is refused by a build without the `es512` feature.
#[cfg(not(feature = "es512"))]
pub(crate) const P521_LEFT_OUT: &str =
    "P-521 keys are left out of this build of onejwt (its es512 feature is off)";

/// An Ed25519 public key, refused when it is a point of small order: a key A with [8]A the
/// identity verifies forged signatures (R the identity and S = 0 pass `[S]B = R + [k]A` whenever
/// the order of A divides k, always for A the identity). The eight such points have 14 encodings
/// (y and the sign of x; y = 0 and y = 1 also as y + p), listed as libsodium's `has_small_order`
/// does; the sign bit is ignored. `ring` checks none of this.
pub(crate) fn ed25519_public(bytes: &[u8]) -> Result<[u8; 32], Error> {
    let public: [u8; 32] = bytes
        .try_into()
        .map_err(|_| invalid_key("the Ed25519 public key is not 32 bytes"))?;
    if is_small_order_ed25519(&public) {
        return Err(invalid_key(
            "the Ed25519 public key is a point of small order, which verifies forged signatures",
        ));
    }
    Ok(public)
}

/// The y coordinates (little-endian, sign bit clear) of the eight points of order dividing 8,
/// with the non-canonical y + p of y = 0 and y = 1 (libsodium, `ed25519_ref10.c`).
const SMALL_ORDER_Y: [[u8; 32]; 7] = [
    // y = 0: the two points of order 4.
    [0; 32],
    // y = 1: the identity (order 1).
    [
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0,
    ],
    // The two y of the four points of order 8.
    [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ],
    [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
        0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
        0x03, 0x7a,
    ],
    // y = p - 1 = -1: the point of order 2.
    [
        0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    // y = p (0, non-canonical).
    [
        0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    // y = p + 1 (1, non-canonical).
    [
        0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
];

/// Whether the encoding is one of a small-order point (either sign of x). Public keys are not
/// secret, so the comparison need not be constant-time.
pub(crate) fn is_small_order_ed25519(encoded: &[u8; 32]) -> bool {
    let mut y = *encoded;
    y[31] &= 0x7f;
    SMALL_ORDER_Y.contains(&y)
}

pub(crate) fn ec_signing_alg(family: KeyFamily) -> &'static signature::EcdsaSigningAlgorithm {
    match family {
        KeyFamily::EcP384 => &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
        _ => &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
    }
}

/// Builds the RSA material from a ring key pair (its public half is derived, not trusted input).
pub(crate) fn rsa_from_pair(pair: signature::RsaKeyPair) -> Result<Material, Error> {
    let components: signature::RsaPublicKeyComponents<Vec<u8>> = pair.public().into();
    let public = rsa_public(&components.n, &components.e)?;
    Ok(Material::Rsa {
        public,
        private: Some(pair),
    })
}

/// Builds the EC material from a ring key pair.
pub(crate) fn ec_from_pair(
    family: KeyFamily,
    pair: signature::EcdsaKeyPair,
) -> Result<Material, Error> {
    use signature::KeyPair;
    let point = pair.public_key().as_ref().to_vec();
    Ok(Material::Ec {
        family,
        point,
        private: Some(pair),
    })
}

/// Builds the Ed25519 material from a ring key pair.
pub(crate) fn ed_from_pair(pair: signature::Ed25519KeyPair) -> Result<Material, Error> {
    use signature::KeyPair;
    let public = ed25519_public(pair.public_key().as_ref())?;
    Ok(Material::Ed25519 {
        public,
        private: Some(pair),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_guard_catches_key_text_in_all_dress() {
        for text in [
            "-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----\n",
            "  \r\n-----BEGIN CERTIFICATE-----",
            "\u{feff}-----BEGIN RSA PUBLIC KEY-----",
            "ssh-ed25519 AAAAC3Nz",
            "{\"kty\":\"oct\",\"k\":\"abc\"}",
            "\u{feff} {\"kty\":\"EC\"}",
            "\0-----BEGIN PUBLIC KEY-----",
            "\u{a0}\u{fffe}\u{b}-----BEGIN PUBLIC KEY-----",
            // A PEM body without its armour lines (how environment variables often hold keys).
            "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "MCowBQYDK2VwAyEA\n11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
        ] {
            assert!(Key::hmac(text).is_err(), "{text:?}");
        }
        assert!(Key::hmac("{not json but a fine secret of some length}").is_ok());
        assert!(Key::hmac("MAKE-this-a-long-enough-secret-for-hs256!").is_ok());
    }

    #[test]
    fn hmac_length_is_checked_per_algorithm() {
        let key = Key::hmac([7u8; 32]).unwrap();
        assert!(key.check_fits(Algorithm::HS256, "verify").is_ok());
        assert!(key.check_fits(Algorithm::HS384, "verify").is_err());
        assert!(key.check_fits(Algorithm::RS256, "verify").is_err());
    }

    /// Every encoding of each of the eight points of order dividing 8 (curve25519-dalek's
    /// `EIGHT_TORSION`): both signs of x, and y + p wherever it still fits in 255 bits.
    fn torsion_encodings() -> Vec<[u8; 32]> {
        const P_LE: [u8; 32] = {
            let mut p = [0xff; 32];
            p[0] = 0xed;
            p[31] = 0x7f;
            p
        };
        let mut out = Vec::new();
        for point in curve25519_dalek::constants::EIGHT_TORSION {
            let canonical = point.compress().to_bytes();
            let y = {
                let mut y = canonical;
                y[31] &= 0x7f;
                y
            };
            // y + p, little-endian, kept when it is below 2^255.
            let mut sum = [0u8; 32];
            let mut carry = 0u16;
            for i in 0..32 {
                let s = u16::from(y[i]) + u16::from(P_LE[i]) + carry;
                sum[i] = s as u8;
                carry = s >> 8;
            }
            let mut ys = vec![y];
            if carry == 0 && sum[31] & 0x80 == 0 {
                ys.push(sum);
            }
            for y in ys {
                for sign in [0u8, 0x80] {
                    let mut encoding = y;
                    encoding[31] |= sign;
                    out.push(encoding);
                }
            }
        }
        out
    }

    #[test]
    fn every_encoding_of_a_small_order_point_is_refused() {
        let encodings = torsion_encodings();
        for encoding in &encodings {
            assert!(is_small_order_ed25519(encoding), "{encoding:02x?}");
            assert_eq!(
                ed25519_public(encoding).unwrap_err().code(),
                crate::ErrorCode::InvalidKey
            );
        }
        // 7 y values (0, 1, -1, the two of order 8, p and p + 1) with either sign of x.
        let mut distinct = encodings.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 14);
        // And the list holds nothing else: each entry decompresses to a point of small order.
        for y in SMALL_ORDER_Y {
            for sign in [0u8, 0x80] {
                let mut encoding = y;
                encoding[31] |= sign;
                let point = curve25519_dalek::edwards::CompressedEdwardsY(encoding)
                    .decompress()
                    .expect("on the curve");
                assert!(point.is_small_order(), "{encoding:02x?}");
                assert!(encodings.contains(&encoding));
            }
        }
    }

    #[test]
    fn keys_of_mixed_or_large_order_are_kept() {
        use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
        let real = ED25519_BASEPOINT_POINT * curve25519_dalek::Scalar::from(7_u64);
        for torsion in EIGHT_TORSION {
            let key = (real + torsion).compress().to_bytes();
            assert!(ed25519_public(&key).is_ok());
        }
        // RFC 8037's key.
        let rfc: [u8; 32] = [
            0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64,
            0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68,
            0xf7, 0x07, 0x51, 0x1a,
        ];
        assert!(ed25519_public(&rfc).is_ok());
    }

    proptest::proptest! {
        /// The list agrees with decompress + is_small_order on arbitrary encodings (which almost
        /// never hit a small-order point: the tests above cover those).
        #[test]
        fn small_order_agrees_with_curve25519_dalek(bytes in proptest::array::uniform32(0u8..)) {
            let dalek = curve25519_dalek::edwards::CompressedEdwardsY(bytes)
                .decompress()
                .is_some_and(|p| p.is_small_order());
            proptest::prop_assert_eq!(is_small_order_ed25519(&bytes), dalek);
        }
    }

    #[test]
    fn bit_length_counts_from_the_top_bit() {
        assert_eq!(bit_len(&[0x01]), 1);
        assert_eq!(bit_len(&[0x80, 0]), 16);
        assert_eq!(bit_len(&[]), 0);
    }
}
