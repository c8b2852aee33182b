# Fuzzing (issue 8): cargo-fuzz targets of the core in fuzz/ (its own workspace and Cargo.lock; not part
# of `make test`). Each target runs FUZZ_SECONDS from the committed seeds (fuzz/corpus/<target>, drawn from
# tests/vectors by fuzz/seeds.py); inputs it discovers go to fuzz/target/corpus/<target>, crashes to
# fuzz/artifacts/<target>/ (both git-ignored). Stable Rust: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its
# -Z sanitizer flags. The instrumented build has its own target dir, so it never invalidates the main one.

.PHONY: fuzz fuzz-build fuzz-toolchain fuzz-seeds

FUZZ_DIR := $(ROOT)/fuzz
FUZZ_TARGETS := verify keys decode differential
FUZZ_SECONDS ?= 120
# Optimised, with debug assertions and overflow checks, under AddressSanitizer.
FUZZ_FLAGS ?= -O -a
CARGO_FUZZ := $(TOOLS)/bin/cargo-fuzz
FUZZ_ENV := RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=$(FUZZ_DIR)/target
FUZZ_LOGS := $(FUZZ_DIR)/target/logs

fuzz-toolchain: ## install cargo-fuzz into .tools/ when missing
	@[ -x $(CARGO_FUZZ) ] || { echo "installing cargo-fuzz into $(TOOLS) (about a minute, once)"; \
	  cargo install --quiet --root $(TOOLS) cargo-fuzz; }

# Rewrites the committed seeds and the verify target's key table from tests/vectors.
fuzz-seeds: ## rewrite the committed fuzz seeds from tests/vectors
	python3 $(FUZZ_DIR)/seeds.py

fuzz-build: fuzz-toolchain ## build the fuzz targets (AddressSanitizer)
	cd $(FUZZ_DIR) && $(FUZZ_ENV) $(CARGO_FUZZ) build $(FUZZ_FLAGS)

# Runs every target (a crash stops the run and fails), then one summary line per target from libFuzzer's
# final report: executions, exec/s, coverage (`cov`: edges) and features (`ft`).
fuzz: fuzz-build ## fuzz every core target for FUZZ_SECONDS each (default 120; not part of make test)
	@mkdir -p $(FUZZ_LOGS)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/target/corpus/$$t; \
	  echo "fuzz $$t for $(FUZZ_SECONDS) s (log: $(FUZZ_LOGS)/$$t.log)"; \
	  (cd $(FUZZ_DIR) && $(FUZZ_ENV) $(CARGO_FUZZ) run $(FUZZ_FLAGS) $$t \
	    target/corpus/$$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -max_len=20000 -timeout=10 \
	    -print_final_stats=1) > $(FUZZ_LOGS)/$$t.log 2>&1 \
	    || { tail -40 $(FUZZ_LOGS)/$$t.log; echo "fuzz $$t FAILED: see fuzz/artifacts/$$t/"; exit 1; }; \
	done
	@python3 $(FUZZ_DIR)/summary.py $(FUZZ_LOGS) $(FUZZ_TARGETS)
