# onejwt: one Rust core, four runtimes. `make demo` and `make test` are the contract (see README).
# Each binding owns its fragment in mk/; this file only wires them together.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(abspath .)
export CARGO_TARGET_DIR := $(ROOT)/target
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
TOOLS := $(ROOT)/.tools

.PHONY: help demo test bench fuzz stress test-rust lint-rust corpus-diff clean

help:
	@echo "make demo    build everything, show one token verified by every runtime and the service flow"
	@echo "make test    install what is missing, build, run every test of every runtime"
	@echo "make bench   benchmarks (not part of make test)"
	@echo "make fuzz    cargo-fuzz every core target for FUZZ_SECONDS each (default 120; not part of make test)"
	@echo "make stress  10^6 verifications per binding: RSS flat, threaded verdicts equal, valgrind (not part of make test)"
	@echo "make python | node | wasm   build one binding"

# The runtimes whose corpus outcomes must equal Rust's; each binding fragment appends its own.
CORPUS_RUNTIMES := rust

include mk/rust.mk
include mk/python.mk
include mk/node.mk
include mk/wasm.mk
include mk/cross.mk
include mk/fuzz.mk
include mk/stress.mk

# Each runtime writes target/bench/<runtime>.json; the report turns them into BENCHMARKS.md.
bench: bench-rust bench-python bench-node bench-wasm
	python3 tests/bench/report.py $(CARGO_TARGET_DIR)/bench BENCHMARKS.md --require rust,python,node,wasm-node,wasm-browser

test: lint-rust test-rust test-python test-node test-wasm test-cross corpus-diff
	@echo "make test: all suites passed"

corpus-diff:
	python3 tests/corpus_diff.py $(CARGO_TARGET_DIR)/corpus $(CORPUS_RUNTIMES)

# One token, minted by Rust, verified by every runtime; then the service flow (issue in Python,
# validate in Node and Chromium, revoke, rejected). The verdicts must agree.
demo: demo-rust demo-python demo-node demo-wasm demo-service
	python3 tests/demo/compare.py $(CARGO_TARGET_DIR)/demo

clean:
	rm -rf target bindings-wasm/pkg
