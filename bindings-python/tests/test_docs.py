"""Docs: every public item has a docstring, and the examples in them run (doctest)."""

from __future__ import annotations

import doctest
import inspect
from typing import Any

import pytest

import onejwt


def public_items() -> list[tuple[str, Any]]:
    items = []
    for name in onejwt.__all__:
        obj = getattr(onejwt, name)
        if not (inspect.isclass(obj) or callable(obj)):
            continue  # ERROR_CODES, __version__: data
        items.append((name, obj))
        # The native classes (module "onejwt") and the Python ones (onejwt.aio, onejwt.store, ...).
        if inspect.isclass(obj) and obj.__module__.split(".")[0] == "onejwt":
            for member, value in vars(obj).items():
                if not member.startswith("_"):
                    items.append((f"{name}.{member}", getattr(obj, member)))
    return items


ITEMS = public_items()


@pytest.mark.parametrize(("name", "obj"), ITEMS, ids=[name for name, _ in ITEMS])
def test_public_item_is_documented(name: str, obj: Any) -> None:
    doc = inspect.getdoc(obj)
    assert doc and len(doc) > 20, f"{name} has no docstring"


def test_docstring_examples_run() -> None:
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = [t for name, obj in ITEMS for t in finder.find(obj, name, globs=dict(vars(onejwt)))]
    tests += finder.find(onejwt, "onejwt")
    examples = 0
    for test in tests:
        runner.run(test)
        examples += len(test.examples)
    assert examples >= 5, "the docstrings lost their examples"
    assert runner.failures == 0, f"{runner.failures} docstring example(s) failed (see output)"
