"""The same roster (accounts, people, assignments) as YAML, as a Japanese workbook and as CP932
CSV files gives the same C3 findings."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from auditctl.bundle_writer import ORGANIZATION, workbook_bytes, yaml_files
from auditctl.cases import Case
from auditctl.pipeline import check
from auditctl.settings import Options
from tests.rules.harness import patched

AS_OF = date(2026, 11, 27)
ROSTER = ("accounts", "people", "assignments")


def _acc(id_: str, users: list[str], **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": id_,
        "system": "takuso",
        "kind": "personal",
        "users": users,
        "roles": ["takuso-operator"],
        "status": "enabled",
        "created": "2015-04-01",
        "last_login": "2026-11-20",
        "password_changed": "2026-10-01",
        "mfa": True,
        "last_review": "2026-10-01",
    }
    base.update(kw)
    return {k: v for k, v in base.items() if v is not None}


CASE = Case(
    rule="C3",
    name="roster",
    expect=(),
    datasets={
        "people": [
            {"id": "P0003", "name": "田中三郎", "status": "active"},
            {"id": "P0005", "name": "渡辺五郎", "status": "left", "left_on": "2026-10-31"},
            {"id": "P0006", "name": "加藤七海", "status": "active"},
        ],
        "assignments": [
            {"person": "P0003", "unit": "pg-takuso", "from": "2015-04-01", "to": "2026-03-31"},
            {"person": "P0003", "unit": "ep-sales", "from": "2026-04-01"},
            {"person": "P0005", "unit": "pg-haiden", "from": "1990-04-01", "to": "2026-10-31"},
            {"person": "P0006", "unit": "pg-takuso", "from": "2024-04-01"},
            {"person": "P0006", "unit": "ep-sales", "from": "2025-04-01", "to": "2026-11-27"},
        ],
        "accounts": [
            _acc(
                "sh-0001",
                ["P0001", "P0003"],
                kind="shared",
                password_changed="2026-03-15",
                mfa=False,
                last_review="2026-05-30",
            ),
            _acc("u-0003", ["P0003"], status="disabled", last_login="2026-03-31"),
            _acc("u-0005", ["P0005"], last_login="2026-08-28"),
            _acc("u-0006", ["P0006"]),
            _acc("u-0007", ["X0099"]),
            _acc("batch-01", [], kind="service", roles=["takuso-maint"], mfa=False),
            _acc("ep-9001", ["P0001"], system="ep-crm", roles=["crm-user"]),
        ],
    },
    remove={},
    as_of=None,
    config=None,
)

EXPECTED = [
    ("C3-01", "account:takuso/sh-0001"),
    ("C3-01", "account:takuso/u-0006"),
    ("C3-02", "account:takuso/sh-0001"),
    ("C3-03", "account:takuso/sh-0001"),
    ("C3-04", "account:takuso/u-0005"),
    ("C3-05", "account:takuso/u-0005"),
    ("C3-06", "account:takuso/batch-01"),
    ("C3-06", "account:takuso/sh-0001"),
    ("C3-07", "account:takuso/sh-0001"),
    ("C3-08", "person:P0006"),
    ("C3-09", "account:takuso/u-0007"),
    ("C3-10", "person:P0001"),
]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def _data() -> dict[str, Any]:
    return dict(_plain(patched(CASE)))


def _write_yaml(folder: Path, data: dict[str, Any]) -> None:
    for name, text in yaml_files(data).items():
        (folder / name).write_text(text, encoding="utf-8")


def _yaml_bundle(folder: Path) -> Path:
    _write_yaml(folder, _data())
    return folder


DATE_HEADERS = {
    "作成日",
    "最終ログイン",
    "パスワード変更日",
    "棚卸日",
    "退職日",
    "開始日",
    "終了日",
}


def _excel_bundle(folder: Path) -> Path:
    """organization.yaml + one workbook; in the roster sheets every other date is typed as text."""
    data = _data()
    _write_yaml(folder, {k: v for k, v in data.items() if k in ORGANIZATION})
    path = folder / "点検データ.xlsx"
    path.write_bytes(workbook_bytes({k: v for k, v in data.items() if k not in ORGANIZATION}))
    wb = load_workbook(path)
    seen: set[str] = set()
    as_text = as_date = 0
    for sheet in ("ID台帳", "従業員", "所属履歴"):
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            for head, cell in zip(header, row, strict=True):
                seen.add(str(cell.value))
                if head not in DATE_HEADERS or not isinstance(cell.value, datetime):
                    continue
                if cell.row % 2:
                    cell.value = cell.value.strftime("%Y/%m/%d")
                    cell.number_format = "@"
                    as_text += 1
                else:
                    as_date += 1
    assert {"個人", "共用", "有効", "無効", "○", "×", "在籍", "退職"} <= seen
    assert as_text and as_date
    wb.save(path)
    return folder


ACCOUNT_COLUMNS = [
    ("ID", "id"),
    ("システム", "system"),
    ("種別", "kind"),
    ("利用者", "users"),
    ("ロール", "roles"),
    ("状態", "status"),
    ("作成日", "created"),
    ("最終ログイン", "last_login"),
    ("パスワード変更日", "password_changed"),
    ("多要素認証", "mfa"),
    ("棚卸日", "last_review"),
    ("利用端末", "terminals"),
    ("契約", "contract"),
]
PEOPLE_COLUMNS = [
    ("社員番号", "id"),
    ("氏名", "name"),
    ("在籍状況", "status"),
    ("退職日", "left_on"),
]
ASSIGNMENT_COLUMNS = [
    ("社員番号", "person"),
    ("所属", "unit"),
    ("開始日", "from"),
    ("終了日", "to"),
]
JA_VALUES = {
    "personal": "個人",
    "shared": "共用",
    "service": "システム",
    "disaster": "災害対応",
    "enabled": "有効",
    "disabled": "無効",
    "active": "在籍",
    "left": "退職",
}


def _csv_value(value: Any) -> str:
    """As Japanese Excel saves a sheet: 有効/○, dates as 2026/11/27, lists with 、."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "○" if value else "×"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return text.replace("-", "/")
    return JA_VALUES.get(text, text)


def _write_csv(path: Path, columns: list[tuple[str, str]], records: list[dict[str, Any]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([ja for ja, _ in columns])
    for rec in records:
        writer.writerow([_csv_value(rec.get(key)) for _, key in columns])
    path.write_bytes(buf.getvalue().encode("cp932"))


def _csv_bundle(folder: Path) -> Path:
    data = _data()
    _write_yaml(folder, {k: v for k, v in data.items() if k not in ROSTER})
    _write_csv(folder / "accounts.csv", ACCOUNT_COLUMNS, data["accounts"])
    _write_csv(folder / "people.csv", PEOPLE_COLUMNS, data["people"])
    _write_csv(folder / "assignments.csv", ASSIGNMENT_COLUMNS, data["assignments"])
    raw = (folder / "accounts.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # really CP932, as Japanese Excel saves it
    return folder


def _findings(bundle: Path) -> list[tuple[str, str]]:
    report = check(bundle, Options(as_of=AS_OF, lang="ja", rules=("C3",)))
    assert [d.render("en") for d in report.errors] == []
    return sorted((f.rule, f.subject) for f in report.findings)


@pytest.mark.parametrize("form", ["yaml", "xlsx", "csv"])
def test_same_roster_same_c3_findings(form: str, tmp_path: Path) -> None:
    build = {"yaml": _yaml_bundle, "xlsx": _excel_bundle, "csv": _csv_bundle}[form]
    assert _findings(build(tmp_path)) == EXPECTED


def test_messages_do_not_depend_on_the_form(tmp_path: Path) -> None:
    """Names, dates and lists read from Excel or CP932 CSV say exactly what the YAML says."""
    messages = []
    for form, build in (("yaml", _yaml_bundle), ("xlsx", _excel_bundle), ("csv", _csv_bundle)):
        folder = tmp_path / form
        folder.mkdir()
        report = check(build(folder), Options(as_of=AS_OF, lang="ja", rules=("C3",)))
        messages.append(sorted((f.rule, f.subject, f.message) for f in report.findings))
    assert messages[0] == messages[1] == messages[2]
    assert any("田中三郎（P0003、異動日 2026-04-01）" in m for _, _, m in messages[0])
