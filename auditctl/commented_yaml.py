"""Records → YAML text with a Japanese comment on each key, taken from the dataset schemas
(the Japanese half of each `description`, and the values an enumerated key accepts)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import yaml

from auditctl.load.specs import NESTED, specs

Props = Mapping[str, Mapping[str, Any]]  # dotted key -> property schema
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2})?)?$")
_JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def note(prop: Mapping[str, Any]) -> str:
    """The comment of one key: what it means in Japanese, and the values it accepts."""
    desc = str(prop.get("description", ""))
    text = desc.split(" / ", 1)[1] if " / " in desc else desc
    target = prop.get("items", prop) if prop.get("type") == "array" else prop
    if target.get("type") == "object" and isinstance(target.get("additionalProperties"), dict):
        target = target["additionalProperties"]
    enum = target.get("enum")
    if enum:
        aliases: dict[str, str] = {}
        for alias, value in target.get("x-value-aliases", {}).items():
            if _JA.search(alias):
                aliases.setdefault(value, alias)
        values = " | ".join(f"{v}（{aliases[v]}）" if v in aliases else str(v) for v in enum)
        text += f" 値: {values}"
    elif target.get("type") == "boolean":
        text += " 値: true | false"
    return text.strip()


def scalar(value: Any) -> str:
    """A value in flow style: dates bare (the loader reads them by the schema), text quoted only
    where YAML needs it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and _DATE.match(value):
        return value
    if isinstance(value, list | tuple):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict) and not value:
        return "{}"
    text = yaml.safe_dump([value], allow_unicode=True, default_flow_style=True, width=10**6)
    return text.strip()[1:-1]


class Emitter:
    """Writes records as block YAML; keys get comments while `comments` is on."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.comments = True

    def _line(self, lead: str, key: str, rest: str, prop: Mapping[str, Any] | None) -> None:
        text = f"{lead}{key}:{' ' + rest if rest else ''}"
        comment = note(prop) if (prop and self.comments) else ""
        self.lines.append(f"{text}  # {comment}" if comment else text)

    def mapping(
        self, record: Mapping[str, Any], props: Props, indent: int, dash: bool, child_of: str = ""
    ) -> None:
        """One record; `dash` starts it as a list item; `child_of` names its dataset for nesting."""
        for i, (key, value) in enumerate(record.items()):
            if value is None:
                continue
            lead = " " * indent + ("- " if dash and i == 0 else "  " if dash else "")
            inner = indent + (2 if dash else 0) + 2
            prop = props.get(key)
            nested = NESTED.get((child_of, key))
            if nested is not None and isinstance(value, list):
                child_spec = specs()[nested[0]]
                self._line(lead, key, "", prop or child_spec.schema)
                child = child_spec.props
                for item in value:
                    self.mapping(item, child, inner, dash=True)
            elif isinstance(value, dict) and value:
                self._line(lead, key, "", prop)
                sub = {k[len(key) + 1 :]: p for k, p in props.items() if k.startswith(f"{key}.")}
                extra = (prop or {}).get("additionalProperties")
                if isinstance(extra, dict):  # a map such as the matrix's role -> access
                    sub = {**{k: {**extra, "description": ""} for k in value}, **sub}
                self.mapping(value, sub, inner, dash=False)
            else:
                self._line(lead, key, scalar(value), prop)

    def records(
        self,
        dataset: str,
        records: Sequence[Mapping[str, Any]],
        indent: int = 0,
        above: Callable[[Mapping[str, Any]], str | None] | None = None,
    ) -> None:
        """A list of records; only the first carries key comments (it is the example to follow)."""
        props = specs()[dataset].props
        for n, rec in enumerate(records):
            self.comments = n == 0
            line = above(rec) if above else None
            if line:
                self.lines.append(" " * indent + f"# {line}")
            self.mapping(rec, props, indent, dash=True, child_of=dataset)
        self.comments = True

    def header(self, *lines: str) -> None:
        self.lines.extend(f"# {line}" if line else "#" for line in lines)

    def raw(self, line: str = "") -> None:
        self.lines.append(line)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"
