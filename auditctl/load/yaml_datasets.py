"""A composed YAML file → the records of the datasets it holds: a list of one dataset's records,
or sections (organization.yaml, disaster.yaml, or any file naming datasets as keys), with the
nested records (a system's screens, a person's assignments) made records of their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditctl.diagnostics import Diagnostic
from auditctl.load.specs import NESTED, name_index, specs
from auditctl.load.yaml import YamlValue, sub_marks
from auditctl.places import Place
from auditctl.records import Record, Source
from auditctl.values import norm


@dataclass(slots=True)
class YamlDatasets:
    """What one YAML file holds: (dataset, place, records) in file order, and its problems."""

    datasets: list[tuple[str, Place, list[Record]]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def found_word(value: Any) -> str:
    if isinstance(value, list):
        return "found.list"
    if isinstance(value, dict):
        return "found.mapping"
    return "found.nothing" if value is None else "found.scalar"


def _split_marks(
    marks: dict[str, tuple[int, int]], prefix: str
) -> dict[int, dict[str, tuple[int, int]]]:
    """Marks under `prefix.N.` grouped by N, re-rooted at each item."""
    out: dict[int, dict[str, tuple[int, int]]] = {}
    cut = len(prefix) + 1 if prefix else 0
    for key, mark in marks.items():
        if prefix and not key.startswith(prefix + "."):
            continue
        head, _, rest = key[cut:].partition(".")
        if rest and head.isdigit():
            out.setdefault(int(head), {})[rest] = mark
    return out


def yaml_datasets(
    value: YamlValue, rel: str, dataset: str, sections: tuple[str, ...] | None
) -> YamlDatasets:
    """The datasets of one YAML file; `dataset` is the one its name selects (or its stem),
    `sections` the datasets a sectioned file may hold."""
    out = YamlDatasets()
    source = Source(rel, "yaml")
    top = value.value
    if isinstance(top, list) and sections is None:
        _records(
            out, dataset, top, source, value.marks, "", Place(rel, line=value.line, col=value.col)
        )
        return out
    if not isinstance(top, dict):
        where = Place(rel, line=value.line, col=value.col)
        if sections is not None:
            args = {"allowed": ", ".join(sections), "found": found_word(top)}
            out.diagnostics.append(Diagnostic("yaml.expected_sections", where, args))
        else:
            args = {"dataset": dataset, "found": found_word(top)}
            out.diagnostics.append(Diagnostic("yaml.expected_list", where, args))
        return out
    allowed = sections or tuple(specs())
    if sections is None and not any(name_index().get(norm(k)) in allowed for k in top):
        # A dataset file holding one record instead of a list: say what was expected.
        out.diagnostics.append(
            Diagnostic(
                "yaml.expected_list",
                Place(rel, line=value.line, col=value.col),
                {"dataset": dataset, "found": found_word(top)},
            )
        )
        return out
    for key, section in top.items():
        target = name_index().get(norm(key))
        mark = value.marks.get(key, (value.line, value.col))
        place = Place(rel, line=mark[0], col=mark[1])
        if target is None or target not in allowed or target in ("config", "logs"):
            out.diagnostics.append(
                Diagnostic(
                    "yaml.unknown_section", place, {"key": key, "allowed": ", ".join(allowed)}
                )
            )
            continue
        if target == "operator" and isinstance(section, dict):
            rec = Record("operator", section, source, mark[0], mark[1], sub_marks(value.marks, key))
            out.datasets.append(("operator", place, [rec]))
            continue
        items = [] if section is None else section
        if not isinstance(items, list):
            out.diagnostics.append(
                Diagnostic(
                    "yaml.expected_list", place, {"dataset": target, "found": found_word(items)}
                )
            )
            continue
        _records(out, target, items, source, value.marks, key, place)
    return out


def _records(
    out: YamlDatasets,
    dataset: str,
    items: list[Any],
    source: Source,
    marks: dict[str, tuple[int, int]],
    prefix: str,
    place: Place,
) -> None:
    """The records of one list (the file's, or a section's), and the records nested in them."""
    per_item = _split_marks(marks, prefix)
    records: list[Record] = []
    children: dict[str, list[Record]] = {}
    for i, item in enumerate(items):
        item_marks = per_item.get(i, {})
        line, col = marks.get(
            f"{prefix}.{i}" if prefix else str(i), (place.line or 1, place.col or 1)
        )
        if not isinstance(item, dict):
            out.diagnostics.append(
                Diagnostic(
                    "yaml.expected_mapping",
                    Place(source.file, line=line, col=col),
                    {"found": found_word(item)},
                )
            )
            continue
        for (parent, key), (child, parent_key) in NESTED.items():
            if parent != dataset or key not in item:
                continue
            nested = item.pop(key)
            if not isinstance(nested, list):
                nested = [nested]
            child_marks = _split_marks(item_marks, key)
            for j, sub in enumerate(nested):
                sl, sc = item_marks.get(f"{key}.{j}", (line, col))
                if not isinstance(sub, dict):
                    out.diagnostics.append(
                        Diagnostic(
                            "yaml.expected_mapping",
                            Place(source.file, line=sl, col=sc),
                            {"found": found_word(sub)},
                        )
                    )
                    continue
                cm = dict(child_marks.get(j, {}))
                if parent_key not in sub and "id" in item:
                    sub[parent_key] = item["id"]
                    cm[parent_key] = item_marks.get("id", (line, col))
                children.setdefault(child, []).append(Record(child, sub, source, sl, sc, cm))
        records.append(Record(dataset, item, source, line, col, item_marks))
    out.datasets.append((dataset, place, records))
    for child, recs in children.items():
        out.datasets.append((child, place, recs))
