"""Reading log files: headers in English or Japanese, gzip, CP932 and UTF-8, Japan time,
rejected rows counted with their file, line and reason."""

from __future__ import annotations

import gzip
from pathlib import Path

from auditctl.pipeline import check
from auditctl.report import Report
from auditctl.settings import Options
from auditctl.values import parse_date
from tests.logs.conftest import HEADER_EN, HEADER_JA

AS_OF = parse_date("2026-11-27")


def run(bundle: Path, *rules: str, logs: tuple[str, ...] = ()) -> Report:
    return check(bundle, Options(as_of=AS_OF, lang="en", rules=rules or ("L",), logs=logs))


def found(report: Report) -> list[tuple[str, str]]:
    return sorted((f.rule, f.subject) for f in report.findings)


def put(bundle: Path, name: str, data: str | bytes) -> Path:
    path = bundle / "logs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# dr-0001 is a disaster account; the base bundle's only declaration ends 2026-09-04T18:00 JST.
OUTSIDE = "2026-10-01 10:00:00,takuso,dr-0001,DT-01,TK-010,view,1\n"
ROW_JA = "2026-10-01 10:00:00,takuso,dr-0001,DT-01,TK-010,照会,1\n"


def test_japanese_headers_and_action_words(base: Path) -> None:
    put(base, "a.csv", HEADER_JA + ROW_JA)
    report = run(base)
    assert found(report) == [("L-03", "account:takuso/dr-0001")]
    assert report.logs is not None and report.logs.rows_read == 1


def test_columns_in_any_order_and_mixed_languages(base: Path) -> None:
    put(base, "a.csv", "操作,account,日時,system\nview,dr-0001,2026-10-01 10:00,takuso\n")
    assert found(run(base)) == [("L-03", "account:takuso/dr-0001")]


def test_gzip_and_cp932_and_bom(base: Path) -> None:
    put(base, "a.csv.gz", gzip.compress((HEADER_JA + ROW_JA).encode("utf-8")))
    put(base, "b.csv", (HEADER_JA + ROW_JA.replace("10:00:00", "11:00:00")).encode("cp932"))
    put(base, "c.csv", b"\xef\xbb\xbf" + (HEADER_EN + OUTSIDE.replace("10:00", "12:00")).encode())
    report = run(base)
    [finding] = report.findings
    assert finding.message.count("3 time(s)") == 1
    assert [p.file for p in finding.locations[:3]] == ["logs/a.csv.gz", "logs/b.csv", "logs/c.csv"]
    assert report.logs is not None and report.logs.rows_read == 3
    assert report.logs.rows_rejected == 0


def test_timestamps_without_offset_are_japan_time(base: Path) -> None:
    # 18:00 JST is the declaration's last moment; 09:00Z is the same moment; 18:00:01 is after.
    put(
        base,
        "a.csv",
        HEADER_EN
        + "2026-09-04 18:00:00,takuso,dr-0001,DT-01,TK-010,view,1\n"
        + "2026-09-04T09:00:00Z,takuso,dr-0001,DT-01,TK-010,view,1\n"
        + "2026/9/4 18:00,takuso,dr-0001,DT-01,TK-010,view,1\n",
    )
    assert found(run(base)) == []
    put(base, "b.csv", HEADER_EN + "2026-09-04T18:00:01+09:00,takuso,dr-0001,DT-01,,login,\n")
    report = run(base)
    assert found(report) == [("L-03", "account:takuso/dr-0001")]
    assert "2026-09-04 18:00:01" in report.findings[0].message


def test_rejected_rows_are_counted_with_file_line_and_reason(base: Path) -> None:
    put(
        base,
        "a.csv",
        HEADER_EN
        + OUTSIDE  # line 2
        + "\n"  # line 3: blank, skipped silently by the reader
        + "2026-10-01 25:00,takuso,dr-0001,DT-01,TK-010,view,1\n"  # line 4: no such hour
        + "2026-10-01 10:05,takuso,dr-0001,DT-01,TK-010,view,1,extra\n"  # line 5: a column more
        + "2026-10-01 10:06,takuso,dr-0001,DT-01,TK-010,delete,1\n"  # line 6: no such action
        + "2026-10-01 10:07,takuso,,DT-01,TK-010,view,1\n"  # line 7: no account
        + "2026-10-01 10:08,takuso,dr-0001,DT-01,TK-010,view,-3\n"  # line 8: negative records
        + "2026-10-01 10:09,takuso,dr-0001,DT-01,TK-010,view,1\n",  # line 9
    )
    report = run(base)
    logs = report.logs
    assert logs is not None
    assert (logs.rows_read, logs.rows_rejected) == (7, 5)  # the blank line is no row
    assert [(r.file, r.line, r.reason) for r in logs.rejected_examples] == [
        ("logs/a.csv", 4, "logs.bad_timestamp"),
        ("logs/a.csv", 5, "logs.columns"),
        ("logs/a.csv", 6, "logs.bad_action"),
        ("logs/a.csv", 7, "logs.empty:account"),
        ("logs/a.csv", 8, "logs.bad_records"),
    ]
    [finding] = report.findings  # the two good rows, at their real lines
    assert [str(p) for p in finding.locations[:2]] == ["logs/a.csv:2", "logs/a.csv:9"]


def test_crlf_file(base: Path) -> None:
    put(base, "a.csv", (HEADER_EN + "\n" + OUTSIDE).replace("\n", "\r\n"))
    report = run(base)
    assert [str(p) for p in report.findings[0].locations[:1]] == ["logs/a.csv:3"]


def test_a_header_without_a_required_column_stops_the_run(base: Path) -> None:
    put(base, "a.csv", "when,system,account,action\n2026-10-01 10:00,takuso,dr-0001,view\n")
    report = run(base)
    assert report.exit_code == 2
    assert [(d.code, str(d.place)) for d in report.errors] == [("logs.header", "logs/a.csv:1")]


def test_summary_span_and_unselected_typology(base: Path) -> None:
    put(
        base,
        "a.csv",
        HEADER_EN
        + "2026-10-01T00:30:00+09:00,takuso,u-0001,NW-0001,,login,\n"
        + "2026-10-31T14:59:59Z,takuso,u-0001,NW-0001,,login,\n",
    )
    report = run(base)
    assert report.logs is not None
    assert (report.logs.first, report.logs.last) == ("2026-10-01 00:30:00", "2026-10-31 23:59:59")
    assert "logs" in report.present
    # logs are still found (present) when only other rules run, but not read
    other = run(base, "C3-01")
    assert other.logs is None and "logs" in other.present


def test_progress_is_reported_in_bytes_up_to_the_total(base: Path) -> None:
    from auditctl.logs.discover import discover
    from auditctl.logs.phase import run_phase
    from auditctl.logs.tables import bundle_tables
    from auditctl.model.terms import derive
    from auditctl.pipeline import prepare

    put(base, "a.csv", HEADER_EN + OUTSIDE * 2000)
    put(base, "b.csv.gz", gzip.compress((HEADER_EN + OUTSIDE * 10).encode()))
    files, _ = discover(base, ["logs/a.csv", "logs/b.csv.gz"], [])
    seen: list[tuple[int, int]] = []
    prep = prepare(base, Options(as_of=AS_OF))
    assert prep.model is not None
    tables = bundle_tables(derive(prep.model, AS_OF), 5, 1000, prep.model.present)
    out = run_phase(files, tables, ["L-03"], lambda done, total: seen.append((done, total)))
    assert out.errors == [] and out.results is not None
    total = 2 * sum(f.size for f in files)  # read by the engine and hashed: each counts half
    assert seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_broken_gzip_file_is_an_input_error_with_its_place(base: Path) -> None:
    whole = gzip.compress((HEADER_EN + OUTSIDE * 5000).encode())
    put(base, "a.csv.gz", whole[: len(whole) // 2])  # cut in the middle, as a failed copy would
    report = run(base)
    assert report.exit_code == 2
    assert [(d.code, str(d.place)) for d in report.errors] == [("file.unreadable", "logs/a.csv.gz")]
