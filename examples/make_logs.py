"""Generate the example bundles' access logs: examples/{clean,violations}/logs/access-2026-10.csv.

October 2026 on the network's systems: a day's work for network staff, and in the violations
bundle the leak patterns of rules.md (a mover's ID, a retail terminal, a disaster ID outside any
declaration, one ID on two terminals, a bulk export, a leaver's ID, IDs and terminals no register
holds) plus two rows that cannot be read. Japanese headers, deterministic output.

    .venv/bin/python examples/make_logs.py
"""

from __future__ import annotations

import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = "日時,システム,ID,端末,画面,操作,件数\n"
ACTIONS = {"login": "ログイン", "view": "照会", "search": "検索", "export": "出力", "print": "印刷"}
# Network staff: (system, account, home terminal, screens)
STAFF = [
    ("takuso", "tk-p0001", "NW-0001", ("TK-010", "TK-020")),
    ("takuso", "tk-p0002", "NW-0002", ("TK-010", "TK-030")),
    ("takuso", "tk-p0009", "NW-0001", ("TK-010", "TK-020")),
    ("takuso", "tk-p0010", "NW-0002", ("TK-020", "TK-040")),
    ("ryokin-cis", "cis-p0004", "NW-0003", ("CIS-010", "CIS-020")),
    ("ryokin-cis", "cis-p0005", "NW-0003", ("CIS-010", "CIS-030")),
]
Row = tuple[str, str, str, str, str, str, str]


def session(rnd: random.Random, day: int, hour: int, who: tuple[str, str, str, tuple[str, ...]]):
    """A log-in and a few views or searches, a minute or two apart, on the person's own terminal."""
    system, account, terminal, screens = who
    minute = rnd.randrange(0, 40)
    rows: list[Row] = [(f"2026-10-{day:02d} {hour:02d}:{minute:02d}:00", system, account,
                        terminal, "", "login", "")]  # fmt: skip
    for _ in range(rnd.randrange(2, 5)):
        minute += rnd.randrange(1, 4)
        action = rnd.choice(("view", "view", "search"))
        records = "1" if action == "view" else str(rnd.randrange(2, 40))
        ts = f"2026-10-{day:02d} {hour:02d}:{minute:02d}:{rnd.randrange(60):02d}"
        rows.append((ts, system, account, terminal, rnd.choice(screens), action, records))
    return rows


def background(seed: int) -> list[Row]:
    """Working days of October: each staff member works one session a morning, in their hour."""
    rnd = random.Random(seed)
    rows: list[Row] = []
    for day in (1, 2, 5, 6, 7, 8, 9, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30):
        for i, who in enumerate(STAFF):
            if rnd.random() < 0.35:
                rows += session(rnd, day, 8 + i, who)
    return rows


def violations() -> list[Row]:
    """One or more rows for each L rule (the expected findings are in examples/expected/)."""
    return [
        # L-01: a mover's old ID (P0105 moved to 営業本部 on 2025-04-01) and a mover on the
        # shared CIS; the retailer's own view account on the shared CIS, from a retail terminal
        ("2026-10-06 13:02:11", "takuso", "tk-p0105", "NW-0002", "", "login", ""),
        ("2026-10-06 13:03:40", "takuso", "tk-p0105", "NW-0002", "TK-010", "view", "1"),
        ("2026-10-06 13:05:02", "takuso", "tk-p0105", "NW-0002", "TK-020", "search", "25"),
        ("2026-10-20 18:40:19", "takuso", "tk-p0105", "NW-0002", "TK-010", "view", "1"),
        ("2026-10-08 15:12:00", "ryokin-cis", "cis-p0104", "NW-0003", "CIS-010", "view", "1"),
        ("2026-10-15 10:20:33", "ryokin-cis", "cis-ep-0101", "NW-0201", "CIS-010", "search", "8"),
        ("2026-10-15 10:22:10", "ryokin-cis", "cis-ep-0101", "NW-0201", "CIS-030", "view", "1"),
        # L-02: the shared room of the A branch, where the retailer's sales staff also sit
        ("2026-10-13 11:00:00", "takuso", "tk-p0006", "NW-0101", "TK-010", "view", "1"),
        ("2026-10-13 11:04:30", "takuso", "tk-p0006", "NW-0101", "TK-020", "search", "12"),
        # L-03 (and L-02: DT-01 stands in the retailer's call centre): no declaration in October
        ("2026-10-14 09:30:00", "takuso", "dr-ep-01", "DT-01", "", "login", ""),
        ("2026-10-14 09:31:12", "takuso", "dr-ep-01", "DT-01", "TK-090", "view", "1"),
        ("2026-10-27 16:45:00", "takuso", "dr-ep-01", "DT-01", "TK-090", "view", "1"),
        # L-04: the same ID on two terminals three minutes apart
        ("2026-10-21 10:00:05", "takuso", "tk-p0003", "NW-0001", "", "login", ""),
        ("2026-10-21 10:03:05", "takuso", "tk-p0003", "NW-0002", "", "login", ""),
        ("2026-10-21 10:03:50", "takuso", "tk-p0003", "NW-0002", "TK-010", "view", "1"),
        # L-05: the contractor under the retailer's group exports 1,500 customers in one day
        ("2026-10-22 14:10:00", "takuso", "es-p9601", "", "TK-040", "export", "800"),
        ("2026-10-22 16:55:00", "takuso", "es-p9601", "", "TK-040", "print", "700"),
        # L-06: P0011 left on 2024-06-30; the ID still works
        ("2026-10-09 19:12:44", "takuso", "tk-p0011", "NW-0001", "TK-010", "view", "1"),
        # L-07: an ID and a terminal that no register holds
        ("2026-10-16 12:01:00", "takuso", "tk-p9999", "NW-0001", "TK-010", "view", "1"),
        ("2026-10-28 07:15:00", "ryokin-cis", "cis-p0005", "NW-0999", "CIS-010", "view", "1"),
        # rows that cannot be read: counted in the report, with their line
        ("2026-10-31 25:10:00", "takuso", "tk-p0001", "NW-0001", "TK-010", "view", "1"),
        ("2026-10-31 09:10:00", "takuso", "tk-p0001", "NW-0001", "TK-010", "削除", "1"),
    ]


def write(name: str, rows: list[Row]) -> Path:
    path = HERE / name / "logs" / "access-2026-10.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted(rows, key=lambda r: (r[0], r[2]))
    lines = [HEADER] + [
        ",".join((ts, s, a, t, sc, ACTIONS.get(act, act), n)) + "\n"
        for ts, s, a, t, sc, act, n in rows
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def main() -> None:
    print(write("clean", background(2610)))
    print(write("violations", background(2610) + violations()))


if __name__ == "__main__":
    main()
