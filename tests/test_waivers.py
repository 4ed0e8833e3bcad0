"""Waivers from the command line: what they hide, the expiry boundary, unused waivers (W-02), and
the waivers auditctl.yaml forbids (input errors, exit 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.adoption import AS_OF, account, base_bundle, check_json, cli, counted

NO_MFA = "account:takuso/u-0001"  # the C3-06 finding (low) every test here starts from


def waiver(expires: str, **over: str) -> dict[str, Any]:
    return {
        "rule": "C3-06",
        "subject": NO_MFA,
        "reason": "MFA は2026年度内のシステム更改で導入予定",
        "approved_by": "情報管理責任者 山田",
        "expires": expires,
        **over,
    }


def bundle(tmp: Path, waivers: list[dict[str, Any]], form: str = "yaml", **config: Any) -> Path:
    data = {"accounts": [account("u-0001", "P0001", mfa=False)], "waivers": waivers}
    return base_bundle(tmp / form, data, {"waivers": config} if config else None, form)


@pytest.mark.parametrize("form", ["yaml", "xlsx"])
def test_a_waiver_holds_through_its_expires_day_and_not_a_day_longer(
    tmp_path: Path, form: str
) -> None:
    folder = bundle(tmp_path, [waiver("2026-11-27")], form)

    code, report = check_json(folder)  # the as-of date is the expires day
    assert code == 0
    assert counted(report) == []
    (finding,) = report["findings"]
    assert (finding["rule"], finding["subject"], finding["waived"]) == ("C3-06", NO_MFA, True)
    assert finding["waiver"]["reason"] == "MFA は2026年度内のシステム更改で導入予定"
    assert finding["waiver"]["approved_by"] == "情報管理責任者 山田"
    assert finding["waiver"]["expires"] == "2026-11-27"
    assert report["summary"]["waived"] == 1

    code, report = check_json(folder, "--as-of", "2026-11-28")  # the day after
    assert code == 1
    assert counted(report) == [("C3-06", NO_MFA), ("W-01", "waiver:1")]
    w01 = next(f for f in report["findings"] if f["rule"] == "W-01")
    assert w01["severity"] == "medium"
    assert w01["locations"][0]["file"] == ("waivers.yaml" if form == "yaml" else "点検データ.xlsx")


def test_a_waiver_that_matches_nothing_is_w02_info_and_does_not_fail(tmp_path: Path) -> None:
    folder = bundle(tmp_path, [waiver("2027-03-31"), waiver("2027-03-31", subject="account:u-1")])
    code, report = check_json(folder)
    assert code == 0  # info is below the default --fail-on low
    assert counted(report) == [("W-02", "waiver:2")]
    w02 = next(f for f in report["findings"] if f["rule"] == "W-02")
    assert w02["severity"] == "info"
    assert report["summary"]["waived"] == 1
    # with the failing level lowered to info, the stale waiver fails the gate
    code, _ = check_json(folder, "--fail-on", "info")
    assert code == 1


def test_a_waiver_is_not_called_unused_when_its_rule_did_not_run(tmp_path: Path) -> None:
    folder = bundle(tmp_path, [waiver("2027-03-31", subject="account:takuso/u-0002")])
    _, report = check_json(folder)
    assert counted(report) == [("C3-06", NO_MFA), ("W-02", "waiver:1")]
    _, report = check_json(folder, "--skip-rule", "C3-06")
    assert counted(report) == []


def run_invalid(folder: Path) -> list[str]:
    run = cli("check", str(folder), "--as-of", AS_OF, "--lang", "en")
    assert run.code == 2, run.stdout
    return [line for line in run.stderr.splitlines() if "Traceback" not in line]


def test_a_waiver_of_an_unwaivable_rule_is_an_input_error_at_its_rule(tmp_path: Path) -> None:
    folder = bundle(tmp_path, [waiver("2027-03-31")], unwaivable=["C3-06"])
    lines = run_invalid(folder)
    assert any(
        line.startswith("waivers.yaml:1:") and "C3-06" in line and "waivers.unwaivable" in line
        for line in lines
    ), lines


def test_a_waiver_longer_than_max_days_is_an_input_error_at_its_expiry(tmp_path: Path) -> None:
    # 2026-11-27 + 90 days = 2027-02-25: allowed; one day more is not
    ok = bundle(tmp_path / "ok", [waiver("2027-02-25")], max_days=90)
    code, _ = check_json(ok)
    assert code == 0
    folder = bundle(tmp_path / "long", [waiver("2027-02-26")], max_days=90)
    text = (folder / "waivers.yaml").read_text(encoding="utf-8").splitlines()
    line_no = next(i for i, line in enumerate(text, 1) if "expires:" in line)
    col = text[line_no - 1].index("expires:") + len("expires: ") + 1
    lines = run_invalid(folder)
    assert any(
        line.startswith(f"waivers.yaml:{line_no}:{col}:")
        and "91 days" in line
        and "max_days" in line
        for line in lines
    ), lines


def test_a_waiver_of_a_waiver_rule_is_an_input_error(tmp_path: Path) -> None:
    folder = bundle(tmp_path, [waiver("2027-03-31", rule="W-02", subject="waiver:1")])
    lines = run_invalid(folder)
    assert any("W-02" in line and "cannot be waived" in line for line in lines), lines


@pytest.mark.parametrize("form", ["yaml", "xlsx"])
def test_a_waiver_without_an_approver_is_an_input_error(tmp_path: Path, form: str) -> None:
    incomplete = waiver("2027-03-31")
    del incomplete["approved_by"]
    lines = run_invalid(bundle(tmp_path, [incomplete], form))
    assert any("approved_by" in line for line in lines), lines


def test_a_waived_finding_is_a_sarif_suppression(tmp_path: Path) -> None:
    import json

    folder = bundle(tmp_path, [waiver("2027-03-31")])
    run = cli("check", str(folder), "--as-of", AS_OF, "--format", "sarif", "--lang", "en")
    assert run.code == 0, run.stderr
    (result,) = json.loads(run.stdout)["runs"][0]["results"]
    assert result["ruleId"] == "C3-06"
    (suppression,) = result["suppressions"]
    assert suppression["status"] == "accepted"
    assert suppression["justification"] == "MFA は2026年度内のシステム更改で導入予定"
