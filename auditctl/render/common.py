"""What several renderers share: labels, the columns of a finding row, colours, safe text."""

from __future__ import annotations

import re
import unicodedata

from auditctl.findings import Finding
from auditctl.i18n import Lang, tr
from auditctl.report import Report
from auditctl.severity import SEVERITY_LABELS, TYPOLOGY_LABELS, Severity

# One palette for every human format: the gravest finding is the darkest.
COLOURS: dict[str, str] = {
    "critical": "B71C1C",
    "high": "E65100",
    "medium": "F9A825",
    "low": "1E88E5",
    "info": "9E9E9E",
}
# Lighter tints for what only touches a cell (a finding about the whole screen for a role).
TINTS: dict[str, str] = {
    "critical": "F4C7C3",
    "high": "FFE0B2",
    "medium": "FFF3C4",
    "low": "D6E8FA",
    "info": "EEEEEE",
}

# The columns of one finding row (CSV, the workbook's findings sheet), with their headings.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("severity", "head.severity"),
    ("rule", "head.rule"),
    ("typology", "head.typology"),
    ("title", "head.title"),
    ("subject", "head.subject"),
    ("message", "head.message"),
    ("locations", "head.location"),
    ("basis", "head.basis"),
    ("remediation", "head.remediation"),
    ("fingerprint", "head.fingerprint"),
    ("waived", "head.waived"),
    ("baselined", "head.baselined"),
)


def sev_label(sev: str | Severity, lang: Lang) -> str:
    ja, en = SEVERITY_LABELS[str(sev)]
    return ja if lang == "ja" else en


def typ_label(typ: str, lang: Lang) -> str:
    pair = TYPOLOGY_LABELS.get(typ)
    if pair is None:
        return typ
    return pair[0] if lang == "ja" else pair[1]


def headings(lang: Lang) -> list[str]:
    return [tr(code, lang) for _, code in COLUMNS]


def yes_no(value: bool, lang: Lang) -> str:
    return tr("word.yes" if value else "word.no", lang)


def row_of(f: Finding, lang: Lang) -> list[str]:
    """One finding as the cells of COLUMNS, in the report's language."""
    values = {
        "severity": sev_label(f.severity, lang),
        "rule": f.rule,
        "typology": f.typology,
        "title": f.title,
        "subject": f.subject,
        "message": f.message,
        "locations": "\n".join(str(p) for p in f.locations),
        "basis": "\n".join(f.basis),
        "remediation": f.remediation,
        "fingerprint": f.fingerprint,
        "waived": yes_no(f.waived, lang),
        "baselined": yes_no(f.baselined, lang),
    }
    return [values[key] for key, _ in COLUMNS]


def verdict(report: Report) -> list[str]:
    """The verdict and the counts, exactly as the table prints them."""
    from auditctl.render.table import verdict_lines

    return verdict_lines(report)


def title_of(report: Report) -> str:
    """The report's heading: the bundle's name from auditctl.yaml, else its folder."""
    return report.name or report.bundle


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """Control characters removed: XML cannot carry them and no reader wants them."""
    return _CONTROL.sub("", text)


def display_width(text: str) -> int:
    """Cells on a fixed-width grid: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
