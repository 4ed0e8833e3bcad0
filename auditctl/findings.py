"""A finding: a rule's hit stamped with its catalog metadata, in one language."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from auditctl.places import Place
from auditctl.severity import Severity


def fingerprint(rule: str, subject: str, day: date | None = None) -> str:
    """What waivers and baselines match: a hash of rule and subject (and the day, for L-05)."""
    key = f"{rule}\x1f{subject}" + (f"\x1f{day.isoformat()}" if day else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    typology: str
    title: str
    message: str
    subject: str
    locations: tuple[Place, ...]
    basis: tuple[str, ...]
    remediation: str
    fingerprint: str
    day: date | None = None
    waived: bool = False
    waiver: dict[str, str] | None = None
    baselined: bool = False

    def sort_key(self) -> tuple[int, str, str, str]:
        """Gravest first, then rule, subject and day: the order never depends on the input's order."""
        return (
            -self.severity.rank,
            self.rule,
            self.subject,
            self.day.isoformat() if self.day else "",
        )

    @property
    def counts(self) -> bool:
        """Whether it weighs on the exit status."""
        return not (self.waived or self.baselined)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "typology": self.typology,
            "title": self.title,
            "message": self.message,
            "subject": self.subject,
            "locations": [p.as_dict() for p in self.locations],
            "basis": list(self.basis),
            "remediation": self.remediation,
            "fingerprint": self.fingerprint,
            "waived": self.waived,
            "baselined": self.baselined,
        }
        if self.day is not None:
            out["day"] = self.day.isoformat()
        if self.waiver is not None:
            out["waiver"] = self.waiver
        return out
