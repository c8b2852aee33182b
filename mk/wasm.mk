# wasm binding: owned by bindings-wasm (placeholder until the binding lands).
.PHONY: wasm test-wasm demo-wasm bench-wasm
wasm test-wasm demo-wasm bench-wasm:
	@echo "the wasm binding is not built yet" && false
