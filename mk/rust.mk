# Rust: the core crate, its corpus runner, lints and demo (its benchmarks: mk/bench.mk).

.PHONY: rust-toolchain lint-rust test-rust demo-rust

rust-toolchain: ## add clippy and rustfmt when missing
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt

lint-rust: rust-toolchain ## rustfmt check, clippy -D warnings, rustdoc -D warnings
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p onejwt --no-default-features --all-targets -- -D warnings
	cargo clippy -p onejwt --features redis --all-targets -- -D warnings
	RUSTDOCFLAGS=-Dwarnings cargo doc -p onejwt --features redis --no-deps --quiet

test-rust: redis-server ## the core crate tests: units, corpus, properties, scan/decode differential, Wycheproof, doctests, README tables
	cargo test -p onejwt --features redis
	cargo test -p onejwt --no-default-features --lib

demo-rust: ## the Rust part of make demo (issues the demo token)
	cargo run --quiet --release -p onejwt --example demo
