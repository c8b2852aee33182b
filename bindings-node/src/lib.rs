//! onejwt node binding (to be built).
