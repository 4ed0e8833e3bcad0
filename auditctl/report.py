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
from auditctl.logs.results import LogSummary
from auditctl.places import Place
from auditctl.records import InputFile
from auditctl.severity import SEVERITIES, TYPOLOGIES, Severity


@dataclass(frozen=True, slots=True)
class Bilingual:
    """A text in both languages, as plain data (renderers show one and keep the other)."""

    ja: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One selected rule as the catalog words it, for renderers that list rules (SARIF, JUnit)."""

    id: str
    typology: str
    severity: Severity  # after auditctl.yaml's overrides
    title: Bilingual
    condition: Bilingual
    remediation: Bilingual
    basis: tuple[Bilingual, ...]
    help_uri: str | None = None


@dataclass(frozen=True, slots=True)
class GridRow:
    """One field of one screen in a masking matrix; `cells` follow the grid's roles."""

    screen: str
    screen_name: str
    field: str  # the catalog ID
    field_label: Bilingual
    place: Place | None
    cells: tuple[tuple[str | None, Place | None], ...]  # (access or None for no decision, place)


@dataclass(frozen=True, slots=True)
class MaskingGrid:
    """The screen × field × role matrix of one non-public system, as declared."""

    system: str
    system_name: str
    roles: tuple[str, ...]
    role_names: tuple[str, ...]
    competitive: tuple[str, ...]  # the roles rules.md calls competitive
    rows: tuple[GridRow, ...]


@dataclass(frozen=True, slots=True)
class BaselineSummary:
    """How this run compares with `--baseline`: new findings, baselined ones, and entries fixed since."""

    as_of: str  # the baseline's audit date
    new: int
    baselined: int
    fixed: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "new": self.new,
            "baselined": self.baselined,
            "fixed": self.fixed,
        }


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
    baseline: BaselineSummary | None = None  # set by `check --baseline`
    # Plain data for renderers that need more than findings (not part of the JSON report).
    rules_meta: dict[str, RuleInfo] = field(default_factory=dict)  # selected rules, by ID
    matrices: list[MaskingGrid] = field(default_factory=list)  # non-public systems
    logs: LogSummary | None = None  # what was read of the access logs, when any were

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
            "baseline": self.baseline.as_dict() if self.baseline is not None else None,
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
            **({"logs": self.logs.as_dict(self.lang)} if self.logs is not None else {}),
        }
