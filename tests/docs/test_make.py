"""make help: every phony target of the Makefile and mk/*.mk documents itself, and `make help` lists it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def phony_targets() -> set[str]:
    names: set[str] = set()
    for path in [ROOT / "Makefile", *sorted((ROOT / "mk").glob("*.mk"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(".PHONY:"):
                names.update(line.split(":", 1)[1].split())
    return names


def test_make_help_lists_every_phony_target() -> None:
    targets = phony_targets()
    assert {"test", "demo", "bench", "help"} <= targets
    out = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    listed = set(re.findall(r"^  make (\S+)", out, re.M))
    missing = sorted(targets - listed)
    assert not missing, f"make help does not list {missing}: add a `## description` to their rule lines"
    stale = sorted(listed - targets)
    assert not stale, f"make help lists {stale}, which are not .PHONY targets"
