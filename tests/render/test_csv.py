"""CSV: opened as a Japanese spreadsheet user would, and no cell runs as a formula."""

from __future__ import annotations

import csv
import io

from auditctl.render.csv_report import render_csv
from tests.render.reports import A01_CELL, example, finding, tiny

JA_HEADINGS = [
    "重大度",
    "ルール",
    "類型",
    "タイトル",
    "対象",
    "内容",
    "場所",
    "根拠",
    "是正策",
    "フィンガープリント",
    "例外承認",
    "ベースライン",
]


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_utf8_with_bom_crlf_japanese_headings_one_row_per_finding() -> None:
    report = example("violations", "ja")
    data = render_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    assert data.count(b"\r\n") >= len(report.findings) + 1
    table = rows(data)
    assert table[0] == JA_HEADINGS
    assert len(table) == len(report.findings) + 1
    (a01,) = [r for r in table if r[4] == A01_CELL]
    assert a01[:3] == ["重大", "A-01", "A"]
    assert a01[6].startswith("masking.yaml:")


def test_english_headings() -> None:
    assert rows(render_csv(example("clean", "en")))[0][:3] == ["Severity", "Rule", "Typology"]


def test_formula_like_cells_are_defused() -> None:
    hostile = [
        finding("C3-01", "account:s/u1", '=HYPERLINK("http://x","click")'),
        finding("C3-02", "account:s/u2", "+1+1"),
        finding("C3-03", "account:s/u3", "-2+3"),
        finding("C3-04", "account:s/u4", "@SUM(A1)"),
        finding("C3-05", "account:s/u5", "\tTAB"),
        finding("C3-06", "account:s/u6", "plain = text"),
    ]
    table = rows(render_csv(tiny(hostile)))
    messages = [r[5] for r in table[1:]]
    assert messages == [
        '\'=HYPERLINK("http://x","click")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tTAB",
        "plain = text",
    ]
