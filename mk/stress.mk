# Load and memory (issue 8), not part of `make test`: every runtime verifies STRESS_TOKENS tokens of one mix
# drawn from tests/vectors (valid tokens and one per failure code, tests/stress/mix.py) and fails if RSS grows
# more than STRESS_MAX_GROWTH_MB; Python with 16 threads and Node with 8 worker_threads must reach the
# single-threaded verdicts token for token; the Rust core runs the mix under valgrind's leak check.

.PHONY: stress stress-mix stress-rust stress-python stress-node stress-wasm stress-sessions

STRESS_TOKENS ?= 1000000
STRESS_VALGRIND_TOKENS ?= 10000
STRESS_MAX_GROWTH_MB ?= 20
STRESS_MIX := $(CARGO_TARGET_DIR)/stress/mix.json
STRESS_RUST := $(CARGO_TARGET_DIR)/release/onejwt-stress

STRESS_SESSIONS ?= 100000

stress: stress-rust stress-python stress-node stress-wasm stress-sessions ## 10^6 verifications per binding: flat RSS, threaded verdicts equal, valgrind; 10^5 sessions refreshing on Redis (not part of make test)
	@echo "make stress: every runtime stayed flat and agreed with itself across threads"

stress-mix: ## build the stress token mix from tests/vectors
	python3 $(ROOT)/tests/stress/mix.py $(STRESS_MIX)

# Its own workspace (tests/stress/rust); the release build shares the main target dir's dependencies.
stress-rust: stress-mix ## the Rust core under load and under valgrind
	@command -v valgrind >/dev/null || { echo "stress-rust needs valgrind (apt-get install valgrind)"; exit 1; }
	cargo build --quiet --release --manifest-path $(ROOT)/tests/stress/rust/Cargo.toml
	$(STRESS_RUST) $(STRESS_MIX) $(STRESS_TOKENS) $(STRESS_MAX_GROWTH_MB)
	@# Under valgrind RSS means nothing (its own bookkeeping): the bound is off, the leak check decides.
	valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 \
	  $(STRESS_RUST) $(STRESS_MIX) $(STRESS_VALGRIND_TOKENS) 100000
	@echo "rust: valgrind: no leaks, no memory errors"

stress-python: stress-mix python ## Python under load, 16 threads
	$(PY) $(ROOT)/tests/stress/stress.py $(STRESS_MIX) --tokens $(STRESS_TOKENS) --threads 16 \
	  --max-growth-mb $(STRESS_MAX_GROWTH_MB)

stress-node: stress-mix node ## Node under load, 8 worker threads
	node --expose-gc $(ROOT)/tests/stress/stress.mjs $(STRESS_MIX) --impl native --tokens $(STRESS_TOKENS) \
	  --workers 8 --max-growth-mb $(STRESS_MAX_GROWTH_MB)

stress-wasm: stress-mix wasm ## WASM under Node under load
	node --expose-gc $(ROOT)/tests/stress/stress.mjs $(STRESS_MIX) --impl wasm --tokens $(STRESS_TOKENS) \
	  --max-growth-mb $(STRESS_MAX_GROWTH_MB)

# Issue 13: STRESS_SESSIONS sessions refreshing concurrently against a real redis-server (started and stopped by
# the script); the throughput and latency go to target/bench/sessions-redis.json, which bench/report.py adds to
# BENCHMARKS.md.
stress-sessions: python redis-server ## 10^5 sessions logging in and refreshing concurrently on Redis (asyncio): throughput, p99
	$(PY) $(ROOT)/tests/stress/sessions_redis.py $(CARGO_TARGET_DIR)/bench/sessions-redis.json --sessions $(STRESS_SESSIONS)
