"""Benchmark the L phase: all seven L rules over N generated log rows, whole phase (engine start-up,
hashing, reading every row, the seven catalog queries and their aggregation), in a fresh process
per run so that peak memory is the run's own. Prints a Markdown table: the median of the runs.

    .venv/bin/python bench/bench_logs.py --rows 10000000 [--runs 3] [--gzip] [--cli]

The data is generated once by bench/gen_logs.py into --data (default /tmp/auditctl-bench-logs-N)
and reused. --cli also times `auditctl check BUNDLE --typology L --format json` end to end.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for path in (HERE.parent, HERE):  # run from a checkout without installing auditctl
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

RULES = [f"L-0{i}" for i in range(1, 8)]


# The engine's steps, timed one by one when --steps asks (wall time of each call, summed).
STEPS = {
    "__init__": "engine start-up (import, connection)",
    "load_table": "bundle tables into the engine",
    "begin_logs": "quiet accounts and terminals (which rows to keep in full)",
    "load_file": "read every row (parse, Japan time, validation, keys; SHA-256 beside)",
    "finish_loading": "rows kept in full: their fields and lines",
    "_l04": "L-04: rows near a change of terminal, named again",
    "run_rules": "the seven catalog queries and their summaries",
    "close": "engine shut-down",
}


def timed_steps() -> dict[str, float]:
    """Wrap the engine's steps to time them; the dict fills as the phase runs."""
    from auditctl.logs.engine import Engine

    spent: dict[str, float] = {}

    def wrap(name: str) -> None:
        inner = getattr(Engine, name)

        def timed(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

        setattr(Engine, name, timed)

    for name in STEPS:
        wrap(name)
    return spent


def phase(bundle: Path, steps: bool = False) -> dict[str, object]:
    """One run of the L phase in this process (called in a child): seconds, rows, findings."""
    spent = timed_steps() if steps else {}
    start = time.perf_counter()
    from auditctl.catalog import catalog
    from auditctl.logs.discover import discover
    from auditctl.logs.phase import run_phase
    from auditctl.logs.tables import bundle_tables
    from auditctl.model.terms import derive
    from auditctl.pipeline import prepare
    from auditctl.settings import Options
    from auditctl.values import parse_date

    prep = prepare(bundle, Options(as_of=parse_date("2026-11-27")))
    assert prep.model is not None, [d.render("en") for d in prep.errors]
    catalog()
    terms = derive(prep.model, prep.settings.as_of)
    bundle_done = time.perf_counter()
    files, problems = discover(bundle, prep.loaded.log_files, [])
    assert not problems
    tables = bundle_tables(terms, 5, 1000, prep.model.present)
    out = run_phase(files, tables, RULES)
    end = time.perf_counter()
    assert out.results is not None, [d.render("en") for d in out.errors]
    return {
        "phase_s": end - bundle_done,
        "bundle_s": bundle_done - start,
        "rows": out.results.summary.rows_read,
        "rejected": out.results.summary.rows_rejected,
        "findings": {r: len(a) for r, a in out.results.aggregates.items()},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "steps": spent,
    }


def child(bundle: Path, steps: bool = False) -> dict[str, object]:
    """A fresh interpreter runs one phase; its own peak RSS is measured, not the parent's."""
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(bundle), *(["--steps"] if steps else [])],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def cli(bundle: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "auditctl", "check", str(bundle), "--typology", "L", "--format",
         "json", "--as-of", "2026-11-27", "--fail-on", "none"],
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - start


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} CPUs, {mem:.0f} GiB, {platform.processor() or platform.machine()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gzip", action="store_true")
    parser.add_argument("--cli", action="store_true", help="also time the whole CLI run")
    parser.add_argument(
        "--steps", action="store_true", help="one more run, timing each step of the engine"
    )
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(phase(args.child, args.steps)))
        return
    from gen_logs import generate

    suffix = "-gz" if args.gzip else ""
    data = args.data or Path(f"/tmp/auditctl-bench-logs-{args.rows}-{args.seed}{suffix}")
    log = data / "logs" / ("access.csv.gz" if args.gzip else "access.csv")
    if not log.is_file():
        print(f"generating {args.rows:,} rows into {data} …", file=sys.stderr)
        generate(data, args.rows, args.seed, args.gzip)
    runs = [child(data) for _ in range(args.runs)]
    secs = statistics.median(float(r["phase_s"]) for r in runs)  # type: ignore[arg-type]
    rss = statistics.median(float(r["peak_rss_mb"]) for r in runs)  # type: ignore[arg-type]
    rows = int(runs[0]["rows"])  # type: ignore[call-overload]
    size = log.stat().st_size / 2**20
    print(f"machine: {machine()}; file: {log.name}, {size:,.0f} MiB")
    print()
    print(f"| rows | L phase, median of {len(runs)} (s) | rows/s | peak RSS (MiB) | runs (s) |")
    print("| ---: | ---: | ---: | ---: | --- |")
    print(
        f"| {rows:,} | {secs:.2f} | {rows / secs / 1e6:.1f} M | {rss:.0f} | "
        + ", ".join(f"{float(r['phase_s']):.2f}" for r in runs)  # type: ignore[arg-type]
        + " |"
    )
    print()
    print("findings per rule:", runs[0]["findings"], "; rejected rows:", runs[0]["rejected"])
    if args.steps:
        timed = child(data, steps=True)
        spent: dict[str, float] = timed["steps"]  # type: ignore[assignment]
        spent["run_rules"] = spent.get("run_rules", 0.0) - spent.get("_l04", 0.0)  # it calls it
        print()
        print(f"steps of one more run ({float(timed['phase_s']):.2f} s in all):")  # type: ignore[arg-type]
        print()
        print("| step | s |")
        print("| --- | ---: |")
        for name, what in STEPS.items():
            print(f"| {what} | {spent.get(name, 0.0):.2f} |")
        rest = float(timed["phase_s"]) - sum(spent.values())  # type: ignore[arg-type]
        print(f"| the rest (tables from the model, findings, times as text) | {rest:.2f} |")
    if args.cli:
        times = [cli(data) for _ in range(args.runs)]
        print(
            f"whole CLI run (`auditctl check --typology L`), median: {statistics.median(times):.2f} s"
        )


if __name__ == "__main__":
    main()
