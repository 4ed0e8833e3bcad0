"""Baselines from the command line: write one, gate only on new findings, count what was fixed,
and refuse a file that is not a usable baseline."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.adoption import AS_OF, account, base_bundle, check_json, cli, counted

ROOT = Path(__file__).resolve().parent.parent


def two_findings(folder: Path, *, third: bool = False, fixed_second: bool = False) -> Path:
    """The base bundle with u-0001 and u-0002 lacking MFA (two C3-06 findings), and optionally
    it-9001 too (a new one), or u-0002 given MFA (one fixed)."""
    accounts = [
        account("u-0001", "P0001", mfa=False),
        account("u-0002", "P0002", mfa=fixed_second),
    ]
    if third:
        accounts.append({**account("it-9001", "P9001", mfa=False), "roles": ["takuso-maint"],
                         "contract": "K-2021-007"})  # fmt: skip
    return base_bundle(folder, {"accounts": accounts})


def write_baseline(bundle: Path, target: Path) -> None:
    run = cli("baseline", str(bundle), "--as-of", AS_OF, "--output", str(target), "--lang", "en")
    assert run.code == 0, run.stderr
    assert "2 finding(s)" in run.stdout


def test_round_trip(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    write_baseline(two_findings(tmp_path / "before"), baseline)

    doc = json.loads(baseline.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schemas" / "baseline.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)
    assert (doc["format"], doc["version"], doc["as_of"]) == ("auditctl-baseline", 1, AS_OF)
    assert [(e["rule"], e["subject"]) for e in doc["findings"]] == [
        ("C3-06", "account:takuso/u-0001"),
        ("C3-06", "account:takuso/u-0002"),
    ]

    # nothing new: the gate passes though both findings remain
    code, report = check_json(tmp_path / "before", "--baseline", str(baseline))
    assert code == 0
    assert counted(report) == []
    assert report["summary"]["baseline"] == {"as_of": AS_OF, "new": 0, "baselined": 2, "fixed": 0}
    assert all(f["baselined"] for f in report["findings"])

    # one new violation: only it counts
    code, report = check_json(
        two_findings(tmp_path / "new", third=True), "--baseline", str(baseline)
    )
    assert code == 1
    assert counted(report) == [("C3-06", "account:takuso/it-9001")]
    assert report["summary"]["baseline"] == {"as_of": AS_OF, "new": 1, "baselined": 2, "fixed": 0}
    assert report["summary"]["total"] == 1
    report_schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(report_schema).validate(report)

    # one fixed: counted as such
    folder = two_findings(tmp_path / "fixed", fixed_second=True)
    code, report = check_json(folder, "--baseline", str(baseline))
    assert code == 0
    assert report["summary"]["baseline"] == {"as_of": AS_OF, "new": 0, "baselined": 1, "fixed": 1}

    # a rule that did not run fixed nothing
    code, report = check_json(folder, "--baseline", str(baseline), "--skip-rule", "C3-06")
    assert report["summary"]["baseline"]["fixed"] == 0


def test_the_table_shows_the_comparison(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    folder = two_findings(tmp_path / "b")
    write_baseline(folder, baseline)
    run = cli("check", str(folder), "--as-of", AS_OF, "--baseline", str(baseline), "--lang", "en")
    assert run.code == 0
    assert "new 0, baselined 2, fixed 0" in run.stdout


def test_the_same_bundle_gives_the_same_baseline_bytes(tmp_path: Path) -> None:
    folder = two_findings(tmp_path / "b")
    write_baseline(folder, tmp_path / "one.json")
    write_baseline(folder, tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_waived_findings_stay_out_of_the_baseline(tmp_path: Path) -> None:
    waiver = {"rule": "C3-06", "subject": "account:takuso/u-0001", "reason": "更改待ち",
              "approved_by": "情報管理責任者", "expires": "2027-01-31"}  # fmt: skip
    folder = base_bundle(
        tmp_path / "b",
        {"accounts": [account("u-0001", "P0001", mfa=False)], "waivers": [waiver]},
    )
    target = tmp_path / "baseline.json"
    run = cli("baseline", str(folder), "--as-of", AS_OF, "--output", str(target))
    assert run.code == 0, run.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["findings"] == []
    # once the waiver has expired the finding is new, not baselined
    code, report = check_json(folder, "--as-of", "2027-02-01", "--baseline", str(target))
    assert code == 1
    assert ("C3-06", "account:takuso/u-0001") in counted(report)
    assert ("W-01", "waiver:1") in counted(report)


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("not json", "not valid JSON"),
        ('{"format": "sarif"}', "not an auditctl baseline"),
        ('{"format": "auditctl-baseline", "version": 2}', "newer auditctl (version 2)"),
        (
            '{"format": "auditctl-baseline", "version": 1, "tool": {"name": "auditctl", '
            '"version": "0"}, "as_of": "2026-11-27", "catalog_digest": "x", '
            '"findings": [{"rule": "C3-06", "subject": "account:takuso/u-0001"}]}',
            "findings/0",
        ),
        (None, "cannot read the file"),
    ],
)
def test_an_unusable_baseline_exits_2_with_a_reason(
    tmp_path: Path, content: str | None, needle: str
) -> None:
    target = tmp_path / "baseline.json"
    if content is not None:
        target.write_text(content, encoding="utf-8")
    folder = two_findings(tmp_path / "b")
    run = cli("check", str(folder), "--baseline", str(target), "--lang", "en")
    assert run.code == 2
    assert f"cannot use the baseline {target}" in run.stderr
    assert needle in run.stderr
    assert "Traceback" not in run.stderr


def test_baseline_needs_an_output_and_a_valid_bundle(tmp_path: Path) -> None:
    folder = two_findings(tmp_path / "b")
    run = cli("baseline", str(folder), "--lang", "en")
    assert run.code == 2
    assert "--output" in run.stderr
    run = cli("baseline", str(tmp_path / "missing"), "--output", str(tmp_path / "x.json"))
    assert run.code == 2
    assert not (tmp_path / "x.json").exists()
