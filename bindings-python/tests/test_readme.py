"""README: the ```python blocks of the README's Python quick start run as written."""

from __future__ import annotations

import re
from pathlib import Path


def quick_start_blocks(root: Path) -> list[str]:
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Python quick start\n(.*?)(?=^## )", readme, re.S | re.M)
    assert section, "README.md has no '## Python quick start' section"
    return re.findall(r"^```python\n(.*?)^```", section.group(1), re.S | re.M)


def test_the_python_quick_start_runs(root: Path) -> None:
    blocks = quick_start_blocks(root)
    assert blocks, "the Python quick start has no python block"
    namespace: dict[str, object] = {"__name__": "readme"}
    for block in blocks:
        exec(compile(block, "README.md (Python quick start)", "exec"), namespace)
    assert "verifier" in namespace
