"""Rows of a sheet or CSV file → records: headers by key or alias, the wide or long masking matrix."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from auditctl.diagnostics import Diagnostic
from auditctl.load.coerce import Converter, column_converter, strip_text
from auditctl.load.limits import DEFAULT_LIMITS, Limits
from auditctl.load.specs import Spec
from auditctl.records import Record, Source
from auditctl.values import norm

Row = tuple[int, list[str | None]]  # (row or line number, cell texts)


@dataclass(slots=True)
class TableResult:
    """What one table gave: records, problems, and the headers it did not use."""

    records: list[Record] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def _map_header(
    spec: Spec, source: Source, header: list[str | None], header_row: int, result: TableResult
) -> bool:
    """Set `source.columns` from the header row; True when the sheet is a long-format matrix."""
    long_masking = False
    long_cols = spec.schema.get("x-long", {})
    long_names = {norm(a) for a in long_cols.get("access", ["access", "閲覧可否"])}
    role_names = {norm(a) for a in long_cols.get("role", ["role", "ロール"])}
    if spec.name == "masking":
        long_masking = any(h is not None and norm(h) in long_names for h in header)
    columns: dict[str, int] = {}
    first_seen: dict[str, str] = {}
    for idx, raw in enumerate(header):
        if raw is None or not raw.strip():
            continue
        text = raw.strip()
        key = spec.header_key(text)
        if spec.name == "masking":
            if long_masking and norm(text) in role_names:
                key = "role"
            elif long_masking and key is None and norm(text) in long_names:
                key = "access"
            elif not long_masking and key is None:
                key = f"access.{text}"
        if key is None:
            result.ignored.append(text)
            continue
        if key in columns:
            result.diagnostics.append(
                Diagnostic(
                    "table.duplicate_header",
                    source.place(header_row, idx),
                    {"key": key, "first": first_seen[key], "second": text},
                )
            )
            continue
        columns[key] = idx
        first_seen[key] = text
    source.columns = columns
    source.headers = first_seen
    return long_masking


def _unheaded(
    cells: list[str | None], named: frozenset[int], number: int, source: Source
) -> list[Diagnostic]:
    """Values in a column without a header are refused, never silently dropped."""
    return [
        Diagnostic("table.extra_cell", source.place(number, idx))
        for idx, value in enumerate(cells)
        if value is not None and idx not in named and value.strip()
    ]


def _too_long(value: str, number: int, idx: int, source: Source, limits: Limits) -> Diagnostic:
    return Diagnostic(
        "limit.cell",
        source.place(number, idx),
        {"size": len(value), "limit": limits.max_cell_chars, "key": "limits.max_cell_chars"},
    )


def _as_is(value: Any) -> Any:
    return value


Plain = list[tuple[str, int, Converter | None]]  # None: the text, stripped (inlined)
Nested = list[tuple[str, str, int, Converter]]


def _converters(spec: Spec, source: Source, long_masking: bool) -> tuple[Plain, Nested, Converter]:
    """Each column with its converter (values are converted as they are read, see coerce.py);
    plain keys and nested ones (dotted) apart, so that most cells cost one dict store."""
    plain: Plain = []
    for key, idx in source.columns.items():
        if "." in key:
            continue
        conv: Converter | None = column_converter(spec, key)
        if long_masking and key in ("role", "access"):  # paired by read_table, as they are
            conv = _as_is
        plain.append((key, idx, None if conv is strip_text else conv))
    nested: Nested = [
        (*key.partition(".")[::2], idx, column_converter(spec, key))
        for key, idx in source.columns.items()
        if "." in key
    ]
    return plain, nested, column_converter(spec, "access.*")


def read_table(
    spec: Spec, source: Source, rows: Iterable[Row], limits: Limits = DEFAULT_LIMITS
) -> TableResult:
    """Map the header row, then turn each non-empty row into a record."""
    result = TableResult()
    it = iter(rows)
    header: list[str | None] | None = None
    header_row = 0
    for number, cells in it:
        if any(c is not None and c.strip() for c in cells):
            header, header_row = cells, number
            break
    if header is None:
        result.diagnostics.append(Diagnostic("table.no_header", source.place(1)))
        return result

    long_masking = _map_header(spec, source, header, header_row, result)
    _read_rows(spec, source, header, it, result, limits, long_masking)
    return result


def _read_rows(
    spec: Spec,
    source: Source,
    header: list[str | None],
    it: Iterator[Row],
    result: TableResult,
    limits: Limits,
    long_masking: bool,
) -> None:
    """Each row after the header as a record, its values converted as they are read."""
    plain, nested, access_conv = _converters(spec, source, long_masking)
    source.coerced = True
    named = frozenset(i for i, h in enumerate(header) if h is not None and h.strip())
    unnamed = [i for i in range(len(header)) if i not in named]
    span = max((idx for _, idx, _ in plain), default=-1)
    span = max([span, *(idx for _, _, idx, _ in nested)]) + 1
    header_width = len(header)
    max_chars = limits.max_cell_chars
    max_rows = limits.max_rows
    records = result.records
    name = spec.name
    for count, (number, cells) in enumerate(it, start=1):
        if count > max_rows:
            result.diagnostics.append(
                Diagnostic(
                    "limit.rows",
                    source.place(number),
                    {"limit": limits.max_rows, "key": "limits.max_rows"},
                )
            )
            break
        width = len(cells)
        if width > header_width or (unnamed and any(cells[i] for i in unnamed if i < width)):
            result.diagnostics += _unheaded(cells, named, number, source)
        row = cells if width >= span else cells + [None] * (span - width)
        if sum(map(len, filter(None, row))) <= max_chars:  # no cell can be too long
            data = _values(row, plain, nested)
        else:
            data = _checked_values(row, plain, nested, number, source, limits, result)
        if long_masking:
            _pair_long(data, access_conv)
        if data:
            records.append(Record(name, data, source, number))


def _values(row: list[str | None], plain: Plain, nested: Nested) -> dict[str, Any]:
    """A row's values by record key (the usual case: one comprehension, no checks per cell)."""
    data: dict[str, Any] = {
        key: value.strip() if conv is None else conv(value)
        for key, idx, conv in plain
        if (value := row[idx]) and not value.isspace()
    }
    for head, rest, idx, conv in nested:
        value = row[idx]
        if value and not value.isspace():
            sub = data.get(head)
            if sub is None:
                sub = data[head] = {}
            sub[rest] = conv(value)
    return data


def _checked_values(
    row: list[str | None],
    plain: Plain,
    nested: Nested,
    number: int,
    source: Source,
    limits: Limits,
    result: TableResult,
) -> dict[str, Any]:
    """A row's values, each checked against the cell size limit (a cell over it is an error)."""
    max_chars = limits.max_cell_chars
    data: dict[str, Any] = {}
    for key, idx, conv in plain:
        value = row[idx]
        if value and not value.isspace():
            if len(value) > max_chars:
                result.diagnostics.append(_too_long(value, number, idx, source, limits))
                continue
            data[key] = value.strip() if conv is None else conv(value)
    for head, rest, idx, nconv in nested:
        value = row[idx]
        if value and not value.isspace():
            if len(value) > max_chars:
                result.diagnostics.append(_too_long(value, number, idx, source, limits))
                continue
            sub = data.get(head)
            if sub is None:
                sub = data[head] = {}
            sub[rest] = nconv(value)
    return data


def _pair_long(data: dict[str, Any], access_conv: Converter) -> None:
    """A long-format matrix row: its role and access become one decision."""
    role = data.pop("role", None)
    access = data.pop("access", None)
    if role is not None and access is not None:  # no access given: no decision
        data["access"] = {role.strip(): access_conv(access)}
