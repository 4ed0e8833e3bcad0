"""Property tests: however the logs are read — every row kept in full or only what the rules need
(L-04 on the rows near a change of terminal; the quiet keys looked up, or the others, as for a
large register), times parsed by the CSV reader or as text — the
aggregates are the same, and L-04 flags exactly the rows a brute-force reading of its rule does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditctl.logs import engine, reader
from auditctl.logs.discover import LogFile
from auditctl.logs.phase import run_phase
from auditctl.logs.results import LogResults
from auditctl.logs.tables import Table, bundle_tables
from auditctl.model.terms import derive
from auditctl.pipeline import prepare
from auditctl.settings import Options
from auditctl.values import JST, parse_date
from tests.logs.conftest import HEADER_EN

RULES = [f"L-0{i}" for i in range(1, 8)]
START = datetime(2026, 10, 1, 9, 0, tzinfo=JST)
SLOW = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# The base bundle's accounts (a disaster one, one of a competitive user), and names it lacks.
ACCOUNTS = [("takuso", "u-0001"), ("takuso", "u-0002"), ("takuso", "it-9001"),
            ("takuso", "dr-0001"), ("ep-crm", "ep-0101"), ("takuso", "x-0009")]  # fmt: skip
TERMINALS = ["NW-0001", "DT-01", "NW-9999", ""]
ACTIONS = ["login", "view", "search", "export", "print", "照会", "出力", "delete"]
RECORDS = ["", "1", "1200", "-1", "x", "1.5"]
SCREENS = ["TK-010", "TK-020", "", "ZZ-1"]

row = st.tuples(
    st.integers(0, 1800),  # seconds after START: rows close together, so terminals change often
    st.sampled_from(ACCOUNTS),
    st.sampled_from(TERMINALS),
    st.sampled_from(ACTIONS),
    st.sampled_from(RECORDS),
    st.sampled_from(SCREENS),
    st.sampled_from(["iso", "iso", "iso", "iso", "offset", "ja", "bad", "empty"]),
)


def stamp(second: int, form: str) -> str:
    moment = START + timedelta(seconds=second)
    if form == "offset":
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if form == "ja":
        return f"{moment:%Y年%m月%d日 %H:%M:%S}"
    if form == "bad":
        return "2026-13-01T00:00:00"
    if form == "empty":
        return ""
    return f"{moment:%Y-%m-%dT%H:%M:%S}"


def write_log(path: Path, rows: list[tuple[object, ...]]) -> LogFile:
    buf = io.StringIO()
    buf.write(HEADER_EN)
    out = csv.writer(buf, lineterminator="\n")
    # The first rows set how the file is read (times parsed by the reader); the others vary.
    for i in range(3):
        out.writerow([stamp(i, "iso"), "takuso", "u-0001", "NW-0001", "TK-010", "view", "1"])
    for second, (system, account), terminal, action, records, screen, form in rows:
        stamped = stamp(int(str(second)), str(form))
        out.writerow([stamped, system, account, terminal, screen, action, records])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return LogFile(path, path.name)


def tables(base: Path, minutes: int) -> list[Table]:
    prep = prepare(base, Options(as_of=parse_date("2026-11-27")))
    assert prep.model is not None
    terms = derive(prep.model, prep.settings.as_of)
    return list(bundle_tables(terms, minutes, 1000, prep.model.present))


@contextmanager
def text_times() -> Iterator[None]:
    """Every file read with its times as text (the reader's typed parse off)."""
    typing = reader._typing
    reader._typing = lambda lay, text: None
    try:
        yield
    finally:
        reader._typing = typing


@contextmanager
def loud_lookup(unknown_limit: int = engine.MAX_UNKNOWN_KEYS) -> Iterator[None]:
    """Rows read as for a large register: the keys that are not quiet looked up, the rows of
    names the registers lack read again (past `unknown_limit` such names, every row)."""
    limits = engine.MAX_QUIET_KEYS, engine.MAX_UNKNOWN_KEYS
    engine.MAX_QUIET_KEYS, engine.MAX_UNKNOWN_KEYS = -1, unknown_limit
    try:
        yield
    finally:
        engine.MAX_QUIET_KEYS, engine.MAX_UNKNOWN_KEYS = limits


def read(log: LogFile, tabs: list[Table], keep_all: bool) -> LogResults:
    out = run_phase([log], tabs, RULES, keep_all=keep_all)
    assert out.results is not None, out.errors
    return out.results


@SLOW
@given(rows=st.lists(row, max_size=60), minutes=st.sampled_from([0, 1, 5, 10]))
def test_every_way_of_reading_gives_the_same_results(
    base: Path, tmp_path: Path, rows: list[tuple[object, ...]], minutes: int
) -> None:
    log = write_log(tmp_path / "a.csv", rows)
    tabs = tables(base, minutes)
    every = read(log, tabs, keep_all=True)
    assert read(log, tabs, keep_all=False) == every
    with loud_lookup():
        assert read(log, tabs, keep_all=False) == every
    with loud_lookup(unknown_limit=-1):
        assert read(log, tabs, keep_all=False) == every
    with text_times():
        assert read(log, tabs, keep_all=True) == every
        assert read(log, tabs, keep_all=False) == every
        with loud_lookup():
            assert read(log, tabs, keep_all=False) == every


def flagged_by_brute_force(
    rows: list[tuple[int, str, str]], seconds: int
) -> dict[str, list[tuple[int, int]]]:
    """L-04 as rules.md words it, row by row: per account, rows in time order (then file order);
    a row is flagged when the row before or after it is of another terminal within `seconds`.
    Gives (time, line) of the flagged rows per account."""
    by_account: dict[str, list[tuple[int, int, str]]] = {}
    for line, (ts, account, terminal) in enumerate(rows, start=2):
        by_account.setdefault(account, []).append((ts, line, terminal))
    out: dict[str, list[tuple[int, int]]] = {}
    for account, seq in by_account.items():
        seq.sort()
        for i, (ts, line, terminal) in enumerate(seq):
            near = [seq[j] for j in (i - 1, i + 1) if 0 <= j < len(seq)]
            if any(t != terminal and abs(s - ts) <= seconds for s, _, t in near):
                out.setdefault(account, []).append((ts, line))
    return out


@SLOW
@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 3000),
            st.sampled_from(["u-0001", "u-0002", "x-0009"]),
            st.sampled_from(["NW-0001", "DT-01", "NW-9999"]),
        ),
        max_size=80,
    ),
    minutes=st.sampled_from([0, 1, 5]),
)
def test_l04_flags_the_rows_its_rule_names(
    base: Path, tmp_path: Path, rows: list[tuple[int, str, str]], minutes: int
) -> None:
    path = tmp_path / "a.csv"
    lines = [f"{stamp(s, 'iso')},takuso,{a},{t},,login,\n" for s, a, t in rows]
    path.write_text(HEADER_EN + "".join(lines), encoding="utf-8")
    expected = flagged_by_brute_force(
        [(int((START + timedelta(seconds=s)).timestamp()), a, t) for s, a, t in rows],
        minutes * 60,
    )
    for keep_all in (True, False):
        got = read(LogFile(path, "a.csv"), tables(base, minutes), keep_all).aggregates["L-04"]
        assert {a.key[1]: a.count for a in got} == {k: len(v) for k, v in expected.items()}
        for agg in got:
            first = sorted(expected[agg.key[1]])[:3]
            assert [r.line for r in agg.examples] == [line for _, line in first]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("keep_all", [True, False])
def test_a_time_the_reader_cannot_parse_is_read_as_text_at_its_line(
    base: Path, tmp_path: Path, keep_all: bool, newline: str
) -> None:
    path = tmp_path / "a.csv"
    text = (
        HEADER_EN
        + "2026-10-01T10:00:00,takuso,dr-0001,DT-01,TK-010,view,1\n"  # line 2
        + "2026-10-01T10:01:00+09:00,takuso,dr-0001,DT-01,TK-010,view,1\n"  # 3: an offset
        + "2026年10月1日 10時02分,takuso,dr-0001,DT-01,TK-010,view,1\n"  # 4: Japanese
        + "2026-10-01T25:00:00,takuso,dr-0001,DT-01,TK-010,view,1\n"  # 5: no such hour
        + "2026-10-01T10:04:00,takuso,dr-0001,DT-01,TK-010,view,1,9\n"  # 6: a column more
        + "2026-10-01T10:05:00,takuso,dr-0001,DT-01,TK-010,view,99999999999\n"  # 7
        + "2026-10-01T10:06:00,takuso,dr-0001,DT-01,TK-010,view,-2\n"  # 8: negative
        + "2026-10-01T10:07:00\t,takuso,dr-0001,DT-01,TK-010,view,1\n"  # 9: a tab after
    )
    path.write_bytes(text.replace("\n", newline).encode())
    res = read(LogFile(path, "a.csv"), tables(base, 5), keep_all)
    [agg] = res.aggregates["L-03"]
    assert [r.line for r in agg.examples] == [2, 3, 4]
    assert (agg.count, agg.first, agg.last) == (5, "2026-10-01 10:00:00", "2026-10-01 10:07:00")
    assert [(r.line, r.reason, r.text) for r in res.summary.rejected_examples] == [
        (5, "logs.bad_timestamp", "2026-10-01T25:00:00"),
        (6, "logs.columns", "2026-10-01T10:04:00,takuso,dr-0001,DT-01,TK-010,view,1,9"),
        (8, "logs.bad_records", "-2"),
    ]
    assert (res.summary.rows_read, res.summary.rows_rejected) == (8, 3)
