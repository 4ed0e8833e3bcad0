"""Hostile and broken input: a clear, placed error (exit 2) or a correct read; never a traceback,
never a hang, never a write into the bundle, never a file it was not given."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from auditctl.cli import output
from auditctl.load.bundle import load_bundle
from tests.helpers import ORG, bundle, write
from tests.hostile.files import hostile_bundles, rewrite_member, workbook, zip_bomb

GIB = 1 << 30


def codes(folder: Path) -> list[tuple[str, str]]:
    return sorted((d.code, str(d.place)) for d in load_bundle(folder).diagnostics)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hostile_bundles(tmp_path_factory.mktemp("hostile"))


EXPECTED = {
    "yaml-alias-bomb": ("yaml.too_complex", "roles.yaml"),
    "yaml-deep": ("yaml.syntax", "roles.yaml"),
    "yaml-huge-scalar": ("limit.cell", "roles.yaml:1:34"),
    "yaml-python-tag": ("yaml.tag", "roles.yaml:1:3"),
    "xlsx-zip-bomb": ("limit.unpacked", "roster.xlsx"),
    "xlsx-xxe": ("xlsx.unsafe", "roster.xlsx"),
    "xlsx-encrypted": ("xlsx.encrypted", "roster.xlsx"),
    "xlsx-corrupt": ("xlsx.unreadable", "roster.xlsx"),
    "csv-utf16": ("csv.encoding", "accounts.csv"),
    "csv-ragged": ("table.extra_cell", "accounts.csv:2"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_is_refused_with_its_place(hostile: dict[str, Path], name: str) -> None:
    code, place = EXPECTED[name]
    found = codes(hostile[name])
    assert any(c == code and p.startswith(place) for c, p in found), found


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_under_one_gib_each_hostile_bundle_exits_2_quickly(
    hostile: dict[str, Path], name: str
) -> None:
    folder = hostile[name]
    before = sorted(os.listdir(folder))
    result = subprocess.run(
        [sys.executable, "-m", "auditctl", "check", str(folder), "--lang", "en"],
        preexec_fn=_limit_memory,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(os.listdir(folder)) == before  # nothing written into the bundle
    assert "pwned" not in result.stdout + result.stderr


def test_formula_without_cached_value_is_an_error_at_its_cell(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "accounts"
    ws.append(["id", "system", "kind"])
    ws.append(["u1", "takuso", '=IF(TRUE,"personal","shared")'])  # openpyxl saves no result
    folder = bundle(tmp_path)
    wb.save(folder / "roster.xlsx")
    assert codes(folder) == [("xlsx.formula_no_value", "roster.xlsx!accounts!C2")]


def test_merged_header_hides_no_value(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "people"
    ws.append(["社員番号", "氏名", None])
    ws.merge_cells("B1:C1")
    ws.append(["P1", "山田", "太郎"])
    folder = bundle(tmp_path)
    wb.save(folder / "people.xlsx")
    assert codes(folder) == [("table.extra_cell", "people.xlsx!people!C2")]


def test_hidden_sheet_is_read_like_any_other(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "従業員"
    ws.sheet_state = "hidden"
    ws.append(["社員番号", "氏名"])
    ws.append(["P1", "山田"])
    wb.create_sheet("表紙")
    folder = bundle(tmp_path)
    wb.save(folder / "people.xlsx")
    loaded = load_bundle(folder)
    assert loaded.diagnostics == []
    assert [r.data["id"] for r in loaded.records["people"]] == ["P1"]


def test_trailing_empty_rows_and_columns_and_text_numbers(tmp_path: Path) -> None:
    data = workbook(
        [
            ["社員番号", "氏名", None, None],
            ["00012", "山田", None, None],
            [None, None, None, None],
            [None] * 4,
        ]
    )
    folder = bundle(tmp_path, 台帳_xlsx=data)
    data = rewrite_member(data, "docProps/app.xml", b'<?xml version="1.0"?><Properties/>')
    (folder / "台帳.xlsx").write_bytes(data)
    loaded = load_bundle(folder)
    assert loaded.diagnostics == []


def test_csv_mixed_line_endings_and_quoted_newlines(tmp_path: Path) -> None:
    text = '社員番号,氏名\r\nP1,"山田\n太郎"\nP2,鈴木\rP3,佐藤\r\n'
    folder = bundle(tmp_path, people_csv=text.encode("cp932"))
    loaded = load_bundle(folder)
    assert loaded.diagnostics == []
    assert [(r.data["id"], r.row) for r in loaded.records["people"]] == [
        ("P1", 2),
        ("P2", 4),
        ("P3", 5),
    ]


def test_symlink_outside_the_bundle_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("- {id: stolen, name: x}\n", encoding="utf-8")
    folder = bundle(tmp_path / "b")
    os.symlink(secret, folder / "people.yaml")
    loaded = load_bundle(folder)
    assert [(d.code, str(d.place)) for d in loaded.diagnostics] == [
        ("file.symlink_outside", "people.yaml")
    ]
    assert "people" not in loaded.records
    assert all(i.path != "people.yaml" for i in loaded.inputs)


def test_unreadable_file_is_an_error_not_a_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = bundle(tmp_path, people_yaml="- {id: P1, name: 山田}\n")
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "people.yaml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert codes(folder) == [("file.unreadable", "people.yaml")]


def test_fifo_and_folder_named_like_data_are_refused_without_blocking(tmp_path: Path) -> None:
    folder = bundle(tmp_path)
    os.mkfifo(folder / "people.csv")
    (folder / "accounts.yaml").mkdir()
    (folder / "logs").write_text("not a folder", encoding="utf-8")
    assert codes(folder) == [
        ("bundle.logs_not_folder", "logs"),
        ("file.is_folder", "accounts.yaml"),
        ("file.not_regular", "people.csv"),
    ]


def test_non_utf8_file_name_is_printable(tmp_path: Path) -> None:
    folder = bundle(tmp_path)
    name = os.fsdecode(b"\xff\xfe.yaml")
    (folder / name).write_text("- x\n", encoding="utf-8")
    loaded = load_bundle(folder)
    assert loaded.ignored_files == ["\ufffd\ufffd.yaml"]
    result = subprocess.run(
        [sys.executable, "-m", "auditctl", "validate", str(folder), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_empty_folder_and_file_instead_of_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for target, needle in (("empty", "organization.yaml is missing"), ("file", "is not a folder")):
        result = subprocess.run(
            [sys.executable, "-m", "auditctl", "check", str(tmp_path / target), "--lang", "en"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2 and needle in result.stderr


def test_file_size_limit_is_configurable(tmp_path: Path) -> None:
    big = "- {id: P1, name: " + "x" * (2 * 1024 * 1024) + "}\n"
    folder = bundle(tmp_path, people_yaml=big, auditctl_yaml="limits: {max_file_mb: 1}\n")
    found = load_bundle(folder).diagnostics
    assert [(d.code, str(d.place)) for d in found] == [("file.too_large", "people.yaml")]
    assert "limits.max_file_mb" in found[0].message("en")
    write(folder, {"auditctl.yaml": "limits: {max_file_mb: 3, max_cell_chars: 3000000}\n"})
    assert load_bundle(folder).diagnostics == []


def test_zip_bomb_limit_is_configurable(tmp_path: Path) -> None:
    folder = bundle(
        tmp_path, auditctl_yaml="limits: {max_unpacked_mb: 2}\n", roster_xlsx=zip_bomb(3)
    )
    found = load_bundle(folder).diagnostics
    assert [d.code for d in found] == ["limit.unpacked"]
    assert "limits.max_unpacked_mb" in found[0].message("en")


def test_row_limit(tmp_path: Path) -> None:
    rows = "社員番号,氏名\n" + "".join(f"P{i},n\n" for i in range(10))
    folder = bundle(tmp_path, people_csv=rows, auditctl_yaml="limits: {max_rows: 5}\n")
    assert codes(folder) == [("limit.rows", "people.csv:7")]


def test_failed_write_leaves_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("previous", encoding="utf-8")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", fail)
    with pytest.raises(OSError):
        output.write_atomic(target, b"new")
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_organization_fixture_is_valid(tmp_path: Path) -> None:
    folder = bundle(tmp_path)
    assert (folder / "organization.yaml").read_text(encoding="utf-8") == ORG
    assert codes(folder) == []


def test_report_gets_the_usual_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    old = os.umask(0o022)
    try:
        output.write_atomic(target, b"{}")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
