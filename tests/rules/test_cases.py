"""Every rule's cases (checklists/cases/ID.yaml), from YAML and from a Japanese workbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditctl.cases import Case, case_files, cases_for
from tests.rules.harness import run_case, subjects

CASES = [case for rule in case_files() for case in cases_for(rule)]


@pytest.mark.parametrize("form", ["yaml", "xlsx"])
@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}:{c.name}" for c in CASES])
def test_case(case: Case, form: str, tmp_path: Path) -> None:
    report = run_case(case, form, tmp_path)
    assert not report.errors, [d.render("en") for d in report.errors]
    assert subjects(report, case.rule) == sorted(case.expect)
