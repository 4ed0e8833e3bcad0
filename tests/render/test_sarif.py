"""SARIF: valid against the OASIS schema, placed as cli.md says, and fit for GitHub code scanning."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from auditctl.places import Place
from auditctl.render.sarif import LEVELS, SECURITY_SEVERITY, render_sarif
from auditctl.severity import Severity
from tests.render.reports import A01_CELL, broken, example, finding, tiny, valid_sarif

BUNDLES = ["violations", "violations-xlsx", "clean", "clean-xlsx"]


def results_by_subject(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["properties"]["subject"]: r for r in doc["runs"][0]["results"]}


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("folder", BUNDLES)
def test_every_example_gives_valid_sarif(folder: str, lang: str) -> None:
    report = example(folder, lang)
    doc = valid_sarif(render_sarif(report))
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0"
    assert len(run["results"]) == len(report.findings)
    assert run["invocations"] == [
        {"executionSuccessful": True, "exitCode": 1 if folder.startswith("violations") else 0}
    ]
    # GitHub code scanning rejects a result without a physical location.
    for result in run["results"]:
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    # waived findings, and only they, are suppressed with the waiver's reason
    for f, result in zip(report.findings, run["results"], strict=True):
        assert result["ruleId"] == f.rule
        if f.waived:
            assert result["suppressions"][0]["justification"] == (f.waiver or {})["reason"]
        else:
            assert "suppressions" not in result


def test_levels_and_scores_are_decided_in_one_table() -> None:
    assert {s.value: LEVELS[s] for s in Severity} == {
        "critical": "error",
        "high": "error",
        "medium": "warning",
        "low": "warning",
        "info": "note",
    }
    assert [float(SECURITY_SEVERITY[s]) for s in Severity] == [9.5, 8.0, 5.5, 3.0, 0.0]


def test_rules_carry_both_languages_help_and_security_severity() -> None:
    doc = valid_sarif(render_sarif(example("violations", "ja")))
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    a01 = rules["A-01"]
    assert a01["shortDescription"]["text"] == "送配電限り情報が小売側ロールに表示されている"
    assert (
        a01["properties"]["en"]["shortDescription"]["text"]
        == "Network-only field visible to a competitive role"
    )
    assert a01["properties"]["security-severity"] == "9.5"
    assert a01["defaultConfiguration"]["level"] == "error"
    assert "typology:A" in a01["properties"]["tags"]
    assert "電気事業法第23条第1項第1号" in a01["help"]["markdown"]
    assert "helpUri" not in a01  # the catalog sets none: no made-up link
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://pypi.org/project/auditctl/"
    # each result points at its rule
    for result in doc["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_yaml_places_are_regions_relative_to_the_bundle() -> None:
    report = copy.copy(example("violations"))
    report.bundle = "examples/violations"  # as a user in the repository root names it
    doc = valid_sarif(render_sarif(report))
    run = doc["runs"][0]
    assert run["originalUriBaseIds"]["BUNDLE"] == {
        "uri": "examples/violations/",
        "uriBaseId": "%SRCROOT%",
    }
    a01 = results_by_subject(doc)[A01_CELL]
    physical = a01["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "masking.yaml"
    assert physical["artifactLocation"]["uriBaseId"] == "BUNDLE"
    assert physical["region"]["startLine"] > 1 and physical["region"]["startColumn"] > 1
    assert a01["message"]["text"].startswith(A01_CELL + ": ")
    assert a01["level"] == "error"
    assert a01["partialFingerprints"] == {"auditctl/v1": a01_fingerprint()}
    for result in run["results"]:  # never doubled: no URI repeats the bundle's own path
        for loc in [*result["locations"], *result.get("relatedLocations", [])]:
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            assert not uri.startswith(("examples", "/", "file:")), uri


def a01_fingerprint() -> str:
    from auditctl.findings import fingerprint

    return fingerprint("A-01", A01_CELL)


def test_excel_places_are_the_workbook_and_a_logical_cell() -> None:
    doc = valid_sarif(render_sarif(example("violations-xlsx")))
    a01 = results_by_subject(doc)[A01_CELL]
    loc = a01["locations"][0]
    artifact = loc["physicalLocation"]["artifactLocation"]
    assert unquote(artifact["uri"]) == "点検データ.xlsx"
    assert "region" not in loc["physicalLocation"]
    (logical,) = loc["logicalLocations"]
    sheet, _, cell = logical["fullyQualifiedName"].partition("!")
    assert sheet == "マスキング" and cell == logical["name"] and cell[0].isalpha()
    assert logical["kind"] == "element"
    # the artifact index points at the workbook, listed with its SHA-256
    listed = doc["runs"][0]["artifacts"][artifact["index"]]
    assert unquote(listed["location"]["uri"]) == "点検データ.xlsx"
    assert len(listed["hashes"]["sha-256"]) == 64


def test_related_locations_waivers_and_baselines() -> None:
    places = (
        Place("accounts.yaml", 3, 5),
        Place("people.yaml", 10, 3),
        Place("a.xlsx", sheet="S", cell="B2"),
    )
    report = tiny(
        [
            finding("C3-01", "account:s/u1", "first", places=places),
            finding(
                "C3-04",
                "account:s/u2",
                "waived one",
                waived=True,
                waiver={
                    "reason": "移行期間中",
                    "approved_by": "情報管理責任者",
                    "expires": "2027-03-31",
                },
            ),
            finding("C3-05", "account:s/u3", "old one", baselined=True),
            finding("B-07", "bundle", "nowhere in particular", severity=Severity.INFO),
        ]
    )
    doc = valid_sarif(render_sarif(report))
    results = results_by_subject(doc)
    related = results["account:s/u1"]["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert related[0]["physicalLocation"]["region"] == {"startLine": 10, "startColumn": 3}
    assert related[1]["logicalLocations"][0]["fullyQualifiedName"] == "S!B2"
    assert results["account:s/u2"]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "移行期間中",
            "properties": {"approved_by": "情報管理責任者", "expires": "2027-03-31"},
        }
    ]
    assert "suppressions" not in results["account:s/u1"]
    assert results["account:s/u3"]["baselineState"] == "unchanged"
    # a finding without a place is anchored at the bundle's one required file
    anchor = results["bundle"]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert anchor["uri"] == "organization.yaml"
    assert results["bundle"]["level"] == "note"


def test_absolute_bundle_and_places_outside_it() -> None:
    report = tiny([finding("L-01", "account:s/u1", "log", places=(Place("/var/log/a b.csv", 2),))])
    report.bundle = "/srv/bundles/中央"
    doc = valid_sarif(render_sarif(report))
    run = doc["runs"][0]
    assert run["originalUriBaseIds"]["BUNDLE"]["uri"] == "file:///srv/bundles/%E4%B8%AD%E5%A4%AE/"
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "file:///var/log/a%20b.csv"}


def test_a_broken_bundle_is_an_unsuccessful_invocation(tmp_path: Path) -> None:
    doc = valid_sarif(render_sarif(broken(tmp_path)))
    (invocation,) = doc["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 2
    assert [n["descriptor"]["id"] for n in invocation["toolExecutionNotifications"]] == [
        "bundle.missing"
    ]
    assert doc["runs"][0]["results"] == []


def test_same_report_same_bytes() -> None:
    from auditctl.pipeline import check
    from auditctl.settings import Options
    from tests.render.reports import AS_OF, EXAMPLES

    again = check(EXAMPLES / "violations", Options(as_of=AS_OF, lang="ja"))
    assert render_sarif(again) == render_sarif(example("violations"))
