"""CSV for spreadsheets: one row per finding, UTF-8 with BOM and CRLF as Japanese Excel expects,
and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

from auditctl.render.common import headings, row_of
from auditctl.report import Report

# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: str) -> str:
    """A leading quote makes a spreadsheet show the text instead of evaluating it (OWASP's advice)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def render_csv(report: Report) -> bytes:
    """Headings in the report's language, then the findings in the report's order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headings(report.lang))
    for f in report.findings:
        writer.writerow([defuse(cell) for cell in row_of(f, report.lang)])
    return out.getvalue().encode("utf-8-sig")
