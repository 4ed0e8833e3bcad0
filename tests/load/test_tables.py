"""Sheets and CSV files: encodings, Japanese names and headers, places, dates, lists, IDs as shown."""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from auditctl.load.bundle import load_bundle
from auditctl.pipeline import prepare
from auditctl.settings import Options
from tests.helpers import bundle, write

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SYSTEMS = "- {id: takuso, name: 託送業務システム, owner: chuo-pg, holds_non_public: true}\n"
ROLES = "- {id: takuso-operator, system: takuso, name: 託送担当, purpose: network_operations}\n"
ACCOUNTS_CSV = (
    "ID,システム,種別,利用者,ロール,状態,作成日,多要素認証,備考\n"
    "00123,takuso,個人,P0001,takuso-operator,有効,2026/01/05,○,メモ\n"
    'u-2,takuso,共用,"P0001、P0002",takuso-operator,無効,2026年2月3日,×,\n'
)


def _prep(folder: Path):  # type: ignore[no-untyped-def]
    prep = prepare(folder, Options(lang="en"))
    assert [d.render("en") for d in prep.errors] == []
    assert prep.model is not None
    return prep


def _accounts_bundle(tmp_path: Path, data: bytes) -> Path:
    return bundle(tmp_path, systems_yaml=SYSTEMS, roles_yaml=ROLES, accounts_csv=data)


def test_csv_in_utf8_utf8_bom_and_cp932_read_the_same(tmp_path: Path) -> None:
    results = []
    for i, encoded in enumerate(
        [
            ACCOUNTS_CSV.encode("utf-8"),
            ACCOUNTS_CSV.encode("utf-8-sig"),
            ACCOUNTS_CSV.encode("cp932"),
        ]
    ):
        prep = _prep(_accounts_bundle(tmp_path / str(i), encoded))
        results.append(
            sorted(
                (a.key, a.kind, a.users, a.status, a.created, a.mfa)
                for a in prep.model.accounts.values()
            )
        )
    assert results[0] == results[1] == results[2]
    assert results[0] == [
        ("takuso/00123", "personal", ("P0001",), "enabled", date(2026, 1, 5), True),
        ("takuso/u-2", "shared", ("P0001", "P0002"), "disabled", date(2026, 2, 3), False),
    ]


def test_csv_places_are_file_and_line_and_notes_column_is_named_once(tmp_path: Path) -> None:
    prep = _prep(_accounts_bundle(tmp_path, ACCOUNTS_CSV.encode("cp932")))
    acc = prep.model.accounts["takuso/u-2"]
    assert str(acc.src.place("users")) == "accounts.csv:3"
    assert prep.loaded.ignored_columns == [("accounts.csv", "備考")]


def test_csv_quoted_newline_keeps_the_starting_line(tmp_path: Path) -> None:
    text = (
        ACCOUNTS_CSV.replace('"P0001、P0002"', '"P0001\nP0002"')
        + "u-3,takuso,個人,P0003,,有効,,,\n"
    )
    prep = _prep(_accounts_bundle(tmp_path, text.encode("utf-8")))
    assert prep.model.accounts["takuso/u-2"].users == ("P0001", "P0002")
    assert str(prep.model.accounts["takuso/u-3"].src.place()) == "accounts.csv:5"


def test_csv_in_an_unknown_encoding_is_a_clear_error(tmp_path: Path) -> None:
    folder = _accounts_bundle(tmp_path, ACCOUNTS_CSV.encode("utf-16"))
    prep = prepare(folder, Options(lang="ja"))
    assert [(d.code, str(d.place)) for d in prep.errors] == [("csv.encoding", "accounts.csv")]


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_excel_places_dates_lists_and_ids_as_displayed(tmp_path: Path) -> None:
    data = _workbook(
        {
            "ID台帳": [
                [
                    "ID",
                    "システム",
                    "種別",
                    "利用者",
                    "ロール",
                    "状態",
                    "作成日",
                    "最終ログイン",
                    "多要素認証",
                ],
                [
                    123,
                    "takuso",
                    "個人",
                    "P0001",
                    "takuso-operator",
                    "有効",
                    datetime(2020, 4, 1),
                    "2026/11/20",
                    "○",
                ],
                [
                    "00123",
                    "takuso",
                    "shared",
                    "P0001\nP0002;P0003",
                    "takuso-operator",
                    "enabled",
                    "2021-05-06",
                    None,
                    1,
                ],
            ],
            "メモ": [["自由記述"]],
        }
    )
    folder = bundle(tmp_path, systems_yaml=SYSTEMS, roles_yaml=ROLES, 台帳_xlsx=data)
    prep = _prep(folder)
    first, second = prep.model.accounts["takuso/123"], prep.model.accounts["takuso/00123"]
    assert (first.created, first.last_login, first.mfa) == (
        date(2020, 4, 1),
        date(2026, 11, 20),
        True,
    )
    assert second.users == ("P0001", "P0002", "P0003") and second.mfa is True
    assert str(first.src.place("users")) == "台帳.xlsx!ID台帳!D2"
    assert str(second.src.place("created")) == "台帳.xlsx!ID台帳!G3"
    assert "台帳.xlsx!メモ" in prep.loaded.ignored_files


def test_excel_schema_errors_name_sheet_and_cell(tmp_path: Path) -> None:
    data = _workbook(
        {"accounts": [["id", "system", "kind", "status"], ["u1", "takuso", "個人X", "有効"]]}
    )
    folder = bundle(tmp_path, systems_yaml=SYSTEMS, roles_yaml=ROLES, roster_xlsx=data)
    prep = prepare(folder, Options(lang="ja"))
    assert [(d.code, str(d.place)) for d in prep.errors] == [
        ("schema.enum", "roster.xlsx!accounts!C2")
    ]
    assert "個人X" in prep.errors[0].message("ja")


def test_workbook_saved_by_libreoffice(tmp_path: Path) -> None:
    folder = bundle(tmp_path, systems_yaml=SYSTEMS, roles_yaml=ROLES)
    shutil.copy(FIXTURES / "libreoffice" / "台帳.xlsx", folder / "台帳.xlsx")
    prep = _prep(folder)
    a, b = prep.model.accounts["takuso/00123"], prep.model.accounts["takuso/123"]
    assert (a.kind, a.status, a.created, a.last_login, a.mfa) == (
        "personal",
        "enabled",
        date(2020, 4, 1),
        date(2026, 11, 20),
        True,
    )
    assert (b.kind, b.users, b.created, b.last_login, b.mfa) == (
        "shared",
        ("P0001", "P0002"),
        date(2021, 5, 6),
        date(2026, 11, 1),
        False,
    )
    assert str(b.src.place("roles")) == "台帳.xlsx!ID台帳!E3"
    assert sorted(prep.model.people) == ["P0001", "P0002"]
    assert ("台帳.xlsx!ID台帳", "備考") in prep.loaded.ignored_columns


def test_dataset_given_twice_is_an_error(tmp_path: Path) -> None:
    data = _workbook({"accounts": [["id", "system", "kind"], ["u1", "takuso", "personal"]]})
    folder = bundle(
        tmp_path,
        systems_yaml=SYSTEMS,
        roles_yaml=ROLES,
        accounts_csv=ACCOUNTS_CSV,
        roster_xlsx=data,
    )
    loaded = load_bundle(folder)
    assert [(d.code, str(d.place), d.args["other"]) for d in loaded.diagnostics] == [
        ("bundle.dataset_twice", "roster.xlsx!accounts", "accounts.csv")
    ]


def test_xls_is_refused_clearly_and_xlsm_is_read(tmp_path: Path) -> None:
    data = _workbook({"accounts": [["id", "system", "kind"], ["u1", "takuso", "personal"]]})
    folder = bundle(tmp_path, systems_yaml=SYSTEMS, roles_yaml=ROLES)
    write(folder, {"old.xls": b"\xd0\xcf\x11\xe0", "macro.xlsm": data})
    loaded = load_bundle(folder)
    assert [(d.code, str(d.place)) for d in loaded.diagnostics] == [
        ("xlsx.not_supported", "old.xls")
    ]
    assert [r.data["id"] for r in loaded.records["accounts"]] == ["u1"]


def test_wide_matrix_notes_column_is_ignored_and_named(tmp_path: Path) -> None:
    systems = (
        "- id: takuso\n  name: 託送業務システム\n  owner: chuo-pg\n  holds_non_public: true\n"
        "  screens:\n    - {id: TK-010, name: 契約照会, customer_scope: all}\n"
    )
    data = _workbook(
        {
            "マスキング": [
                ["システム", "画面ID", "項目", "takuso-operator", "備考"],
                ["takuso", "TK-010", "契約者名義", "○", "要確認"],
                ["takuso", "TK-010", "供給地点特定番号", "表示", None],
            ]
        }
    )
    folder = bundle(tmp_path, systems_yaml=systems, roles_yaml=ROLES, 点検_xlsx=data)
    prep = _prep(folder)
    assert ("点検.xlsx!マスキング", "備考") in prep.loaded.ignored_columns
    cells = sorted((c.field, c.role, c.access.value) for c in prep.model.cells)
    assert cells == [
        ("contract_holder_name", "takuso-operator", "visible"),
        ("supply_point_id", "takuso-operator", "visible"),
    ]
    first = next(c for c in prep.model.cells if c.field == "contract_holder_name")
    assert str(first.src.place(first.key)) == "点検.xlsx!マスキング!D2"


def test_zero_padded_number_format_shows_the_id_as_displayed(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "従業員"
    ws.append(["社員番号", "氏名"])
    ws.append([123, "山田"])
    ws["A2"].number_format = "00000"
    ws.append([45, "鈴木"])
    folder = bundle(tmp_path)
    wb.save(folder / "people.xlsx")
    prep = _prep(folder)
    assert sorted(prep.model.people) == ["00123", "45"]


def test_messages_name_the_header_the_user_wrote(tmp_path: Path) -> None:
    data = _workbook({"ID台帳": [["ID", "システム", "状態"], ["u1", "takuso", "有効?"]]})
    folder = bundle(tmp_path, systems_yaml=SYSTEMS, roles_yaml=ROLES, 台帳_xlsx=data)
    prep = prepare(folder, Options(lang="ja"))
    got = sorted((d.code, str(d.place), d.message("ja")) for d in prep.errors)
    assert [(c, p) for c, p, _ in got] == [
        ("schema.enum", "台帳.xlsx!ID台帳!C2"),
        ("schema.required", "台帳.xlsx!ID台帳!A2"),
    ]
    assert got[0][2].startswith("状態 (status) の値")
    assert "種別 (kind)" in got[1][2]  # a column the sheet lacks: named by its Japanese header
