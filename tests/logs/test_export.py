"""The exported tables (auditctl.logs.export) hold what the catalog queries need: the queries,
run unchanged on the Parquet files by a fresh engine, find what `check` finds."""

from __future__ import annotations

from pathlib import Path

import duckdb

from auditctl.logs.engine import query_text
from auditctl.logs.export import export
from tests.test_examples import EXAMPLES, found

TABLES = ("systems", "screens", "accounts", "account_users", "people", "assignments",
          "terminals", "location_units", "declarations", "params", "logs")  # fmt: skip
SUBJECT = {"L-02": "terminal:{0}", "L-07": "system:{0}"}


def test_queries_on_the_exported_parquet_find_what_check_finds(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    assert export(EXAMPLES / "violations", out, "2026-11-27", []) == 0
    db = duckdb.connect()
    for name in TABLES:
        db.execute(f"CREATE VIEW {name} AS SELECT * FROM '{(out / name).as_posix()}.parquet'")
    expected = {pair for pair in found("violations") if pair[0].startswith("L-")}
    got = set()
    for rule in (f"L-0{i}" for i in range(1, 8)):
        for s1, s2 in db.execute(f"SELECT DISTINCT s1, s2 FROM ({query_text(rule)}) h").fetchall():
            got.add((rule, SUBJECT.get(rule, "account:{0}/{1}").format(s1, s2)))
    assert got == expected
    assert db.execute(
        f"SELECT count(*) FROM '{(out / 'log_files').as_posix()}.parquet'"
    ).fetchall() == [(1,)]
