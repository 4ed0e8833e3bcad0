"""Generate a synthetic operator (a valid bundle) and N access-log rows for it, from a seed.

The rows stream to disk in batches, so memory does not grow with N. About one row in a thousand
breaks an L rule (a competitive user's account, a terminal on the retail side, a disaster ID
outside a declaration, concurrent terminals, a bulk export, a leaver's ID, an unknown account),
and a few rows cannot be parsed, so every rule and the rejected-row path do real work.

    .venv/bin/python bench/gen_logs.py OUT --rows 10000000 --seed 1 [--gzip]

writes OUT/*.yaml (the bundle) and OUT/logs/access.csv (or .csv.gz). Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a checkout without installing auditctl
    sys.path.insert(0, str(HERE.parent))

from auditctl.bundle_writer import yaml_files  # noqa: E402

HEADER = "timestamp,system,account,terminal,screen,action,records\n"
START = datetime(2025, 12, 1)  # a year of logs before the as-of date 2026-11-27
SPAN_S = 360 * 24 * 3600
SCREENS = {
    "takuso": ["TK-010", "TK-020", "TK-030", "TK-040"],
    "ryokin-cis": ["CIS-010", "CIS-020", "CIS-030"],
}
EXPORT_SCREENS = {"takuso": "TK-040", "ryokin-cis": "CIS-030"}


def operator(seed: int, people: int = 4000, terminals: int = 800) -> dict[str, Any]:
    """The bundle's datasets: network staff, retail staff, movers, leavers, disaster IDs."""
    rnd = random.Random(seed)
    units = [
        {"id": f"pg-{i:02d}", "company": "chuo-pg", "name": f"送配電{i}課", "side": "network"}
        for i in range(20)
    ] + [
        {"id": "ep-sales", "company": "chuo-ep", "name": "営業本部", "side": "competitive"},
        {"id": "ep-cc", "company": "chuo-ep", "name": "お客さまセンター", "side": "competitive"},
    ]
    locations = [
        {"id": f"pg-loc-{i:02d}", "name": f"送配電{i}F", "secured": True, "units": [f"pg-{i:02d}"]}
        for i in range(20)
    ] + [{"id": "ep-hq", "name": "小売本社", "secured": True, "units": ["ep-sales", "ep-cc"]}]
    out: dict[str, Any] = {
        "operator": {"id": "chuo-pg", "name": "中央電力パワーグリッド株式会社"},
        "companies": [
            {"id": "chuo-ep", "name": "中央電力エナジーパートナー", "relation": "related_retailer"}
        ],
        "units": units,
        "locations": locations,
        "people": [],
        "assignments": [],
        "accounts": [],
        "terminals": [],
    }
    out["systems"] = [
        {"id": s, "name": s, "owner": "chuo-pg", "holds_non_public": True} for s in SCREENS
    ]
    out["screens"] = [
        {
            "system": s,
            "id": sc,
            "name": sc,
            "customer_scope": "all",
            "bulk": "export" if sc == EXPORT_SCREENS[s] else "none",
        }
        for s, scs in SCREENS.items()
        for sc in scs
    ]
    for i in range(people):
        pid = f"P{i:05d}"
        kind = rnd.random()
        person: dict[str, Any] = {"id": pid, "name": f"社員{i}", "status": "active"}
        unit = f"pg-{i % 20:02d}"
        if kind < 0.002:  # retail staff with an ID on the network's systems (the leak)
            out["assignments"].append({"person": pid, "unit": "ep-sales", "from": "2015-04-01"})
        elif kind < 0.007:  # a mover: network until 2026-03-31, retail from 2026-04-01
            out["assignments"].append(
                {"person": pid, "unit": unit, "from": "2010-04-01", "to": "2026-03-31"}
            )
            out["assignments"].append({"person": pid, "unit": "ep-sales", "from": "2026-04-01"})
        else:
            out["assignments"].append({"person": pid, "unit": unit, "from": "2010-04-01"})
            if kind > 0.995:
                person.update(status="left", left_on="2026-06-30")
        out["people"].append(person)
        for system in SCREENS:
            out["accounts"].append(
                {"id": f"pg-u{i:05d}", "system": system, "kind": "personal", "users": [pid]}
            )
    for i in range(20):
        out["accounts"].append(
            {"id": f"dr-{i:02d}", "system": "takuso", "kind": "disaster", "users": ["P00000"]}
        )
    for i in range(terminals):
        retail = i % 400 == 399  # two terminals handed to the retailer
        out["terminals"].append(
            {
                "id": f"NW-T{i:04d}",
                "kind": "network",
                "location": "ep-hq" if retail else f"pg-loc-{i % 20:02d}",
                "assigned_unit": "ep-sales" if retail else f"pg-{i % 20:02d}",
            }
        )
    out["declarations"] = [
        {"id": "T2609", "name": "台風9号", "start": "2026-08-30T06:00", "end": "2026-09-03T18:00"}
    ]
    return out


def write_logs(out: TextIO, rows: int, seed: int, people: int = 4000, terminals: int = 800) -> None:
    """`rows` log rows in time order, written in batches of 100,000 lines."""
    rnd = random.Random(seed + 1)
    systems = list(SCREENS)
    step = SPAN_S / max(rows, 1)
    out.write(HEADER)
    batch: list[str] = []
    for i in range(rows):
        ts = START + timedelta(seconds=int(i * step))
        system = systems[i & 1]
        person = rnd.randrange(people)
        account = f"pg-u{person:05d}"
        terminal = f"NW-T{person % terminals:04d}"
        r = rnd.random()
        if r < 0.0005:
            terminal = f"NW-T{rnd.randrange(terminals):04d}"  # a second terminal: maybe L-04
        elif r < 0.0007:
            account, system = f"dr-{rnd.randrange(20):02d}", "takuso"  # L-03 mostly
        elif r < 0.0008:
            account = f"x{rnd.randrange(1000):04d}"  # unknown: L-07
        elif r < 0.00081:
            batch.append(f"{ts:%Y-%m-%dT%H:%M:%S},broken row\n")  # rejected
            continue
        a = rnd.random()
        if a < 0.1:
            action, screen, records = "login", "", ""
        elif a < 0.102:
            action, screen = "export", EXPORT_SCREENS[system]
            records = str(rnd.choice((10, 50, 200, 1200)))
        else:
            action = "view" if a < 0.8 else "search"
            screen = SCREENS[system][i % 3]
            records = "1"
        batch.append(
            f"{ts:%Y-%m-%dT%H:%M:%S},{system},{account},{terminal},{screen},{action},{records}\n"
        )
        if len(batch) >= 100_000:
            out.write("".join(batch))
            batch.clear()
    out.write("".join(batch))


def generate(folder: Path, rows: int, seed: int, gz: bool = False) -> Path:
    """Write the bundle and its log file into `folder`; return the log file."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in yaml_files(operator(seed)).items():
        (folder / name).write_text(text, encoding="utf-8")
    logs = folder / "logs"
    logs.mkdir(exist_ok=True)
    path = logs / ("access.csv.gz" if gz else "access.csv")
    if gz:
        with gzip.open(path, "wt", encoding="utf-8", newline="", compresslevel=6) as f:
            write_logs(f, rows, seed)
    else:
        with path.open("w", encoding="utf-8", newline="") as f:
            write_logs(f, rows, seed)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the bundle and logs/ into")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gzip", action="store_true", help="write logs/access.csv.gz")
    args = parser.parse_args()
    print(generate(args.out, args.rows, args.seed, args.gzip))


if __name__ == "__main__":
    main()
