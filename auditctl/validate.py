"""Records → typed-ready records: coerce by schema, then report every schema error, duplicate and
broken structural reference at once, each at its place."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from auditctl.diagnostics import Diagnostic
from auditctl.load.bundle import Loaded
from auditctl.load.coerce import record_converter
from auditctl.load.specs import Spec, specs
from auditctl.records import Record

_KIND_CODES = {
    "Required": "schema.required",
    "Type": "schema.type",
    "Enum": "schema.enum",
    "AdditionalProperties": "schema.additional",
    "Format": "schema.format",
    "MinLength": "schema.min_length",
    "Minimum": "schema.minimum",
    "MinItems": "schema.min_items",
    "MinProperties": "schema.min_items",
}


@cache
def _validator(name: str) -> Any:
    import jsonschema_rs  # imported on first use: validation is the only user

    schema = specs()[name].schema
    return jsonschema_rs.validator_for({"type": "array", "items": schema}, validate_formats=True)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return f"「{text[:40]}…」" if len(text) > 40 else f"「{text}」"


def _allowed(prop: dict[str, Any] | None, options: Iterable[Any]) -> str:
    inverse: dict[str, list[str]] = {}
    if prop:
        for alias, value in prop.get("x-value-aliases", {}).items():
            inverse.setdefault(value, []).append(alias)
    parts = []
    for opt in options:
        aliases = inverse.get(opt)
        parts.append(f"{opt} ({'/'.join(aliases[:3])})" if aliases else str(opt))
    return ", ".join(parts)


def _prop_at(spec: Spec, path: list[str]) -> dict[str, Any] | None:
    dotted = ".".join(p for p in path if not p.isdigit())
    prop = spec.props.get(dotted)
    if prop is None and path:
        parent = spec.props.get(".".join(p for p in path[:-1] if not p.isdigit()))
        extra = parent.get("additionalProperties") if parent else None
        if isinstance(extra, dict):
            return extra
    if prop is not None and prop.get("type") == "array" and path and path[-1].isdigit():
        items = prop.get("items")
        return items if isinstance(items, dict) else None
    return prop


def schema_diagnostics(spec: Spec, records: list[Record]) -> list[Diagnostic]:
    """Every schema error of a dataset's records, placed at the value (or the record)."""
    data = [r.data for r in records]
    validator = _validator(spec.name)
    if validator.is_valid(data):
        return []
    out: list[Diagnostic] = []
    for err in validator.iter_errors(data):
        path = [str(p) for p in err.instance_path]
        record = records[int(path[0])]
        inner = path[1:]
        kind = type(err.kind).__name__
        details = err.kind.as_dict()
        code = _KIND_CODES.get(kind, "schema.other")
        dotted = ".".join(inner)
        if kind == "Required":
            key = ".".join([*inner, details["property"]])
            out.append(Diagnostic(code, record.place(key), {"key": _label(spec, record, key)}))
            continue
        if kind == "AdditionalProperties":
            parent = spec.props.get(".".join(p for p in inner if not p.isdigit()))
            props = (parent or spec.schema).get("properties", {})
            for extra in details.get("unexpected", []):
                key = ".".join([*inner, extra])
                out.append(
                    Diagnostic(code, record.place(key), {"key": key, "allowed": ", ".join(props)})
                )
            continue
        value = _lookup(record.data, inner)
        args: dict[str, object] = {"key": _label(spec, record, dotted), "value": _short(value)}
        prop = _prop_at(spec, inner)
        if kind == "Type":
            types = details.get("types") or [details.get("type", "")]
            args["expected"] = f"expect.{types[0]}"
        elif kind == "Enum":
            args["allowed"] = _allowed(prop, details.get("options", []))
        elif kind == "Format":
            args["expected"] = f"expect.{details.get('format', '')}"
        elif kind in ("Minimum",):
            args["limit"] = details.get("limit")
        elif code == "schema.other":
            args["detail"] = err.message
        out.append(Diagnostic(code, record.place(dotted or None), args))
    return out


def _label(spec: Spec, record: Record, key: str) -> str:
    """How a message names a key: as the sheet's header says it (`種別 (kind)`), with the
    schema's Japanese header for a column the sheet lacks; as written in YAML."""
    if record.source.kind == "yaml" or not key:
        return key
    written = record.source.headers.get(key)
    if written is None:
        prop = spec.props.get(".".join(p for p in key.split(".") if not p.isdigit()), {})
        written = next((a for a in prop.get("x-aliases", []) if not a.isascii()), None)
    return f"{written} ({key})" if written and written != key else key


def _lookup(data: Any, path: list[str]) -> Any:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def key_of(spec: Spec, record: Record) -> tuple[str, ...] | None:
    """The identity of a record by its dataset's key, or None when a part is missing."""
    parts = []
    for k in spec.key:
        v = record.data.get(k)
        if not isinstance(v, str):
            return None
        parts.append(v)
    return tuple(parts)


def duplicate_diagnostics(spec: Spec, records: list[Record]) -> list[Diagnostic]:
    """A key given twice in one dataset."""
    if not spec.key:
        return []
    # Most datasets have no duplicate: one set of the key values says so (C speed).
    columns = [[r.data.get(k) for r in records] for k in spec.key]
    keys: list[Any] = columns[0] if len(columns) == 1 else list(zip(*columns, strict=True))
    try:
        if len(set(keys)) == len(keys):
            return []
    except TypeError:  # a value that is not text (a list, a mapping): the record by record path
        pass
    seen: dict[tuple[str, ...], Record] = {}
    out: list[Diagnostic] = []
    for rec in records:
        key = key_of(spec, rec)
        if key is None:
            continue
        first = seen.setdefault(key, rec)
        if first is not rec:
            out.append(
                Diagnostic(
                    "record.duplicate",
                    rec.place(spec.key[-1]),
                    {
                        "dataset": spec.name,
                        "key": "/".join(spec.key),
                        "value": "/".join(key),
                        "first": str(first.place(spec.key[-1])),
                    },
                )
            )
    return out


def validate_loaded(loaded: Loaded) -> list[Diagnostic]:
    """Coerce every record in place and return every schema error and duplicate."""
    out: list[Diagnostic] = []
    all_specs = specs()
    if loaded.config is not None:
        spec = all_specs["config"]
        loaded.config.data = record_converter(spec)(loaded.config.data)
        out.extend(schema_diagnostics(spec, [loaded.config]))
    for name, records in loaded.records.items():
        spec = all_specs[name]
        # A dataset comes from one source; a table's values were converted as they were read.
        if records and not records[0].source.coerced:
            convert = record_converter(spec)
            for rec in records:
                rec.data = convert(rec.data)
        out.extend(schema_diagnostics(spec, records))
        out.extend(duplicate_diagnostics(spec, records))
    return out
