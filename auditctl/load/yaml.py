"""YAML files → plain values with the line and column of each, keeping scalars as the text written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from auditctl.diagnostics import Diagnostic
from auditctl.places import Place

try:  # the C composer is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    f"{_STD}{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge", "binary")
}
MAX_DEPTH = 64


@dataclass(slots=True)
class YamlValue:
    """A composed YAML value: plain data plus the (line, column) of every dotted path in it."""

    value: Any
    line: int
    col: int
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)


class _Walker:
    """Turns a node tree into plain values; catches duplicate keys, tags and alias bombs."""

    def __init__(self, file: str, node_budget: int, max_scalar: int) -> None:
        self.file = file
        self.budget = node_budget
        self.max_scalar = max_scalar
        self.diagnostics: list[Diagnostic] = []
        self.exhausted = False

    def place(self, node: yaml.Node) -> Place:
        return Place(self.file, line=node.start_mark.line + 1, col=node.start_mark.column + 1)

    def walk(
        self, node: yaml.Node, path: str, marks: dict[str, tuple[int, int]], depth: int
    ) -> Any:
        self.budget -= 1
        if self.budget < 0:
            if not self.exhausted:
                self.exhausted = True
                self.diagnostics.append(Diagnostic("yaml.too_complex", self.place(node)))
            return None
        if depth > MAX_DEPTH:
            self.diagnostics.append(
                Diagnostic("yaml.too_deep", self.place(node), {"limit": MAX_DEPTH})
            )
            return None
        if path:
            marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _ALLOWED_TAGS:
            self.diagnostics.append(Diagnostic("yaml.tag", self.place(node), {"tag": node.tag}))
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.tag == f"{_STD}null":
                return None
            if len(node.value) > self.max_scalar:
                self.diagnostics.append(
                    Diagnostic(
                        "limit.cell",
                        self.place(node),
                        {
                            "size": len(node.value),
                            "limit": self.max_scalar,
                            "key": "limits.max_cell_chars",
                        },
                    )
                )
                return None
            return str(node.value)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.walk(item, f"{path}.{i}" if path else str(i), marks, depth + 1)
                for i, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, path, marks, depth)

    def _mapping(
        self, node: yaml.MappingNode, path: str, marks: dict[str, tuple[int, int]], depth: int
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_STD}merge":
                sources = (
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
                for src in sources:
                    if isinstance(src, yaml.MappingNode):
                        for k, v in self._mapping(src, path, {}, depth + 1).items():
                            merged.setdefault(k, v)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.diagnostics.append(
                    Diagnostic("yaml.expected_mapping", self.place(key_node), {"found": "key"})
                )
                continue
            key = str(key_node.value)
            if key in first_line:
                self.diagnostics.append(
                    Diagnostic(
                        "yaml.duplicate_key",
                        self.place(key_node),
                        {"key": key, "first": first_line[key]},
                    )
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            sub = f"{path}.{key}" if path else key
            out[key] = self.walk(value_node, sub, marks, depth + 1)
        for k, v in merged.items():
            out.setdefault(k, v)
        return out


def compose_file(
    text: str, file: str, max_scalar: int = 32_767
) -> tuple[YamlValue | None, list[Diagnostic]]:
    """Parse one YAML document; on a syntax error return its placed diagnostic."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = Place(file, line=mark.line + 1, col=mark.column + 1) if mark else Place(file)
        problem = exc.problem or exc.context or "invalid YAML"
        return None, [Diagnostic("yaml.syntax", place, {"problem": problem})]
    except yaml.YAMLError as exc:
        return None, [Diagnostic("yaml.syntax", Place(file), {"problem": str(exc)})]
    except RecursionError:
        return None, [Diagnostic("yaml.too_deep", Place(file), {"limit": MAX_DEPTH})]
    if node is None:
        return None, [Diagnostic("yaml.empty", Place(file))]
    walker = _Walker(file, node_budget=2 * len(text) + 10_000, max_scalar=max_scalar)
    marks: dict[str, tuple[int, int]] = {}
    value = walker.walk(node, "", marks, 0)
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    return YamlValue(value, line, col, marks), walker.diagnostics


def sub_marks(marks: dict[str, tuple[int, int]], prefix: str) -> dict[str, tuple[int, int]]:
    """The marks below `prefix`, re-rooted at it."""
    cut = len(prefix) + 1
    return {k[cut:]: v for k, v in marks.items() if k.startswith(prefix + ".")}
