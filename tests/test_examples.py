"""The example bundles (examples/): valid, clean or failing exactly as examples/expected/ says,
the same findings from YAML and from Excel, and Excel forms that match their generator."""

from __future__ import annotations

import importlib.util
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from auditctl.catalog import catalog
from auditctl.pipeline import check
from auditctl.report import Report
from auditctl.rules.registry import registered
from auditctl.settings import Options
from auditctl.severity import Severity

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
AS_OF = date(2026, 11, 27)
PAIRS = {"clean": "clean-xlsx", "violations": "violations-xlsx"}
FOLDERS = [*PAIRS, *PAIRS.values()]

Pair = tuple[str, str]


@cache
def report_of(folder: str) -> Report:
    return check(EXAMPLES / folder, Options(as_of=AS_OF, lang="ja"))


def found(folder: str) -> set[Pair]:
    return {(f.rule, f.subject) for f in report_of(folder).findings}


def expected(folder: str) -> set[Pair]:
    base = folder.removesuffix("-xlsx")
    entries = yaml.safe_load((EXAMPLES / "expected" / f"{base}.yaml").read_text(encoding="utf-8"))
    pairs = [(str(e["rule"]), str(e["subject"])) for e in entries or []]
    assert len(pairs) == len(set(pairs)), f"expected/{base}.yaml repeats an entry"
    return set(pairs)


def implemented() -> set[str]:
    return set(registered())


@pytest.mark.parametrize("folder", FOLDERS)
def test_example_is_valid(folder: str) -> None:
    report = report_of(folder)
    assert [d.render("en") for d in report.errors] == []
    assert report.exit_code in (0, 1)


@pytest.mark.parametrize("folder", FOLDERS)
def test_expected_names_known_rules(folder: str) -> None:
    rules = set(catalog().rules)
    assert {rule for rule, _ in expected(folder)} <= rules


@pytest.mark.parametrize("folder", FOLDERS)
def test_findings_are_exactly_the_expected_ones(folder: str) -> None:
    """Every implemented rule finds exactly what expected.yaml lists for it, no more, no less."""
    rules = implemented()
    want = {p for p in expected(folder) if p[0] in rules}
    got = {p for p in found(folder) if p[0] in rules}
    assert sorted(got - want) == [], "found but not expected"
    assert sorted(want - got) == [], "expected but not found"


def test_violations_cover_every_typology_rule() -> None:
    """The violations bundle shows at least one finding of every A, B, C1, C2, C3 and Q rule."""
    cat = catalog()
    wanted = {r for r, meta in cat.rules.items() if meta.typology in ("A", "B", "C1", "C2", "C3")}
    rules = {rule for rule, _ in expected("violations")}
    assert sorted(wanted - rules) == []
    assert any(cat.rules[r].typology == "Q" for r in rules)
    assert expected("clean") == set()


@pytest.mark.parametrize(("yaml_form", "excel_form"), PAIRS.items())
def test_yaml_and_excel_forms_agree(yaml_form: str, excel_form: str) -> None:
    assert expected(yaml_form) == expected(excel_form)
    assert sorted(found(yaml_form)) == sorted(found(excel_form))
    assert report_of(yaml_form).exit_code == report_of(excel_form).exit_code


@pytest.mark.parametrize("folder", ["clean", "clean-xlsx"])
def test_clean_passes(folder: str) -> None:
    assert report_of(folder).findings == []
    assert report_of(folder).exit_code == 0


@pytest.mark.parametrize("folder", ["violations", "violations-xlsx"])
def test_violations_fail(folder: str) -> None:
    """Exit status 1 once an implemented rule has an expected finding at or above `low`."""
    cat = catalog()
    rules = implemented()
    failing = {
        rule
        for rule, _ in expected(folder)
        if rule in rules and cat.rules[rule].severity.rank >= Severity.LOW.rank
    }
    if not failing:
        pytest.skip("no rule with an expected finding at or above low is implemented yet")
    assert report_of(folder).exit_code == 1


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_workbooks", EXAMPLES / "make_workbooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_excel_forms_are_up_to_date(tmp_path: Path) -> None:
    """Regenerating the Excel forms gives the committed files byte for byte (run
    `.venv/bin/python examples/make_workbooks.py` after changing a YAML example)."""
    written = _generator().build(tmp_path)
    assert written
    for path in written:
        rel = path.relative_to(tmp_path)
        committed = EXAMPLES / rel
        assert committed.is_file(), f"{rel} is missing: run examples/make_workbooks.py"
        assert path.read_bytes() == committed.read_bytes(), f"{rel} is stale: run make_workbooks.py"
    for pair in PAIRS.values():
        names = {p.name for p in (EXAMPLES / pair).iterdir()}
        assert names == {p.name for p in (tmp_path / pair).iterdir()}, f"{pair} has extra files"


def test_generator_is_deterministic(tmp_path: Path) -> None:
    gen = _generator()
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in gen.build(tmp_path / "a")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in gen.build(tmp_path / "b")}
    assert first == second
