"""Baselines: the fingerprints of the findings accepted on one day (schemas/baseline.schema.json),
so that a later check gates only on new ones and counts what was fixed since."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from auditctl import __version__
from auditctl.findings import Finding
from auditctl.report import BaselineSummary, Report
from auditctl.resources import data_dir

FORMAT = "auditctl-baseline"
VERSION = 1


class BaselineError(ValueError):
    """A baseline file that cannot be used; `code` and `args` make the bilingual message."""

    def __init__(self, code: str, **args: object) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


@dataclass(frozen=True, slots=True)
class Entry:
    rule: str
    subject: str
    fingerprint: str
    day: str | None = None


@dataclass(frozen=True, slots=True)
class Baseline:
    """A baseline as read: its audit date and its entries."""

    as_of: str
    catalog_digest: str
    entries: tuple[Entry, ...]

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)


def baseline_doc(report: Report) -> dict[str, Any]:
    """The baseline of a report: every finding that counts. Waived ones are left out, so that a
    waiver's expiry keeps its meaning; the order is fixed, so the file is the same run to run."""
    entries = sorted(
        {
            (f.rule, f.subject, f.day.isoformat() if f.day else "", f.fingerprint)
            for f in report.findings
            if f.counts
        }
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "tool": {"name": "auditctl", "version": __version__},
        "as_of": report.as_of.isoformat(),
        "catalog_digest": report.catalog_digest,
        "findings": [
            {"rule": r, "subject": s, **({"day": d} if d else {}), "fingerprint": fp}
            for r, s, d, fp in entries
        ],
    }


def baseline_bytes(report: Report) -> bytes:
    return (json.dumps(baseline_doc(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@cache
def _validator() -> Any:
    import jsonschema_rs

    schema = json.loads((data_dir("schemas") / "baseline.schema.json").read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def parse_baseline(data: bytes) -> Baseline:
    """A baseline from the bytes of its file; raises BaselineError with what is wrong."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError("baseline.not_json", error=str(exc)) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BaselineError("baseline.not_baseline")
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise BaselineError("baseline.newer", version=version, supported=VERSION)
    error = next(iter(_validator().iter_errors(doc)), None)
    if error is not None:
        path = "/".join(str(p) for p in error.instance_path) or "/"
        raise BaselineError("baseline.invalid", path=path, error=error.message)
    entries = tuple(
        Entry(e["rule"], e["subject"], e["fingerprint"], e.get("day")) for e in doc["findings"]
    )
    return Baseline(doc["as_of"], doc["catalog_digest"], entries)


def read_baseline(path: Path) -> Baseline:
    """Read and check a baseline file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BaselineError("baseline.unreadable", error=exc.strerror or str(exc)) from None
    return parse_baseline(data)


def apply_baseline(
    findings: Sequence[Finding], baseline: Baseline, ran: Iterable[str]
) -> tuple[list[Finding], BaselineSummary]:
    """Mark the findings the baseline holds; count new, baselined and fixed. An entry is fixed when
    its rule ran and found nothing with its fingerprint (a rule not run proves nothing)."""
    known = baseline.fingerprints
    out = [
        dataclasses.replace(f, baselined=True) if f.fingerprint in known else f for f in findings
    ]
    now = {f.fingerprint for f in findings}
    ran_rules = set(ran)
    fixed = sum(1 for e in baseline.entries if e.rule in ran_rules and e.fingerprint not in now)
    summary = BaselineSummary(
        as_of=baseline.as_of,
        new=sum(1 for f in out if f.counts),  # neither baselined nor waived: what gates
        baselined=sum(1 for f in out if f.baselined),
        fixed=fixed,
    )
    return out, summary
