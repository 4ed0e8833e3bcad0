"""Where a value came from: a YAML line and column, a CSV line, or an Excel sheet and cell."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Place:
    """A place in an input file; `file` is relative to the bundle (or as the user named it)."""

    file: str
    line: int | None = None
    col: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            return (
                f"{self.file}!{self.sheet}!{self.cell}"
                if self.cell
                else f"{self.file}!{self.sheet}"
            )
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.col}" if self.col else f"{self.file}:{self.line}"
        return self.file

    def as_dict(self) -> dict[str, str | int]:
        """The JSON form: only the keys that are known."""
        out: dict[str, str | int] = {"file": self.file}
        if self.sheet is not None:
            out["sheet"] = self.sheet
        if self.cell is not None:
            out["cell"] = self.cell
        if self.line is not None:
            out["line"] = self.line
        if self.col is not None:
            out["column"] = self.col
        return out


def column_letter(index: int) -> str:
    """Excel column letters for a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
