//! Keys for hosts: generation and export with the options bag read once, here, for every binding
//! (each binding converts the bag and the result, nothing else).

use serde_json::{Map, Value};

use crate::algorithm::Algorithm;
use crate::error::{Error, Failure};
use crate::host::parse::{export_options, generate_options, service_jwks_options, OptionNames};
use crate::key::Key;
use crate::keyset::KeySet;
use crate::service::TokenService;

/// `Key.generate(algorithm, options)`: an unknown algorithm is `unsupported_algorithm`, as in
/// `sign`.
///
/// ```
/// use onejwt::host::{generate_key, OptionNames};
/// let options = serde_json::json!({"kid": "k1"});
/// let key = generate_key("ES256", options.as_object().unwrap(), OptionNames::CamelCase).unwrap();
/// assert_eq!(key.kid(), Some("k1"));
/// ```
pub fn generate_key(
    algorithm: &str,
    options: &Map<String, Value>,
    names: OptionNames,
) -> Result<Key, Failure> {
    let options = generate_options(options, names)?;
    let algorithm: Algorithm = algorithm.parse()?;
    Key::generate(algorithm, &options)
}

/// `key.to_jwk(options)`: the public JWK, or with `private` the private one.
pub fn key_jwk(
    key: &Key,
    options: &Map<String, Value>,
    names: OptionNames,
) -> Result<Map<String, Value>, Failure> {
    let export: fn(&Key) -> Result<Map<String, Value>, Error> = if export_options(options, names)? {
        Key::to_private_jwk
    } else {
        Key::to_public_jwk
    };
    Ok(export(key)?)
}

/// `key.to_pem(options)`: SPKI, or with `private` PKCS#8.
pub fn key_pem(
    key: &Key,
    options: &Map<String, Value>,
    names: OptionNames,
) -> Result<String, Failure> {
    let export: fn(&Key) -> Result<String, Error> = if export_options(options, names)? {
        Key::to_private_pem
    } else {
        Key::to_public_pem
    };
    Ok(export(key)?)
}

/// `key_set.to_jwks(options)`: the public JWKS, or with `private` the private one.
pub fn keyset_jwks(
    set: &KeySet,
    options: &Map<String, Value>,
    names: OptionNames,
) -> Result<Map<String, Value>, Failure> {
    Ok(if export_options(options, names)? {
        set.to_private_jwks()?
    } else {
        set.to_public_jwks()?
    })
}

/// `service.jwks(options)`: the public JWKS to publish, or with `private` the private key ring.
pub fn service_jwks(
    service: &TokenService,
    options: &Map<String, Value>,
    names: OptionNames,
) -> Result<Map<String, Value>, Failure> {
    let (private, now) = service_jwks_options(options, names)?;
    Ok(if private {
        service.private_jwks(now)?
    } else {
        service.public_jwks(now)?
    })
}
