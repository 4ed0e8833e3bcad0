"""The loader's fast paths give what the plain paths give: values converted as cells are read
(and remembered per column), workbook sheets parsed side by side and in the background."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from auditctl.load import coerce, excel
from auditctl.load.bundle import load_bundle
from auditctl.pipeline import prepare
from auditctl.settings import Options
from tests.helpers import bundle

SYSTEMS = "- {id: takuso, name: 託送業務システム, owner: chuo-pg, holds_non_public: true}\n"
ROLES = "- {id: takuso-operator, system: takuso, name: 託送担当, purpose: network_operations}\n"
HEADER = "ID,システム,種別,利用者,ロール,状態,作成日,多要素認証\n"


def test_values_stay_right_once_a_columns_memory_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coerce, "MEMO_LIMIT", 2)
    rows = [
        "u1,takuso,個人,P1,takuso-operator,有効,2026/01/05,○",
        "u2,takuso,共用,P2,takuso-operator,無効,2026年2月3日,×",
        "u3,takuso,個人,P3,takuso-operator,有効,2026-03-04,はい",
        "u4,takuso,個人,P4,takuso-operator,有効,2026/01/05,いいえ",
        "u5,takuso,共用,P5,takuso-operator,無効,2026年2月3日,○",
    ]
    folder = bundle(
        tmp_path,
        systems_yaml=SYSTEMS,
        roles_yaml=ROLES,
        accounts_csv=HEADER + "\n".join(rows) + "\n",
    )
    prep = prepare(folder, Options(lang="en"))
    assert [d.render("en") for d in prep.errors] == []
    assert prep.model is not None
    got = [
        (a.id, a.kind, a.status, a.created.isoformat() if a.created else None, a.mfa)
        for a in prep.model.accounts.values()
    ]
    assert got == [
        ("u1", "personal", "enabled", "2026-01-05", True),
        ("u2", "shared", "disabled", "2026-02-03", False),
        ("u3", "personal", "enabled", "2026-03-04", True),
        ("u4", "personal", "enabled", "2026-01-05", False),
        ("u5", "shared", "disabled", "2026-02-03", True),
    ]


def test_lists_read_from_the_same_text_are_separate_lists(tmp_path: Path) -> None:
    rows = [
        'u1,takuso,共用,"P1、P2",takuso-operator,有効,,',
        'u2,takuso,共用,"P1、P2",takuso-operator,有効,,',
    ]
    folder = bundle(tmp_path, accounts_csv=HEADER + "\n".join(rows) + "\n")
    first, second = load_bundle(folder).records["accounts"]
    assert first.data["users"] == second.data["users"] == ["P1", "P2"]
    first.data["users"].append("P3")
    assert second.data["users"] == ["P1", "P2"]


def _two_sheet_workbook(path: Path) -> None:
    """An ID台帳 and a 従業員 sheet, with a formula whose result was never saved on the second."""
    wb = Workbook()
    roster = wb.active
    roster.title = "ID台帳"
    roster.append(["ID", "システム", "種別", "利用者", "ロール", "状態"])
    for i in range(300):
        roster.append([f"u{i:04d}", "takuso", "個人", f"P{i:04d}", "takuso-operator", "有効"])
    people = wb.create_sheet("従業員")
    people.append(["社員番号", "氏名", "在籍"])
    for i in range(300):
        people.append([f"P{i:04d}", f"社員{i}", "在籍"])
    people["B5"] = '=IF(TRUE,"山田","田中")'  # openpyxl saves no cached value
    wb.save(path)


def _read(folder: Path) -> tuple[list[tuple[str, object, str]], list[tuple[str, str]]]:
    loaded = load_bundle(folder)
    records = [
        (name, r.data, str(r.place()))
        for name, recs in sorted(loaded.records.items())
        for r in recs
    ]
    diags = [(d.code, str(d.place)) for d in loaded.diagnostics]
    return records, diags


def test_sheets_parsed_side_by_side_read_as_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = bundle(tmp_path)
    _two_sheet_workbook(folder / "台帳.xlsx")
    monkeypatch.setattr(excel, "_PARALLEL_BYTES", 1 << 40)
    one_by_one = _read(folder)
    monkeypatch.setattr(excel, "_PARALLEL_BYTES", 0)
    side_by_side = _read(folder)
    assert side_by_side == one_by_one
    records, diags = side_by_side
    names = [name for name, _, _ in records]
    assert (names.count("accounts"), names.count("people")) == (300, 300)
    assert ("xlsx.formula_no_value", "台帳.xlsx!従業員!B5") in diags


def test_a_workbook_read_in_the_background_is_still_first_by_name(tmp_path: Path) -> None:
    # ID台帳.xlsx is parsed while accounts.yaml is read, yet "given twice" is said of the file
    # that comes second by name ("I" < "a"), as it is when files are read one after another.
    folder = bundle(
        tmp_path,
        accounts_yaml="- {id: u9, system: takuso, kind: personal, users: [P9]}\n",
    )
    _two_sheet_workbook(folder / "ID台帳.xlsx")
    loaded = load_bundle(folder)
    twice = [d for d in loaded.diagnostics if d.code == "bundle.dataset_twice"]
    assert [(d.place.file if d.place else None, d.args["other"]) for d in twice] == [
        ("accounts.yaml", "ID台帳.xlsx!ID台帳")
    ]
    assert len(loaded.records["accounts"]) == 300


MATRIX_SYSTEMS = (
    "- id: takuso\n  name: 託送業務システム\n  owner: chuo-pg\n  holds_non_public: true\n"
    "  screens:\n    - {id: TK-010, name: 契約照会, customer_scope: all}\n"
)
MATRIX = (
    "- {system: takuso, screen: TK-010, field: supply_point_id,"
    " access: {takuso-operator: visible}}\n"
    "- {system: takuso, screen: TK-010, field: contact_phone, access: {takuso-operator: masked}}\n"
    "- {system: takuso, screen: TK-010, field: 供給地点特定番号, access: {takuso-operator: hidden}}\n"
)


@pytest.mark.parametrize("release", [False, True])
def test_a_decision_given_twice_names_both_rows(tmp_path: Path, release: bool) -> None:
    # The third row names the first row's field by its label: the same decision, given twice.
    # With `release` (as a check runs), records give their values back while the model is built.
    folder = bundle(tmp_path, systems_yaml=MATRIX_SYSTEMS, roles_yaml=ROLES, masking_yaml=MATRIX)
    prep = prepare(folder, Options(lang="en"), release=release)
    assert [(d.code, str(d.place), d.args["first"]) for d in prep.errors] == [
        ("masking.duplicate", "masking.yaml:3:79", "masking.yaml:1:86")
    ]


def test_a_sheet_that_cannot_be_parsed_in_the_background_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    folder = bundle(tmp_path / "bundle")
    good = tmp_path / "good.xlsx"  # outside the bundle
    _two_sheet_workbook(good)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(folder / "台帳.xlsx", "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]  # the 従業員 sheet's XML, cut off mid-row
            dst.writestr(info, data)
    monkeypatch.setattr(excel, "_PARALLEL_BYTES", 0)
    loaded = load_bundle(folder)
    unreadable = [str(d.place) for d in loaded.diagnostics if d.code == "xlsx.unreadable"]
    assert unreadable == ["台帳.xlsx!従業員"]
    assert len(loaded.records["accounts"]) == 300  # the sheet that could be read is read
    assert "people" not in loaded.records


def test_a_cell_over_the_size_limit_is_an_error_at_its_cell(tmp_path: Path) -> None:
    # Rows whose texts together fit the limit skip the cell-by-cell check; this one does not.
    folder = bundle(
        tmp_path,
        auditctl_yaml="limits: {max_cell_chars: 20}\n",
        accounts_csv=HEADER
        + "u1,takuso,個人,P1,takuso-operator,有効,,\n"
        + "u2,takuso,個人,P2、P3、P4、P5、P6、P7、P8、P9,takuso-operator,有効,,\n",
    )
    loaded = load_bundle(folder)
    assert [(d.code, str(d.place)) for d in loaded.diagnostics] == [
        ("limit.cell", "accounts.csv:3")
    ]
    second = loaded.records["accounts"][1].data
    assert "users" not in second
    assert second["id"] == "u2"
