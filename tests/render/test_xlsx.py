"""The workbook, read back: sheets, the findings sheet's filters and headings, the heat map."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from auditctl.render.xlsx_report import render_xlsx
from tests.render.reports import A01_CELL, AS_OF, broken, example, finding, tiny


def book(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def find_cell(ws, screen: str, field: str, role: str):  # type: ignore[no-untyped-def]
    """The heat-map cell of (screen, field, role), found through the sheet's own headings."""
    header = next(r for r in ws.iter_rows(min_row=1, max_row=10) if r[0].value == "画面ID")
    column = next(c.column for c in header if c.value == role)
    row = next(
        r
        for r in ws.iter_rows(min_row=header[0].row + 1)
        if r[0].value == screen and r[2].value == field
    )
    return ws.cell(row=row[0].row, column=column)


def test_sheets_summary_and_findings_in_japanese() -> None:
    report = example("violations", "ja")
    wb = book(render_xlsx(report))
    assert wb.sheetnames == ["概要", "指摘一覧", "マスキング_takuso", "マスキング_ryokin-cis"]
    summary = wb["概要"]
    values = [c for row in summary.iter_rows(values_only=True) for c in row if c is not None]
    assert "2026-11-27" in values
    assert any(isinstance(v, str) and v.startswith("判定: 要対応") for v in values)
    for item in report.inputs:  # every input with its hash
        assert item.sha256 in values
    findings = wb["指摘一覧"]
    header = [c.value for c in findings[1]]
    assert header[:3] == ["重大度", "ルール", "類型"]
    assert findings.freeze_panes == "A2"
    assert findings.auto_filter.ref == f"A1:L{len(report.findings) + 1}"
    assert findings.max_row == len(report.findings) + 1
    subjects = [findings.cell(row=i, column=5).value for i in range(2, findings.max_row + 1)]
    assert A01_CELL in subjects


def test_heat_map_colours_the_a01_cell_and_names_the_rule() -> None:
    wb = book(render_xlsx(example("violations", "ja")))
    ws = wb["マスキング_ryokin-cis"]
    _, system, screen, field, role = A01_CELL.replace(":", "/").split("/")
    assert system == "ryokin-cis"
    cell = find_cell(ws, screen, field, role)
    assert cell.value == "表示"  # what the matrix says: visible
    assert cell.fill.fgColor.rgb.endswith("B71C1C")  # critical's colour
    assert cell.comment is not None and "A-01" in cell.comment.text
    # the operator's own role sees the same field, rightly: no colour, no comment
    fine = find_cell(ws, screen, field, "cis-operator")
    assert fine.comment is None and fine.fill.fill_type is None
    # A-05 (a missing decision on the whole screen) tints the role's cells of that screen lightly
    gap = find_cell(ws, "CIS-020", "retailer_name", role)
    assert gap.value == "（未設定）"
    assert gap.comment is not None and "A-05" in gap.comment.text


def test_english_headings_and_text_is_never_a_formula() -> None:
    report = tiny(
        [finding("C3-01", "account:s/u1", "=1+1"), finding("C3-02", "account:s/u2", "#N/A")],
        lang="en",
    )
    wb = book(render_xlsx(report))
    assert wb.sheetnames == ["Summary", "Findings"]
    ws = wb["Findings"]
    assert [c.value for c in ws[1]][:2] == ["Severity", "Rule"]
    assert ws.cell(row=2, column=6).value == "=1+1"
    assert ws.cell(row=2, column=6).data_type == "s"
    assert ws.cell(row=3, column=6).data_type == "s"


def test_dates_come_from_as_of_so_bytes_repeat() -> None:
    data = render_xlsx(example("violations", "ja"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {(AS_OF.year, AS_OF.month, AS_OF.day, 0, 0, 0)}
    assert book(data).properties.modified.date() == AS_OF
    assert render_xlsx(example("violations", "ja")) == data


def test_input_errors_are_on_the_summary(tmp_path: Path) -> None:
    wb = book(render_xlsx(broken(tmp_path)))
    values = [c for row in wb["Summary"].iter_rows(values_only=True) for c in row if c]
    assert any("does not exist" in str(v) for v in values)
