# Benchmarks (bench/, see bench/README.md; none of them is part of `make test`). Each runtime's benchmark gates
# its contenders, times them in interleaved rounds and writes $(CARGO_TARGET_DIR)/bench/<runtime>.json; `make
# bench` turns those into BENCHMARKS.md. Every one reads ONEJWT_BENCH_QUICK=1 (a smoke run) and
# ONEJWT_BENCH_ROUNDS=N (the round count, default 21). Included after the binding fragments (it uses their
# build targets and the Python stamp).

.PHONY: bench bench-rust bench-criterion bench-python bench-node bench-wasm bench-js-deps bench-keygen

BENCH_DIR := $(ROOT)/bench

# The report fails when a runtime's result file is missing (--require), so a partial run never passes for a full one.
bench: bench-rust bench-python bench-node bench-wasm bench-keygen ## benchmarks against the peers of each runtime, writes BENCHMARKS.md (not part of make test)
	python3 $(BENCH_DIR)/report.py $(CARGO_TARGET_DIR)/bench $(ROOT)/BENCHMARKS.md --require rust,python,node,wasm-node,wasm-browser

# The workspace member bench/rust (package onejwt-bench, never published) holds both cargo benches and
# their peers (criterion, cpu-time, jsonwebtoken), so none of them is a dev-dependency of onejwt.
bench-rust: ## Rust: onejwt against its floor and jsonwebtoken, interleaved (target/bench/rust.json)
	cargo bench -p onejwt-bench --bench compare

bench-criterion: ## Rust: criterion's statistics for the same verifications, and signing (not part of make bench)
	cargo bench -p onejwt-bench --bench verify

BENCH_PY_REQUIREMENTS := $(BENCH_DIR)/python/requirements.txt
# Keyed on content like PY_STAMP (mk/python.mk), under its own prefix so the two stamps never remove each other.
BENCH_PY_STAMP := $(VENV)/.onejwt-bench-requirements-$(firstword $(shell sha256sum $(BENCH_PY_REQUIREMENTS)))

# pyjwt-rs ships only an sdist (built with cargo): if it does not build, the other peers are still
# installed and the bench lists pyjwt-rs as skipped, not installed.
$(BENCH_PY_STAMP): $(BENCH_PY_REQUIREMENTS) | $(PY_STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(BENCH_PY_REQUIREMENTS) || { \
	  echo "bench-python: pyjwt-rs did not build from its sdist; installing the other peers"; \
	  grep -v '^pyjwt-rs' $(BENCH_PY_REQUIREMENTS) \
	    | $(PY) -m pip install --quiet --disable-pip-version-check -r /dev/stdin; }
	rm -f $(VENV)/.onejwt-bench-requirements-*
	touch $@

bench-python: python $(BENCH_PY_STAMP) ## Python: onejwt against PyJWT, joserfc and pyjwt-rs (target/bench/python.json)
	$(PY) $(BENCH_DIR)/python/verify.py

# The JS peers (bench/package.json, locked by bench/package-lock.json), installed when missing or when a
# manifest is newer than npm's hidden lockfile. `npm install`, never `npm ci` (see mk/node.mk).
bench-js-deps: ## install the JS benchmarks' peer libraries into bench/node_modules when missing or stale
	@stamp=$(BENCH_DIR)/node_modules/.package-lock.json; \
	  if [ ! -f $$stamp ] || [ $(BENCH_DIR)/package.json -nt $$stamp ] || [ $(BENCH_DIR)/package-lock.json -nt $$stamp ]; then \
	    (cd $(BENCH_DIR) && npm install --no-audit --no-fund --loglevel=error) && touch $$stamp; \
	  fi

# --expose-gc: the RSS readings follow a full GC.
bench-node: node bench-js-deps ## Node: onejwt against fast-jwt, jsonwebtoken, jose, @node-rs/jsonwebtoken (target/bench/node.json)
	node --expose-gc $(BENCH_DIR)/node/bench.mjs

# The Chromium page reuses the browser tests' helpers (tests/js/browser/chromium.mjs, server.mjs), whose
# playwright-core `make wasm` installs.
bench-wasm: wasm bench-js-deps ## WASM: onejwt-wasm against jose under Node, then in headless Chromium (target/bench/wasm-*.json)
	node --expose-gc $(BENCH_DIR)/wasm/bench.mjs
	node $(BENCH_DIR)/browser/bench.mjs

# Key generation (issue 14): Python against cryptography, Node and WASM under Node against node:crypto, WASM in
# Chromium against WebCrypto (target/bench/keygen*.json); RSA-4096 takes seconds per key, longest in WASM.
bench-keygen: python node wasm ## key generation per algorithm against each runtime's own generator (target/bench/keygen*.json)
	$(PY) $(BENCH_DIR)/keygen/keygen.py
	node $(BENCH_DIR)/keygen/keygen.mjs
