# Node: the napi-rs addon and the npm package `onejwt` (bindings-node/), its tests, demo and benchmark.

NODE_DIR := $(ROOT)/bindings-node
NODE_BIN := $(NODE_DIR)/node_modules/.bin
# npm rewrites this hidden lockfile on every install that changes node_modules; touched after each
# install so that `make node` reinstalls only when package.json or package-lock.json is newer.
NODE_INSTALLED := $(NODE_DIR)/node_modules/.package-lock.json

.PHONY: node test-node demo-node bench-node node-toolchain

# require(esm), which lets `require('onejwt')` share the ESM module, is unflagged from Node 20.19.
node-toolchain:
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
	  || { echo "onejwt needs Node >= 20.19 (found $$(node --version))"; exit 1; }

# `npm install`, never `npm ci`: the lockfile lacks other platforms' optional packages of @napi-rs/cli.
$(NODE_INSTALLED): $(NODE_DIR)/package.json $(wildcard $(NODE_DIR)/package-lock.json) | node-toolchain
	cd $(NODE_DIR) && npm install --no-audit --no-fund
	touch $@

node: $(NODE_INSTALLED)
	cd $(NODE_DIR) && $(NODE_BIN)/napi build --platform --release \
	  --output-dir js --js native.cjs --dts native.d.ts

test-node: node
	cd $(NODE_DIR) && node --test test/
	$(NODE_BIN)/tsc -p tests/js/tsconfig.json

CORPUS_RUNTIMES += node

demo-node: node
	node tests/demo/verify-node.mjs

# onejwt against fast-jwt, jsonwebtoken, jose and @node-rs/jsonwebtoken (issue 6); writes
# $(CARGO_TARGET_DIR)/bench/node.json. --expose-gc: the RSS readings follow a full GC.
bench-node: node
	node --expose-gc $(NODE_DIR)/bench/bench.mjs
