"""The workbook for people: a summary sheet, a findings sheet, and the masking matrix of each
non-public system drawn as a heat map. Same report, same bytes (dates come from --as-of)."""

from __future__ import annotations

import io
import math
import zipfile
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from auditctl import __version__
from auditctl.i18n import tr
from auditctl.render.common import (
    COLOURS,
    COLUMNS,
    display_width,
    headings,
    printable,
    row_of,
    sev_label,
    title_of,
    typ_label,
    verdict,
)
from auditctl.render.xlsx_heatmap import HEADER_ROW, draw_heatmap
from auditctl.report import Report
from auditctl.severity import SEVERITIES, TYPOLOGIES

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="E0E0E0")
WRAP = Alignment(wrap_text=True, vertical="top")
# Widths of the findings sheet's columns, in characters (a Japanese character takes two).
WIDTHS = {
    "severity": 8,
    "rule": 8,
    "typology": 8,
    "title": 36,
    "subject": 36,
    "message": 60,
    "locations": 28,
    "basis": 36,
    "remediation": 60,
    "fingerprint": 34,
    "waived": 8,
    "baselined": 8,
}
SUMMARY_A, SUMMARY_COL = 34.0, 11.0  # the summary's label column; each of columns B–H
_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def put(ws: Worksheet, row: int, col: int, value: Any, **style: Any) -> Any:
    """Write a value as what it is: text never becomes a formula or an error value."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = printable(value)
        cell.data_type = "s"  # openpyxl would read "=…" as a formula and "#N/A" as an error
    else:
        cell.value = value
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def fit_row(ws: Worksheet, row: int, texts: list[tuple[str, float]]) -> None:
    """Set a row's height for its wrapped texts (text, column width): openpyxl cannot measure,
    and LibreOffice keeps the default height of rows it is given."""
    lines = 1
    for text, width in texts:
        per_line = max(1.0, width - 1)
        needed = sum(max(1, math.ceil(display_width(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, needed)
    ws.row_dimensions[row].height = min(409, 15 * lines + 2)


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A legal, unique sheet name: no []:*?/\\, at most 31 characters."""
    base = wanted.translate(_BAD_SHEET_CHARS).strip("'")[:31] or "sheet"
    name, n = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f"~{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def for_print(ws: Worksheet, title_rows: str) -> None:
    """A4 landscape, as wide as the page, headings repeated: an inspector files it on paper."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows


def render_xlsx(report: Report) -> bytes:
    lang = report.lang
    wb = Workbook()
    taken: set[str] = set()
    summary = wb.active
    summary.title = sheet_name(tr("sheet.sheet_summary", lang), taken)
    _summary(summary, report)
    findings = wb.create_sheet(sheet_name(tr("sheet.sheet_findings", lang), taken))
    _findings(findings, report)
    for grid in report.matrices:
        ws = wb.create_sheet(sheet_name(tr("sheet.sheet_matrix", lang, system=grid.system), taken))
        draw_heatmap(ws, grid, report, put)
        for_print(ws, f"{HEADER_ROW}:{HEADER_ROW + 1}")
    return _save(wb, report.as_of)


def _summary(ws: Worksheet, report: Report) -> None:
    lang = report.lang
    put(ws, 1, 1, f"{tr('html.title', lang)}: {title_of(report)}", font=Font(bold=True, size=14))
    head, *rest = verdict(report)
    pairs: list[tuple[str, str]] = [
        (tr("sheet.bundle", lang), report.bundle),
        (tr("sheet.as_of", lang), report.as_of.isoformat()),
        (tr("sheet.verdict", lang), head),
        *((tr("sheet.note", lang), line) for line in rest),
        (tr("sheet.fail_on", lang), report.fail_on),
        (tr("sheet.tool", lang), f"auditctl {__version__}"),
        (tr("sheet.catalog", lang), report.catalog_digest),
    ]
    row = 3
    for label, value in pairs:
        put(ws, row, 1, label, font=BOLD, alignment=WRAP)
        _wide(ws, row, value)
        row += 1
    row = _counts(ws, report, row + 1)
    row = _inputs(ws, report, row + 1)
    if report.errors:
        put(ws, row + 1, 1, tr("md.errors", lang), font=BOLD)
        for i, d in enumerate(report.errors, start=row + 2):
            put(ws, i, 1, str(d.place) if d.place else report.bundle, alignment=WRAP)
            _wide(ws, i, d.message(lang))
    ws.column_dimensions["A"].width = SUMMARY_A
    for col in "BCDEFGH":
        ws.column_dimensions[col].width = SUMMARY_COL
    for_print(ws, "1:1")


def _wide(ws: Worksheet, row: int, value: str) -> None:
    """A value across columns B–H (the counts table below needs them narrow), wrapped."""
    put(ws, row, 2, value, alignment=WRAP)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=8)
    fit_row(ws, row, [(value, SUMMARY_COL * 7)])


def _counts(ws: Worksheet, report: Report, row: int) -> int:
    """Typology rows × severity columns, with totals; the next free row."""
    lang = report.lang
    live = report.counting()
    put(ws, row, 1, tr("sheet.counts", lang), font=BOLD)
    row += 1
    put(ws, row, 1, tr("head.typology", lang), font=BOLD, fill=HEAD_FILL)
    for j, sev in enumerate(SEVERITIES, start=2):
        put(ws, row, j, sev_label(sev, lang), font=Font(bold=True, color="FFFFFF"))
        ws.cell(row=row, column=j).fill = PatternFill("solid", fgColor=COLOURS[sev])
    put(ws, row, len(SEVERITIES) + 2, tr("md.total", lang), font=BOLD, fill=HEAD_FILL)
    for typ in TYPOLOGIES:
        row += 1
        mine = [f for f in live if f.typology == typ]
        put(ws, row, 1, typ_label(typ, lang))
        for j, sev in enumerate(SEVERITIES, start=2):
            put(ws, row, j, sum(1 for f in mine if f.severity.value == sev))
        put(ws, row, len(SEVERITIES) + 2, len(mine), font=BOLD)
    row += 1
    put(ws, row, 1, tr("md.total", lang), font=BOLD)
    for j, sev in enumerate(SEVERITIES, start=2):
        put(ws, row, j, sum(1 for f in live if f.severity.value == sev), font=BOLD)
    put(ws, row, len(SEVERITIES) + 2, len(live), font=BOLD)
    summary = report.summary()
    for label, value in (
        (tr("html.waived", lang), summary["waived"]),
        (tr("html.baselined", lang), summary["baselined"]),
        (tr("sheet.rules_run", lang), summary["rules_run"]),
        (tr("sheet.rules_passed", lang), summary["rules_passed"]),
    ):
        row += 1
        put(ws, row, 1, label)
        put(ws, row, 2, value)
    return row + 1


def _inputs(ws: Worksheet, report: Report, row: int) -> int:
    lang = report.lang
    put(ws, row, 1, tr("sheet.absent", lang), font=BOLD)
    _wide(ws, row, ", ".join(report.absent) or "-")
    row += 2
    put(ws, row, 1, tr("html.inputs", lang), font=BOLD)
    row += 1
    for j, text in ((1, tr("html.file", lang)), (2, "SHA-256"), (8, tr("html.size", lang))):
        put(ws, row, j, text, font=BOLD, fill=HEAD_FILL)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=7)
    for item in report.inputs:
        row += 1
        put(ws, row, 1, item.path, alignment=WRAP)
        put(ws, row, 2, item.sha256, font=Font(name="Consolas", size=9))
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=7)
        put(ws, row, 8, item.size)
        fit_row(ws, row, [(item.path, SUMMARY_A)])
    return row + 1


def _findings(ws: Worksheet, report: Report) -> None:
    """One row per finding: filters on the header, the header frozen, long text wrapped."""
    lang = report.lang
    for j, text in enumerate(headings(lang), start=1):
        put(ws, 1, j, text, font=BOLD, fill=HEAD_FILL, alignment=WRAP)
    for i, f in enumerate(report.findings, start=2):
        values = row_of(f, lang)
        for j, value in enumerate(values, start=1):
            put(ws, i, j, value, alignment=WRAP)
        fit_row(ws, i, [(v, WIDTHS[key]) for v, (key, _) in zip(values, COLUMNS, strict=True)])
        sev = ws.cell(row=i, column=1)
        sev.fill = PatternFill("solid", fgColor=COLOURS[f.severity.value])
        sev.font = Font(bold=True, color="FFFFFF")
        if not f.counts:
            for j in range(2, len(COLUMNS) + 1):
                ws.cell(row=i, column=j).font = Font(color="9E9E9E")
    for j, (key, _) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = WIDTHS[key]
    last = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(report.findings)) + 1}"
    ws.freeze_panes = "A2"
    for_print(ws, "1:1")


def _save(wb: Workbook, as_of: date) -> bytes:
    """The workbook's bytes, with every date in it (properties, zip entries) taken from --as-of."""
    stamp = datetime.combine(as_of, time())
    wb.properties.creator = "auditctl"
    wb.properties.lastModifiedBy = "auditctl"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    raw = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() stamps "modified" with the clock.
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    out = io.BytesIO()
    when = (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
