"""Raw text → typed values, as a dataset's schema asks; what cannot be read is left for the schema to reject."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from auditctl.load.specs import Spec
from auditctl.values import norm, parse_date, parse_datetime

_TRUE = {"true", "yes", "y", "はい", "○", "〇", "1", "on", "有", "あり"}
_FALSE = {"false", "no", "n", "いいえ", "×", "0", "off", "無", "なし"}
_LIST_SPLIT = re.compile(r"[,、;；，\n]")
_INT = re.compile(r"^[+-]?\d+(?:\.0+)?$")

Converter = Callable[[Any], Any]


def _to_date(value: Any) -> Any:
    if isinstance(value, str):
        d = parse_date(value)
        if d is None:
            dt = parse_datetime(value)
            if dt is not None and (dt.hour, dt.minute, dt.second) == (0, 0, 0):
                d = dt.date()
        return d.isoformat() if d else value
    return value


def _to_datetime(value: Any) -> Any:
    if isinstance(value, str):
        dt = parse_datetime(value)
        return dt.isoformat() if dt else value
    return value


def _to_int(value: Any) -> Any:
    if isinstance(value, str):
        s = norm(value).replace(",", "")
        if _INT.match(s):
            return int(float(s)) if "." in s else int(s)
    return value


def _to_bool(value: Any) -> Any:
    if isinstance(value, str):
        s = norm(value)
        if s in _TRUE:
            return True
        if s in _FALSE:
            return False
    return value


def _enum(prop: dict[str, Any]) -> Converter:
    canon = {norm(v): v for v in prop["enum"] if isinstance(v, str)}
    for alias, value in prop.get("x-value-aliases", {}).items():
        canon.setdefault(norm(alias), value)

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            return canon.get(norm(value), value)
        return value

    return convert


MEMO_LIMIT = 65_536  # distinct texts remembered per column: bounded memory on unique values


class _TextMemo(dict[str, Any]):
    """A column's converter as a mapping from cell text to value: a text seen before costs one
    dict lookup and no Python call (tables give texts only)."""

    __slots__ = ("conv",)

    def __init__(self, conv: Converter) -> None:
        super().__init__()
        self.conv = conv

    def __missing__(self, text: str) -> Any:
        out = self.conv(text)
        if len(self) < MEMO_LIMIT:
            self[text] = out
        return out


def _memo(conv: Converter) -> Converter:
    """`conv` remembering its results for texts (YAML values may be other things too)."""
    memo = _TextMemo(conv)

    def convert(value: Any) -> Any:
        return memo[value] if value.__class__ is str else conv(value)

    return convert


def _scalar(prop: dict[str, Any]) -> Converter | None:
    """The converter of a value whose texts repeat (codes, flags, numbers, dates), or None."""
    kind = prop.get("type")
    if "enum" in prop:
        return _enum(prop)
    if kind == "integer":
        return _to_int
    if kind == "boolean":
        return _to_bool
    if kind == "string" and prop.get("format") == "date":
        return _to_date
    if kind == "string" and prop.get("format") == "date-time":
        return _to_datetime
    return None


def converter(prop: dict[str, Any]) -> Converter:
    """The converter for one property schema."""
    scalar = _scalar(prop)
    if scalar is not None:
        return _memo(scalar)
    kind = prop.get("type")
    if kind == "string":
        return strip_text
    if kind == "array":
        return _list_converter(converter(prop.get("items", {})))
    if kind == "object":
        return object_converter(prop)
    return strip_text


def strip_text(value: Any) -> Any:
    """A text without surrounding blanks (the converter of plain text values)."""
    return value.strip() if isinstance(value, str) else value


def _list_converter(item: Converter) -> Converter:
    """A list from a cell (`a, b、c`) or a YAML sequence; a cell's text is split once and each
    record gets its own copy of the list."""
    memo = _TextMemo(lambda text: tuple(_to_list(text, item)))

    def convert(value: Any) -> Any:
        return list(memo[value]) if value.__class__ is str else _to_list(value, item)

    return convert


def _to_list(value: Any, item: Converter) -> Any:
    if isinstance(value, str):
        parts = [p.strip() for p in _LIST_SPLIT.split(value)]
        return [item(p) for p in parts if p]
    if isinstance(value, list):
        return [item(v) for v in value if v is not None and v != ""]
    return value


def object_converter(schema: dict[str, Any]) -> Converter:
    """A converter for a record or a nested object: converts known keys, drops empty values."""
    props = {k: converter(p) for k, p in schema.get("properties", {}).items()}
    extra = schema.get("additionalProperties")
    extra_conv = converter(extra) if isinstance(extra, dict) else None

    def convert(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        for k, v in value.items():
            if v is None or (isinstance(v, str) and not v.strip()):
                continue
            conv = props.get(k, extra_conv)
            converted = conv(v) if conv is not None else v
            if converted == {}:
                continue  # a nested object whose values are all empty says nothing
            out[k] = converted
        return out

    return convert


_CACHE: dict[str, Converter] = {}
_COLUMNS: dict[tuple[str, str], Converter] = {}


def record_converter(spec: Spec) -> Converter:
    """The (cached) converter of a dataset's records."""
    conv = _CACHE.get(spec.name)
    if conv is None:
        conv = _CACHE[spec.name] = object_converter(spec.schema)
    return conv


def column_converter(spec: Spec, key: str) -> Converter:
    """The (cached) converter of one table column, by its dotted record key: a table converts
    each value as it reads it, so that its records need no second pass."""
    conv = _COLUMNS.get((spec.name, key))
    if conv is None:
        prop = spec.props.get(key)
        if prop is None:
            head, _, _ = key.rpartition(".")
            parent = spec.props.get(head) if head else None
            extra = parent.get("additionalProperties") if parent else None
            prop = extra if isinstance(extra, dict) else {}
        scalar = _scalar(prop)
        conv = _TextMemo(scalar).__getitem__ if scalar is not None else converter(prop)
        _COLUMNS[(spec.name, key)] = conv
    return conv
