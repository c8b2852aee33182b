# python binding: bindings-python (pyo3 + maturin) built into .venv, its tests, type checks and demo.

.PHONY: python test-python demo-python bench-python

PY_DIR := $(ROOT)/bindings-python
PY_REQUIREMENTS := $(PY_DIR)/requirements-dev.txt
# Keyed on the requirements' content, so editing them reinstalls and nothing else does.
PY_STAMP := $(VENV)/.onejwt-requirements-$(firstword $(shell sha256sum $(PY_REQUIREMENTS)))
# The same target triple as the Node build (napi passes it always), so both share compiled deps.
PY_TARGET := x86_64-unknown-linux-gnu

$(PY):
	python3 -m venv $(VENV)

$(PY_STAMP): $(PY_REQUIREMENTS) | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(PY_REQUIREMENTS)
	rm -f $(VENV)/.onejwt-requirements-*
	touch $@

# Builds the abi3 extension (release) and installs the package into .venv in editable mode:
# python/onejwt/*.py are used in place and the built _onejwt.abi3.so is placed beside them.
python: $(PY_STAMP)
	cd $(PY_DIR) && VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin develop --release --quiet --target $(PY_TARGET)

test-python: python
	cd $(PY_DIR) && $(PY) -m pytest -q
	cd $(PY_DIR) && $(PY) -m mypy
	cd $(PY_DIR) && $(PY) -m mypy.stubtest onejwt._onejwt

CORPUS_RUNTIMES += python

# demo-rust writes the token that Python verifies.
demo-python: python demo-rust
	$(PY) tests/demo/verify.py

PY_BENCH_REQUIREMENTS := $(PY_DIR)/requirements-bench.txt
# Keyed on content like PY_STAMP, under its own prefix so the two stamps never remove each other.
PY_BENCH_STAMP := $(VENV)/.onejwt-bench-requirements-$(firstword $(shell sha256sum $(PY_BENCH_REQUIREMENTS)))

# pyjwt-rs ships only an sdist (built with cargo): if it does not build, the other peers are still
# installed and the bench lists pyjwt-rs as skipped, not installed.
$(PY_BENCH_STAMP): $(PY_BENCH_REQUIREMENTS) | $(PY_STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(PY_BENCH_REQUIREMENTS) || { \
	  echo "bench-python: pyjwt-rs did not build from its sdist; installing the other peers"; \
	  grep -v '^pyjwt-rs' $(PY_BENCH_REQUIREMENTS) \
	    | $(PY) -m pip install --quiet --disable-pip-version-check -r /dev/stdin; }
	rm -f $(VENV)/.onejwt-bench-requirements-*
	touch $@

# Peers are gated, then timed in interleaved rounds; writes $(CARGO_TARGET_DIR)/bench/python.json.
# ONEJWT_BENCH_QUICK=1 for a smoke run, ONEJWT_BENCH_ROUNDS=N to change the round count.
bench-python: python $(PY_BENCH_STAMP)
	$(PY) $(PY_DIR)/bench/verify.py
