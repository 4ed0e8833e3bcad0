"""Input problems: a code, a place and the arguments of a bilingual message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from auditctl.i18n import Lang, tr
from auditctl.places import Place


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem with the input; all of them are collected and reported at once."""

    code: str
    place: Place | None
    args: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: Lang) -> str:
        """The message in the user's language, without the place."""
        return tr(self.code, lang, **self.args)

    def render(self, lang: Lang) -> str:
        """`place: message`, as printed on standard error."""
        text = self.message(lang)
        return f"{self.place}: {text}" if self.place is not None else text

    def sort_key(self) -> tuple[str, int, str, str]:
        """Errors are listed file by file, top to bottom."""
        p = self.place
        if p is None:
            return ("", 0, "", self.code)
        return (p.file, p.line or 0, f"{p.sheet or ''}!{_cell_key(p.cell)}", self.code)


def _cell_key(cell: str | None) -> str:
    if not cell:
        return ""
    letters = cell.rstrip("0123456789")
    return f"{int(cell[len(letters) :] or 0):09d}{len(letters):02d}{letters}"


class InputError(Exception):
    """Raised only when loading cannot go on at all; carries what was found so far."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} input error(s)")
        self.diagnostics = diagnostics
