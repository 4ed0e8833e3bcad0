"""The catalog, the registered rule functions and the case files agree; texts are complete."""

from __future__ import annotations

import string

import pytest

from auditctl.cases import case_files, cases_for
from auditctl.catalog import catalog
from auditctl.engine import check_registry
from auditctl.rules.registry import registered

EXPECTED_IDS = (
    [f"A-{i:02d}" for i in range(1, 11)]
    + [f"B-{i:02d}" for i in range(1, 8)]
    + [f"C1-{i:02d}" for i in range(1, 7)]
    + [f"C2-{i:02d}" for i in range(1, 7)]
    + [f"C3-{i:02d}" for i in range(1, 11)]
    + [f"L-{i:02d}" for i in range(1, 8)]
    + [f"Q-{i:02d}" for i in range(1, 21)]
    + ["W-01", "W-02"]
)


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalog_holds_every_rule_of_the_spec() -> None:
    assert sorted(catalog().rules) == sorted(EXPECTED_IDS)


def test_no_rule_without_metadata() -> None:
    assert check_registry(catalog(), registered()) == []


def test_every_implemented_rule_has_failing_and_passing_cases_and_no_case_file_is_orphaned() -> (
    None
):
    implemented = set(registered())
    assert set(case_files()) == implemented
    for rule_id in implemented:
        cases = cases_for(rule_id)
        assert any(c.failing for c in cases), f"{rule_id} has no failing case"
        assert any(not c.failing for c in cases), f"{rule_id} has no passing case"
        for case in cases:
            assert all(
                s.split(":", 1)[0]
                in {
                    "system",
                    "view",
                    "cell",
                    "field",
                    "account",
                    "person",
                    "terminal",
                    "contract",
                    "flow",
                    "arrangement",
                    "declaration",
                    "item",
                    "waiver",
                }
                or s == "bundle"
                for s in case.expect
            )


@pytest.mark.parametrize("rule_id", EXPECTED_IDS)
def test_texts_in_both_languages_with_the_same_placeholders(rule_id: str) -> None:
    cat = catalog()
    meta = cat.rules[rule_id]
    for text in (meta.title, meta.message, meta.condition, meta.remediation):
        assert text.ja and text.en
    assert fields(meta.message.ja) == fields(meta.message.en)
    assert fields(meta.message.ja) <= set(meta.args)
    assert all(code in cat.basis for code in meta.basis)
    if meta.typology not in ("W",):
        assert meta.basis, f"{rule_id} has no basis"


def test_questionnaire_items_match_the_q_rules() -> None:
    cat = catalog()
    assert [q.id for q in cat.questionnaire] == [f"Q-{i:02d}" for i in range(1, 21)]
    for item in cat.questionnaire:
        assert cat.rules[item.id].severity == item.severity
        assert item.question.ja and item.question.en


def test_field_catalog_names_are_unambiguous() -> None:
    from auditctl.values import norm

    seen: dict[str, str] = {}
    for f in catalog().fields:
        for name in (f.id, f.label, *f.aliases):
            assert seen.setdefault(norm(name), f.id) == f.id, name
