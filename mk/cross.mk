# Cross-runtime: the TokenService interop test (tests/cross_runtime/) across Python, Node, WASM under
# Node and WASM in Chromium, and the service part of `make demo` (demo/service*).

.PHONY: test-cross demo-service

# Tokens issued in each runtime, verified by all four (see tests/cross_runtime/README.md), and sessions shared
# through one real Redis by Python, Node and WASM under Node (test_redis_sessions.py).
test-cross: python node wasm redis-server ## tokens issued in Python, Node, WASM and Chromium verify identically everywhere; sessions shared through Redis
	$(PY) -m pytest -q -p no:cacheprovider $(ROOT)/tests/cross_runtime

# The service flow, one process per step so that only the shared file carries the revocation:
# Python issues, Node and Chromium validate, Python revokes, all three then refuse (demo/README.md).
demo-service: python node wasm ## the TokenService part of make demo: issue, validate, revoke across runtimes
	$(PY) demo/service.py issue
	node demo/service-node.mjs before
	node demo/service-browser.mjs before
	$(PY) demo/service.py revoke
	node demo/service-node.mjs after
	node demo/service-browser.mjs after
