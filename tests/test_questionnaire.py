"""The questionnaire: its items agree with the catalog and rules.md, the workbook that
`auditctl questionnaire` writes can be filled in Excel and read back as the attestations, and the
Q findings have the severities rules.md gives."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from auditctl.catalog import catalog
from tests.adoption import base_bundle, check_json, cli

HEADERS_JA = [
    "項目番号",
    "質問",
    "期待される根拠資料",
    "根拠条文",
    "回答",
    "根拠資料",
    "回答者",
    "回答日",
]
ITEMS = [f"Q-{i:02d}" for i in range(1, 21)]
# rules.md: medium items (whose basis is not 則33の15) are Q-13 … Q-20
MEDIUM_ITEMS = {f"Q-{i}" for i in range(13, 21)}


def test_the_items_are_q01_to_q20_with_the_severity_rules_md_gives() -> None:
    cat = catalog()
    assert [q.id for q in cat.questionnaire] == ITEMS
    for q in cat.questionnaire:
        want = "medium" if q.id in MEDIUM_ITEMS else "high"
        assert q.severity.value == want, q.id
        assert cat.rules[q.id].severity == q.severity, f"rules.yaml and questionnaire.yaml: {q.id}"
        assert q.question.ja and q.question.en and q.evidence.ja and q.evidence.en
        assert all(code in cat.basis for code in q.basis)


def write_questionnaire(path: Path, *extra: str) -> None:
    run = cli("questionnaire", "--output", str(path), *extra)
    assert run.code == 0, run.stderr
    assert path.is_file()


def fill(path: Path, answers: dict[str, tuple[str | None, str | None]]) -> bytes:
    """Fill the answer and evidence cells as a user would in Excel; other items say はい."""
    wb = openpyxl.load_workbook(path)
    ws = wb["自己点検"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in header}
    for row in range(2, ws.max_row + 1):
        item = ws.cell(row, col["項目番号"]).value
        answer, evidence = answers.get(item, ("はい", "規程・記録一式"))
        ws.cell(row, col["回答"]).value = answer
        ws.cell(row, col["根拠資料"]).value = evidence
        ws.cell(row, col["回答者"]).value = "行為規制対応室"
        ws.cell(row, col["回答日"]).value = date(2026, 11, 20)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_workbook_has_japanese_headings_and_an_answer_drop_down(tmp_path: Path) -> None:
    path = tmp_path / "自己点検票.xlsx"
    write_questionnaire(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["自己点検"]
    ws = wb["自己点検"]
    assert [c.value for c in ws[1]] == HEADERS_JA
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == ITEMS
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list"
    assert dv.formula1 == '"はい,いいえ,該当なし"'
    assert "E2" in dv.sqref and "E21" in dv.sqref  # the 回答 column, every item
    assert ws.cell(2, 2).value == catalog().questionnaire[0].question.ja


def test_the_workbook_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    write_questionnaire(tmp_path / "a.xlsx")
    write_questionnaire(tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_it_refuses_to_overwrite_a_filled_workbook(tmp_path: Path) -> None:
    path = tmp_path / "q.xlsx"
    path.write_bytes(b"filled in by hand")
    run = cli("questionnaire", "--output", str(path), "--lang", "en")
    assert run.code == 2
    assert "--force" in run.stderr
    assert path.read_bytes() == b"filled in by hand"
    write_questionnaire(path, "--force")
    assert path.read_bytes() != b"filled in by hand"


def severities(report: dict[str, Any]) -> dict[str, str]:
    return {f["subject"]: f["severity"] for f in report["findings"] if f["typology"] == "Q"}


def test_round_trip_through_excel(tmp_path: Path) -> None:
    blank = tmp_path / "blank.xlsx"
    write_questionnaire(blank)
    filled = fill(
        blank,
        {
            "Q-02": ("いいえ", "マスキング表の承認記録なし"),  # no, high item → high
            "Q-03": (None, None),  # left empty → medium
            "Q-04": ("該当なし", None),  # not applicable, no reason → medium
            "Q-05": ("該当なし", "退職者なし（設立初年度）"),  # with a reason → stands
            "Q-14": ("いいえ", "委託先監査は未実施"),  # no, medium item → medium
            "Q-16": ("はい", None),  # yes without evidence still stands
        },
    )
    folder = base_bundle(tmp_path / "bundle")
    (folder / "自己点検票.xlsx").write_bytes(filled)
    code, report = check_json(folder)
    assert code == 1
    assert severities(report) == {
        "item:Q-02": "high",
        "item:Q-03": "medium",
        "item:Q-04": "medium",
        "item:Q-14": "medium",
    }
    assert report["ignored"]["columns"] == []  # 質問 etc. are known annotation columns
    q03 = next(f for f in report["findings"] if f["subject"] == "item:Q-03")
    assert q03["locations"][0] == {"file": "自己点検票.xlsx", "sheet": "自己点検", "cell": "E4"}


def test_an_item_without_a_row_is_unanswered(tmp_path: Path) -> None:
    answers = [
        {"item": i, "answer": "yes", "evidence": "規程", "answered_by": "室", "date": "2026-11-20"}
        for i in ITEMS
        if i != "Q-12"
    ]
    code, report = check_json(base_bundle(tmp_path / "b", {"attestations": answers}))
    assert code == 1
    assert severities(report) == {"item:Q-12": "medium"}


def test_without_attestations_q_is_not_run_and_the_report_says_so(tmp_path: Path) -> None:
    code, report = check_json(base_bundle(tmp_path / "b"))
    assert code == 0
    assert "attestations" in report["datasets"]["absent"]
    assert report["summary"]["rules_not_run"]["Q-01"] == "absent:attestations"


@pytest.mark.parametrize("form", ["yaml", "xlsx"])
def test_an_answer_to_an_item_that_does_not_exist_is_an_input_error(
    tmp_path: Path, form: str
) -> None:
    answers = [{"item": "Q-21", "answer": "yes", "evidence": "x"}]
    folder = base_bundle(tmp_path / form, {"attestations": answers}, form=form)
    run = cli("check", str(folder), "--lang", "en")
    assert run.code == 2
    assert "questionnaire item Q-21 does not exist (Q-01 to Q-20)" in run.stderr
