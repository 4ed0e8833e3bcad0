"""Records as loaded: raw values with the place of each, before validation and typing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from auditctl.places import Place, column_letter

SourceKind = Literal["yaml", "csv", "xlsx"]


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file that was read, with the hash an inspector can check."""

    path: str
    sha256: str
    size: int


@dataclass(slots=True)
class Source:
    """One table or YAML document that records come from."""

    file: str
    kind: SourceKind
    sheet: str | None = None
    # For tables: record key (dotted for nested values) -> 0-based column index.
    columns: dict[str, int] = field(default_factory=dict)
    # For tables: record key -> the header as the user wrote it (messages name that).
    headers: dict[str, str] = field(default_factory=dict)
    # For tables: whether values were converted by the schema as they were read.
    coerced: bool = False

    def place(self, row: int, col: int | None = None) -> Place:
        """The place of a row (and a column) of this source."""
        if self.kind == "xlsx":
            cell = f"{column_letter(col)}{row}" if col is not None else f"A{row}"
            return Place(self.file, sheet=self.sheet, cell=cell)
        if self.kind == "csv":
            return Place(self.file, line=row)
        return Place(self.file, line=row, col=col)


@dataclass(slots=True)
class Record:
    """One record of a dataset. Places are computed on demand: tables pay nothing for them."""

    dataset: str
    data: dict[str, Any]
    source: Source
    row: int
    col: int | None = None
    # YAML only: dotted key -> (line, column), 1-based.
    marks: dict[str, tuple[int, int]] | None = None

    def place(self, key: str | None = None) -> Place:
        """Where the record (or one of its values, by dotted key) was written."""
        src = self.source
        if key is not None:
            if self.marks is not None:
                probe: str | None = key
                while probe:
                    mark = self.marks.get(probe)
                    if mark is not None:
                        return Place(src.file, line=mark[0], col=mark[1])
                    probe = probe.rpartition(".")[0] or None
            elif src.kind != "yaml":
                probe = key
                while probe:
                    idx = src.columns.get(probe)
                    if idx is not None:
                        return src.place(self.row, idx)
                    probe = probe.rpartition(".")[0] or None
        if src.kind == "yaml":
            return Place(src.file, line=self.row, col=self.col)
        return src.place(self.row)
