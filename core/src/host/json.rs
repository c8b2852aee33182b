//! JSON: host values that arrive as JSON text (the JavaScript bindings hand over claims, options and
//! key documents as `JSON.stringify` output), and the results that leave as JSON text.

use serde_json::{Map, Value};

use crate::encoding::parse_value;
use crate::error::{OptionsError, OptionsErrorKind};
use crate::header::Header;

/// How deep a host value (claims, headers, options, a JWK) may nest, the top-level container
/// being level 1. Every binding refuses a deeper (or cyclic) value as a caller mistake
/// ([`too_deep`]); claims and headers nested deeper than [`MAX_JSON_DEPTH`](crate::MAX_JSON_DEPTH)
/// but within this limit reach the core, which refuses them as `malformed` like any token part.
pub const MAX_HOST_DEPTH: usize = 64;

/// The error for a host value nested deeper than [`MAX_HOST_DEPTH`] (or cyclic), naming the
/// argument or option it was given as.
///
/// ```
/// let err = onejwt::host::too_deep("claims", true);
/// assert_eq!(err.to_string(), "invalid argument `claims`: nests deeper than 64 levels (or contains itself)");
/// ```
pub fn too_deep(name: &str, argument: bool) -> OptionsError {
    let message = "nests deeper than 64 levels (or contains itself)";
    if argument {
        OptionsError::argument(name.to_owned(), OptionsErrorKind::Type, message)
    } else {
        OptionsError::new(name.to_owned(), OptionsErrorKind::Type, message)
    }
}

/// A host value's JSON text as a value, refusing nesting deeper than [`MAX_HOST_DEPTH`]. `name`
/// names the argument (`argument`) or option in the error.
pub fn value_from_json(text: &str, name: &str, argument: bool) -> Result<Value, OptionsError> {
    // The token parser's strict parser (one copy in a .wasm), with the host's depth limit.
    match parse_value(text.as_bytes(), MAX_HOST_DEPTH) {
        Ok(value) => Ok(value),
        Err(e) if e.to_string().starts_with("nesting deeper") => Err(too_deep(name, argument)),
        Err(_) => {
            let message = "is not valid JSON text";
            Err(if argument {
                OptionsError::argument(name.to_owned(), OptionsErrorKind::Type, message)
            } else {
                OptionsError::new(name.to_owned(), OptionsErrorKind::Type, message)
            })
        }
    }
}

/// A host object's JSON text (claims, an options bag) as a map; anything but an object is a
/// `TypeError` naming the argument.
///
/// ```
/// let map = onejwt::host::object_from_json(r#"{"sub":"42"}"#, "claims").unwrap();
/// assert_eq!(map["sub"], "42");
/// assert!(onejwt::host::object_from_json("[1]", "claims").is_err());
/// ```
pub fn object_from_json(text: &str, argument: &str) -> Result<Map<String, Value>, OptionsError> {
    match value_from_json(text, argument, true)? {
        Value::Object(map) => Ok(map),
        _ => Err(OptionsError::argument(
            argument.to_owned(),
            OptionsErrorKind::Type,
            "must be an object",
        )),
    }
}

/// A host object's JSON text rewritten exactly as `serde_json` writes a map of it (compact, numbers
/// in serde's form), without building the map: what signing needs of claims that arrive as text,
/// so a token's bytes are the same whichever runtime signs them. Duplicate members and the depth
/// cap are left to the claims scan that signing runs anyway.
///
/// ```
/// let bytes = onejwt::host::canonical_object(r#"{ "a": 1.0e21, "b": [ "x" ] }"#, "claims").unwrap();
/// assert_eq!(bytes, br#"{"a":1e+21,"b":["x"]}"#);
/// ```
pub fn canonical_object(text: &str, argument: &str) -> Result<Vec<u8>, OptionsError> {
    let refused =
        |message| OptionsError::argument(argument.to_owned(), OptionsErrorKind::Type, message);
    let mut de = serde_json::Deserializer::from_str(text);
    let mut out = Vec::with_capacity(text.len());
    serde_transcode::transcode(&mut de, &mut serde_json::Serializer::new(&mut out))
        .and_then(|()| de.end())
        .map_err(|_| refused("is not valid JSON text"))?;
    if out.first() != Some(&b'{') {
        return Err(refused("must be an object"));
    }
    Ok(out)
}

/// A map as JSON text (for a host's `JSON.parse`).
pub fn json_text(map: &Map<String, Value>) -> String {
    // Serialising a map with string keys cannot fail; `to_string` writes what `Display` does.
    serde_json::to_string(map).unwrap_or_default()
}

/// `{"header":…,"claims":…}` as text, parsed by the host in one call; `claims` is already JSON
/// text (the signed text of a verified token, or a decoded token's claims serialised).
pub fn header_and_claims_text(header: &Header, claims: &str) -> String {
    let header = json_text(header.as_map());
    let mut text = String::with_capacity(header.len() + claims.len() + 22);
    text.push_str("{\"header\":");
    text.push_str(&header);
    text.push_str(",\"claims\":");
    text.push_str(claims);
    text.push('}');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        "[".repeat(levels) + &"]".repeat(levels)
    }

    #[test]
    fn depth_limit_is_exact() {
        assert!(value_from_json(&nested(MAX_HOST_DEPTH), "x", true).is_ok());
        let err = value_from_json(&nested(MAX_HOST_DEPTH + 1), "x", true).unwrap_err();
        assert_eq!(err, too_deep("x", true));
        // serde_json's own recursion limit (128) is never what answers.
        assert_eq!(
            value_from_json(&nested(10_000), "x", true).unwrap_err(),
            too_deep("x", true)
        );
    }
}
