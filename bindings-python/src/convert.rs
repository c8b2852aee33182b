//! Convert: Python values to the core's JSON values (the host value → core map step of every
//! call), and JSON values back to plain Python objects.
//!
//! Claims come back as `dict`/`list`/`int`/`float`/`str`/`bool`/`None`. Integers are exact in the
//! signed and unsigned 64-bit range; the core's JSON parser reads larger integers as IEEE doubles
//! (as JavaScript does), so they come back as `float`. Going the other way, only JSON-shaped
//! values are accepted: `None`, `bool`, `int` (64-bit), finite `float`, `str`, `list`/`tuple`,
//! `dict` (or any `Mapping`) with `str` keys, and an aware `datetime`, which becomes whole Unix
//! seconds (a NumericDate) through the core's time rule. Nesting is capped by the core's host
//! depth rule. Every refusal is the core's `OptionsError`, naming the argument or option.

use std::borrow::Cow;
use std::cell::Cell;

use onejwt::host::{call_options, too_deep, unix_seconds, OptionNames, MAX_HOST_DEPTH};
use onejwt::{OptionsError, OptionsErrorKind};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType,
};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::errors::options_error;

/// A core JSON object as a new `dict`, in the token's member order.
pub(crate) fn map_to_dict<'py>(
    py: Python<'py>,
    map: &Map<String, Value>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, value) in map {
        dict.set_item(name, value_to_py(py, value)?)?;
    }
    Ok(dict)
}

fn value_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => number_to_py(py, n)?,
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => map_to_dict(py, map)?.into_any(),
    })
}

fn number_to_py<'py>(py: Python<'py>, n: &Number) -> PyResult<Bound<'py, PyAny>> {
    if let Some(i) = n.as_i64() {
        Ok(i.into_pyobject(py)?.into_any())
    } else if let Some(u) = n.as_u64() {
        Ok(u.into_pyobject(py)?.into_any())
    } else {
        // Without serde_json's arbitrary precision every other number is a finite f64.
        Ok(PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any())
    }
}

/// The verified claims as a `dict`, built from the signed JSON text directly (the quick path);
/// the core's claims map is materialized only if that text is ever not the shape it promised.
pub(crate) fn claims_dict<'py>(
    py: Python<'py>,
    verified: &onejwt::Verified,
) -> PyResult<Bound<'py, PyDict>> {
    match claims_json_to_dict(py, onejwt::host::claims_json(verified))? {
        Some(dict) => Ok(dict),
        None => map_to_dict(py, verified.claims()),
    }
}

/// Verified claims JSON (`host::claims_json`) straight into a `dict`, with no intermediate
/// serde_json `Map`: building that map and then converting it took ~40% of an HS256
/// `Verifier.verify` (perf, issue 6). serde_json's own parser drives a visitor that makes the
/// Python objects, so every value is exactly what `map_to_dict` would make of the core's map
/// (the same parser calls build both). `None` means the text did not parse (the core already
/// scanned it, so this does not happen): callers then take the `Map` path.
fn claims_json_to_dict<'py>(py: Python<'py>, json: &[u8]) -> PyResult<Option<Bound<'py, PyDict>>> {
    let failure = Cell::new(None);
    let mut de = serde_json::Deserializer::from_slice(json);
    let built = PySeed {
        py,
        failure: &failure,
    }
    .deserialize(&mut de)
    .and_then(|value| de.end().map(|()| value));
    if let Some(err) = failure.take() {
        return Err(err);
    }
    Ok(built
        .ok()
        .and_then(|value| value.cast_into::<PyDict>().ok()))
}

/// Builds one JSON value as a Python object. A Python error (out of memory) is parked in
/// `failure` and surfaces as a serde error that stops the parse.
#[derive(Clone, Copy)]
struct PySeed<'py, 'a> {
    py: Python<'py>,
    failure: &'a Cell<Option<PyErr>>,
}

impl<'py> PySeed<'py, '_> {
    fn check<T, E: serde::de::Error>(&self, result: PyResult<T>) -> Result<T, E> {
        result.map_err(|err| {
            self.failure.set(Some(err));
            E::custom("python error")
        })
    }
}

impl<'de, 'py> DeserializeSeed<'de> for PySeed<'py, '_> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 'py> Visitor<'de> for PySeed<'py, '_> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.py.None().into_bound(self.py))
    }

    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Self::Value, E> {
        Ok(PyBool::new(self.py, b).to_owned().into_any())
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Self::Value, E> {
        self.check(
            n.into_pyobject(self.py)
                .map(Bound::into_any)
                .map_err(Into::into),
        )
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Self::Value, E> {
        self.check(
            n.into_pyobject(self.py)
                .map(Bound::into_any)
                .map_err(Into::into),
        )
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Self::Value, E> {
        Ok(PyFloat::new(self.py, n).into_any())
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(PyString::new(self.py, s).into_any())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let list = PyList::empty(self.py);
        while let Some(item) = seq.next_element_seed(self)? {
            self.check(list.append(item))?;
        }
        Ok(list.into_any())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.py);
        while let Some(name) = map.next_key_seed(NameSeed(self.py))? {
            let value = map.next_value_seed(self)?;
            self.check(dict.set_item(name, value))?;
        }
        Ok(dict.into_any())
    }
}

/// A member name as a Python `str`, straight from the parser's (usually borrowed) text.
struct NameSeed<'py>(Python<'py>);

impl<'de, 'py> DeserializeSeed<'de> for NameSeed<'py> {
    type Value = Bound<'py, PyString>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, 'py> Visitor<'de> for NameSeed<'py> {
    type Value = Bound<'py, PyString>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(claim_name(self.0, name))
    }
}

/// The registered claim names (RFC 7519 §4.1) come from interned strings, created once per
/// process with their hash cached, as most tokens carry several of them; other names are new.
fn claim_name<'py>(py: Python<'py>, name: &str) -> Bound<'py, PyString> {
    let interned = match name {
        "iss" => intern!(py, "iss"),
        "sub" => intern!(py, "sub"),
        "aud" => intern!(py, "aud"),
        "exp" => intern!(py, "exp"),
        "nbf" => intern!(py, "nbf"),
        "iat" => intern!(py, "iat"),
        "jti" => intern!(py, "jti"),
        _ => return PyString::new(py, name),
    };
    interned.clone()
}

/// Where a converted value goes, so that a refusal names it as the caller wrote it: a positional
/// argument (`claims`, `jwk`) or an option (`now`, `headers`).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Place<'a> {
    Argument(&'a str),
    Option(&'a str),
}

impl<'a> Place<'a> {
    pub(crate) fn error(
        self,
        kind: OptionsErrorKind,
        message: impl Into<Cow<'static, str>>,
    ) -> PyErr {
        options_error(match self {
            Place::Argument(name) => OptionsError::argument(name.to_owned(), kind, message),
            Place::Option(name) => OptionsError::new(name.to_owned(), kind, message),
        })
    }

    fn name(self) -> &'a str {
        match self {
            Place::Argument(name) | Place::Option(name) => name,
        }
    }

    fn type_error(self, message: impl Into<Cow<'static, str>>) -> PyErr {
        self.error(OptionsErrorKind::Type, message)
    }

    fn value_error(self, message: impl Into<Cow<'static, str>>) -> PyErr {
        self.error(OptionsErrorKind::Value, message)
    }

    fn too_deep(self) -> PyErr {
        options_error(match self {
            Place::Argument(name) => too_deep(name, true),
            Place::Option(name) => too_deep(name, false),
        })
    }
}

/// A mapping argument (`claims`) as a JSON object.
pub(crate) fn object_argument(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Map<String, Value>> {
    let place = Place::Argument(name);
    match object_members(obj, place, 1)? {
        Some(map) => Ok(map),
        None => Err(place.type_error(format!(
            "must be a dict (or another Mapping), not {}",
            type_name(obj)
        ))),
    }
}

/// Keyword options (`**options`) as the JSON map the core's parsers read; the bag is the
/// top-level container, so each option's value starts one level down. `None` is kept: the core
/// reads it as "not set".
pub(crate) fn options_map(options: Option<&Bound<'_, PyDict>>) -> PyResult<Map<String, Value>> {
    let mut map = Map::new();
    if let Some(options) = options {
        for (name, value) in options.iter() {
            let name = name.cast_into::<PyString>()?.to_cow()?.into_owned();
            let value = py_to_value(&value, Place::Option(&name), 2)?;
            map.insert(name, value);
        }
    }
    Ok(map)
}

/// Any JSON-shaped value handed to a positional argument or returned by a host callback (a store
/// request or reply), as a JSON value; `name` names it in a refusal.
pub(crate) fn json_value(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Value> {
    py_to_value(obj, Place::Argument(name), 1)
}

/// One option's value, for an option a signature names (`email`, `query_string`).
pub(crate) fn option_value(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Value> {
    py_to_value(obj, Place::Option(name), 2)
}

/// The members of a `dict` or other `Mapping`, or `None` when `obj` is not one; `depth` is the
/// mapping's own level.
fn object_members(
    obj: &Bound<'_, PyAny>,
    place: Place<'_>,
    depth: usize,
) -> PyResult<Option<Map<String, Value>>> {
    if let Ok(dict) = obj.cast::<PyDict>() {
        if depth > MAX_HOST_DEPTH {
            return Err(place.too_deep());
        }
        let mut map = Map::with_capacity(dict.len());
        for (name, value) in dict.iter() {
            map.insert(
                member_name(&name, place)?,
                py_to_value(&value, place, depth + 1)?,
            );
        }
        Ok(Some(map))
    } else if let Ok(mapping) = obj.cast::<PyMapping>() {
        if depth > MAX_HOST_DEPTH {
            return Err(place.too_deep());
        }
        // Rarer mappings (TypedDict values are dicts already): go through the protocol.
        let mut map = Map::new();
        for item in mapping.items()?.iter() {
            let (name, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            map.insert(
                member_name(&name, place)?,
                py_to_value(&value, place, depth + 1)?,
            );
        }
        Ok(Some(map))
    } else {
        Ok(None)
    }
}

fn member_name(name: &Bound<'_, PyAny>, place: Place<'_>) -> PyResult<String> {
    match name.cast::<PyString>() {
        Ok(name) => Ok(name.to_cow()?.into_owned()),
        Err(_) => Err(place.type_error(format!(
            "has a key of type {}; JSON object keys must be str",
            type_name(name)
        ))),
    }
}

fn sequence<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    place: Place<'_>,
    depth: usize,
) -> PyResult<Value> {
    if depth > MAX_HOST_DEPTH {
        return Err(place.too_deep());
    }
    items
        .map(|item| py_to_value(&item, place, depth + 1))
        .collect::<PyResult<_>>()
        .map(Value::Array)
}

/// `depth` is the level `obj` sits at (a container there is refused past the core's limit).
fn py_to_value(obj: &Bound<'_, PyAny>, place: Place<'_>, depth: usize) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        // Checked before int: bool is a subclass of int in Python, but not a number in JSON.
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        return match (i.extract::<i64>(), i.extract::<u64>()) {
            (Ok(v), _) => Ok(Value::from(v)),
            (_, Ok(v)) => Ok(Value::from(v)),
            _ => Err(place.value_error("an int outside the 64-bit range has no exact JSON form")),
        };
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| place.value_error("a NaN or infinite float has no JSON form"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return sequence(list.iter(), place, depth);
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return sequence(tuple.iter(), place, depth);
    }
    if let Some(map) = object_members(obj, place, depth)? {
        return Ok(Value::Object(map));
    }
    if let Some(seconds) = datetime_seconds(obj, place)? {
        return Ok(Value::from(seconds));
    }
    Err(place.type_error(format!(
        "a value of type {} has no JSON form (use None, bool, int, float, str, list, tuple, \
         dict or an aware datetime)",
        type_name(obj)
    )))
}

static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// An aware `datetime` as whole Unix seconds through the core's time rule (the one for `now`
/// and for dates in claims); `None` when `obj` is not a `datetime`. A naive one is refused: its
/// meaning depends on the machine's time zone.
fn datetime_seconds(obj: &Bound<'_, PyAny>, place: Place<'_>) -> PyResult<Option<i64>> {
    let datetime = DATETIME.import(obj.py(), "datetime", "datetime")?;
    if !obj.is_instance(datetime)? {
        return Ok(None);
    }
    if obj.call_method0(intern!(obj.py(), "utcoffset"))?.is_none() {
        return Err(place.value_error(
            "a datetime must be timezone-aware (a naive one depends on the machine's time zone)",
        ));
    }
    let timestamp: f64 = obj
        .call_method0(intern!(obj.py(), "timestamp"))?
        .extract()?;
    // The core's error names an option; `place` may be an argument.
    unix_seconds(timestamp, place.name())
        .map(Some)
        .map_err(|e| place.error(e.kind(), e.message().to_owned()))
}

/// Key material given as `bytes` or `str` (UTF-8 encoded); `name` names the argument.
pub(crate) fn bytes_or_str(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        Ok(b.as_bytes().to_vec())
    } else if let Ok(s) = obj.cast::<PyString>() {
        Ok(s.to_cow()?.as_bytes().to_vec())
    } else {
        Err(Place::Argument(name)
            .type_error(format!("must be bytes or str, not {}", type_name(obj))))
    }
}

/// JSON given as a mapping (already parsed) or as JSON text, matching the core's two entry points.
pub(crate) enum JsonArg {
    Map(Map<String, Value>),
    Text(String),
}

/// Reads a `dict`-or-`str` argument (a JWK, a JWKS); `name` names it in errors.
pub(crate) fn dict_or_str(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<JsonArg> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(JsonArg::Text(s.to_cow()?.into_owned()));
    }
    let place = Place::Argument(name);
    match object_members(obj, place, 1)? {
        Some(map) => Ok(JsonArg::Map(map)),
        None => Err(place.type_error(format!(
            "must be a dict or a JSON str, not {}",
            type_name(obj)
        ))),
    }
}

/// The type's name for error messages (never the value: it may be a secret).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .and_then(|n| n.extract::<String>())
        .unwrap_or_else(|_| "object".to_owned())
}

/// The per-call options of `verify` and of the service's per-token calls through the core's
/// parser (`None`: the clock). `now` is a named parameter so that the common call builds no
/// keyword dict, and given alone as an `int` or finite `float` it goes straight to the time rule
/// that parser applies to it (`host::unix_seconds`, as the JS bindings' hot path does): the whole
/// bag through the parser cost an HS256 `Verifier.verify(token, now=…)` ~8% more instructions.
pub(crate) fn call_now(
    now: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Option<i64>> {
    if options.is_none() {
        let Some(now) = now else {
            return Ok(None);
        };
        if let Some(seconds) = plain_number(now) {
            return unix_seconds(seconds, "now")
                .map(Some)
                .map_err(options_error);
        }
    }
    let mut map = options_map(options)?;
    if let Some(now) = now {
        map.insert("now".to_owned(), option_value(now, "now")?);
    }
    call_options(&map, OptionNames::SnakeCase).map_err(options_error)
}

/// An `int` (64-bit) or finite `float` as the `f64` the core's parser reads from its JSON number
/// (`serde_json::Value::as_f64`); `None` for anything else, which takes the general path.
fn plain_number(obj: &Bound<'_, PyAny>) -> Option<f64> {
    if let Ok(int) = obj.cast_exact::<PyInt>() {
        // As the JSON number's `as_f64` would: rounded to the nearest double.
        #[allow(clippy::cast_precision_loss)]
        return int.extract::<i64>().ok().map(|i| i as f64);
    }
    obj.cast_exact::<PyFloat>()
        .ok()
        .map(|f| f.value())
        .filter(|f| f.is_finite())
}

/// A value given for an option that takes a host object (`key=` something other than a `Key`):
/// it goes into the options map for the core to refuse, naming the option, as its type's name
/// (it need not have a JSON form, and its content is never quoted). Returns `None`, the host
/// object the call goes on without.
pub(crate) fn foreign_option<T>(
    map: &mut Map<String, Value>,
    name: &str,
    value: &Bound<'_, PyAny>,
) -> Option<T> {
    map.insert(name.to_owned(), Value::String(type_name(value)));
    None
}
