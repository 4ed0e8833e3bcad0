"""What the log phase hands to the L rules and to the report: aggregates and a summary, plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from auditctl.i18n import Lang, tr


def reason_text(reason: str, lang: Lang) -> str:
    """A rejected row's reason in words: `logs.missing:account` names the column."""
    code, _, column = reason.partition(":")
    return tr(code, lang, column=column) if column else tr(code, lang)


@dataclass(frozen=True, slots=True)
class RowRef:
    """One log row, by file and line (the line a person opens the file at)."""

    file: str
    line: int
    ts: str = ""  # Japan time, as `2026-10-01 09:15:23`


@dataclass(frozen=True, slots=True)
class Aggregate:
    """One subject's flagged rows for one rule: what the finding says about them."""

    rule: str
    key: tuple[str, ...]  # subject parts: (system, account), (terminal,) or (system,)
    day: date | None  # L-05 only: one finding per account and day
    count: int
    first: str
    last: str
    records: int  # sum of `records` over the rows (L-05)
    screens: tuple[str, ...] = ()
    terminals: tuple[str, ...] = ()
    details: tuple[str, ...] = ()  # persons (L-01, L-06) or unknown names (L-07)
    examples: tuple[RowRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row that could not be read, and why (a reason code of auditctl.i18n)."""

    file: str
    line: int
    reason: str
    text: str = ""


@dataclass(slots=True)
class LogSummary:
    """What the report says about the logs read: files, rows, time span, rejected rows."""

    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_rejected: int = 0
    rejected_examples: list[Rejected] = field(default_factory=list)
    first: str | None = None
    last: str | None = None

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The report's `logs` object (schemas/report.schema.json)."""
        return {
            "files": list(self.files),
            "rows_read": self.rows_read,
            "rows_rejected": self.rows_rejected,
            "rejected_examples": [
                {
                    "file": r.file,
                    "line": r.line,
                    "reason": r.reason,
                    "message": reason_text(r.reason, lang),
                    "text": r.text,
                }
                for r in self.rejected_examples
            ],
            "first": self.first,
            "last": self.last,
        }


@dataclass(slots=True)
class LogResults:
    """The L rules' aggregates by rule ID, and the summary of what was read."""

    summary: LogSummary = field(default_factory=LogSummary)
    aggregates: dict[str, list[Aggregate]] = field(default_factory=dict)
