"""Rule examples (checklists/cases/ID.yaml): the cases the tests run, and `rules show` prints."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from auditctl.resources import data_dir


@dataclass(frozen=True, slots=True)
class Case:
    """A small bundle (the base bundle patched) and the subjects the rule must find in it."""

    rule: str
    name: str
    expect: tuple[str, ...]
    datasets: dict[str, Any]
    remove: dict[str, list[str]]
    as_of: str | None
    config: dict[str, Any] | None
    # Access-log files of the case (issue #6): CSV texts, or {name, text} / {name, rows}.
    logs: tuple[Any, ...] = ()

    @property
    def failing(self) -> bool:
        return bool(self.expect)


@cache
def base_bundle() -> dict[str, Any]:
    """The clean base bundle every case patches."""
    doc = yaml.safe_load(
        (data_dir("checklists") / "cases" / "_base.yaml").read_text(encoding="utf-8")
    )
    return dict(doc["datasets"])


@cache
def cases_for(rule_id: str) -> tuple[Case, ...]:
    path = data_dir("checklists") / "cases" / f"{rule_id}.yaml"
    if not path.is_file():
        return ()
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Case(
            rule=rule_id,
            name=str(c["name"]),
            expect=tuple(str(s) for s in c.get("expect") or []),
            datasets=dict(c.get("datasets") or {}),
            remove={k: [str(x) for x in v] for k, v in (c.get("remove") or {}).items()},
            as_of=str(c["as_of"]) if c.get("as_of") else None,
            config=c.get("config"),
            logs=tuple(c.get("logs") or ()),
        )
        for c in doc["cases"]
    )


def case_files() -> list[str]:
    """Rule IDs that have a case file."""
    return sorted(
        p.stem
        for p in (data_dir("checklists") / "cases").glob("*.yaml")
        if not p.stem.startswith("_")
    )
