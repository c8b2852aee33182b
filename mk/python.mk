# python binding: owned by bindings-python (placeholder until the binding lands).
.PHONY: python test-python demo-python bench-python
python test-python demo-python bench-python:
	@echo "the python binding is not built yet" && false
