"""Excel workbooks (.xlsx, .xlsm) → sheets of rows, each cell as the text a user sees.

Two readers: python-calamine (Rust; about nine times faster, and no 100 ms openpyxl import) for
most workbooks, and openpyxl read-only where a cell's number format changes the text a user sees
(a zero-padded format shows the number 123 as the ID 00123; calamine does not give formats).
Before either reads anything, the zip is checked: not encrypted, not a decompression bomb, no
DTD or entity declarations in any XML part.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from auditctl.diagnostics import Diagnostic
from auditctl.load.background import Background
from auditctl.load.limits import DEFAULT_LIMITS, MB, Limits
from auditctl.load.table import Row
from auditctl.places import Place

_ZERO_PAD = re.compile(r"^0+$")
_PARALLEL_BYTES = 64 * 1024  # below this, a thread costs more than the parsing it shares
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls are OLE files
# A cell with a formula and no cached value: <c r="B2"><f>…</f></c>, <f/>, or an empty <v/>.
_FORMULA_NO_VALUE = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"[^>]*>\s*<f(?:\s[^>]*)?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)
_ZERO_PAD_FMT = re.compile(rb'formatCode="0{2,}"')
_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_REV = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


# An opened workbook: its sheets, the handle to close, and what was wrong with it.
Opened = tuple[list["Sheet"], Any, list[Diagnostic]]
# One sheet being parsed: its calamine range and the cells holding a formula without a value.
SheetParse = Background[tuple[Any, list[str]]]


@dataclass(slots=True)
class Sheet:
    """One worksheet: its title and its rows (read once, lazily)."""

    title: str
    rows: Iterator[Row]
    zf: zipfile.ZipFile
    path: str | None
    parse: SheetParse | None = None  # a calamine sheet, parsed while other files are read

    def ready(self) -> bool:
        """Whether reading the rows can start without waiting for the parser."""
        return self.parse is None or self.parse.done()

    def formulas_without_value(self) -> list[str]:
        """Cells holding a formula whose result was never saved: read as empty, they would hide
        data. Only sheets that are read pay for this scan, unless it was done while parsing."""
        if self.parse is not None:
            try:
                return self.parse.result()[1]
            except Exception:  # the sheet cannot be parsed: reading its rows says so
                return []
        return _formulas_without_value(self.zf, self.path)


def cell_text(value: Any, number_format: str | None = None) -> str | None:
    """A cell's value as displayed: `123` not `123.0`, `00123` under a zero-padded format, ISO dates."""
    if value is None or value == "":
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


# -- checks on the zip ------------------------------------------------------------------------


def _zip_problem(zf: zipfile.ZipFile, file: str, limits: Limits) -> Diagnostic | None:
    """A decompression bomb, or XML parts that declare a DTD or entities."""
    infos = zf.infolist()
    unpacked = sum(info.file_size for info in infos)
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
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            with zf.open(info) as fh:
                head = fh.read(1024)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                return Diagnostic("xlsx.unsafe", Place(file), {"error": f"{info.filename}: DTD"})
    return None


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → the path of its XML part, from workbook.xml and its relationships."""
    try:
        book = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {rid: target for rid, target in _REL.findall(rels)}
    targets.update({rid: target for target, rid in _REL_REV.findall(rels)})
    out = {}
    for name, rid in _SHEET.findall(book):
        target = targets.get(rid, b"").decode("utf-8", "replace")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        out[_unescape(name.decode("utf-8", "replace"))] = path
    return out


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _formulas_without_value(zf: zipfile.ZipFile, path: str | None) -> list[str]:
    """Cells holding a formula whose result was never saved: read as empty, they would hide data."""
    if path is None:
        return []
    try:
        xml = zf.read(path)
    except KeyError:
        return []
    if b"<f" not in xml:
        return []
    return [m.decode() for m in _FORMULA_NO_VALUE.findall(xml)]


def _needs_formats(zf: zipfile.ZipFile) -> bool:
    """Whether a zero-padded number format is defined, so that only openpyxl shows IDs right."""
    try:
        return bool(_ZERO_PAD_FMT.search(zf.read("xl/styles.xml")))
    except KeyError:
        return False


# -- the readers -------------------------------------------------------------------------------


def _calamine_rows(parse: SheetParse) -> Iterator[Row]:
    sheet = parse.result()[0]
    # Rows are padded from row 1; columns start at the used range's first column.
    pad: list[str | None] = [None] * sheet.start[1]
    dates: dict[Any, str | None] = {}  # a date column repeats few days: each is written once

    def text_of(value: Any) -> str | None:
        text = cell_text(value)
        if value.__class__ is date:
            dates[value] = text
        return text

    for number, row in enumerate(sheet.iter_rows(), start=1):
        # Most cells are text already: only the others go through cell_text.
        cells = [v if v.__class__ is str and v else dates.get(v) or text_of(v) for v in row]
        yield number, pad + cells if pad else cells


def _openpyxl_rows(ws: Any) -> Iterator[Row]:
    number = 0
    for row in ws.iter_rows():
        number = next((c.row for c in row if getattr(c, "row", None)), number + 1)
        yield number, [cell_text(c.value, getattr(c, "number_format", None)) for c in row]


def _parse_sheets(
    wb: Any, zf: zipfile.ZipFile, data: bytes, paths: dict[str, str]
) -> dict[str, SheetParse]:
    """Every sheet parsed, with its formulas that lack a value; in a large workbook each in a
    thread of its own: calamine and zlib release the interpreter lock while they work, so the
    loader reads one sheet (and other files) while the others are parsed. Each thread opens
    its own handles on the bytes (opening a workbook parses no sheet)."""
    import python_calamine

    background = len(data) >= _PARALLEL_BYTES

    def parser(name: str, book: Any) -> Callable[[], tuple[Any, list[str]]]:
        def parse() -> tuple[Any, list[str]]:
            if not background:  # here and now: the handles already open serve
                return book.get_sheet_by_name(name), _formulas_without_value(zf, paths.get(name))
            own = zipfile.ZipFile(io.BytesIO(data))
            opened = book or python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            return opened.get_sheet_by_name(name), _formulas_without_value(own, paths.get(name))

        return parse

    # In the background, the first sheet's thread takes the workbook already open (one thread
    # uses it, so no call on it overlaps another); the others open their own. Opening a large
    # workbook reads its whole shared-strings table: 1.3 s and 150 MB for a million-row roster.
    return {
        name: SheetParse(parser(name, wb if not background or i == 0 else None), background)
        for i, name in enumerate(wb.sheet_names)
    }


def _with_calamine(data: bytes, zf: zipfile.ZipFile, file: str) -> Opened:
    import python_calamine

    try:
        wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        paths = _sheet_paths(zf)
        parsed = _parse_sheets(wb, zf, data, paths)
        for parse in parsed.values():  # a small workbook is parsed here: its errors too
            if not parse.background:
                parse.result()
        sheets = [
            Sheet(name, _calamine_rows(parse), zf, paths.get(name), parse)
            for name, parse in parsed.items()
        ]
    except Exception as exc:  # calamine raises its own kinds on corrupt files
        error = (str(exc) or type(exc).__name__).splitlines()[0]
        return [], None, [Diagnostic("xlsx.unreadable", Place(file), {"error": error})]
    if any(parse.background for parse in parsed.values()):
        # A sheet's thread holds the workbook while it parses and lets it go after: kept here,
        # it would stay in memory until every sheet has been read.
        return sheets, None, []
    return sheets, wb, []


def _with_openpyxl(data: bytes, zf: zipfile.ZipFile, file: str) -> Opened:
    import openpyxl  # ~100 ms to import: only for workbooks that need number formats

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on corrupt or hostile files
        error = (str(exc) or type(exc).__name__).splitlines()[0]
        return [], None, [Diagnostic("xlsx.unreadable", Place(file), {"error": error})]
    paths = _sheet_paths(zf)
    sheets = [Sheet(ws.title, _openpyxl_rows(ws), zf, paths.get(ws.title)) for ws in wb.worksheets]
    return sheets, wb, []


def open_workbook(data: bytes, file: str, limits: Limits = DEFAULT_LIMITS) -> Opened:
    """The sheets of a workbook, read lazily; the returned handle must be closed by the caller."""
    if data.startswith(_OLE_MAGIC):
        return [], None, [Diagnostic("xlsx.encrypted", Place(file))]
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, an unknown compression method, …
        return (
            [],
            None,
            [Diagnostic("xlsx.unreadable", Place(file), {"error": str(exc) or type(exc).__name__})],
        )
    try:
        problem = _zip_problem(zf, file, limits)
        if problem is not None:
            return [], None, [problem]
        try:
            import python_calamine  # noqa: F401
        except ImportError:  # pragma: no cover - a dependency; openpyxl still reads everything
            return _with_openpyxl(data, zf, file)
        if _needs_formats(zf):
            return _with_openpyxl(data, zf, file)
        return _with_calamine(data, zf, file)
    except Exception as exc:  # a damaged member: zipfile and zlib raise many kinds
        return (
            [],
            None,
            [Diagnostic("xlsx.unreadable", Place(file), {"error": str(exc) or type(exc).__name__})],
        )
