//! Schema: the core's option schema (every option of every argument bag), for the tests that
//! hold the stubs and docstrings to it.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::map_to_dict;

/// The core's option schema, parsed: ``{table: {"doc", "options": [{"name", "camel", "env",
/// "type", "default", "required", "doc", "aliases"}]}}`` (``onejwt::host::schema_json``).
#[pyfunction]
#[pyo3(name = "_option_schema")]
pub(crate) fn option_schema(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let schema: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&onejwt::host::schema_json())
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    map_to_dict(py, &schema)
}
