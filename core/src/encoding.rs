//! Encoding: the strict base64url and JSON rules every token segment must obey.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

use crate::error::{malformed, Error};

/// The deepest JSON nesting a header or claims object may have; the top-level object is depth 1.
/// Real claims nest a few levels; the cap keeps hostile input from costing stack or time.
pub const MAX_JSON_DEPTH: usize = 32;

/// Decodes one base64url segment (RFC 7515 §2): URL-safe alphabet, no padding, no whitespace,
/// and canonical trailing bits, so that every token has exactly one encoding.
pub(crate) fn b64_decode(segment: &[u8], what: &'static str) -> Result<Vec<u8>, Error> {
    URL_SAFE_NO_PAD
        .decode(segment)
        .map_err(|_| malformed(format!("the {what} is not valid unpadded base64url")))
}

/// Encodes bytes as unpadded base64url.
pub(crate) fn b64_encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Parses UTF-8 JSON that must be an object, rejecting duplicate member names at any depth
/// (RFC 7515 §5.2 lets parsers reject them; accepting them lets two parsers disagree on a claim),
/// nesting deeper than [`MAX_JSON_DEPTH`], and trailing bytes.
pub(crate) fn parse_object(bytes: &[u8], what: &'static str) -> Result<Map<String, Value>, Error> {
    let value = parse_value(bytes, MAX_JSON_DEPTH).map_err(|e| json_error(&e, what))?;
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(malformed(format!("the {what} is not a JSON object"))),
    }
}

/// The `malformed` error for a JSON failure in a token part.
///
/// serde_json's messages name line and column, never input text; we keep only the category
/// and our own messages, so nothing from the token is echoed.
pub(crate) fn json_error(e: &serde_json::Error, what: &'static str) -> Error {
    let text = e.to_string();
    let reason = text.split(" at line ").next().unwrap_or("invalid JSON");
    if reason.starts_with("not a JSON object") {
        return malformed(format!("the {what} is not a JSON object"));
    }
    malformed(format!(
        "the {what} is not valid JSON: {}",
        describe(e, reason)
    ))
}

fn describe(e: &serde_json::Error, reason: &str) -> String {
    if reason.starts_with("duplicate member")
        || reason.starts_with("nesting deeper")
        || reason.starts_with("non-finite")
    {
        reason.to_owned()
    } else {
        match e.classify() {
            serde_json::error::Category::Eof => "unexpected end of input".to_owned(),
            serde_json::error::Category::Syntax => format!("syntax error ({})", bounded(reason)),
            serde_json::error::Category::Data => "invalid data".to_owned(),
            serde_json::error::Category::Io => "read error".to_owned(),
        }
    }
}

fn bounded(s: &str) -> &str {
    // serde_json syntax messages are fixed phrases; cap length anyway.
    match s.char_indices().nth(60) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Parses one JSON value under the strict rules (duplicate members refused at every depth, no
/// trailing bytes) with nesting capped at `limit` levels (the error then starts "nesting deeper").
pub(crate) fn parse_value(bytes: &[u8], limit: usize) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    StrictValue { depth: 1, limit }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
}

struct StrictValue {
    depth: usize,
    limit: usize,
}

impl StrictValue {
    /// The seed for a member or element; depth is only checked when that value opens a
    /// container, so scalars at the deepest level are fine.
    fn child(&self) -> StrictValue {
        StrictValue {
            depth: self.depth + 1,
            limit: self.limit,
        }
    }

    fn enter<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.depth > self.limit {
            return Err(E::custom(format_args!(
                "nesting deeper than {} levels",
                self.limit
            )));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for StrictValue {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("non-finite number"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(self.child())? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut map = Map::new();
        while let Some(name) = access.next_key::<String>()? {
            // One hash per member: the entry both finds a duplicate and holds the slot.
            match map.entry(name) {
                serde_json::map::Entry::Occupied(_) => {
                    return Err(A::Error::custom("duplicate member name"))
                }
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(access.next_value_seed(self.child())?);
                }
            }
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_is_strict() {
        assert_eq!(b64_decode(b"YQ", "x").unwrap(), b"a");
        assert!(b64_decode(b"YQ==", "x").is_err(), "padding");
        assert!(
            b64_decode(b"YR", "x").is_err(),
            "non-canonical trailing bits"
        );
        assert!(b64_decode(b"Y Q", "x").is_err(), "whitespace");
        assert!(b64_decode(b"+/", "x").is_err(), "standard alphabet");
        assert!(b64_decode(b"Y", "x").is_err(), "impossible length");
    }

    #[test]
    fn json_objects_only_without_duplicates() {
        assert!(parse_object(br#"{"a":1}"#, "x").is_ok());
        assert!(parse_object(br#"[1]"#, "x").is_err());
        let dup = parse_object(br#"{"a":1,"a":2}"#, "x").unwrap_err();
        assert!(dup.message().contains("duplicate"), "{}", dup.message());
        assert!(parse_object(br#"{"a":{"b":1,"b":1}}"#, "x").is_err());
        assert!(parse_object(br#"{"a":1} x"#, "x").is_err());
        assert!(
            parse_object(br#"{"a":"\ud800"}"#, "x").is_err(),
            "lone surrogate"
        );
        assert!(
            parse_object(b"{\"a\":\"\xff\"}", "x").is_err(),
            "invalid UTF-8"
        );
        assert!(
            parse_object(br#"{"a":1e400}"#, "x").is_err(),
            "overflowing number"
        );
    }

    #[test]
    fn depth_is_capped_at_the_documented_level() {
        let nest = |levels: usize| {
            // `levels` counts the top-level object too.
            let inner = levels - 1;
            format!("{{\"a\":{}1{}}}", "[".repeat(inner), "]".repeat(inner))
        };
        assert!(parse_object(nest(MAX_JSON_DEPTH).as_bytes(), "x").is_ok());
        let err = parse_object(nest(MAX_JSON_DEPTH + 1).as_bytes(), "x").unwrap_err();
        assert!(err.message().contains("nesting"), "{}", err.message());
        assert!(parse_object(nest(10_000).as_bytes(), "x").is_err());
    }
}
