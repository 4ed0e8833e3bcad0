"""Excel workbooks (.xlsx) → sheets of rows, each cell as the text a user sees."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from auditctl.diagnostics import Diagnostic
from auditctl.load.table import Row
from auditctl.places import Place

_ZERO_PAD = re.compile(r"^0+$")


@dataclass(slots=True)
class Sheet:
    """One worksheet: its title and a way to read its rows once."""

    title: str
    rows: Iterator[Row]


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


def open_workbook(path: Path, file: str) -> tuple[list[Sheet], Any, list[Diagnostic]]:
    """The sheets of a workbook, read lazily; the workbook must be closed by the caller."""
    import openpyxl  # imported only when a bundle has a workbook: it costs ~100 ms

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        return (
            [],
            None,
            [Diagnostic("xlsx.unreadable", Place(file), {"error": str(exc) or type(exc).__name__})],
        )
    except Exception as exc:  # openpyxl raises many kinds on corrupt files
        return [], None, [Diagnostic("xlsx.unreadable", Place(file), {"error": type(exc).__name__})]
    sheets = [Sheet(ws.title, _rows(ws)) for ws in wb.worksheets]
    return sheets, wb, []
