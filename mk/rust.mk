# Rust: the core crate, its corpus runner, lints, demo and criterion benchmarks.

.PHONY: rust-toolchain bench-criterion

rust-toolchain:
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt

lint-rust: rust-toolchain
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS=-Dwarnings cargo doc -p onejwt --no-deps --quiet

test-rust:
	cargo test -p onejwt

demo-rust:
	cargo run --quiet --release -p onejwt --example demo

# The interleaved comparison with the floor that BENCHMARKS.md reports (target/bench/rust.json).
bench-rust:
	cargo bench -p onejwt --bench compare

# Criterion's statistics for the same verifications (not part of `make bench`).
bench-criterion:
	cargo bench -p onejwt --bench verify
