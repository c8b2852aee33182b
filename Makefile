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

.PHONY: help demo test corpus-diff test-docs clean

# Every target documents itself with a `## ` comment on its rule line (here and in mk/*.mk); `make help`
# lists them all, and tests/docs/test_make.py fails when a phony target has none.
help: ## this list
	@awk -F':.*## ' '/^[a-zA-Z0-9_-]+:.*## / { printf "  make %-16s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

# The runtimes whose corpus outcomes must equal Rust's; each binding fragment appends its own.
CORPUS_RUNTIMES := rust

include mk/rust.mk
include mk/python.mk
include mk/node.mk
include mk/wasm.mk
include mk/cross.mk
include mk/fuzz.mk
include mk/stress.mk
include mk/bench.mk
include mk/redis.mk

# The stages of `make test`, run one after the other with the time each took (CI prints them).
TEST_STAGES := lint-rust test-rust test-python test-node test-wasm test-cross test-docs corpus-diff

test: ## install what is missing, build, run every test of every runtime (the CI contract)
	@for stage in $(TEST_STAGES); do \
	  start=$$(date +%s); \
	  $(MAKE) --no-print-directory $$stage || { echo "make test: $$stage FAILED"; exit 1; }; \
	  echo "make test: $$stage passed in $$(( $$(date +%s) - start )) s"; \
	done
	@echo "make test: all suites passed"

corpus-diff: ## compare every runtime's corpus records with Rust's (after the runtimes' tests)
	python3 tests/corpus_diff.py $(CARGO_TARGET_DIR)/corpus $(CORPUS_RUNTIMES)

# Every code block of the READMEs runs in its language (tests/docs/test_snippets.py), and `make help`
# documents every target (tests/docs/test_make.py).
test-docs: python node wasm ## run every README code block in its language; check make help
	$(PY) -m pytest -q -p no:cacheprovider $(ROOT)/tests/docs

# One token, minted by Rust, verified by every runtime; then the service flow (issue in Python,
# validate in Node and Chromium, revoke, rejected). The verdicts must agree.
demo: demo-rust demo-python demo-node demo-wasm demo-service ## build everything; one token verified by every runtime, then the service flow
	python3 demo/compare.py $(CARGO_TARGET_DIR)/demo

clean: ## remove build output (target/, bindings-wasm/pkg/)
	rm -rf target bindings-wasm/pkg
