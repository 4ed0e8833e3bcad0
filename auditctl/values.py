"""Values every layer shares: how names compare, Japan time, and the date forms users write."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone


def norm(text: str) -> str:
    """How names are compared: NFKC, case-folded, without surrounding or inner blanks."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


JST = timezone(timedelta(hours=9), "JST")

_DATE = re.compile(r"^(\d{4})(?:-|/|年|\.)(\d{1,2})(?:-|/|月|\.)(\d{1,2})日?$")
_DATETIME = re.compile(
    r"^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:[T ]|\s+)(\d{1,2})(?::|時)(\d{2})分?"
    r"(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)


def parse_date(text: str) -> date | None:
    """ISO `2026-11-27`, `2026/11/27` or `2026年11月27日` (full-width digits allowed)."""
    m = _DATE.match(norm(text))
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_datetime(text: str) -> datetime | None:
    """A date and time; without an offset it is Japan time. A date alone is its midnight."""
    s = " ".join(text.split())
    s = norm(s[:10]) + s[10:] if len(s) >= 10 else norm(s)
    m = _DATETIME.match(s)
    if m:
        try:
            if m[7]:
                off = m[7]
                tz = UTC if off == "Z" else _offset(off)
            else:
                tz = JST
            return datetime(
                int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=tz
            )
        except ValueError:
            return None
    d = parse_date(text)
    return datetime(d.year, d.month, d.day, tzinfo=JST) if d else None


def _offset(text: str) -> timezone:
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
