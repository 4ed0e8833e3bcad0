"""The base bundle of the rule cases is valid and clean, in YAML and in Excel."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditctl.cases import Case
from auditctl.pipeline import check
from auditctl.settings import Options
from auditctl.values import parse_date
from tests.rules.harness import materialise

BASE = Case(rule="", name="base", expect=(), datasets={}, remove={}, as_of=None, config=None)


@pytest.mark.parametrize("form", ["yaml", "xlsx"])
def test_base_bundle_is_clean(form: str, tmp_path: Path) -> None:
    bundle = materialise(BASE, form, tmp_path)
    report = check(bundle, Options(as_of=parse_date("2026-11-27"), lang="en"))
    assert [d.render("en") for d in report.errors] == []
    assert [(f.rule, f.subject) for f in report.findings] == []
    assert report.exit_code == 0
