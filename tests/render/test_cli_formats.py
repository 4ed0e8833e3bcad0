"""Every format in one run of the command line, each to its own file; one dispatch for all."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from auditctl.cli.formats import RENDERERS
from auditctl.cli.progress import progress, wanted
from auditctl.render import AVAILABLE, FORMATS
from tests.render.reports import A01_CELL, EXAMPLES, ROOT, valid_junit, valid_sarif


def test_every_format_has_exactly_one_renderer() -> None:
    assert set(RENDERERS) == set(FORMATS) == set(AVAILABLE)


def test_six_formats_in_one_run(tmp_path: Path) -> None:
    names = {
        "sarif": "r.sarif",
        "junit": "r.xml",
        "csv": "r.csv",
        "xlsx": "r.xlsx",
        "markdown": "r.md",
        "html": "r.html",
    }
    pairs = [
        a
        for fmt, name in names.items()
        for a in ("--format", fmt, "--output", str(tmp_path / name))
    ]
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update(LANG="ja_JP.UTF-8", NO_COLOR="1")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditctl",
            "check",
            str(EXAMPLES / "violations"),
            "--as-of",
            "2026-11-27",
            *pairs,
        ],
        check=False,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr.decode()
    assert result.stdout == b"" and result.stderr == b""  # no progress bar when not on a terminal
    out = {fmt: (tmp_path / name).read_bytes() for fmt, name in names.items()}
    sarif = valid_sarif(out["sarif"])
    assert sarif["runs"][0]["invocations"][0]["exitCode"] == 1
    assert any(r["properties"]["subject"] == A01_CELL for r in sarif["runs"][0]["results"])
    valid_junit(out["junit"])
    assert out["csv"].startswith(b"\xef\xbb\xbf\xe9\x87\x8d\xe5\xa4\xa7\xe5\xba\xa6")  # BOM, 重大度
    assert load_workbook(io.BytesIO(out["xlsx"])).sheetnames[:2] == ["概要", "指摘一覧"]
    assert out["markdown"].decode().startswith("### auditctl: ")
    assert b"<!DOCTYPE html>" in out["html"][:20]
    assert json.loads(out["sarif"])["runs"][0]["tool"]["driver"]["language"] == "ja"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_no_progress_bar_unless_a_person_watches_a_table() -> None:
    # pytest captures both streams: neither is a terminal here
    assert not wanted(["table"], quiet=False)
    assert not wanted(["json"], quiet=False)
    with progress(False, "ja") as step:
        assert step is None


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_progress_bar_for_a_table_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import auditctl.cli.progress as module

    monkeypatch.setattr(module, "sys", SimpleNamespace(stdout=_Terminal(), stderr=_Terminal()))
    assert wanted(["table"], quiet=False)
    assert not wanted(["table", "sarif"], quiet=False)  # a machine reads one of the outputs
    assert not wanted(["table"], quiet=True)
    with progress(True, "en") as step:
        assert step is not None
        step("load")
        step("rules")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_same_bundle_and_date_same_bytes(fmt: str) -> None:
    from auditctl.pipeline import check
    from auditctl.settings import Options
    from tests.render.reports import AS_OF, example

    again = check(EXAMPLES / "violations-xlsx", Options(as_of=AS_OF, lang="ja"))
    assert RENDERERS[fmt](again) == RENDERERS[fmt](example("violations-xlsx"))
