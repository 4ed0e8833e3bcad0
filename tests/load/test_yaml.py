"""YAML: places for every value, text kept as written, duplicate keys, tags and bombs refused."""

from __future__ import annotations

from pathlib import Path

from auditctl.load.bundle import load_bundle
from auditctl.load.yaml import compose_file
from auditctl.pipeline import prepare
from auditctl.settings import Options
from tests.helpers import bundle


def codes(diags: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(d.code, str(d.place)) for d in diags]


def test_values_keep_their_line_and_column() -> None:
    value, diags = compose_file("- id: P0012\n  name: 山田\n  status: left\n", "people.yaml")
    assert diags == []
    assert value is not None
    assert value.value == [{"id": "P0012", "name": "山田", "status": "left"}]
    assert value.marks["0.status"] == (3, 11)


def test_scalars_stay_text_ids_keep_leading_zeros_and_no_is_not_false(tmp_path: Path) -> None:
    folder = bundle(
        tmp_path,
        people_yaml="- {id: 00123, name: no, status: active}\n",
        accounts_yaml="- {id: 0123, system: takuso, kind: personal, mfa: no, status: enabled}\n",
        systems_yaml="- {id: takuso, name: 託送, owner: chuo-pg, holds_non_public: yes}\n",
    )
    loaded = load_bundle(folder)
    prep = prepare(folder, Options(lang="en"))
    assert [d.render("en") for d in prep.errors] == []
    assert loaded.records["people"][0].data["id"] == "00123"
    assert prep.model is not None
    assert prep.model.people["00123"].name == "no"
    acc = prep.model.accounts["takuso/0123"]
    assert acc.mfa is False
    assert prep.model.systems["takuso"].holds_non_public is True


def test_duplicate_key_is_an_error_with_both_lines(tmp_path: Path) -> None:
    folder = bundle(tmp_path, roles_yaml="- id: r1\n  system: takuso\n  id: r2\n  purpose: audit\n")
    loaded = load_bundle(folder)
    assert codes(loaded.diagnostics) == [("yaml.duplicate_key", "roles.yaml:3:3")]
    assert loaded.diagnostics[0].args["first"] == 1


def test_syntax_error_is_placed(tmp_path: Path) -> None:
    folder = bundle(tmp_path, roles_yaml="- id: r1\n  system: [takuso\n")
    loaded = load_bundle(folder)
    assert [d.code for d in loaded.diagnostics] == ["yaml.syntax"]
    place = loaded.diagnostics[0].place
    assert place is not None and place.file == "roles.yaml" and place.line is not None


def test_object_constructing_tag_is_refused(tmp_path: Path) -> None:
    folder = bundle(tmp_path, roles_yaml="- !!python/object/apply:os.system ['true']\n")
    loaded = load_bundle(folder)
    assert loaded.diagnostics[0].code == "yaml.tag"
    assert str(loaded.diagnostics[0].place) == "roles.yaml:1:3"


def test_alias_bomb_stops_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    folder = bundle(tmp_path, roles_yaml="\n".join(lines) + "\n")
    loaded = load_bundle(folder)
    assert "yaml.too_complex" in [d.code for d in loaded.diagnostics]


def test_nested_screens_and_assignments_become_records_with_their_parent(tmp_path: Path) -> None:
    folder = bundle(
        tmp_path,
        systems_yaml="""\
        - id: takuso
          name: 託送業務システム
          owner: chuo-pg
          holds_non_public: true
          screens:
            - {id: TK-010, name: 契約照会, customer_scope: all}
        """,
        people_yaml="""\
        - id: P1
          name: 山田
          assignments:
            - {unit: pg-takuso, from: 2020-04-01}
        """,
    )
    loaded = load_bundle(folder)
    screen = loaded.records["screens"][0]
    assert screen.data["system"] == "takuso"
    assert str(screen.place("customer_scope")) == "systems.yaml:6:48"
    assignment = loaded.records["assignments"][0]
    assert assignment.data["person"] == "P1"
    assert str(assignment.place("from")) == "people.yaml:4:31"


def test_merge_keys_are_applied(tmp_path: Path) -> None:
    folder = bundle(
        tmp_path,
        roles_yaml="""\
        - &base {id: r1, system: takuso, purpose: audit}
        - {<<: *base, id: r2}
        """,
    )
    loaded = load_bundle(folder)
    assert [r.data for r in loaded.records["roles"]][1] == {
        "id": "r2",
        "system": "takuso",
        "purpose": "audit",
    }
