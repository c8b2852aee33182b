# wasm binding: wasm-bindgen build of bindings-wasm into the npm package bindings-wasm/pkg/ (onejwt-wasm,
# with the verify-only entry onejwt-wasm/verify built without the `service` feature),
# its toolchain (installed only when missing), and its Node, Chromium, Vite and hostile-input tests.

.PHONY: wasm test-wasm demo-wasm wasm-toolchain wasm-test-deps

WASM_DIR := $(ROOT)/bindings-wasm
WASM_PKG := $(WASM_DIR)/pkg
WASM_TARGET := wasm32-unknown-unknown
WASM_PROFILE := wasm-release
WASM_OUT := $(CARGO_TARGET_DIR)/$(WASM_TARGET)/$(WASM_PROFILE)/onejwt_wasm.wasm
# The verify-only module behind `onejwt-wasm/verify` (no `service` feature) gets its own target dir:
# cargo keeps one artifact and one fingerprint per cdylib, so building both feature sets in one dir
# relinks each (~8 s) on every `make wasm`. The cost is one more compile of the dependencies, once.
WASM_VERIFY_TARGET_DIR := $(CARGO_TARGET_DIR)/wasm-verify
WASM_VERIFY_OUT := $(WASM_VERIFY_TARGET_DIR)/$(WASM_TARGET)/$(WASM_PROFILE)/onejwt_wasm.wasm
# The CLI must equal the `wasm-bindgen` crate in Cargo.lock exactly (the crate is pinned with `=`).
WASM_BINDGEN_VERSION = $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' $(ROOT)/Cargo.lock)
WASM_BINDGEN := $(TOOLS)/bin/wasm-bindgen
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM := /usr/bin/chromium

# Everything the build and the tests need that a fresh Debian machine lacks, each step skipped when present.
wasm-toolchain: ## install the wasm32 target, clang, chromium and wasm-bindgen-cli when missing
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' || rustup target add $(WASM_TARGET)
	@missing=""; command -v clang >/dev/null || missing=" clang"; \
	  [ -x $(CHROMIUM) ] || missing="$$missing chromium"; \
	  if [ -n "$$missing" ]; then \
	    echo "apt-get install$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  fi
	@want='wasm-bindgen $(WASM_BINDGEN_VERSION)'; \
	  if [ "$$($(WASM_BINDGEN) --version 2>/dev/null)" != "$$want" ]; then \
	    echo "installing $$want into $(TOOLS) (a few minutes, once)"; \
	    cargo install --quiet --force --root $(TOOLS) wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	  fi

# npm packages of the tests (playwright-core drives Debian's Chromium; Vite for the bundler smoke test;
# bindings-wasm links the built pkg/ as `onejwt-wasm`), installed when missing or when a manifest changed.
wasm-test-deps: ## npm packages of the browser and Vite tests, when missing or stale
	@for dir in $(ROOT)/tests/js/browser $(ROOT)/tests/js/vite-smoke $(WASM_DIR); do \
	  stamp=$$dir/node_modules/.package-lock.json; \
	  if [ ! -f $$stamp ] || [ $$dir/package.json -nt $$stamp ] || [ $$dir/package-lock.json -nt $$stamp ]; then \
	    (cd $$dir && npm install --no-audit --no-fund --loglevel=error); \
	  fi; \
	done

wasm: wasm-toolchain ## build the npm package onejwt-wasm into bindings-wasm/pkg/ (both entries)
	cargo build --target $(WASM_TARGET) --profile $(WASM_PROFILE) -p onejwt-wasm
	CARGO_TARGET_DIR=$(WASM_VERIFY_TARGET_DIR) cargo build --target $(WASM_TARGET) --profile $(WASM_PROFILE) -p onejwt-wasm --no-default-features
	node $(WASM_DIR)/scripts/build-pkg.mjs --wasm-bindgen $(WASM_BINDGEN) --wasm $(WASM_OUT) \
	  --wasm-verify $(WASM_VERIFY_OUT) --out $(WASM_PKG)
	@$(MAKE) --no-print-directory wasm-test-deps

CORPUS_RUNTIMES += wasm-node wasm-browser

# test/redis.test.mjs starts its own redis-server (tests/js/redis-server.mjs): `redis-server` installs it.
test-wasm: wasm redis-server ## WASM tests under Node (RedisStore against a real Redis too), in headless Chromium and through Vite
	cd $(WASM_DIR) && ONEJWT_BUILT_PACKAGES=onejwt-wasm node --test test/ $(ROOT)/bindings-js/test/manifest.test.mjs
	cd $(ROOT) && node --test tests/js/browser/ tests/js/vite-smoke/

demo-wasm: wasm ## the WASM part of make demo
	node $(ROOT)/demo/verify-wasm.mjs
