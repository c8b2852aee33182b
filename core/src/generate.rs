//! Generate: new keys for an algorithm, from the operating system's random source (the host's
//! `crypto.getRandomValues` on wasm32). ring generates the HMAC secrets, the P-256/P-384 and the
//! Ed25519 keys; RustCrypto's `p521` the P-521 ones and `rsa` the RSA primes (ring cannot
//! generate RSA keys), which ring then signs with like any other key.

use ring::rand::{SecureRandom, SystemRandom};
use ring::signature;

use crate::algorithm::{Algorithm, KeyFamily};
use crate::error::{invalid_key, Error, Failure, OptionsError, OptionsErrorKind};
use crate::key::{ec_from_pair, ec_signing_alg, ed_from_pair, JwkMeta, Key, PrivateDoc};

/// The RSA sizes [`Key::generate`] makes: NIST SP 800-57's 112-, 128- and ~150-bit levels.
pub const RSA_BITS: [usize; 3] = [2048, 3072, 4096];

/// The options of [`Key::generate`].
///
/// ```
/// use onejwt::GenerateOptions;
/// let options = GenerateOptions::default().kid("2026-12").bits(3072);
/// # let _ = options;
/// ```
#[derive(Clone, Debug, Default)]
pub struct GenerateOptions {
    pub(crate) kid: Option<String>,
    pub(crate) bits: Option<usize>,
}

impl GenerateOptions {
    /// The key's `kid` (default: its RFC 7638 thumbprint).
    pub fn kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The RSA modulus size: 2048 (the default), 3072 or 4096 bits. Only for RS* and PS*.
    pub fn bits(mut self, bits: usize) -> Self {
        self.bits = Some(bits);
        self
    }
}

fn random_failed() -> Error {
    invalid_key("the system's random source failed; no key was generated")
}

impl Key {
    /// A new key for `algorithm`: a random HMAC secret of the hash's length (HS256: 32 bytes,
    /// HS384: 48, HS512: 64), a P-256, P-384 or P-521 key pair (ES256, ES384, ES512), an Ed25519
    /// key pair (EdDSA, Ed25519) or an RSA key pair of `bits` bits (RS*, PS*; 2048 by default).
    ///
    /// The key is bound to the algorithm (its JWK `alg`) and has a `kid`: the one given, else its
    /// RFC 7638 thumbprint. Tokens signed with it carry that `kid`, so a verifier holding the
    /// published JWKS ([`Key::to_public_jwk`], [`KeySet::to_public_jwks`](crate::KeySet::to_public_jwks))
    /// selects it. `bits` with another algorithm, or a size other than 2048, 3072 or 4096, is an
    /// options error. RSA generation takes time (see BENCHMARKS.md): 4096 bits, seconds.
    ///
    /// ```
    /// use onejwt::{sign, Algorithm, GenerateOptions, Key, SignOptions, Verifier, VerifyOptions};
    /// let key = Key::generate(Algorithm::EdDSA, &GenerateOptions::default())?;
    /// assert_eq!(key.kid(), Some(key.thumbprint()?.as_str()));
    ///
    /// let claims = serde_json::json!({"sub": "42"});
    /// let token = sign(claims.as_object().unwrap(), &key, "EdDSA", &SignOptions::default())?;
    /// let public = Key::from_jwk_map(&key.to_public_jwk()?)?;
    /// let verifier = Verifier::new(public, VerifyOptions::new(["EdDSA"]))?;
    /// assert_eq!(verifier.verify_at(&token, 0)?.header().kid(), key.kid());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn generate(algorithm: Algorithm, options: &GenerateOptions) -> Result<Key, Failure> {
        let family = algorithm.family();
        if options.bits.is_some() && family != KeyFamily::Rsa {
            return Err(OptionsError::new(
                "bits",
                OptionsErrorKind::Value,
                "applies to RSA algorithms only (RS256, RS384, RS512, PS256, PS384, PS512)",
            )
            .into());
        }
        let rng = SystemRandom::new();
        let (material, private) = match family {
            KeyFamily::Hmac => {
                let len = algorithm.min_secret_len().unwrap_or(64);
                let mut secret = zeroize::Zeroizing::new(vec![0u8; len]);
                rng.fill(&mut secret).map_err(|_| random_failed())?;
                // The secret is random bytes, never key text: the HMAC guard accepts it.
                let key = Key::hmac(&*secret)?;
                return finish(&key, algorithm, options);
            }
            KeyFamily::EcP256 | KeyFamily::EcP384 => {
                let alg = ec_signing_alg(family);
                let pkcs8 = signature::EcdsaKeyPair::generate_pkcs8(alg, &rng)
                    .map_err(|_| random_failed())?;
                let pair = signature::EcdsaKeyPair::from_pkcs8(alg, pkcs8.as_ref(), &rng)
                    .map_err(|_| random_failed())?;
                (
                    ec_from_pair(family, pair)?,
                    PrivateDoc::bytes(PrivateDoc::Pkcs8, pkcs8.as_ref()),
                )
            }
            KeyFamily::Ed25519 => {
                let pkcs8 =
                    signature::Ed25519KeyPair::generate_pkcs8(&rng).map_err(|_| random_failed())?;
                let pair = signature::Ed25519KeyPair::from_pkcs8(pkcs8.as_ref())
                    .map_err(|_| random_failed())?;
                (
                    ed_from_pair(pair)?,
                    PrivateDoc::bytes(PrivateDoc::Pkcs8, pkcs8.as_ref()),
                )
            }
            KeyFamily::EcP521 => p521_pair()?,
            KeyFamily::Rsa => rsa_pair(options.bits.unwrap_or(RSA_BITS[0]))?,
        };
        let key = Key::from_parts(material, private, JwkMeta::default());
        finish(&key, algorithm, options)
    }
}

/// Binds the key to the algorithm and names it.
fn finish(key: &Key, algorithm: Algorithm, options: &GenerateOptions) -> Result<Key, Failure> {
    let kid = match &options.kid {
        Some(kid) => kid.clone(),
        None => key.thumbprint()?,
    };
    Ok(key.with_meta(|meta| {
        meta.kid = Some(kid);
        meta.alg = Some(algorithm.as_str().to_owned());
    }))
}

#[cfg(feature = "es512")]
fn p521_pair() -> Result<(crate::key::Material, Option<PrivateDoc>), Failure> {
    use p521::elliptic_curve::rand_core::OsRng;
    let signing = p521::ecdsa::SigningKey::random(&mut OsRng);
    let scalar = zeroize::Zeroizing::new(signing.to_bytes().to_vec());
    // The p521 signing key gives its scalar back itself: no document to keep.
    Ok((crate::key::p521_private(&scalar, None)?, None))
}

#[cfg(not(feature = "es512"))]
fn p521_pair() -> Result<(crate::key::Material, Option<PrivateDoc>), Failure> {
    Err(Error::new(
        crate::error::ErrorCode::UnsupportedAlgorithm,
        crate::key::P521_LEFT_OUT,
    )
    .into())
}

#[cfg(feature = "keygen-rsa")]
fn rsa_pair(bits: usize) -> Result<(crate::key::Material, Option<PrivateDoc>), Failure> {
    use rsa::traits::{PrivateKeyParts, PublicKeyParts};
    if !RSA_BITS.contains(&bits) {
        return Err(OptionsError::new(
            "bits",
            OptionsErrorKind::Value,
            "must be 2048, 3072 or 4096",
        )
        .into());
    }
    let mut generated =
        rsa::RsaPrivateKey::new(&mut rand_core::OsRng, bits).map_err(|_| random_failed())?;
    generated.precompute().map_err(|_| random_failed())?;
    let bytes = |n: &rsa::BigUint| n.to_bytes_be();
    let (Some(dp), Some(dq), Some(qi)) =
        (generated.dp(), generated.dq(), generated.crt_coefficient())
    else {
        return Err(random_failed().into());
    };
    let [p, q] = generated.primes() else {
        return Err(random_failed().into());
    };
    let members = vec![
        bytes(generated.n()),
        bytes(generated.e()),
        bytes(generated.d()),
        bytes(p),
        bytes(q),
        bytes(dp),
        bytes(dq),
        bytes(&qi),
    ];
    drop(generated);
    let components = ring::rsa::KeyPairComponents {
        public_key: ring::rsa::PublicKeyComponents {
            n: members[0].as_slice(),
            e: members[1].as_slice(),
        },
        d: members[2].as_slice(),
        p: members[3].as_slice(),
        q: members[4].as_slice(),
        dP: members[5].as_slice(),
        dQ: members[6].as_slice(),
        qInv: members[7].as_slice(),
    };
    let pair = signature::RsaKeyPair::from_components(&components).map_err(|_| random_failed())?;
    let material = crate::key::rsa_from_pair(pair)?;
    Ok((
        material,
        Some(PrivateDoc::RsaMembers(zeroize::Zeroizing::new(members))),
    ))
}

#[cfg(not(feature = "keygen-rsa"))]
fn rsa_pair(_bits: usize) -> Result<(crate::key::Material, Option<PrivateDoc>), Failure> {
    Err(Error::new(
        crate::error::ErrorCode::UnsupportedAlgorithm,
        "RSA key generation is not in this build (the onejwt crate's `keygen-rsa` feature)",
    )
    .into())
}
