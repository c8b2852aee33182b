# Cross-runtime: the TokenService interop test (tests/cross_runtime/) across Python, Node, WASM under
# Node and WASM in Chromium, and the service part of `make demo` (tests/demo/service*).

.PHONY: test-cross demo-service

# Tokens issued in each runtime, verified by all four (see tests/cross_runtime/README.md).
test-cross: python node wasm
	$(PY) -m pytest -q -p no:cacheprovider $(ROOT)/tests/cross_runtime

# The service flow, one process per step so that only the shared file carries the revocation:
# Python issues, Node and Chromium validate, Python revokes, all three then refuse (tests/demo/README.md).
demo-service: python node wasm
	$(PY) tests/demo/service.py issue
	node tests/demo/service-node.mjs before
	node tests/demo/service-browser.mjs before
	$(PY) tests/demo/service.py revoke
	node tests/demo/service-node.mjs after
	node tests/demo/service-browser.mjs after
