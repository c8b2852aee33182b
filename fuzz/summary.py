#!/usr/bin/env python3
"""One line per fuzz target from its libFuzzer log: executions, speed, coverage, corpus size."""

import re
import sys
from pathlib import Path


def main(logs, targets):
    print(f"{'target':<12} {'executions':>12} {'exec/s':>8} {'cov':>6} {'ft':>7} {'corpus':>7} {'rss MB':>7}")
    for target in targets:
        text = Path(logs, f"{target}.log").read_text(errors="replace")
        stats = dict(re.findall(r"^stat::(\w+):\s+(\d+)", text, re.M))
        # The last status line (`#N ... cov: C ft: F corp: K/..`) carries coverage.
        status = re.findall(r"^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)", text, re.M)
        runs, cov, ft, corp = status[-1] if status else ("?", "?", "?", "?")
        print(f"{target:<12} {stats.get('number_of_executed_units', runs):>12} "
              f"{stats.get('average_exec_per_sec', '?'):>8} {cov:>6} {ft:>7} {corp:>7} "
              f"{stats.get('peak_rss_mb', '?'):>7}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
