"""`auditctl init`: the starter bundle, as commented YAML or as one workbook, validates and checks
clean at once, holds every dataset, and never overwrites what is there."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from auditctl.load.specs import specs
from tests.adoption import AS_OF, check_json, cli, counted

DAY = AS_OF  # check_json checks as of this day too
DATASETS = ["organization", "people", "systems", "roles", "masking", "fields", "accounts",
            "terminals", "contracts", "data_flows", "disaster", "attestations", "waivers",
            "logs"]  # fmt: skip


def init(folder: Path, *extra: str) -> None:
    run = cli("init", str(folder), "--as-of", DAY, "--lang", "en", *extra)
    assert run.code == 0, run.stderr
    assert "wrote a starter bundle" in run.stdout


@pytest.mark.parametrize("form", [[], ["--excel"]], ids=["yaml", "excel"])
def test_the_starter_validates_and_checks_clean(tmp_path: Path, form: list[str]) -> None:
    folder = tmp_path / "bundle"
    init(folder, *form)
    run = cli("validate", str(folder), "--lang", "en")
    assert run.code == 0, run.stderr
    code, report = check_json(folder)
    assert code == 0
    assert report["datasets"]["absent"] == []
    assert sorted(report["datasets"]["present"]) == sorted(DATASETS)
    assert report["ignored"] == {"columns": [], "files": []}
    assert counted(report) == []
    # the example waiver is in use: it hides the one finding the starter keeps on purpose
    assert [(f["rule"], f["waived"]) for f in report["findings"]] == [("C3-06", True)]


def test_the_starter_checks_clean_today(tmp_path: Path) -> None:
    """Written without --as-of, its dates count back from today, so today's check is clean."""
    folder = tmp_path / "bundle"
    run = cli("init", str(folder))
    assert run.code == 0, run.stderr
    assert cli("check", str(folder)).code == 0


def test_every_yaml_file_explains_itself_in_japanese(tmp_path: Path) -> None:
    init(tmp_path / "b")
    for path in sorted((tmp_path / "b").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# {path.name} — "), path.name
        assert "記入例です" in text
        yaml.safe_load(text)  # plain YAML, whatever the comments
    accounts = (tmp_path / "b" / "accounts.yaml").read_text(encoding="utf-8")
    for key in specs()["accounts"].props:
        if key != "contract":  # the example is the operator's own staff
            line = next(x for x in accounts.splitlines() if x.lstrip("- ").startswith(f"{key}:"))
            assert "  # " in line, line
    assert "個人" in accounts  # the Japanese word of each enumerated value


def test_the_workbook_has_every_sheet_japanese_headers_and_drop_downs(tmp_path: Path) -> None:
    init(tmp_path / "b", "--excel")
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == sorted(
        ["organization.yaml", "auditctl.yaml", "点検データ.xlsx", "logs"]
    )
    wb = openpyxl.load_workbook(tmp_path / "b" / "点検データ.xlsx")
    assert wb.sheetnames == ["従業員", "所属履歴", "システム", "画面", "ロール", "マスキング",
                             "項目分類", "ID台帳", "端末台帳", "委託契約", "データ授受",
                             "災害対応", "災害発生", "自己点検", "例外承認"]  # fmt: skip
    ws = wb["ID台帳"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["ログインID", "システム", "種別"]
    assert ws.max_row == 2  # one example row
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["C2:C1001"] == '"個人,共用,システム,災害対応"'
    assert lists["F2:F1001"] == '"有効,無効"'


def test_the_same_day_gives_the_same_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        init(tmp_path / name, "--excel")
    for path in (tmp_path / "a").rglob("*"):
        if path.is_file():
            twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
            assert path.read_bytes() == twin.read_bytes(), path.name


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "accounts.yaml").write_text("# mine\n[]\n", encoding="utf-8")
    run = cli("init", str(folder), "--lang", "en")
    assert run.code == 2
    assert "accounts.yaml already exists; use --force" in run.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["accounts.yaml"]  # nothing written
    assert (folder / "accounts.yaml").read_text(encoding="utf-8") == "# mine\n[]\n"
    init(folder, "--force")
    assert (folder / "accounts.yaml").read_text(encoding="utf-8").startswith("# accounts.yaml")
