"""The masking matrix of one system as a heat map: each cell shows the access the role has,
coloured by the gravest finding on it, with the rules in a comment."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from auditctl.findings import Finding
from auditctl.i18n import Lang, tr
from auditctl.render.common import COLOURS, TINTS, display_width, sev_label
from auditctl.report import MaskingGrid, Report

Put = Callable[..., Any]
HEADER_ROW = 5  # role IDs; role names on the next row; the matrix below
FIRST_ROLE_COL = 5  # columns A–D: screen ID, screen name, field ID, field label
THIN = Side(style="thin", color="BDBDBD")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
COMPETITIVE_FILL = PatternFill("solid", fgColor="FFE0B2")
HEAD_FILL = PatternFill("solid", fgColor="E0E0E0")
DARK = {"critical", "high"}  # white text reads better on these fills


class Index:
    """The report's findings about one system, by the part of the matrix their subject names."""

    def __init__(self, report: Report, system: str) -> None:
        self.cell: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
        self.view: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        self.field: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        self.system: list[Finding] = []
        for f in report.findings:
            kind, _, key = f.subject.partition(":")
            parts = key.split("/")
            if not parts or parts[0] != system:
                continue
            if kind == "cell" and len(parts) == 4:
                self.cell[(parts[1], parts[2], parts[3])].append(f)
            elif kind == "view" and len(parts) == 3:
                self.view[(parts[1], parts[2])].append(f)
            elif kind == "field" and len(parts) == 3:
                self.field[(parts[1], parts[2])].append(f)
            elif kind == "system" and len(parts) == 1:
                self.system.append(f)


def _gravest(findings: list[Finding]) -> str | None:
    live = [f for f in findings if f.counts]
    return max(live, key=lambda f: f.severity.rank).severity.value if live else None


def _note(findings: list[Finding], lang: Lang, prefix: str = "") -> list[str]:
    lines = []
    for f in findings:
        state = (
            "" if f.counts else f" ({tr('html.waived' if f.waived else 'html.baselined', lang)})"
        )
        lines.append(f"{prefix}{f.rule} [{sev_label(f.severity, lang)}] {f.title}{state}")
    return lines


def _comment(lines: list[str]) -> Comment:
    text = "\n".join(lines)
    comment = Comment(text, "auditctl")
    comment.width = 360
    comment.height = 24 + 30 * len(lines)
    return comment


def draw_heatmap(ws: Worksheet, grid: MaskingGrid, report: Report, put: Put) -> None:
    lang = report.lang
    index = Index(report, grid.system)
    put(
        ws,
        1,
        1,
        tr("sheet.matrix_title", lang, name=grid.system_name, system=grid.system),
        font=Font(bold=True, size=14),
    )
    _legend(ws, lang, put)
    for j, code in enumerate(
        ("sheet.screen", "sheet.screen_name", "sheet.field", "sheet.field_label"), 1
    ):
        put(ws, HEADER_ROW, j, tr(code, lang), font=Font(bold=True), fill=HEAD_FILL, border=BOX)
        put(ws, HEADER_ROW + 1, j, "", fill=HEAD_FILL, border=BOX)
    for k, role in enumerate(grid.roles):
        col = FIRST_ROLE_COL + k
        competitive = role in grid.competitive
        fill = COMPETITIVE_FILL if competitive else HEAD_FILL
        put(
            ws,
            HEADER_ROW,
            col,
            role,
            font=Font(bold=True),
            fill=fill,
            border=BOX,
            alignment=Alignment(wrap_text=True, horizontal="center"),
        )
        name = grid.role_names[k] + (f"\n{tr('sheet.competitive', lang)}" if competitive else "")
        put(
            ws,
            HEADER_ROW + 1,
            col,
            name,
            fill=fill,
            border=BOX,
            alignment=Alignment(wrap_text=True, horizontal="center", vertical="top"),
        )
        ws.column_dimensions[get_column_letter(col)].width = min(
            24, max(10, display_width(role) + 2, display_width(grid.role_names[k]) // 2 + 2)
        )
    row = HEADER_ROW + 2
    for r in grid.rows:
        put(ws, row, 1, r.screen, border=BOX)
        put(ws, row, 2, r.screen_name, border=BOX)
        put(ws, row, 3, r.field, border=BOX)
        label = put(ws, row, 4, r.field_label.get(lang), border=BOX)
        about_field = index.field.get((r.screen, r.field), [])
        if about_field:
            sev = _gravest(about_field)
            if sev:
                label.fill = PatternFill("solid", fgColor=TINTS[sev])
            label.comment = _comment(_note(about_field, lang))
        for k, (access, _place) in enumerate(r.cells):
            role = grid.roles[k]
            word = tr(f"sheet.access.{access}" if access else "sheet.access.none", lang)
            cell = put(
                ws,
                row,
                FIRST_ROLE_COL + k,
                word,
                border=BOX,
                alignment=Alignment(horizontal="center"),
            )
            _paint(
                cell,
                index.cell.get((r.screen, r.field, role), []),
                index.view.get((r.screen, role), []),
                lang,
            )
        row += 1
    if index.system:  # below the matrix, one a row: they concern no cell
        put(ws, row + 1, 1, tr("sheet.system_findings", lang), font=Font(bold=True))
        for k, line in enumerate(_note(index.system, lang), start=row + 2):
            put(ws, k, 1, line)
    names = [
        n + (f" {tr('sheet.competitive', lang)}" if r in grid.competitive else "")
        for r, n in zip(grid.roles, grid.role_names, strict=True)
    ]
    lines = max([1] + [-(-display_width(n) // 20) + 1 for n in names])
    ws.row_dimensions[HEADER_ROW + 1].height = 15 * lines + 2
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["C"].width = 26
    ws.column_dimensions["D"].width = 26
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 2, column=FIRST_ROLE_COL)


def _paint(cell: Any, on_cell: list[Finding], on_view: list[Finding], lang: Lang) -> None:
    """Solid colour for a finding on this very cell; a light tint for one on the role's screen."""
    sev = _gravest(on_cell)
    if sev:
        cell.fill = PatternFill("solid", fgColor=COLOURS[sev])
        cell.font = Font(bold=True, color="FFFFFF" if sev in DARK else "000000")
    else:
        tint = _gravest(on_view)
        if tint:
            cell.fill = PatternFill("solid", fgColor=TINTS[tint])
    lines = _note(on_cell, lang) + _note(on_view, lang, prefix=tr("sheet.screen_prefix", lang))
    if lines:
        cell.comment = _comment(lines)


def _legend(ws: Worksheet, lang: Lang, put: Put) -> None:
    """Row 2: what the colours mean, above the role columns they colour."""
    put(ws, 2, 1, tr("sheet.legend", lang), font=Font(bold=True))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=FIRST_ROLE_COL - 1)
    for k, sev in enumerate(COLOURS):
        put(
            ws,
            2,
            FIRST_ROLE_COL + k,
            sev_label(sev, lang),
            fill=PatternFill("solid", fgColor=COLOURS[sev]),
            font=Font(bold=True, color="FFFFFF" if sev in DARK else "000000"),
            alignment=Alignment(horizontal="center"),
        )
    put(
        ws,
        2,
        FIRST_ROLE_COL + len(COLOURS),
        tr("sheet.legend_tint", lang),
        fill=PatternFill("solid", fgColor=TINTS["medium"]),
    )
