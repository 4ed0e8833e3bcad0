"""JUnit XML: valid against the Ant schema; a suite per typology, a failing case per finding,
a passing case per rule that found nothing, and skipped cases for rules not judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditctl.render.junit import render_junit
from auditctl.report import Bilingual, RuleInfo
from auditctl.severity import Severity
from tests.render.reports import A01_CELL, broken, example, finding, tiny, valid_junit


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("folder", ["violations", "violations-xlsx", "clean", "clean-xlsx"])
def test_every_example_gives_valid_junit(folder: str, lang: str) -> None:
    report = example(folder, lang)
    root = valid_junit(render_junit(report))
    cases = root.findall("testsuite/testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == len(report.counting())
    passing = [c for c in cases if len(c) == 0]
    assert sorted(c.get("name") for c in passing) == sorted(report.rules_passed)
    for suite in root.findall("testsuite"):  # counts agree with the cases
        mine = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(mine)
        assert int(suite.get("failures", "-1")) == sum(c.find("failure") is not None for c in mine)
        assert int(suite.get("skipped", "-1")) == sum(c.find("skipped") is not None for c in mine)


def test_suites_are_typologies_and_a_finding_is_a_failing_case() -> None:
    root = valid_junit(render_junit(example("violations", "en")))
    names = [s.get("name") for s in root.findall("testsuite")]
    assert names[0] == "A Access control of shared systems"
    assert "C3 IDs and passwords" in names
    (case,) = [c for c in root.iter("testcase") if c.get("name") == f"A-01 {A01_CELL}"]
    assert case.get("classname") == "A"
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "critical"
    assert "masking.yaml:" in (failure.text or "")


def test_rules_not_judged_are_skipped_with_the_reason() -> None:
    report = example("violations", "en")
    root = valid_junit(render_junit(report))
    skipped = {c.get("name") for c in root.iter("testcase") if c.find("skipped") is not None}
    not_judged = {*report.rules_not_run, *report.rules_not_implemented}
    assert not_judged <= skipped  # none, once every rule is implemented and fed
    # a rule whose dataset is absent says which one
    q01 = Bilingual("q", "q")
    report = tiny([], lang="en")
    report.rules_meta = {
        "Q-01": RuleInfo("Q-01", "Q", Severity.MEDIUM, q01, q01, q01, ()),
    }
    report.rules_meta["Q-02"] = RuleInfo("Q-02", "Q", Severity.MEDIUM, q01, q01, q01, ())
    report.rules_not_run = {"Q-01": "absent:attestations"}
    report.rules_not_implemented = ["Q-02"]
    root = valid_junit(render_junit(report))
    reasons = {c.get("name"): c.find("skipped").get("message") for c in root.iter("testcase")}
    assert reasons == {
        "Q-01": "not judged: dataset attestations was not provided",
        "Q-02": "rule not implemented yet",
    }


def test_waived_findings_are_skipped_not_failed_and_text_is_escaped() -> None:
    report = tiny(
        [
            finding("C3-01", "account:s/u1", 'a <b>&"quoted"\x07 message'),
            finding("C3-04", "account:s/u2", "w", waived=True, waiver={"reason": "承認済み"}),
        ]
    )
    root = valid_junit(render_junit(report))
    first, second = root.iter("testcase")
    assert first.find("failure").get("message") == 'a <b>&"quoted" message'
    assert second.find("failure") is None
    assert "承認済み" in (second.find("skipped").get("message") or "")


def test_input_errors_are_error_cases(tmp_path: Path) -> None:
    root = valid_junit(render_junit(broken(tmp_path)))
    (suite,) = root.findall("testsuite")
    assert suite.get("errors") == "1"
    (case,) = suite.findall("testcase")
    error = case.find("error")
    assert error is not None and error.get("type") == "bundle.missing"
