"""Dataset specifications read from schemas/: names, keys, header aliases and value aliases."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from auditctl.resources import data_dir
from auditctl.values import norm

# Internal datasets in the order they are reported; `config` and `logs` are read apart.
DATASETS: tuple[str, ...] = (
    "operator", "companies", "units", "locations", "people", "assignments", "systems", "screens",
    "roles", "masking", "fields", "accounts", "terminals", "contracts", "data_flows",
    "arrangements", "declarations", "attestations", "waivers",
)  # fmt: skip

# YAML records that hold the records of another dataset: (parent, key) -> (child, parent key).
NESTED: dict[tuple[str, str], tuple[str, str]] = {
    ("people", "assignments"): ("assignments", "person"),
    ("systems", "screens"): ("screens", "system"),
}


@dataclass(slots=True)
class Spec:
    """What a dataset's schema says that loading needs."""

    name: str
    group: str
    schema: dict[str, Any]
    names: tuple[str, ...]
    key: tuple[str, ...]
    # normalised header (key or alias, dotted for nested values) -> dotted key
    headers: dict[str, str] = field(default_factory=dict)
    # dotted key -> its property schema
    props: dict[str, dict[str, Any]] = field(default_factory=dict)

    def header_key(self, header: str) -> str | None:
        """The record key a sheet or CSV header stands for, or None."""
        return self.headers.get(norm(header))


def _walk_props(spec: Spec, schema: dict[str, Any], prefix: str) -> None:
    for key, prop in schema.get("properties", {}).items():
        dotted = f"{prefix}{key}"
        spec.props[dotted] = prop
        spec.headers[norm(dotted)] = dotted
        for alias in prop.get("x-aliases", []):
            spec.headers.setdefault(norm(alias), dotted)
        if prop.get("type") == "object" and "properties" in prop:
            _walk_props(spec, prop, dotted + ".")


@cache
def specs() -> dict[str, Spec]:
    """Every dataset spec, by internal name (config and logs included)."""
    out: dict[str, Spec] = {}
    for path in sorted(data_dir("schemas").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        name = schema.get("x-dataset")
        if not name:
            continue
        spec = Spec(
            name=name,
            group=schema.get("x-group", name),
            schema=schema,
            names=tuple(schema.get("x-names", [])),
            key=tuple(schema.get("x-key", [])),
        )
        _walk_props(spec, schema, "")
        out[name] = spec
    return out


@cache
def name_index() -> dict[str, str]:
    """Normalised file stem or sheet name -> internal dataset name."""
    index: dict[str, str] = {}
    for spec in specs().values():
        for name in (spec.name, *spec.names):
            index.setdefault(norm(name), spec.name)
    return index


def groups() -> dict[str, tuple[str, ...]]:
    """User-facing dataset (bundle.md) -> internal datasets, in report order."""
    out: dict[str, list[str]] = {}
    for name in DATASETS:
        spec = specs().get(name)
        out.setdefault(spec.group if spec else name, []).append(name)
    return {k: tuple(v) for k, v in out.items()}
