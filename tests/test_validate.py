"""Validation: every schema error kind, duplicates and broken references, all at once and placed."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditctl.pipeline import prepare
from auditctl.settings import Options
from tests.helpers import ROLES, SYSTEMS, bundle


def errors(folder: Path, lang: str = "en") -> list[tuple[str, str]]:
    prep = prepare(folder, Options(lang=lang))  # type: ignore[arg-type]
    return sorted((d.code, str(d.place)) for d in prep.errors)


@pytest.mark.parametrize(
    ("accounts", "expected"),
    [
        ("- {id: u1, system: takuso}\n", [("schema.required", "accounts.yaml:1:3")]),
        (
            "- {id: u1, system: takuso, kind: personal, mfa: maybe}\n",
            [("schema.type", "accounts.yaml:1:49")],
        ),
        ("- {id: u1, system: takuso, kind: person}\n", [("schema.enum", "accounts.yaml:1:34")]),
        (
            "- {id: u1, system: takuso, kind: personal, userz: [P1]}\n",
            [("schema.additional", "accounts.yaml:1:51")],
        ),
        (
            "- {id: u1, system: takuso, kind: personal, created: 2026-02-30}\n",
            [("schema.format", "accounts.yaml:1:53")],
        ),
        (
            "- {id: '', system: takuso, kind: personal}\n",
            [("schema.required", "accounts.yaml:1:8")],
        ),
        ("- {id: u1, system: nosys, kind: personal}\n", [("ref.missing", "accounts.yaml:1:20")]),
        (
            "- {id: u1, system: takuso, kind: personal, roles: [nope]}\n",
            [("ref.missing", "accounts.yaml:1:52")],
        ),
        (
            "- {id: u1, system: takuso, kind: personal}\n- {id: u1, system: takuso, kind: shared}\n",
            [("record.duplicate", "accounts.yaml:2:8")],
        ),
        ("id: u1\n", [("yaml.expected_list", "accounts.yaml:1:1")]),
    ],
)
def test_each_error_kind_is_placed(
    tmp_path: Path, accounts: str, expected: list[tuple[str, str]]
) -> None:
    folder = bundle(tmp_path, systems_yaml=SYSTEMS, roles_yaml=ROLES, accounts_yaml=accounts)
    assert errors(folder) == expected


def test_every_error_is_reported_at_once_across_files(tmp_path: Path) -> None:
    folder = bundle(
        tmp_path,
        systems_yaml=SYSTEMS,
        roles_yaml="- {id: takuso-operator, system: takuso, purpose: selling}\n- {id: r2, system: nosys, purpose: audit}\n",
        accounts_csv="ID,システム,種別,状態\nu1,takuso,個人,有効?\nu1,takuso,個人,有効\n",
        masking_yaml="- {system: takuso, screen: TK-999, field: 契約者名義, access: {takuso-operator: visible}}\n",
    )
    got = errors(folder)
    assert got == [
        ("record.duplicate", "accounts.csv:3"),
        ("schema.enum", "accounts.csv:2"),
        ("schema.enum", "roles.yaml:1:50"),
    ]  # schema errors stop before references are judged: references need valid records
    fixed = bundle(
        tmp_path / "2",
        systems_yaml=SYSTEMS,
        roles_yaml="- {id: takuso-operator, system: takuso, purpose: audit}\n- {id: r2, system: nosys, purpose: audit}\n",
        masking_yaml="- {system: takuso, screen: TK-999, field: 契約者名義, access: {takuso-operator: visible, ghost: hidden}}\n",
    )
    assert errors(fixed) == [
        ("ref.missing", "masking.yaml:1:28"),
        ("ref.missing", "masking.yaml:1:92"),
        ("ref.missing", "roles.yaml:2:20"),
    ]


def test_unit_side_must_be_stated_for_other_companies(tmp_path: Path) -> None:
    org = """\
    operator: {id: chuo-pg, name: 中央電力パワーグリッド}
    companies:
      - {id: chuo-it, name: システムズ, relation: group_company}
    units:
      - {id: pg-takuso, company: chuo-pg, name: 託送業務部}
      - {id: it-ops, company: chuo-it, name: 運用部}
    """
    folder = bundle(tmp_path, organization_yaml=org)
    prep = prepare(folder, Options(lang="en"))
    assert [(d.code, str(d.place), d.args) for d in prep.errors] == [
        ("schema.required", "organization.yaml:6:5", {"key": "side"})
    ]
    assert prep.model is None


def test_bundle_may_make_a_field_stricter_but_not_looser(tmp_path: Path) -> None:
    stricter = "- {id: supply_address, label: 供給地点住所, class: own_customer_only}\n- {id: payment_status, label: 支払状況, class: own_customer_only}\n"
    folder = bundle(tmp_path / "a", fields_yaml=stricter)
    prep = prepare(folder, Options(lang="en"))
    assert prep.errors == [] and prep.model is not None
    assert prep.model.field_class("supply_address") == "own_customer_only"
    assert prep.model.field_id("支払状況") == "payment_status"
    looser = "- {id: 契約者名義, class: public}\n"
    assert errors(bundle(tmp_path / "b", fields_yaml=looser)) == [
        ("field.less_strict", "fields.yaml:1:22")
    ]


def test_missing_organization_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    assert errors(tmp_path / "b") == [("bundle.no_organization", str(tmp_path / "b"))]


def test_config_unknown_key_and_rule_are_errors(tmp_path: Path) -> None:
    folder = bundle(
        tmp_path,
        auditctl_yaml="fail_on: high\nrules: {skip: [Z-99]}\nthreshold: {dormant_days: 5}\n",
    )
    assert errors(folder) == [
        ("config.unknown_rule", "auditctl.yaml:2:16"),
        ("schema.additional", "auditctl.yaml:3:12"),
    ]


def test_organization_as_a_list_asks_for_its_sections(tmp_path: Path) -> None:
    folder = bundle(tmp_path, organization_yaml="- {id: chuo-pg}\n")
    assert errors(folder) == [("yaml.expected_sections", "organization.yaml:1:1")]


def test_organization_without_operator_is_an_error(tmp_path: Path) -> None:
    folder = bundle(
        tmp_path, organization_yaml="companies:\n  - {id: c1, name: x, relation: group_company}\n"
    )
    assert errors(folder) == [("schema.required", "organization.yaml:1:1")]


def test_broken_references_among_valid_ones_are_each_placed(tmp_path: Path) -> None:
    # References are judged per distinct value first; only the rows naming an unknown one, or a
    # role of another system, are errors, each at its value.
    systems = (
        SYSTEMS + "- {id: ryokin, name: 料金システム, owner: chuo-pg, holds_non_public: true}\n"
    )
    roles = (
        ROLES
        + "- {id: ryokin-clerk, system: ryokin, name: 料金担当, purpose: network_operations}\n"
    )
    folder = bundle(
        tmp_path,
        systems_yaml=systems,
        roles_yaml=roles,
        accounts_yaml=(
            "- {id: u1, system: takuso, kind: personal, roles: [takuso-operator]}\n"
            "- {id: u2, system: takuso, kind: personal, roles: [ryokin-clerk]}\n"
            "- {id: u3, system: ryokin, kind: personal, roles: [ryokin-clerk]}\n"
        ),
        people_yaml="- {id: P1, name: 山田}\n",
        assignments_yaml=(
            "- {person: P1, unit: pg-takuso, from: 2020-04-01}\n"
            "- {person: P9, unit: pg-takuso, from: 2020-04-01}\n"
            "- {person: P1, unit: nowhere, from: 2021-04-01}\n"
        ),
        terminals_yaml=(
            "- {id: T1, kind: general, location: a-branch-2f, systems: [takuso]}\n"
            "- {id: T2, kind: general, location: basement, systems: [takuso, nosys]}\n"
        ),
    )
    assert errors(folder) == [
        ("ref.missing", "assignments.yaml:2:12"),
        ("ref.missing", "assignments.yaml:3:22"),
        ("ref.missing", "terminals.yaml:2:37"),
        ("ref.missing", "terminals.yaml:2:65"),
        ("ref.wrong_system", "accounts.yaml:2:52"),
    ]
