"""Memory: resident set size around many onejwt verifications in this process (recorded, not asserted)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from typing import Any

WARM_UP_CALLS = 10**4
CALLS = 10**6


@dataclass(frozen=True)
class RssRecord:
    name: str
    calls: int
    rss_before_kib: int
    rss_after_kib: int


def rss_kib() -> int:
    """VmRSS of this process, which Linux reports in kB (KiB)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("/proc/self/status has no VmRSS line")


def rss_around(name: str, op: Callable[[], Any], calls: int = CALLS) -> RssRecord:
    # The warm-up fills allocator pools and caches, so growth after it would be a leak.
    for _ in repeat(None, WARM_UP_CALLS):
        op()
    before = rss_kib()
    for _ in repeat(None, calls):
        op()
    return RssRecord(name, calls, before, rss_kib())
