"""The catalog queries: standard SQL only (they must run unchanged on Spark SQL and Trino), and
reading only what the rules need (rows kept in full, L-04's rows near a change of terminal)
changes no result: every rule gives the same aggregates as with every row kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditctl.logs.discover import discover
from auditctl.logs.engine import Engine, query_text
from auditctl.logs.phase import run_phase
from auditctl.logs.reader import layout, scan_sql
from auditctl.logs.results import LogResults
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


def test_the_l04_pre_reduction_uses_standard_sql_only() -> None:
    from auditctl.logs.reduce import buckets_sql, kept_join

    text = buckets_sql(300) + kept_join("b", "x.k", "x.ts", 300)
    found = [p for p in NOT_STANDARD if re.search(p, text, re.IGNORECASE)]
    assert found == []


def test_every_l_rule_has_its_query() -> None:
    names = sorted(p.stem for p in (data_dir("checklists") / "sql").glob("L-*.sql"))
    assert names == RULES


def results(bundle: Path, keep_all: bool) -> LogResults:
    prep = prepare(bundle, Options(as_of=parse_date("2026-11-27")))
    assert prep.model is not None
    terms = derive(prep.model, prep.settings.as_of)
    files, _ = discover(bundle, prep.loaded.log_files, [])
    tables = bundle_tables(terms, 5, 1000, prep.model.present)
    out = run_phase(files, tables, RULES, keep_all=keep_all)
    assert out.results is not None, out.errors
    return out.results


@pytest.mark.parametrize("bundle", ["violations", "clean"])
def test_reading_only_what_the_rules_need_gives_the_same_results(bundle: str) -> None:
    every, needed = results(EXAMPLES / bundle, True), results(EXAMPLES / bundle, False)
    assert needed.aggregates == every.aggregates
    assert needed.summary == every.summary
    if bundle == "violations":
        assert all(every.aggregates[r] for r in RULES), "a rule flags nothing in the example"


def test_loading_a_file_has_no_join(tmp_path: Path) -> None:
    """Row ids are the order in which a file's rows are inserted; a join in the load (an IN list
    of five values or more is one) may reorder them, and lines would be wrong past the first
    megabytes. Membership is a lookup instead (reader.member_sql)."""
    root = EXAMPLES / "violations"
    prep = prepare(root, Options(as_of=parse_date("2026-11-27")))
    assert prep.model is not None
    files, _ = discover(root, prep.loaded.log_files, [])
    engine = Engine(keep_all=False)
    try:
        for table in bundle_tables(
            derive(prep.model, prep.settings.as_of), 5, 1000, frozenset({"accounts"})
        ):
            engine.load_table(table)
        engine.begin_logs()
        assert engine.keep.accounts
        lay, _ = layout(files[0])
        assert lay is not None
        sql = scan_sql(files[0].path, lay, "r", engine.keep)
        plan = "\n".join(str(r[1]) for r in engine.rows("EXPLAIN " + sql))
        assert "JOIN" not in plan.upper()
    finally:
        engine.close()
