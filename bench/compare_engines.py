"""How fast each candidate engine reads the generated log file, whole process, for the choice of
the L phase's engine: Python's csv module, DuckDB and Polars (if installed), each counting rows
and grouping by account, in a fresh interpreter (start-up included). Prints a Markdown table.

    .venv/bin/python bench/compare_engines.py /tmp/auditctl-bench-logs-10000000-1/logs/access.csv
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

CSV = """
import csv, collections
n, by = 0, collections.Counter()
with open(PATH, newline="", encoding="utf-8") as f:
    r = csv.reader(f); next(r)
    for row in r:
        n += 1
        if len(row) > 2: by[row[2]] += 1
print(n, len(by))
"""
DUCKDB = """
import duckdb
c = duckdb.connect(); c.execute("SET threads = 2")
src = f"read_csv('{PATH}', header = true, all_varchar = true, ignore_errors = true, null_padding = true)"
print(c.execute(f"SELECT count(*), count(DISTINCT account) FROM {src}").fetchall())
"""
POLARS = """
import polars as pl
df = pl.scan_csv(PATH, infer_schema=False, truncate_ragged_lines=True)
print(df.select(pl.len(), pl.col("account").n_unique()).collect())
"""


def timed(code: str, path: Path) -> float | None:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", f"PATH = {str(path)!r}\n" + code],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return None
    return time.perf_counter() - start


def main() -> None:
    path = Path(sys.argv[1])
    rows = sum(1 for _ in path.open("rb")) - 1
    print(f"{path.name}: {path.stat().st_size / 2**20:,.0f} MiB, {rows:,} rows")
    print()
    print("| engine | count + distinct accounts, whole process (s) | rows/s |")
    print("| --- | ---: | ---: |")
    for name, code in (("Python csv", CSV), ("DuckDB", DUCKDB), ("Polars", POLARS)):
        secs = timed(code, path)
        if secs is None:
            print(f"| {name} | not installed or failed | |")
        else:
            print(f"| {name} | {secs:.2f} | {rows / secs / 1e6:.1f} M |")


if __name__ == "__main__":
    main()
