//! Convert: JS values ⇄ the core's JSON values (`serde_json`), and the small typed reads the
//! classes share (strings, bytes, the verification time).
//!
//! JS → JSON follows `JSON.stringify` where that is unambiguous (own enumerable string keys,
//! `undefined` members left out) and refuses what `JSON.stringify` would silently change (`NaN`,
//! `Infinity`, `Date`, binary data, `undefined` in arrays) or throw on (`BigInt`, cycles), so a
//! caller's mistake is a `TypeError`, never a different token. JSON → JS is a JSON string that the
//! package's JS layer hands to `JSON.parse`: measured faster than building the objects through
//! napi calls, and `JSON.parse` creates `__proto__` members as plain data.

use napi::bindgen_prelude::{
    FromNapiValue, JsObjectValue, JsValue, KeyCollectionMode, KeyConversion, KeyFilter, Object,
    Uint8Array, Unknown,
};
use napi::{Env, ValueType};
use serde_json::{Map, Number, Value};

/// How deep a JS value may nest: serde_json's own recursion limit. It exists so a cyclic object
/// fails with a `TypeError` instead of overflowing the stack; tokens are far shallower (the core
/// refuses claims nested deeper than `onejwt::MAX_JSON_DEPTH`).
const MAX_DEPTH: usize = 128;

/// The largest integer a JS number holds exactly (2^53); whole numbers up to it become JSON integers.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_992.0;

/// How much of a value's path (`a.b[2].c`) an error message quotes.
const MAX_PATH_CHARS: usize = 64;

/// Why a JS value could not be converted.
pub(crate) enum Failure {
    /// The value has no JSON form: `path` locates it (`headers.x[2]`), `message` says why.
    Invalid { path: String, message: &'static str },
    /// napi itself failed, or a getter the caller supplied threw (the exception is pending).
    Napi(napi::Error),
}

impl From<napi::Error> for Failure {
    fn from(e: napi::Error) -> Self {
        Failure::Napi(e)
    }
}

impl Failure {
    /// Reports the failure as a `TypeError` about `name`: an option when `option` is true (the
    /// error then carries `option`), otherwise a positional argument.
    pub(crate) fn into_napi(self, env: &Env, name: &str, option: bool) -> napi::Error {
        match self {
            Failure::Invalid { path, message } => {
                let what = match path.char_indices().nth(MAX_PATH_CHARS) {
                    _ if path.is_empty() => message.to_owned(),
                    // A cyclic value has an endless path; its start is enough to find it.
                    Some((cut, _)) => format!("{}…: {message}", &path[..cut]),
                    None => format!("{path}: {message}"),
                };
                if option {
                    crate::errors::option_type_error(env, name, &what)
                } else {
                    crate::errors::argument_type_error(env, name, &what)
                }
            }
            Failure::Napi(e) => e,
        }
    }
}

fn invalid<T>(path: &str, message: &'static str) -> Result<T, Failure> {
    Err(Failure::Invalid {
        path: path.to_owned(),
        message,
    })
}

/// A JS value as JSON. `Ok(None)` is `undefined`, which only an object member may be (left out).
pub(crate) fn to_json(value: Unknown<'_>) -> Result<Option<Value>, Failure> {
    convert(value, &mut String::new(), 0)
}

/// A plain JS object as a JSON object: its own enumerable string-keyed members, in order.
pub(crate) fn to_json_object(value: Unknown<'_>) -> Result<Map<String, Value>, Failure> {
    match to_json(value)? {
        Some(Value::Object(map)) => Ok(map),
        _ => invalid("", "must be an object"),
    }
}

fn convert(value: Unknown<'_>, path: &mut String, depth: usize) -> Result<Option<Value>, Failure> {
    Ok(Some(match value.get_type()? {
        ValueType::Undefined => return Ok(None),
        ValueType::Null => Value::Null,
        ValueType::Boolean => Value::Bool(bool::from_unknown(value)?),
        ValueType::String => Value::String(String::from_unknown(value)?),
        ValueType::Number => Value::Number(number(f64::from_unknown(value)?, path)?),
        ValueType::Object => {
            if depth >= MAX_DEPTH {
                return invalid(path, "is nested too deeply (or is cyclic)");
            }
            if value.is_array()? {
                Value::Array(array(value, path, depth)?)
            } else {
                Value::Object(object(value, path, depth)?)
            }
        }
        ValueType::BigInt => return invalid(path, "a BigInt has no JSON form; use a number"),
        ValueType::Symbol => return invalid(path, "a symbol has no JSON form"),
        ValueType::Function => return invalid(path, "a function has no JSON form"),
        _ => return invalid(path, "has no JSON form"),
    }))
}

fn number(n: f64, path: &str) -> Result<Number, Failure> {
    if !n.is_finite() {
        return invalid(path, "NaN and Infinity have no JSON form");
    }
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        // Exact: |n| ≤ 2^53 fits an i64. A whole number is written `5`, never `5.0`.
        #[allow(clippy::cast_possible_truncation)]
        return Ok(Number::from(n as i64));
    }
    Number::from_f64(n).map_or_else(|| invalid(path, "has no JSON form"), Ok)
}

fn array(value: Unknown<'_>, path: &mut String, depth: usize) -> Result<Vec<Value>, Failure> {
    let array = Object::from_unknown(value)?;
    let len = array.get_array_length()?;
    let mut out = Vec::with_capacity(len as usize);
    let base = path.len();
    for index in 0..len {
        path.push_str(&format!("[{index}]"));
        match convert(array.get_element::<Unknown<'_>>(index)?, path, depth + 1)? {
            Some(item) => out.push(item),
            None => return invalid(path, "undefined has no JSON form in an array"),
        }
        path.truncate(base);
    }
    Ok(out)
}

fn object(
    value: Unknown<'_>,
    path: &mut String,
    depth: usize,
) -> Result<Map<String, Value>, Failure> {
    if value.is_date()? {
        return invalid(path, "a Date has no JSON form here; use Unix seconds");
    }
    if value.is_typedarray()? || value.is_arraybuffer()? || value.is_dataview()? {
        return invalid(path, "binary data has no JSON form");
    }
    if value.is_promise()? {
        return invalid(path, "a Promise has no JSON form");
    }
    let object = Object::from_unknown(value)?;
    let names = object.get_all_property_names(
        KeyCollectionMode::OwnOnly,
        KeyFilter::Enumerable,
        KeyConversion::NumbersToStrings,
    )?;
    let count = names.get_array_length()?;
    let mut out = Map::new();
    let base = path.len();
    for index in 0..count {
        let name = names.get_element::<Unknown<'_>>(index)?;
        // Symbol keys have no JSON form; JSON.stringify skips them too.
        if name.get_type()? != ValueType::String {
            continue;
        }
        let name_text = String::from_unknown(name)?;
        if base > 0 {
            path.push('.');
        }
        path.push_str(&name_text);
        let member = object.get_property::<Unknown<'_>, Unknown<'_>>(name)?;
        if let Some(member) = convert(member, path, depth + 1)? {
            out.insert(name_text, member);
        }
        path.truncate(base);
    }
    Ok(out)
}

/// A JS string (`Ok(None)` for any other type, so the caller words the error).
pub(crate) fn string(value: Unknown<'_>) -> napi::Result<Option<String>> {
    if value.get_type()? == ValueType::String {
        String::from_unknown(value).map(Some)
    } else {
        Ok(None)
    }
}

/// Text or bytes: a string as its UTF-8 bytes, or a `Uint8Array` (a Node `Buffer` is one).
pub(crate) fn bytes(value: Unknown<'_>) -> napi::Result<Option<Vec<u8>>> {
    if let Some(text) = string(value)? {
        return Ok(Some(text.into_bytes()));
    }
    if value.get_type()? == ValueType::Object && value.is_typedarray()? {
        // Another typed array (Uint16Array, …) is not bytes: refused as a wrong type.
        return Ok(Uint8Array::from_unknown(value).ok().map(|b| b.to_vec()));
    }
    Ok(None)
}

/// Whether `value` is a plain object (not `null`, an array or a function).
pub(crate) fn is_object(value: Unknown<'_>) -> napi::Result<bool> {
    Ok(value.get_type()? == ValueType::Object && !value.is_array()?)
}

/// The names of an options object's own enumerable string-keyed members that are not `undefined`
/// (an `undefined` member means "not set", as `JSON.stringify` leaves it out).
pub(crate) fn members<'env>(value: Unknown<'env>) -> napi::Result<Vec<(String, Unknown<'env>)>> {
    let object = Object::from_unknown(value)?;
    let names = object.get_all_property_names(
        KeyCollectionMode::OwnOnly,
        KeyFilter::Enumerable,
        KeyConversion::NumbersToStrings,
    )?;
    let count = names.get_array_length()?;
    let mut out = Vec::with_capacity(count as usize);
    for index in 0..count {
        let name = names.get_element::<Unknown<'_>>(index)?;
        if name.get_type()? != ValueType::String {
            continue;
        }
        let member = object.get_property::<Unknown<'_>, Unknown<'env>>(name)?;
        if member.get_type()? != ValueType::Undefined {
            out.push((String::from_unknown(name)?, member));
        }
    }
    Ok(out)
}

/// The verification time from a `now` option: Unix seconds (floored) or a `Date`.
/// `Ok(None)` when the value is neither, or out of range.
pub(crate) fn unix_seconds(value: Unknown<'_>) -> napi::Result<Option<i64>> {
    let seconds = match value.get_type()? {
        ValueType::Number => f64::from_unknown(value)?,
        ValueType::Object if value.is_date()? => {
            // A Date's number is its time value in milliseconds (NaN for an invalid date).
            f64::from_unknown(value.coerce_to_number()?.to_unknown())? / 1000.0
        }
        _ => return Ok(None),
    };
    let floored = seconds.floor();
    // i64 covers ±292 billion years; anything outside (or NaN) is not a time.
    #[allow(clippy::cast_possible_truncation)]
    Ok((floored.is_finite() && floored.abs() < 9.2e18).then_some(floored as i64))
}

/// A JSON object as text, for the JS layer's `JSON.parse`.
pub(crate) fn json_text(map: &Map<String, Value>) -> napi::Result<String> {
    // Cannot fail for a map with string keys; still reported, never unwrapped.
    serde_json::to_string(map).map_err(|e| napi::Error::from_reason(e.to_string()))
}

/// `{"header":…,"claims":…}` as text, parsed by the JS layer in one `JSON.parse` call; `claims` is
/// already JSON text (the signed text of a verified token, or a decoded token's claims serialised).
pub(crate) fn header_and_claims_text(
    header: &Map<String, Value>,
    claims: &str,
) -> napi::Result<String> {
    let header = json_text(header)?;
    let mut text = String::with_capacity(header.len() + claims.len() + 22);
    text.push_str("{\"header\":");
    text.push_str(&header);
    text.push_str(",\"claims\":");
    text.push_str(claims);
    text.push('}');
    Ok(text)
}

/// The verified claims as the exact JSON text that was signed (`Verified::claims_json`). The core
/// has checked it is one UTF-8 JSON object with no duplicate members, so `JSON.parse` of it builds
/// the same object as re-serialising the claims map would, without materialising that map (parse
/// into an IndexMap, then serialise: over half of an HS256 verification, see issue 6's profile).
pub(crate) fn claims_text(verified: &onejwt::Verified) -> napi::Result<&str> {
    std::str::from_utf8(verified.claims_json()).map_err(|e| napi::Error::from_reason(e.to_string()))
}

/// Whether `value` is `null` (an explicit "not set").
pub(crate) fn is_null(value: Unknown<'_>) -> napi::Result<bool> {
    Ok(value.get_type()? == ValueType::Null)
}
