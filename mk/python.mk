# python binding: bindings-python (pyo3 + maturin) built into .venv, its tests, type checks and demo.

.PHONY: python test-python demo-python

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
python: $(PY_STAMP) ## build the Python extension into .venv (editable install)
	cd $(PY_DIR) && VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin develop --release --quiet --target $(PY_TARGET)

# redis-server: the Redis store tests start their own (tests/redis/server.py).
test-python: python redis-server ## pytest, mypy --strict and stubtest of the Python package
	cd $(PY_DIR) && $(PY) -m pytest -q
	cd $(PY_DIR) && $(PY) -m mypy
	cd $(PY_DIR) && $(PY) -m mypy.stubtest onejwt._onejwt onejwt.errors

CORPUS_RUNTIMES += python

# demo-rust writes the token that Python verifies.
demo-python: python demo-rust ## the Python part of make demo
	$(PY) demo/verify.py
