"""Excel workbooks (.xlsx) → sheets of rows, each cell as the text a user sees."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from auditctl.diagnostics import Diagnostic
from auditctl.load.limits import DEFAULT_LIMITS, MB, Limits
from auditctl.load.table import Row
from auditctl.places import Place

_ZERO_PAD = re.compile(r"^0+$")


@dataclass(slots=True)
class Sheet:
    """One worksheet: its title and a way to read its rows once."""

    title: str
    rows: Iterator[Row]
    ws: Any = None


def cell_text(value: Any, number_format: str | None = None) -> str | None:
    """A cell's value as displayed: `123` not `123.0`, `00123` under a zero-padded format, ISO dates."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return repr(value)
        text = str(int(value))
        if number_format and _ZERO_PAD.match(number_format):
            text = text.zfill(len(number_format))
        return text
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _rows(ws: Any) -> Iterator[Row]:
    number = 0
    for row in ws.iter_rows():
        number = next((c.row for c in row if getattr(c, "row", None)), number + 1)
        yield number, [cell_text(c.value, getattr(c, "number_format", None)) for c in row]


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls are OLE files
# A cell with a formula and no cached value: <c r="B2"><f>…</f></c> (or <f/>), no <v>.
_FORMULA_NO_VALUE = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"[^>]*>\s*<f(?:\s[^>]*)?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)


def _zip_problem(data: bytes, file: str, limits: Limits) -> Diagnostic | None:
    """Refuse what is not a workbook, or what would inflate far beyond its size (a zip bomb)."""
    if data.startswith(_OLE_MAGIC):
        return Diagnostic("xlsx.encrypted", Place(file))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return Diagnostic("xlsx.unreadable", Place(file), {"error": str(exc) or type(exc).__name__})
    if unpacked > limits.max_unpacked_mb * MB:
        return Diagnostic(
            "limit.unpacked",
            Place(file),
            {
                "size_mb": -(-unpacked // MB),
                "limit": limits.max_unpacked_mb,
                "key": "limits.max_unpacked_mb",
            },
        )
    return None


def formulas_without_value(wb: Any, ws: Any) -> list[str]:
    """Cells of a sheet holding a formula whose result was never saved (openpyxl reads them as
    empty, which would silently hide data)."""
    try:
        xml = wb._archive.read(ws._worksheet_path)
    except (AttributeError, KeyError, OSError):  # pragma: no cover - openpyxl internals moved
        return []
    if b"<f" not in xml:
        return []
    return [m.decode() for m in _FORMULA_NO_VALUE.findall(xml)]


def _defused(exc: BaseException | None) -> str | None:
    """The defusedxml refusal behind an openpyxl error (entities, DTDs), if that is what it was."""
    seen = 0
    while exc is not None and seen < 10:
        if type(exc).__module__.startswith("defusedxml"):
            return str(exc) or type(exc).__name__
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def open_workbook(
    data: bytes, file: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Sheet], Any, list[Diagnostic]]:
    """The sheets of a workbook, read lazily; the workbook must be closed by the caller."""
    problem = _zip_problem(data, file, limits)
    if problem is not None:
        return [], None, [problem]
    import openpyxl  # imported only when a bundle has a workbook: it costs ~100 ms

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on corrupt or hostile files
        cause = _defused(exc)
        if cause is not None:
            return [], None, [Diagnostic("xlsx.unsafe", Place(file), {"error": cause})]
        error = (str(exc) or type(exc).__name__).splitlines()[0]
        return [], None, [Diagnostic("xlsx.unreadable", Place(file), {"error": error})]
    sheets = [Sheet(ws.title, _rows(ws), ws) for ws in wb.worksheets]
    return sheets, wb, []
