# Node: the napi-rs addon and the npm package `onejwt` (bindings-node/), its tests and demo.

NODE_DIR := $(ROOT)/bindings-node
NODE_BIN := $(NODE_DIR)/node_modules/.bin
# npm rewrites this hidden lockfile on every install that changes node_modules; touched after each
# install so that `make node` reinstalls only when package.json or package-lock.json is newer.
NODE_INSTALLED := $(NODE_DIR)/node_modules/.package-lock.json

.PHONY: node test-node demo-node node-toolchain

# require(esm), which lets `require('onejwt')` share the ESM module, is unflagged from Node 20.19.
node-toolchain: ## check the Node version (>= 20.19)
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
	  || { echo "onejwt needs Node >= 20.19 (found $$(node --version))"; exit 1; }

# `npm install`, never `npm ci`: the lockfile lacks other platforms' optional packages of @napi-rs/cli.
$(NODE_INSTALLED): $(NODE_DIR)/package.json $(wildcard $(NODE_DIR)/package-lock.json) | node-toolchain
	cd $(NODE_DIR) && npm install --no-audit --no-fund
	touch $@

# The shared JS layer (bindings-js/src) is copied into js/ as bindings-js/manifest.json says, which also
# checks package.json's `files` against it.
node: $(NODE_INSTALLED) ## build the napi addon and the npm package onejwt in bindings-node/
	node $(ROOT)/bindings-js/manifest.mjs onejwt
	cd $(NODE_DIR) && $(NODE_BIN)/napi build --platform --release \
	  --output-dir js --js native.cjs --dts native.d.ts

# bindings-js/test/*.test.mjs: the shared layer's own tests (the schema test, the manifest test).
test-node: node redis-server ## Node tests of onejwt, the shared JS suites, the schema test and the TypeScript types
	cd $(NODE_DIR) && ONEJWT_BUILT_PACKAGES=onejwt node --test test/ $(ROOT)/bindings-js/test/*.test.mjs
	$(NODE_BIN)/tsc -p bindings-js/test/tsconfig.json

CORPUS_RUNTIMES += node

demo-node: node ## the Node part of make demo
	node demo/verify-node.mjs
