//! Crypto: the signature primitives (ring; RustCrypto's `p521` for ES512), one place where bytes
//! are signed and checked.

use ring::{hmac, rand, signature};

use crate::algorithm::Algorithm;
use crate::error::{invalid_key, Error, ErrorCode};
use crate::key::{Key, Material};

fn bad_signature() -> Error {
    Error::new(ErrorCode::InvalidSignature, "the signature does not verify")
}

/// Verifies `sig` over `input` with `key` for `alg`. The caller has already checked that the key
/// fits the algorithm ([`Key::check_fits`]); a mismatch here is still refused, never guessed.
pub(crate) fn verify(key: &Key, alg: Algorithm, input: &[u8], sig: &[u8]) -> Result<(), Error> {
    let ok = match (key.material(), alg) {
        (Material::Hmac(h), Algorithm::HS256) => hmac::verify(&h.sha256, input, sig).is_ok(),
        (Material::Hmac(h), Algorithm::HS384) => hmac::verify(&h.sha384, input, sig).is_ok(),
        (Material::Hmac(h), Algorithm::HS512) => hmac::verify(&h.sha512, input, sig).is_ok(),
        (Material::Rsa { public, .. }, _) => {
            let params: &signature::RsaParameters = match alg {
                Algorithm::RS256 => &signature::RSA_PKCS1_2048_8192_SHA256,
                Algorithm::RS384 => &signature::RSA_PKCS1_2048_8192_SHA384,
                Algorithm::RS512 => &signature::RSA_PKCS1_2048_8192_SHA512,
                Algorithm::PS256 => &signature::RSA_PSS_2048_8192_SHA256,
                Algorithm::PS384 => &signature::RSA_PSS_2048_8192_SHA384,
                Algorithm::PS512 => &signature::RSA_PSS_2048_8192_SHA512,
                _ => return Err(invalid_key("an RSA key cannot verify this algorithm")),
            };
            signature::RsaPublicKeyComponents {
                n: &public.n,
                e: &public.e,
            }
            .verify(params, input, sig)
            .is_ok()
        }
        (Material::Ec { point, .. }, Algorithm::ES256 | Algorithm::ES384) => {
            // RFC 7518 §3.4: the signature is r ‖ s, each exactly the curve's size. ring also
            // rejects r or s equal to zero or not below the group order (CVE-2022-21449).
            let (verifier, len): (&signature::EcdsaVerificationAlgorithm, usize) =
                if alg == Algorithm::ES256 {
                    (&signature::ECDSA_P256_SHA256_FIXED, 64)
                } else {
                    (&signature::ECDSA_P384_SHA384_FIXED, 96)
                };
            sig.len() == len
                && signature::UnparsedPublicKey::new(verifier, point)
                    .verify(input, sig)
                    .is_ok()
        }
        #[cfg(feature = "es512")]
        (Material::P521 { public, .. }, Algorithm::ES512) => {
            // r ‖ s, 66 bytes each (RFC 7518 §3.4); `from_slice` refuses r or s of zero or not
            // below the group order. The SHA-512 is ring's: p521's own (RustCrypto's sha2) would
            // be a second copy of the same function in every .wasm.
            use p521::ecdsa::signature::hazmat::PrehashVerifier as _;
            sig.len() == 2 * crate::key::P521_BYTES
                && p521::ecdsa::Signature::from_slice(sig).is_ok_and(|sig| {
                    public
                        .verify_prehash(
                            ring::digest::digest(&ring::digest::SHA512, input).as_ref(),
                            &sig,
                        )
                        .is_ok()
                })
        }
        (Material::Ed25519 { public, .. }, Algorithm::EdDSA | Algorithm::Ed25519) => {
            sig.len() == 64
                && signature::UnparsedPublicKey::new(&signature::ED25519, public)
                    .verify(input, sig)
                    .is_ok()
        }
        _ => return Err(invalid_key(format!("the key cannot verify {alg}"))),
    };
    if ok {
        Ok(())
    } else {
        Err(bad_signature())
    }
}

/// Signs `input` with `key` for `alg`.
pub(crate) fn sign(key: &Key, alg: Algorithm, input: &[u8]) -> Result<Vec<u8>, Error> {
    let no_private = || invalid_key("the key is a public key and cannot sign");
    let failed = || invalid_key("the key could not produce a signature");
    let rng = rand::SystemRandom::new();
    match (key.material(), alg) {
        (Material::Hmac(h), Algorithm::HS256) => Ok(hmac::sign(&h.sha256, input).as_ref().to_vec()),
        (Material::Hmac(h), Algorithm::HS384) => Ok(hmac::sign(&h.sha384, input).as_ref().to_vec()),
        (Material::Hmac(h), Algorithm::HS512) => Ok(hmac::sign(&h.sha512, input).as_ref().to_vec()),
        (Material::Rsa { private, .. }, _) => {
            let pair = private.as_ref().ok_or_else(no_private)?;
            let encoding: &dyn signature::RsaEncoding = match alg {
                Algorithm::RS256 => &signature::RSA_PKCS1_SHA256,
                Algorithm::RS384 => &signature::RSA_PKCS1_SHA384,
                Algorithm::RS512 => &signature::RSA_PKCS1_SHA512,
                Algorithm::PS256 => &signature::RSA_PSS_SHA256,
                Algorithm::PS384 => &signature::RSA_PSS_SHA384,
                Algorithm::PS512 => &signature::RSA_PSS_SHA512,
                _ => return Err(invalid_key(format!("an RSA key cannot sign {alg}"))),
            };
            let mut out = vec![0u8; pair.public().modulus_len()];
            pair.sign(encoding, &rng, input, &mut out)
                .map_err(|_| failed())?;
            Ok(out)
        }
        (Material::Ec { private, .. }, Algorithm::ES256 | Algorithm::ES384) => {
            let pair = private.as_ref().ok_or_else(no_private)?;
            Ok(pair
                .sign(&rng, input)
                .map_err(|_| failed())?
                .as_ref()
                .to_vec())
        }
        #[cfg(feature = "es512")]
        (Material::P521 { private, .. }, Algorithm::ES512) => {
            // A random nonce from the OS, as ring signs ES256/ES384; SHA-512 is ring's (above).
            use p521::ecdsa::signature::hazmat::RandomizedPrehashSigner as _;
            let key = private.as_ref().ok_or_else(no_private)?;
            let digest = ring::digest::digest(&ring::digest::SHA512, input);
            let sig: p521::ecdsa::Signature = key
                .sign_prehash_with_rng(&mut p521::elliptic_curve::rand_core::OsRng, digest.as_ref())
                .map_err(|_| failed())?;
            Ok(sig.to_bytes().to_vec())
        }
        (Material::Ed25519 { private, .. }, Algorithm::EdDSA | Algorithm::Ed25519) => {
            let pair = private.as_ref().ok_or_else(no_private)?;
            Ok(pair.sign(input).as_ref().to_vec())
        }
        _ => Err(invalid_key(format!("the key cannot sign {alg}"))),
    }
}

#[cfg(test)]
mod wycheproof;
