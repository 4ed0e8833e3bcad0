"""Plain datasets → a bundle: YAML files, or one workbook with Japanese sheets, headers and values.
Used by `init`, by the examples' generator and by the tests (the same cases from YAML and Excel)."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import yaml

from auditctl.load.specs import DATASETS, specs
from auditctl.values import JST

Datasets = Mapping[str, Any]  # internal dataset -> list of records (operator: one record)
_SECTIONS = {"organization": ("operator", "companies", "units", "locations"),
             "disaster": ("arrangements", "declarations")}  # fmt: skip
_JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def yaml_files(datasets: Datasets, config: Mapping[str, Any] | None = None) -> dict[str, str]:
    """File name -> YAML text: organization.yaml and disaster.yaml by sections, others one list each."""
    out: dict[str, str] = {}
    done: set[str] = set()
    for file, sections in _SECTIONS.items():
        doc = {s: datasets[s] for s in sections if s in datasets}
        if doc:
            out[f"{file}.yaml"] = _dump(doc)
            done.update(doc)
    for name in DATASETS:
        if name in datasets and name not in done:
            out[f"{name}.yaml"] = _dump(list(datasets[name]))
    if config:
        out["auditctl.yaml"] = _dump(dict(config))
    return out


def _dump(doc: Any) -> str:
    return yaml.safe_dump(
        doc, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100
    )


def _ja(names: list[str], fallback: str) -> str:
    return next((n for n in names if _JA.search(n)), fallback)


def _columns(name: str) -> list[tuple[str, str]]:
    """(dotted key, Japanese header) for every leaf property of a dataset."""
    spec = specs()[name]
    cols = []
    for key, prop in spec.props.items():
        if prop.get("type") == "object" or prop.get("x-annotation"):
            continue
        cols.append((key, _ja(prop.get("x-aliases", []), key)))
    return cols


def _inverse_aliases(prop: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for alias, value in prop.get("x-value-aliases", {}).items():
        if _JA.search(alias) or alias in ("○", "×"):
            out.setdefault(value, alias)
    return out


def _cell(value: Any, prop: Mapping[str, Any]) -> Any:
    """A value as a Japanese user would type it: 個人 for personal, ○/× for booleans, real dates."""
    if value is None:
        return None
    kind = prop.get("type")
    if kind == "array":
        item = prop.get("items", {})
        return "、".join(str(_cell(v, item)) for v in value)
    if kind == "boolean":
        return "○" if value in (True, "true") else "×"
    if "enum" in prop:
        return _inverse_aliases(prop).get(str(value), str(value))
    fmt = prop.get("format")
    if fmt == "date" and isinstance(value, str | date):
        return date.fromisoformat(str(value)) if isinstance(value, str) else value
    if fmt == "date-time":
        dt = datetime.fromisoformat(str(value))
        return (dt.astimezone(JST) if dt.tzinfo else dt).replace(tzinfo=None)
    if kind == "integer":
        return int(value)
    return str(value)


def _get(record: Mapping[str, Any], dotted: str) -> Any:
    cur: Any = record
    for part in dotted.split("."):
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(part)
    return cur


ORGANIZATION = ("operator", "companies", "units", "locations")  # organization.yaml is YAML only


def workbook_bytes(datasets: Datasets, roles_order: list[str] | None = None) -> bytes:
    """One workbook with a sheet per dataset (Japanese names and headers); the matrix in wide form.
    The organization datasets are not in it: organization.yaml stays YAML (bundle.md)."""
    buf = io.BytesIO()
    build_workbook(datasets, roles_order).save(buf)
    return buf.getvalue()


def build_workbook(
    datasets: Datasets, roles_order: list[str] | None = None, *, dropdowns: bool = False
) -> Any:
    """The openpyxl Workbook of `workbook_bytes`; `dropdowns` adds a drop-down list of the Japanese
    values to every enumerated or boolean column (and to the matrix's role columns)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name in DATASETS:
        if name not in datasets or name in ORGANIZATION:
            continue
        spec = specs()[name]
        ws = wb.create_sheet(_ja(list(spec.names), name))
        rows = list(datasets[name])
        if name == "masking":
            _write_masking(ws, rows, roles_order)
            if dropdowns:
                access = spec.props["access"].get("additionalProperties", {})
                for idx in range(4, ws.max_column + 1):
                    add_dropdown(ws, idx, choices(access))
            continue
        cols = _columns(name)
        ws.append([ja for _, ja in cols])
        for rec in rows:
            ws.append([_cell(_get(rec, key), spec.props[key]) for key, _ in cols])
        _date_formats(ws, [spec.props[k] for k, _ in cols])
        if dropdowns:
            for idx, (key, _) in enumerate(cols, start=1):
                add_dropdown(ws, idx, choices(spec.props[key]))
    return wb


def choices(prop: Mapping[str, Any]) -> list[str]:
    """What a drop-down offers for a single-valued column: the Japanese value of each enum value
    (the English one where there is none), ○/× for booleans; nothing for lists and free text."""
    if prop.get("type") == "boolean":
        return ["○", "×"]
    if "enum" not in prop:
        return []
    inverse = _inverse_aliases(prop)
    return [inverse.get(str(v), str(v)) for v in prop["enum"]]


DROPDOWN_ROWS = 1000  # rows below the header that get the drop-down, for records yet to be added


def add_dropdown(ws: Any, column: int, values: list[str], prompt: str | None = None) -> None:
    """A list validation on one column, from row 2 down; Excel refuses values outside the list."""
    if not values:
        return
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    if prompt:
        dv.prompt, dv.showInputMessage = prompt, True
    letter = get_column_letter(column)
    dv.add(f"{letter}2:{letter}{DROPDOWN_ROWS + 1}")
    ws.add_data_validation(dv)


FIXED_STAMP = (2026, 1, 1, 0, 0, 0)  # what generated workbooks carry as their dates


def reproducible(xlsx: bytes, stamp: tuple[int, int, int, int, int, int] = FIXED_STAMP) -> bytes:
    """The same workbook with fixed dates in docProps/core.xml and in every zip entry, stored
    uncompressed so the bytes do not depend on the zlib build: same input, same bytes."""
    import zipfile

    w3cdtf = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*stamp).encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)",
                    rb"\g<1>" + w3cdtf + rb"\g<3>",
                    data,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_STORED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data)
    return out.getvalue()


def _write_masking(ws: Any, rows: list[Mapping[str, Any]], roles_order: list[str] | None) -> None:
    access_prop = specs()["masking"].props["access"].get("additionalProperties", {})
    roles: list[str] = list(roles_order or [])
    for rec in rows:
        for role in rec.get("access") or {}:
            if role not in roles:
                roles.append(role)
    ws.append(["システム", "画面ID", "項目", *roles])
    for rec in rows:
        access = rec.get("access") or {}
        ws.append(
            [
                rec["system"],
                rec["screen"],
                rec["field"],
                *(_cell(access.get(r), access_prop) for r in roles),
            ]
        )


def _date_formats(ws: Any, props: list[Mapping[str, Any]]) -> None:
    for idx, prop in enumerate(props, start=1):
        fmt = prop.get("format")
        if fmt not in ("date", "date-time"):
            continue
        for (cell,) in ws.iter_rows(min_row=2, min_col=idx, max_col=idx):
            cell.number_format = "yyyy/mm/dd" if fmt == "date" else "yyyy/mm/dd hh:mm"
