"""Timing: calibrated batches, interleaved in rotated order over rounds, reported as medians.

The method every runtime of this project uses: one warm-up round (discarded), then R rounds; in
round k every contender runs one batch, starting at contender k mod n (A B C, B C A, ...), so no
contender always runs first or right after the same neighbour on this shared 2-core machine.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat

# A batch long enough to dwarf timer and scheduling noise, short enough that a round of five
# contenders stays well under a scheduler hiccup of a busy neighbour.
FULL_BATCH_NS = 30_000_000
QUICK_BATCH_NS = 2_000_000
# Calibration stops doubling once a trial batch takes this share of the target.
CALIBRATION_SHARE = 0.2


@dataclass(frozen=True)
class Settings:
    rounds: int
    batch_ns: int
    quick: bool


def settings_from_env() -> Settings:
    quick = os.environ.get("ONEJWT_BENCH_QUICK", "") not in ("", "0")
    rounds_text = os.environ.get("ONEJWT_BENCH_ROUNDS")
    rounds = int(rounds_text) if rounds_text else (5 if quick else 21)
    if rounds < 1:
        raise SystemExit("ONEJWT_BENCH_ROUNDS must be at least 1")
    return Settings(rounds=rounds, batch_ns=QUICK_BATCH_NS if quick else FULL_BATCH_NS, quick=quick)


@dataclass(frozen=True)
class Contender:
    """A named workload; ``run(n)`` performs ``n`` operations (setup inside is not per-op)."""

    name: str
    run: Callable[[int], None]
    note: str = ""


@dataclass(frozen=True)
class Measured:
    name: str
    wall_ns: float  # median over rounds of wall ns per operation
    cpu_ns: float  # median over rounds of process CPU ns per operation
    batch: int
    note: str


def looped(name: str, make_op: Callable[[], Callable[[], object]], note: str = "") -> Contender:
    """A contender calling ``make_op()``'s result n times; ``make_op`` runs untimed per batch
    (PyJWT's clock offset is taken there)."""

    def run(n: int) -> None:
        op = make_op()
        for _ in repeat(None, n):
            op()

    return Contender(name, run, note)


def _timed(contender: Contender, n: int) -> tuple[int, int]:
    wall0, cpu0 = time.perf_counter_ns(), time.process_time_ns()
    contender.run(n)
    return time.perf_counter_ns() - wall0, time.process_time_ns() - cpu0


def calibrate(contender: Contender, batch_ns: int) -> int:
    """Operations per batch so that one batch takes about ``batch_ns`` of wall time."""
    # A first, cold call (lazy imports, pool threads starting) would shrink the batch: untimed.
    contender.run(1)
    n = 1
    while True:
        wall, _ = _timed(contender, n)
        if wall >= batch_ns * CALIBRATION_SHARE or n >= 1 << 30:
            break
        n *= 2 if wall * 16 >= batch_ns * CALIBRATION_SHARE else 8
    # One stalled trial (a busy neighbour, a 5 ms GIL switch interval between threads) must not
    # shrink the batch for good: the quickest of three runs at the final size sets it.
    quickest = min(_timed(contender, n)[0] for _ in range(3))
    return max(1, round(n * batch_ns / max(quickest, 1)))


def measure(contenders: Sequence[Contender], settings: Settings) -> list[Measured]:
    if not contenders:
        return []
    batches = [calibrate(c, settings.batch_ns) for c in contenders]
    walls: list[list[float]] = [[] for _ in contenders]
    cpus: list[list[float]] = [[] for _ in contenders]
    count = len(contenders)
    for round_index in range(-1, settings.rounds):  # round -1 is the discarded warm-up
        start = round_index % count
        for index in [(start + offset) % count for offset in range(count)]:
            wall, cpu = _timed(contenders[index], batches[index])
            if round_index >= 0:
                walls[index].append(wall / batches[index])
                cpus[index].append(cpu / batches[index])
    return [
        Measured(c.name, statistics.median(walls[i]), statistics.median(cpus[i]), batches[i], c.note)
        for i, c in enumerate(contenders)
    ]
