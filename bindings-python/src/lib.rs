//! onejwt python binding (to be built).
