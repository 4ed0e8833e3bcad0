"""Which files are read: the bundle's logs/ folder and --logs as a file, a glob or a folder."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from auditctl.logs.discover import LogFile, discover, scan_file


def touch(path: Path, text: str = "timestamp,system,account,action\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_bundle_folder_and_extra_paths_sorted_and_each_once(tmp_path: Path) -> None:
    root = tmp_path / "b"
    touch(root / "logs" / "b.csv")
    touch(root / "logs" / "sub" / "a.csv")
    outside = tmp_path / "more"
    touch(outside / "x.csv")
    touch(outside / "y.csv.gz")
    touch(outside / "notes.txt")
    files, problems = discover(
        root,
        ["logs/b.csv", "logs/sub/a.csv"],
        [str(outside), str(outside / "x.csv"), str(root / "logs" / "b.csv")],
    )
    assert problems == []
    assert [f.shown for f in files] == [
        "logs/b.csv",
        "logs/sub/a.csv",
        (outside / "x.csv").as_posix(),
        (outside / "y.csv.gz").as_posix(),
    ]


def test_glob(tmp_path: Path) -> None:
    for name in ("2026-09.csv", "2026-10.csv", "2026-10.csv.gz", "2025-10.csv"):
        touch(tmp_path / "l" / name)
    files, problems = discover(tmp_path / "b", [], [str(tmp_path / "l" / "2026-*")])
    assert problems == []
    assert [f.path.name for f in files] == ["2026-09.csv", "2026-10.csv", "2026-10.csv.gz"]


def test_paths_that_name_nothing_are_errors(tmp_path: Path) -> None:
    touch(tmp_path / "notes.txt")
    (tmp_path / "empty").mkdir()
    _, problems = discover(
        tmp_path,
        [],
        [
            str(tmp_path / "nope.csv"),
            str(tmp_path / "*.csv"),
            str(tmp_path / "empty"),
            str(tmp_path / "notes.txt"),
        ],
    )
    assert [p.code for p in problems] == [
        "logs.missing",
        "logs.no_match",
        "logs.none_in_folder",
        "logs.not_csv",
    ]
    assert all(p.place is not None for p in problems)


def test_scan_hashes_the_stored_bytes_and_finds_blank_lines(tmp_path: Path) -> None:
    text = "h\r\na\r\n\r\nb\n\nc\n"  # blank lines 3 (CRLF) and 5
    plain = touch(tmp_path / "a.csv", text)
    packed = tmp_path / "a.csv.gz"
    packed.write_bytes(gzip.compress(text.encode()))
    for path in (plain, packed):
        scanned = scan_file(LogFile(path, path.name))
        assert scanned.input.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert scanned.input.size == path.stat().st_size
        assert scanned.blank_lines == [3, 5]


def test_blank_lines_found_across_chunk_edges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is searched in pieces; a blank line split between two pieces is still found, and
    a file without one is read only once."""
    import auditctl.logs.discover as discover_module

    monkeypatch.setattr(discover_module, "CHUNK", 4)
    for text, blanks in [
        ("h\nb\n\ncd\n", [3]),  # "\n" ends the first piece, "\n" starts the next
        ("h\nab\r\n\r\nd\n", [3]),  # "\r\n\r\n" split between pieces
        ("hh\nab\ncd\nef\n", []),
        ("h\n\na\n", [2]),
        ("h\r\nab\r\n\r\n", [3]),
    ]:
        path = touch(tmp_path / "a.csv", text)
        assert scan_file(LogFile(path, path.name)).blank_lines == blanks, text
