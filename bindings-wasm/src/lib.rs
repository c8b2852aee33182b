//! onejwt wasm binding (to be built).
