"""The same masking matrix in every form users have gives the same A findings: YAML by field ID,
a wide Japanese sheet (○/マスク/×, Japanese labels, a column for another system's role, an empty
cell), a long-format sheet, and a CP932 CSV file."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from auditctl.bundle_writer import yaml_files
from auditctl.cases import Case
from auditctl.pipeline import check
from auditctl.report import Report
from auditctl.settings import Options
from auditctl.values import parse_date
from tests.rules.harness import patched

ROLES = ("takuso-operator", "takuso-maint", "takuso-disaster", "ep-view", "crm-user")
V, M, H = "visible", "masked", "hidden"

# (system, screen, field by ID, by label or alias, decisions in ROLES order; None = no decision).
# crm-user is a role of ep-crm: its decisions on takuso rows exist only in the wide forms, which
# ignore them; on the ep-crm row it is the row's own role.
MATRIX: list[tuple[str, str, str, str, tuple[str | None, ...]]] = [
    ("takuso", "TK-010", "supply_point_id", "供給地点特定番号", (V, M, V, V, V)),
    ("takuso", "TK-010", "contract_holder_name", "契約者名義", (V, None, H, V, V)),  # A-05 gap
    ("takuso", "TK-010", "load_equipment", "負荷設備情報", (V, M, H, V, V)),
    ("takuso", "TK-010", "支払状況", "支払状況", (V, H, H, H, V)),  # in no classification
    ("takuso", "TK-020", "supply_point_id", "供給地点特定番号", (V, M, H, M, V)),
    ("takuso", "TK-020", "switching_request_date", "異動申込受付日", (V, M, H, V, V)),
    ("takuso", "TK-020", "contact_phone", "電話番号", (V, H, H, H, V)),
    ("ep-crm", "CRM-01", "contract_holder_name", "顧客名", (None, None, None, None, V)),
]
WIDE_JA = {V: "○", M: "マスク", H: "×"}
CSV_JA = {V: "表示", M: "伏字", H: "-"}

EXPECTED = {
    ("A-01", "cell:takuso/TK-010/load_equipment/ep-view"),
    ("A-02", "cell:takuso/TK-010/contract_holder_name/ep-view"),
    ("A-03", "view:takuso/TK-020/ep-view"),
    ("A-04", "view:takuso/TK-010/ep-view"),
    ("A-05", "view:takuso/TK-010/takuso-maint"),
    ("A-06", "field:takuso/TK-010/支払状況"),
}

CASE = Case(
    rule="A",
    name="matrix forms",
    expect=(),
    datasets={
        "roles": [
            {
                "id": "ep-view",
                "system": "takuso",
                "name": "小売閲覧",
                "purpose": "retail_operations",
            }
        ],
        "screens": [
            {
                "system": "takuso",
                "id": "TK-010",
                "name": "契約照会",
                "customer_scope": "all",
                "search_keys": ["supply_point_id", "契約者名義"],
                "bulk": "none",
            },
        ],
    },
    remove={},
    as_of=None,
    config=None,
)


def _own(system: str, role: str) -> bool:
    return role != "crm-user" if system == "takuso" else role == "crm-user"


def _yaml_rows() -> list[dict[str, Any]]:
    rows = []
    for system, screen, fid, _, access in MATRIX:
        decided = {r: a for r, a in zip(ROLES, access, strict=True) if a and _own(system, r)}
        rows.append({"system": system, "screen": screen, "field": fid, "access": decided})
    return rows


def _wide(values: dict[str, str]) -> list[list[str | None]]:
    rows: list[list[str | None]] = [["システム", "画面ID", "項目", *ROLES]]
    for system, screen, _, label, access in MATRIX:
        rows.append([system, screen, label, *(values[a] if a else None for a in access)])
    return rows


def _long() -> list[list[str | None]]:
    rows: list[list[str | None]] = [["システム", "画面ID", "項目", "ロール", "閲覧可否"]]
    for system, screen, fid, label, access in MATRIX:
        for role, a in zip(ROLES, access, strict=True):
            if _own(system, role):
                # Alternate ID and label so that both resolve to the same field; a gap is a row
                # with an empty 閲覧可否.
                rows.append([system, screen, label if len(rows) % 2 else fid, role, a])
    return rows


def _sheet(path: Path, rows: list[list[str | None]]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "マスキング"
    for row in rows:
        ws.append(row)
    wb.save(path)


def _bundle(form: str, folder: Path) -> Path:
    data = patched(CASE)
    data["masking"] = _yaml_rows()
    files = yaml_files({k: v for k, v in data.items() if form == "yaml" or k != "masking"})
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    if form == "wide":
        _sheet(folder / "マスキング表.xlsx", _wide(WIDE_JA))
    elif form == "long":
        _sheet(folder / "マスキング表_縦持ち.xlsx", _long())
    elif form == "csv":
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator="\r\n").writerows(_wide(CSV_JA))
        (folder / "masking.csv").write_bytes(buf.getvalue().encode("cp932"))
    return folder


def _run(form: str, tmp_path: Path) -> Report:
    bundle = _bundle(form, tmp_path / form)
    report = check(bundle, Options(as_of=parse_date("2026-11-27"), lang="ja", typologies=("A",)))
    assert not report.errors, [d.render("en") for d in report.errors]
    return report


def _found(report: Report) -> set[tuple[str, str]]:
    return {(f.rule, f.subject) for f in report.findings}


@pytest.mark.parametrize("form", ["wide", "long", "csv"])
def test_same_findings_in_every_form(form: str, tmp_path: Path) -> None:
    reference = _found(_run("yaml", tmp_path))
    assert reference == EXPECTED
    assert _found(_run(form, tmp_path)) == reference


def test_wide_sheet_places_the_matrix_cell(tmp_path: Path) -> None:
    report = _run("wide", tmp_path)
    by_subject = {f.subject: f for f in report.findings}
    a01 = by_subject["cell:takuso/TK-010/load_equipment/ep-view"]
    # Row 4 is load_equipment; ep-view is the fourth role column (G).
    assert [str(p) for p in a01.locations] == ["マスキング表.xlsx!マスキング!G4"]
    a05 = by_subject["view:takuso/TK-010/takuso-maint"]
    assert [str(p) for p in a05.locations] == ["マスキング表.xlsx!マスキング!E3"]
    assert "契約者名義" in a05.message


def test_yaml_places_the_value(tmp_path: Path) -> None:
    report = _run("yaml", tmp_path)
    a01 = next(f for f in report.findings if f.rule == "A-01")
    place = a01.locations[0]
    assert place.file == "masking.yaml" and place.line is not None
    line = (
        (tmp_path / "yaml" / "masking.yaml")
        .read_text(encoding="utf-8")
        .splitlines()[place.line - 1]
    )
    assert "ep-view: visible" in line
    assert line[(place.col or 1) - 1 :].startswith("visible")
