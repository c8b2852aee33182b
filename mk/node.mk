# node binding: owned by bindings-node (placeholder until the binding lands).
.PHONY: node test-node demo-node bench-node
node test-node demo-node bench-node:
	@echo "the node binding is not built yet" && false
