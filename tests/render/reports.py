"""Reports the render tests share: the example bundles, a tiny hand-built report, a broken one."""

from __future__ import annotations

import io
import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from auditctl.findings import Finding, fingerprint
from auditctl.i18n import Lang
from auditctl.pipeline import check
from auditctl.places import Place
from auditctl.report import Report
from auditctl.settings import Options
from auditctl.severity import Severity

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
REFERENCE = ROOT / "tests" / "fixtures" / "reference"
AS_OF = date(2026, 11, 27)
# The known A-01 cell of examples/violations: a network-only field visible to a retail role.
A01_CELL = "cell:ryokin-cis/CIS-010/load_equipment/ep-cis-view"


@cache
def example(folder: str, lang: Lang = "ja") -> Report:
    return check(EXAMPLES / folder, Options(as_of=AS_OF, lang=lang))


def finding(
    rule: str,
    subject: str,
    message: str,
    severity: Severity = Severity.HIGH,
    places: tuple[Place, ...] = (),
    **extra: Any,
) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        typology=rule.partition("-")[0],
        title=f"title of {rule}",
        message=message,
        subject=subject,
        locations=places,
        basis=("電気事業法第23条第1項第1号",),
        remediation="remediate",
        fingerprint=fingerprint(rule, subject),
        **extra,
    )


def tiny(findings: list[Finding], lang: Lang = "ja", exit_code: int = 1) -> Report:
    """A report built by hand, for what the examples do not contain (hostile text, waivers)."""
    return Report(
        bundle="bundle",
        as_of=AS_OF,
        lang=lang,
        catalog_digest="0" * 64,
        findings=findings,
        rules_run=sorted({f.rule for f in findings}),
        exit_code=exit_code,
    )


def broken(tmp: Path) -> Report:
    """A bundle that cannot be read: exit 2, one placed error."""
    return check(tmp / "no-such-bundle", Options(as_of=AS_OF, lang="en"))


@cache
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((REFERENCE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def valid_sarif(data: bytes) -> dict[str, Any]:
    """Parse a SARIF log and check it against the OASIS schema: every SARIF the tests make."""
    doc: dict[str, Any] = json.loads(data)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(doc)]
    assert errors == []
    return doc


@cache
def junit_schema() -> Any:
    import xmlschema

    return xmlschema.XMLSchema(str(REFERENCE / "junit-ant.xsd"))


def valid_junit(data: bytes) -> Any:
    """Parse JUnit XML and check it against the Ant schema: every JUnit the tests make."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)
    errors = [str(e) for e in junit_schema().iter_errors(io.BytesIO(data))]
    assert errors == []
    return root
