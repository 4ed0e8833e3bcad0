"""The self-inspection questionnaire outside the rules: the fillable workbook that
`auditctl questionnaire` writes (read back as the attestations dataset), and the check that
answers name items of the questionnaire."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from auditctl.catalog import Catalog, QuestionItem
from auditctl.diagnostics import Diagnostic
from auditctl.i18n import Lang, tr
from auditctl.load.specs import specs
from auditctl.records import Record

# The columns in order: attestation keys. The annotations (question, expected_evidence, basis) are
# copied from the catalog for whoever fills the form; the loader reads them and nothing judges them.
COLUMNS: tuple[str, ...] = (
    "item",
    "question",
    "expected_evidence",
    "basis",
    "answer",
    "evidence",
    "answered_by",
    "date",
)
FILLED = ("answer", "evidence", "answered_by", "date")  # what the user writes
WIDTHS = {"item": 9, "question": 60, "expected_evidence": 40, "basis": 24, "answer": 10,
          "evidence": 40, "answered_by": 16, "date": 12}  # fmt: skip


def header(key: str, lang: Lang) -> str:
    """A column's heading: its Japanese alias in the attestations schema, or the key in English."""
    prop = specs()["attestations"].props[key]
    aliases = prop.get("x-aliases", [])
    return str(aliases[0]) if lang == "ja" and aliases else key


def sheet_name(lang: Lang) -> str:
    """自己点検 (or attestations): a name the loader reads as the attestations dataset."""
    names = specs()["attestations"].names
    return next((n for n in names if not n.isascii()), names[0]) if lang == "ja" else names[0]


def _row(item: QuestionItem, cat: Catalog, lang: Lang, answer: Mapping[str, Any]) -> list[Any]:
    basis = "、" if lang == "ja" else "; "
    fixed = {
        "item": item.id,
        "question": item.question.get(lang),
        "expected_evidence": item.evidence.get(lang),
        "basis": basis.join(
            cat.basis[c].citation.get(lang) if c in cat.basis else c for c in item.basis
        ),
    }
    values = {**fixed, **{k: answer.get(k) for k in FILLED}}
    if lang == "ja" and values["answer"] is not None:
        values["answer"] = _JA_ANSWERS.get(str(values["answer"]), values["answer"])
    if isinstance(values["date"], str):
        values["date"] = date.fromisoformat(values["date"])
    return [values[k] for k in COLUMNS]


_JA_ANSWERS = {"yes": "はい", "no": "いいえ", "not_applicable": "該当なし"}


def build_sheet(
    wb: Any, cat: Catalog, lang: Lang, answers: Mapping[str, Mapping[str, Any]] | None = None
) -> Any:
    """Add the questionnaire sheet to `wb`: one row per item, answers from `answers` (by item ID)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from auditctl.bundle_writer import add_dropdown, choices  # writing only: not for a check

    ws = wb.create_sheet(sheet_name(lang))
    ws.append([header(k, lang) for k in COLUMNS])
    for item in cat.questionnaire:
        ws.append(_row(item, cat, lang, (answers or {}).get(item.id, {})))
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    input_fill = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill in
    wrap = Alignment(wrap_text=True, vertical="top")
    for idx, key in enumerate(COLUMNS, start=1):
        letter = get_column_letter(idx)
        ws.column_dimensions[letter].width = WIDTHS[key]
        top = ws.cell(row=1, column=idx)
        top.font, top.fill = bold, head_fill
        for row in range(2, len(cat.questionnaire) + 2):
            cell = ws.cell(row=row, column=idx)
            cell.alignment = wrap
            if key in FILLED:
                cell.fill = input_fill
            if key == "date":
                cell.number_format = "yyyy/mm/dd"
    ws.freeze_panes = "B2"
    answer_col = COLUMNS.index("answer") + 1
    prop = specs()["attestations"].props["answer"]
    values = choices(prop) if lang == "ja" else [str(v) for v in prop["enum"]]
    add_dropdown(ws, answer_col, values, tr("questionnaire.prompt", lang))
    return ws


def questionnaire_bytes(
    cat: Catalog, lang: Lang, answers: Mapping[str, Mapping[str, Any]] | None = None
) -> bytes:
    """The fillable questionnaire workbook, byte for byte the same for the same catalog and language."""
    from openpyxl import Workbook

    from auditctl.bundle_writer import reproducible

    wb = Workbook()
    wb.remove(wb.active)
    build_sheet(wb, cat, lang, answers)
    wb.properties.creator = "auditctl"
    wb.properties.title = tr("questionnaire.title", lang)
    buf = io.BytesIO()
    wb.save(buf)
    return reproducible(buf.getvalue())


def answer_diagnostics(records: Sequence[Record], cat: Catalog) -> list[Diagnostic]:
    """Answers to items the questionnaire does not have: a typo must not leave an item unanswered
    in silence (the item itself would read as unanswered, but the stray row would hide why)."""
    known = [q.id for q in cat.questionnaire]
    ids = set(known)
    out: list[Diagnostic] = []
    for r in records:
        item = r.data.get("item")
        if isinstance(item, str) and item not in ids:
            out.append(
                Diagnostic(
                    "attestation.unknown_item",
                    r.place("item"),
                    {"value": item, "first": known[0], "last": known[-1]},
                )
            )
    return out
