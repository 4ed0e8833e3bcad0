"""The catalog queries: standard SQL only (they must run unchanged on Spark SQL and Trino), and
the engine's candidate filter changes no rule's result (it only spares the engine work)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditctl.logs.discover import discover, scan_file
from auditctl.logs.engine import FULL, Engine, query_text
from auditctl.logs.reader import layout
from auditctl.logs.tables import bundle_tables
from auditctl.model.terms import derive
from auditctl.pipeline import prepare
from auditctl.resources import data_dir
from auditctl.settings import Options
from auditctl.values import parse_date

RULES = [f"L-0{i}" for i in range(1, 8)]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# DuckDB-only syntax and functions that Spark SQL or Trino would refuse (or read otherwise).
NOT_STANDARD = [
    r"::", r"\bstrptime\b", r"\btry_strptime\b", r"\bepoch\s*\(", r"\blist_", r"\bstring_agg\b",
    r"\bQUALIFY\b", r"\bhash\s*\(", r"\bregexp_", r"\bILIKE\b", r"\bGROUP BY ALL\b",
    r"\bSELECT \* EXCLUDE\b", r"\bany_value\b", r"\bdate_diff\b", r"\bINTERVAL\b", r"//",
    r"\bread_csv", r"\bTRY_CAST\b", r"\bUSING SAMPLE\b", r"\bFROM\s+\w+\s+SELECT\b",
]  # fmt: skip


@pytest.mark.parametrize("name", [*RULES, "_summary", "_lists", "_examples"])
def test_catalog_queries_use_standard_sql_only(name: str) -> None:
    text = re.sub(r"--[^\n]*", "", query_text(name))
    found = [p for p in NOT_STANDARD if re.search(p, text, re.IGNORECASE)]
    assert found == [], f"{name}.sql uses engine-specific syntax: {found}"


def test_every_l_rule_has_its_query() -> None:
    names = sorted(p.stem for p in (data_dir("checklists") / "sql").glob("L-*.sql"))
    assert names == RULES


@pytest.mark.parametrize("bundle", ["violations", "clean"])
def test_candidates_give_the_same_hits_as_every_row(bundle: str) -> None:
    root = EXAMPLES / bundle
    prep = prepare(root, Options(as_of=parse_date("2026-11-27")))
    assert prep.model is not None
    terms = derive(prep.model, prep.settings.as_of)
    files, _ = discover(root, prep.loaded.log_files, [])
    engine = Engine()
    try:
        for table in bundle_tables(terms, 5, 1000, prep.model.present):
            engine.load_table(table)
        for i, log in enumerate(files):
            lay, _ = layout(log)
            assert lay is not None
            engine.load_file(i, log, lay)
            engine.add_skips(i, scan_file(log).blank_lines)
        engine.finish_loading()
        candidates = engine.rows("SELECT count(*) FROM logs_candidates")[0][0]
        every = engine.rows("SELECT count(*) FROM logs_all")[0][0]
        assert candidates < every  # the filter does drop rows
        for rule in RULES:
            got = {}
            for source in ("logs_all", "logs_candidates"):
                if rule in FULL and source == "logs_candidates":
                    continue
                engine.db.execute(f"CREATE OR REPLACE VIEW logs AS SELECT * FROM {source}")
                got[source] = sorted(map(str, engine.rows(query_text(rule))))
            if "logs_candidates" in got:
                assert got["logs_candidates"] == got["logs_all"], rule
            if bundle == "violations":
                assert got["logs_all"], f"{rule} flags nothing in the violations example"
    finally:
        engine.close()
