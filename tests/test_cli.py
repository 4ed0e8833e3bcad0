"""The command line end to end: exit codes, standard error with places, files written atomically."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import SYSTEMS, bundle
from tests.rules.harness import materialise
from tests.test_base_bundle import BASE

ROOT = Path(__file__).resolve().parent.parent


def run(
    *args: str, cwd: Path | None = None, lang: str = "C.UTF-8"
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update(LANG=lang, NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "auditctl", *args],
        check=False,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture
def five_errors(tmp_path: Path) -> Path:
    """Five input errors in three files: two YAML files and one CSV file."""
    return bundle(
        tmp_path / "broken",
        systems_yaml=SYSTEMS.replace("holds_non_public: true", "holds_non_public: perhaps"),
        roles_yaml="- {id: takuso-operator, system: takuso, purpose: selling}\n- {id: r2, system: takuso, purpose: audit, extra: 1}\n",
        accounts_csv="ID,システム,種別,状態,作成日\nu1,takuso,個人,有効,2026/13/01\nu2,takuso,人,有効,2026/01/01\n",
    )


@pytest.mark.parametrize(("lang", "needle"), [("ja", "使える値"), ("en", "expected one of")])
def test_validate_lists_every_error_with_its_place(
    five_errors: Path, lang: str, needle: str
) -> None:
    result = run("validate", str(five_errors), "--lang", lang)
    assert result.returncode == 2
    lines = [
        line
        for line in result.stderr.splitlines()
        if line.startswith(("accounts", "roles", "systems"))
    ]
    places = [line.split(": ", 1)[0] for line in lines]
    assert places == [
        "accounts.csv:2",
        "accounts.csv:3",
        "roles.yaml:1:50",
        "roles.yaml:2:51",
        "systems.yaml:4:21",
    ]
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_check_on_broken_bundle_exits_2_and_json_carries_the_errors(
    five_errors: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    result = run(
        "check", str(five_errors), "--format", "json", "--output", str(out), "--lang", "en"
    )
    assert result.returncode == 2
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["errors"]) == 5
    assert report["summary"]["exit_code"] == 2


def test_valid_bundle_exits_0_and_validate_says_so(tmp_path: Path) -> None:
    folder = materialise(BASE, "yaml", tmp_path / "ok")
    assert run("validate", str(folder), "--lang", "en").returncode == 0
    result = run("check", str(folder), "--as-of", "2026-11-27", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Verdict: PASS" in result.stdout


def test_json_report_validates_and_is_byte_identical(tmp_path: Path) -> None:
    folder = materialise(BASE, "yaml", tmp_path / "ok")
    outs = []
    for i in range(2):
        out = tmp_path / f"r{i}.json"
        result = run(
            "check", str(folder), "--as-of", "2026-11-27", "--format", "json", "--output", str(out)
        )
        assert result.returncode == 0, result.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        json.loads(outs[0])
    )


def test_output_is_replaced_atomically_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    folder = materialise(BASE, "yaml", tmp_path / "ok")
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    assert (
        run(
            "check", str(folder), "--as-of", "2026-11-27", "--format", "json", "--output", str(out)
        ).returncode
        == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))["tool"]["name"] == "auditctl"
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.json"]


def test_unwritable_output_is_exit_2_and_leaves_the_bundle_untouched(tmp_path: Path) -> None:
    folder = materialise(BASE, "yaml", tmp_path / "ok")
    before = sorted(p.name for p in folder.iterdir())
    result = run(
        "check",
        str(folder),
        "--format",
        "json",
        "--output",
        str(tmp_path / "missing" / "r.json"),
        "--lang",
        "en",
    )
    assert result.returncode == 2
    assert "cannot write" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--rule", "Z-99"], "unknown rule ID: Z-99"),
        (["--skip-rule", "A-99"], "unknown rule ID: A-99"),
        (["--typology", "C4"], "unknown typology: C4"),
        (["--fail-on", "severe"], "unknown severity: severe"),
        (["--format", "pdf"], "unknown format: pdf"),
        (["--as-of", "2026-02-30"], "cannot read the date"),
        (["--lang", "fr"], "unknown language: fr"),
    ],
)
def test_wrong_command_line_is_exit_2(tmp_path: Path, args: list[str], needle: str) -> None:
    folder = materialise(BASE, "yaml", tmp_path / "ok")
    result = (
        run("check", str(folder), *args, "--lang", "en")
        if "--lang" not in args
        else run("check", str(folder), *args)
    )
    assert result.returncode == 2
    assert needle in result.stderr


def test_missing_bundle_is_exit_2_in_japanese(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope"), lang="ja_JP.UTF-8")
    assert result.returncode == 2
    assert "見つかりません" in result.stderr


def test_rules_lists_the_catalog_and_show_prints_one_rule() -> None:
    listing = run("rules", "--format", "json", "--lang", "en")
    assert listing.returncode == 0
    rules = json.loads(listing.stdout)
    assert len(rules) == 68 and {r["typology"] for r in rules} == {
        "A",
        "B",
        "C1",
        "C2",
        "C3",
        "L",
        "Q",
        "W",
    }
    shown = run("rules", "show", "A-01", "--lang", "ja")
    assert shown.returncode == 0
    assert "電気事業法第23条第1項第1号" in shown.stdout
    assert run("rules", "show", "Z-01").returncode == 2


def test_schema_lists_and_prints() -> None:
    listing = run("schema")
    assert listing.returncode == 0 and "accounts" in listing.stdout and "report" in listing.stdout
    accounts = json.loads(run("schema", "accounts").stdout)
    assert accounts["x-dataset"] == "accounts"
    assert run("schema", "nope").returncode == 2


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("auditctl ")
