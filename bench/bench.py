"""Benchmark `auditctl check` on the synthetic operators of gen_bundle.py.

    .venv/bin/python bench/bench.py [--sizes small typical large] [--runs 5] [--warmup 1]

For each size: generate the bundle once (bench/out/SIZE, reused when present), then run the
whole `auditctl check` process RUNS times and record its wall time and peak memory (from the
kernel's accounting of the child), the start-up (wall time outside the phases: interpreter,
imports, arguments, exit), and the time of each phase (load, validate, model, logs,
rules, report) as the process itself reports them with `--verbose` on standard error. Prints a
Markdown table of medians, ready for bench/RESULTS.md, with the machine it ran on.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_bundle import SIZES, generate  # noqa: E402

PHASES = ("load", "validate", "model", "logs", "rules", "report")
_TIMINGS = re.compile(r"^timings: (.*)$", re.MULTILINE)


def _command() -> list[str]:
    """The installed console script, as users run it (`python -m auditctl` where there is none)."""
    script = Path(sys.executable).parent / "auditctl"
    return [str(script)] if script.exists() else [sys.executable, "-m", "auditctl"]


# As an installed package runs: with its compiled modules (pip writes them at install time), so
# an environment that forbids writing them must not make every run compile the whole package.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(bundle: Path) -> tuple[float, float, dict[str, float]]:
    """Wall seconds, peak RSS in MiB, and phase seconds of one `auditctl check` process."""
    cmd = [*_command(), "check", str(bundle), "--as-of", "2026-11-27",
           "--format", "json", "--output", os.devnull, "--verbose"]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_ENV
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"auditctl check {bundle} exited {code}:\n{stderr}")
    phases: dict[str, float] = {}
    match = _TIMINGS.search(stderr)
    if match:
        for part in match.group(1).split():
            name, _, value = part.partition("=")
            phases[name] = float(value.rstrip("s"))
    return wall, usage.ru_maxrss / 1024, phases


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem = 0
    return f"{os.cpu_count()} cores, {cpu}, {mem} GiB, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=sorted(SIZES), default=["small", "typical"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="runs first, not counted (compiled modules, page cache)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        bundle = args.out / size
        if not (bundle / "organization.yaml").exists():
            print(f"generating {size} …", file=sys.stderr)
            generate(bundle, size)
        for _ in range(args.warmup):
            run_once(bundle)
        runs = [run_once(bundle) for _ in range(args.runs)]
        wall = statistics.median(r[0] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        phases = {p: statistics.median(r[2].get(p, 0.0) for r in runs) for p in PHASES}
        rows.append((size, wall, rss, phases))
    print(f"Machine: {machine()}; medians of {args.runs} runs.\n")
    print("| size | wall (s) | peak RSS (MiB) | start-up | " + " | ".join(PHASES) + " |")
    print("| --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in PHASES) + " |")
    for size, wall, rss, phases in rows:
        cells = " | ".join(f"{phases[p]:.3f}" for p in PHASES)
        startup = wall - sum(phases.values())  # interpreter, imports, arguments, exit
        print(f"| {size} | {wall:.3f} | {rss:.0f} | {startup:.3f} | {cells} |")


if __name__ == "__main__":
    main()
