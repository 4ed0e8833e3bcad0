"""CSV files (UTF-8, UTF-8 with BOM, CP932) → rows with their line numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from auditctl.diagnostics import Diagnostic
from auditctl.load.table import Row
from auditctl.places import Place


def decode(data: bytes, file: str) -> tuple[str | None, Diagnostic | None]:
    """Text of a CSV file: UTF-8 (with or without BOM) first, then CP932 as Japanese Excel saves it."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            continue
    return None, Diagnostic("csv.encoding", Place(file))


def csv_rows(text: str) -> Iterator[Row]:
    """Rows numbered by the line each starts on (quoted new lines make a row span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for cells in reader:
        # An empty cell stays "": tables read it as no value (a list of texts is a Row).
        yield start, cells  # type: ignore[misc]
        start = reader.line_num + 1
