"""`check --logs` end to end: a file, a glob and a folder; the JSON report's inputs and logs
summary against the schema; a path that names nothing is exit status 2, in both languages."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema

from tests.logs.conftest import HEADER_EN, HEADER_JA
from tests.test_cli import ROOT, run

ROW = "2026-10-01 10:00:00,takuso,dr-0001,DT-01,TK-010,view,1\n"  # L-03: no declaration
ROW_JA = "2026-10-02 10:00:00,takuso,dr-0001,DT-01,TK-010,照会,1\n"


def test_logs_as_file_glob_and_folder(base: Path, tmp_path: Path) -> None:
    logs = tmp_path / "exported"
    logs.mkdir()
    (logs / "a.csv").write_text(HEADER_EN + ROW, encoding="utf-8")
    (logs / "b.csv").write_text(HEADER_JA + ROW_JA, encoding="utf-8")
    sub = tmp_path / "more" / "deep"
    sub.mkdir(parents=True)
    (sub / "c.csv").write_text(HEADER_EN + ROW.replace("10-01", "10-03"), encoding="utf-8")
    out = tmp_path / "report.json"
    result = run(
        "check", str(base), "--as-of", "2026-11-27", "--typology", "L", "--format", "json",
        "--output", str(out), "--logs", str(logs / "a.csv"), "--logs", str(logs / "b*.csv"),
        "--logs", str(tmp_path / "more"),
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    assert [(f["rule"], f["subject"]) for f in doc["findings"]] == [
        ("L-03", "account:takuso/dr-0001")
    ]
    assert doc["logs"]["rows_read"] == 3 and doc["logs"]["rows_rejected"] == 0
    assert (doc["logs"]["first"], doc["logs"]["last"]) == (
        "2026-10-01 10:00:00",
        "2026-10-03 10:00:00",
    )
    hashes = {i["path"]: i["sha256"] for i in doc["inputs"]}
    for path in (logs / "a.csv", logs / "b.csv", sub / "c.csv"):
        assert hashes[path.as_posix()] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert "logs" in doc["datasets"]["present"]


def test_table_reports_what_was_read(base: Path) -> None:
    (base / "logs").mkdir()
    (base / "logs" / "a.csv").write_text(
        HEADER_EN + ROW + "2026-10-01 99:00,takuso,dr-0001,DT-01,TK-010,view,1\n", encoding="utf-8"
    )
    ja = run("check", str(base), "--as-of", "2026-11-27", "--typology", "L", "--lang", "ja")
    assert ja.returncode == 1
    assert "アクセスログ: 1 ファイル、2 行" in ja.stdout
    assert "logs/a.csv:3 日時を読めません" in ja.stdout
    assert ja.stderr == ""  # no progress bar when not on a terminal


def test_a_logs_path_that_names_nothing_is_an_input_error(base: Path, tmp_path: Path) -> None:
    for lang, needle in (("ja", "--logs で指定したパスがありません"), ("en", "the --logs path")):
        result = run(
            "check", str(base), "--as-of", "2026-11-27", "--lang", lang,
            "--logs", str(tmp_path / "missing.csv"),
        )  # fmt: skip
        assert result.returncode == 2
        assert f"missing.csv: {needle}" in result.stderr
        assert "Traceback" not in result.stderr
