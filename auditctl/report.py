"""The report every renderer receives: what was read, what was found, what could not be judged."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from auditctl import __version__
from auditctl.diagnostics import Diagnostic
from auditctl.findings import Finding
from auditctl.i18n import Lang
from auditctl.records import InputFile
from auditctl.severity import SEVERITIES, TYPOLOGIES


@dataclass(slots=True)
class Report:
    bundle: str
    as_of: date
    lang: Lang
    catalog_digest: str
    name: str | None = None
    fail_on: str = "low"
    inputs: list[InputFile] = field(default_factory=list)
    present: list[str] = field(default_factory=list)  # user-facing datasets (bundle.md)
    absent: list[str] = field(default_factory=list)
    record_counts: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    rules_run: list[str] = field(default_factory=list)
    rules_passed: list[str] = field(default_factory=list)
    rules_not_implemented: list[str] = field(default_factory=list)
    rules_not_run: dict[str, str] = field(default_factory=dict)  # rule -> reason code
    ignored_columns: list[tuple[str, str]] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)
    exit_code: int = 0

    def counting(self) -> list[Finding]:
        return [f for f in self.findings if f.counts]

    def summary(self) -> dict[str, Any]:
        live = self.counting()
        by_sev = Counter(f.severity.value for f in live)
        by_typ = Counter(f.typology for f in live)
        return {
            "total": len(live),
            "by_severity": {s: by_sev.get(s, 0) for s in SEVERITIES},
            "by_typology": {t: by_typ.get(t, 0) for t in TYPOLOGIES},
            "waived": sum(1 for f in self.findings if f.waived),
            "baselined": sum(1 for f in self.findings if f.baselined),
            "rules_run": len(self.rules_run),
            "rules_passed": len(self.rules_passed),
            "rules_not_implemented": list(self.rules_not_implemented),
            "rules_not_run": dict(sorted(self.rules_not_run.items())),
            "fail_on": self.fail_on,
            "exit_code": self.exit_code,
        }

    def as_dict(self) -> dict[str, Any]:
        """The JSON report (schemas/report.schema.json); key order fixed, no clock, no paths of this machine."""
        return {
            "tool": {
                "name": "auditctl",
                "version": __version__,
                "catalog_digest": self.catalog_digest,
            },
            "bundle": self.bundle,
            "name": self.name,
            "as_of": self.as_of.isoformat(),
            "lang": self.lang,
            "inputs": [{"path": i.path, "sha256": i.sha256, "size": i.size} for i in self.inputs],
            "datasets": {
                "present": list(self.present),
                "absent": list(self.absent),
                "records": dict(self.record_counts),
            },
            "summary": self.summary(),
            "findings": [f.as_dict() for f in self.findings],
            "errors": [
                {
                    "code": d.code,
                    "message": d.message(self.lang),
                    **({"location": d.place.as_dict()} if d.place else {}),
                }
                for d in self.errors
            ],
            "ignored": {
                "columns": [{"where": w, "header": h} for w, h in self.ignored_columns],
                "files": list(self.ignored_files),
            },
        }
