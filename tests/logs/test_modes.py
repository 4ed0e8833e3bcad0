"""Large inputs keep only what the rules need; every L rule's cases give the same findings read
that way, and the pieces it relies on (the cuckoo table of quiet keys, names read again when
the bundle lacks a register) do what they say."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditctl.cases import Case, case_files, cases_for
from auditctl.logs import phase
from auditctl.logs.engine import Engine, connect, cuckoo
from auditctl.logs.reader import member_sql
from tests.logs.conftest import HEADER_EN
from tests.logs.test_reading import found, put, run
from tests.rules.harness import run_case, subjects

CASES = [c for rule in case_files() if rule.startswith("L-") for c in cases_for(rule)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}:{c.name}" for c in CASES])
def test_cases_read_keeping_only_what_the_rules_need(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = run_case(case, "yaml", tmp_path / "every")
    monkeypatch.setattr(phase, "KEEP_ALL_BYTES", -1)
    needed = run_case(case, "yaml", tmp_path / "needed")
    assert not needed.errors, [d.render("en") for d in needed.errors]
    assert subjects(needed, case.rule) == sorted(case.expect)
    assert [(f.rule, f.subject, f.message, f.locations) for f in needed.findings] == [
        (f.rule, f.subject, f.message, f.locations) for f in every.findings
    ]


@pytest.mark.parametrize("mode", ["loud", "every"])
@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}:{c.name}" for c in CASES])
def test_cases_read_the_same_when_the_quiet_registers_are_too_large(
    case: Case, mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past MAX_QUIET_KEYS quiet accounts or terminals, the others are looked up (names the
    # bundle does not hold are then read again); past MAX_LOUD_KEYS of those too, every row is
    # kept in full. Either way, the same findings as the lookup of quiet keys gives.
    from auditctl.logs import engine

    monkeypatch.setattr(phase, "KEEP_ALL_BYTES", -1)
    needed = run_case(case, "yaml", tmp_path / "needed")
    monkeypatch.setattr(engine, "MAX_QUIET_KEYS", -1)
    if mode == "every":
        monkeypatch.setattr(engine, "MAX_LOUD_KEYS", -1)
    other = run_case(case, "yaml", tmp_path / mode)
    assert not other.errors, [d.render("en") for d in other.errors]
    assert subjects(other, case.rule) == sorted(case.expect)
    assert [(f.rule, f.subject, f.message, f.locations) for f in other.findings] == [
        (f.rule, f.subject, f.message, f.locations) for f in needed.findings
    ]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    keys=st.sets(st.integers(0, (1 << 64) - 1), max_size=300),
    others=st.lists(st.integers(0, (1 << 64) - 1), max_size=50),
)
def test_cuckoo_lookup_finds_exactly_the_keys(keys: set[int], others: list[int]) -> None:
    size, table = cuckoo(sorted(keys))
    assert all(k in (table[k % size], table[(k >> 32) % size]) for k in keys)
    assert sorted(k for k in table if k is not None) == sorted(keys)
    db = connect({"threads": 1})
    db.execute("CREATE TABLE lookup AS SELECT $t::UBIGINT[] AS t", {"t": table})
    probe = sorted(keys)[:50] + others
    got = db.execute(
        f"SELECT k, {member_sql('k', 't', size)} FROM (SELECT unnest($k::UBIGINT[]) AS k,"
        " t AS lookup_t FROM lookup)",
        {"k": probe},
    ).fetchall()
    assert all(hit == (k in keys) for k, hit in got)


@pytest.mark.parametrize("register", ["terminals", "accounts"])
def test_names_not_in_the_bundle_are_read_again_for_l04(
    base: Path, register: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a register of terminals (or of accounts), L-04's rows near a change of terminal
    get their names from the files."""
    (base / f"{register}.yaml").unlink()
    if register == "accounts":
        (base / "disaster.yaml").unlink()  # its arrangements name accounts
    rows = "".join(
        f"2026-10-01 09:{m:02d}:00,takuso,u-0001,{t},,login,\n"
        for m, t in [(0, "NW-0001"), (10, "NW-0001"), (12, "DT-01"), (30, "NW-0001")]
    )
    put(base, "a.csv", HEADER_EN + rows)
    every = run(base, "L-04")
    monkeypatch.setattr(phase, "KEEP_ALL_BYTES", -1)
    calls: list[int] = []
    again = Engine._names_again

    def spy(engine: Engine) -> None:
        calls.append(1)
        again(engine)

    monkeypatch.setattr(Engine, "_names_again", spy)
    needed = run(base, "L-04")
    assert calls == [1]
    assert found(needed) == found(every) == [("L-04", "account:takuso/u-0001")]
    [finding] = needed.findings
    assert finding.message == every.findings[0].message
    assert "DT-01, NW-0001" in finding.message
    assert [str(p) for p in finding.locations[:2]] == ["logs/a.csv:3", "logs/a.csv:4"]


@pytest.mark.parametrize("keep_all", [True, False])
def test_many_files_each_row_at_its_line(base: Path, keep_all: bool) -> None:
    """Past a few files, rows find their file by a join on the first row of each."""
    from auditctl.logs.discover import discover
    from auditctl.logs.phase import run_phase
    from tests.logs.test_equivalence import tables

    for i in range(40):
        blank = "\n" if i % 3 == 0 else ""  # a blank line shifts the lines after it
        put(base, f"{i:02d}.csv", HEADER_EN + blank + f"2026-10-{1 + i % 28:02d} 1{i % 10}:00:00,"
            "takuso,dr-0001,DT-01,TK-010,view,1\n" * (1 + i % 2))  # fmt: skip
    files, _ = discover(base, [f"logs/{i:02d}.csv" for i in range(40)], [])
    out = run_phase(files, tables(base, 5), ["L-03"], keep_all=keep_all)
    assert out.results is not None
    [agg] = out.results.aggregates["L-03"]
    assert agg.count == sum(1 + i % 2 for i in range(40))
    # The earliest: file 00 (after its blank line), 28, then 01 (its first of two rows).
    assert [(r.file, r.line) for r in agg.examples] == [
        ("logs/00.csv", 3),
        ("logs/28.csv", 2),
        ("logs/01.csv", 2),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
def test_a_large_register_reads_the_rows_of_unknown_names_again(
    base: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    """With the keys that are not quiet looked up, the plain rows of an account and a terminal
    the registers lack are read again, each back at its own file and line (blank lines and a
    rejected record before them); a CP932 file through its UTF-8 copy."""
    from auditctl.logs import engine

    unknown = "2026-10-0{d} 10:00:00,takuso,x-0009,NW-0001,TK-010,view,1\n"
    strange = "2026-10-0{d} 11:00:00,takuso,u-0001,NW-9999,TK-010,search,1\n"
    quiet = "2026-10-0{d} 12:00:00,takuso,u-0001,NW-0001,TK-010,照会,1\n"
    for i in range(3):
        body = quiet.format(d=i + 1) + "\n" * i + "a,b,c,d,e,f,g,h\n" * (i % 2)
        text = HEADER_EN + body + unknown.format(d=i + 1) + strange.format(d=i + 1)
        put(base, f"{i}.csv", text.encode(encoding))
    monkeypatch.setattr(phase, "KEEP_ALL_BYTES", -1)
    quiet_keys = run(base, "L-07")
    monkeypatch.setattr(engine, "MAX_QUIET_KEYS", -1)
    loud = run(base, "L-07")
    assert not loud.errors
    [finding] = loud.findings
    assert [str(p) for p in finding.locations[:3]] == [
        "logs/0.csv:3",
        "logs/0.csv:4",
        "logs/1.csv:5",
    ]
    assert "x-0009" in finding.message and "NW-9999" in finding.message
    assert [(f.subject, f.message, f.locations) for f in loud.findings] == [
        (f.subject, f.message, f.locations) for f in quiet_keys.findings
    ]


def test_a_file_that_changes_between_readings_is_an_error(
    base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditctl.logs import engine

    put(base, "a.csv", HEADER_EN + "2026-10-01 10:00:00,takuso,x-0009,NW-0001,TK-010,view,1\n" * 2)
    monkeypatch.setattr(phase, "KEEP_ALL_BYTES", -1)
    monkeypatch.setattr(engine, "MAX_QUIET_KEYS", -1)
    shorter = engine.rescue_sql
    monkeypatch.setattr(engine, "rescue_sql", lambda *a: shorter(*a) + " LIMIT 1")
    report = run(base, "L-07")
    assert [(d.code, str(d.place)) for d in report.errors] == [("logs.changed", "logs/a.csv")]
    assert report.exit_code == 2


def test_bundle_tables_load_exactly() -> None:
    """Through the engine's CSV reader: quotes, commas, backslashes, line breaks, blanks,
    emoji, empty texts apart from NULLs, dates, booleans and large numbers come back as they
    were, in order."""
    from datetime import date

    from auditctl.logs.tables import Table

    texts = ['a"b', "back\\slash", "new\nline", "日本語", "😀", "", "'q'", "\x01", None, "null"]
    texts += ["a,b", "cr\r", "\r\n", " both ", '"', "NULL", "True", "12"]
    rows = [
        (v, date(2026, 1, 1 + i) if i % 2 else None, i % 3 == 0 if i % 4 else None, (i % 16) << 59)
        for i, v in enumerate(texts)
    ]
    engine = Engine(threads=1)
    try:
        columns = (("v", "VARCHAR"), ("d", "DATE"), ("b", "BOOLEAN"), ("n", "BIGINT"))
        engine.load_table(Table("t", columns, rows))
        engine.load_table(Table("empty", columns, []))
        assert engine.rows("SELECT * FROM t") == rows
        assert engine.rows("SELECT count(*) FROM empty") == [(0,)]
    finally:
        engine.close()


@pytest.mark.parametrize("track", [False, True])
def test_the_engine_never_prints_its_own_progress_bar(track: bool) -> None:
    # Its bar would land on standard output, inside a report written there.
    engine = Engine(track=track)
    try:
        shown = engine.rows(
            "SELECT current_setting('enable_progress_bar'),"
            " current_setting('enable_progress_bar_print')"
        )[0]
    finally:
        engine.close()
    assert shown == (track, False)
