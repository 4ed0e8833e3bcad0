"""Clause names in Japanese give the same C1-04 result as the English ones: in a YAML list, and in
one Excel cell whose list is separated by 、 or by new lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditctl.cases import Case
from auditctl.pipeline import check
from auditctl.settings import Options
from auditctl.values import parse_date
from tests.rules.harness import AS_OF, materialise

JA = {
    "confidentiality": "守秘義務",
    "personal_information": "個人情報の取扱い",
    "no_disclosure_to_related_companies": "関係会社への提供禁止",
    "prior_approval_for_disclosure": "第三者提供の事前承認",
    "audit_rights": "監査権",
    "return_or_deletion": "返還・消去",
}
ALL = tuple(JA)
PARTIAL = ("confidentiality", "no_disclosure_to_related_companies", "audit_rights")


def _case(clauses: list[str]) -> Case:
    contract = {
        "id": "K-2021-007",
        "contractor": "chuo-it",
        "client": "chuo-pg",
        "services": ["託送システム保守"],
        "systems": ["takuso"],
        "personnel": ["P9001"],
        "start": "2021-04-01",
        "end": "2027-03-31",
        "clauses": clauses,
    }
    return Case("C1-04", "clause aliases", (), {"contracts": [contract]}, {}, None, None)


def _findings(bundle: Path) -> list[tuple[str, str, str]]:
    """(subject, Japanese message, English message) of every C1-04 finding."""
    out: dict[str, list[tuple[str, str]]] = {}
    for lang in ("ja", "en"):
        report = check(bundle, Options(as_of=parse_date(AS_OF), lang=lang, rules=("C1-04",)))
        assert not report.errors, [d.render("en") for d in report.errors]
        out[lang] = sorted((f.subject, f.message) for f in report.findings)
    return [(s, ja, en) for (s, ja), (_, en) in zip(out["ja"], out["en"], strict=True)]


def _excel_cell(folder: Path, text: str) -> Path:
    """The case's workbook with the contract's clause cell overwritten by `text`."""
    path = folder / "点検データ.xlsx"
    wb = load_workbook(path)
    ws = wb["委託契約"]
    header = [c.value for c in ws[1]]
    col, id_col = header.index("契約条項") + 1, header.index("契約番号") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, id_col).value == "K-2021-007")
    ws.cell(row, col).value = text
    wb.save(path)
    return folder


@pytest.mark.parametrize("clauses", [ALL, PARTIAL], ids=["all", "partial"])
def test_japanese_clause_names_match_english(clauses: tuple[str, ...], tmp_path: Path) -> None:
    english = _findings(materialise(_case(list(clauses)), "yaml", tmp_path / "en"))
    japanese = [JA[c] for c in clauses]
    assert _findings(materialise(_case(japanese), "yaml", tmp_path / "ja")) == english
    for sep, name in (("、", "comma"), ("\n", "newline")):
        folder = materialise(_case(list(clauses)), "xlsx", tmp_path / f"xlsx-{name}")
        assert _findings(_excel_cell(folder, sep.join(japanese))) == english
    if clauses == PARTIAL:
        assert [s for s, _, _ in english] == ["contract:K-2021-007"]
        assert english[0][1].endswith("個人情報の取扱い、第三者提供の事前承認、返還・消去")
        assert english[0][2].endswith(
            "personal_information, prior_approval_for_disclosure, return_or_deletion"
        )
    else:
        assert english == []
