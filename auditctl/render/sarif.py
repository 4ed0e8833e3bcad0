"""SARIF 2.1.0 for code-scanning dashboards: one run, rules in both languages, placed results."""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from auditctl import __version__
from auditctl.findings import Finding
from auditctl.i18n import Lang, tr
from auditctl.places import Place
from auditctl.report import Report, RuleInfo
from auditctl.severity import Severity

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/auditctl/"
FINGERPRINT_KEY = "auditctl/v1"

# The one place severities become SARIF levels and GitHub's security-severity scores.
LEVELS: dict[Severity, str] = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "warning",
    Severity.INFO: "note",
}
SECURITY_SEVERITY: dict[Severity, str] = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "0.0",
}
# A finding about the bundle as a whole still needs a file for GitHub: the one required file.
ANCHOR = Place("organization.yaml")


def render_sarif(report: Report) -> bytes:
    """The SARIF log; key order fixed, so the same report gives the same bytes."""
    lang = report.lang
    rules = _rule_ids(report)
    artifacts, index = _artifacts(report)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "auditctl",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "language": lang,
                "rules": [_descriptor(report, rid) for rid in rules],
            }
        },
        "invocations": [_invocation(report)],
        "originalUriBaseIds": _bases(report.bundle),
        "artifacts": artifacts,
        "results": [_result(report, f, rules.index(f.rule), index) for f in report.findings],
        "columnKind": "unicodeCodePoints",
        "properties": {
            "bundle": report.bundle,
            "name": report.name,
            "as_of": report.as_of.isoformat(),
            "fail_on": report.fail_on,
            "catalog_digest": report.catalog_digest,
            "datasets_absent": list(report.absent),
        },
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return (json.dumps(log, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _rule_ids(report: Report) -> list[str]:
    """Every selected rule, and any rule a finding names that the selection did not list."""
    ids = list(report.rules_meta)
    ids += sorted({f.rule for f in report.findings} - set(ids))
    return ids


def _pascal(text: str) -> str:
    """A SARIF rule name is an identifier: `Network-only field visible` → `NetworkOnlyFieldVisible`."""
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", text))


def _help(info: RuleInfo, lang: Lang) -> dict[str, str]:
    basis = [b.get(lang) for b in info.basis]
    text = "\n\n".join(
        [
            f"{tr('head.condition', lang)}: {info.condition.get(lang)}",
            f"{tr('head.remediation', lang)}: {info.remediation.get(lang)}",
            f"{tr('head.basis', lang)}: {'; '.join(basis)}",
        ]
    )
    markdown = "\n\n".join(
        [
            f"**{tr('head.condition', lang)}**\n\n{info.condition.get(lang)}",
            f"**{tr('head.remediation', lang)}**\n\n{info.remediation.get(lang)}",
            f"**{tr('head.basis', lang)}**\n\n" + "\n".join(f"- {b}" for b in basis),
        ]
    )
    return {"text": text, "markdown": markdown}


def _descriptor(report: Report, rule_id: str) -> dict[str, Any]:
    lang = report.lang
    other: Lang = "en" if lang == "ja" else "ja"
    info = report.rules_meta.get(rule_id)
    if info is None:  # a finding outside the selection: describe it from the finding itself
        f = next(f for f in report.findings if f.rule == rule_id)
        return {
            "id": rule_id,
            "shortDescription": {"text": f.title},
            "defaultConfiguration": {"level": LEVELS[f.severity]},
            "properties": {
                "tags": ["security", f"typology:{f.typology}"],
                "security-severity": SECURITY_SEVERITY[f.severity],
            },
        }
    out: dict[str, Any] = {
        "id": info.id,
        "name": _pascal(info.title.en) or info.id,
        "shortDescription": {"text": info.title.get(lang)},
        "fullDescription": {"text": info.condition.get(lang) or info.title.get(lang)},
        "help": _help(info, lang),
    }
    if info.help_uri:
        out["helpUri"] = info.help_uri
    out["defaultConfiguration"] = {"level": LEVELS[info.severity]}
    out["properties"] = {
        "tags": ["security", f"typology:{info.typology}"],
        "security-severity": SECURITY_SEVERITY[info.severity],
        "severity": info.severity.value,
        "typology": info.typology,
        other: {
            "shortDescription": {"text": info.title.get(other)},
            "fullDescription": {"text": info.condition.get(other) or info.title.get(other)},
            "help": _help(info, other),
        },
    }
    return out


def _uri(file: str) -> tuple[str, str | None]:
    """A place's file as a URI: relative to the bundle (base BUNDLE), or absolute as given."""
    path = PurePosixPath(file.replace("\\", "/"))
    if path.is_absolute():
        return path.as_uri(), None
    return quote(path.as_posix(), safe="/"), "BUNDLE"


def _bases(bundle: str) -> dict[str, Any]:
    """BUNDLE is the folder audited, relative to where auditctl ran (%SRCROOT%) when it can be."""
    path = PurePosixPath(bundle.replace("\\", "/"))
    srcroot = {"description": {"text": "the folder auditctl was run in"}}
    if path.is_absolute():
        return {"%SRCROOT%": srcroot, "BUNDLE": {"uri": path.as_uri().rstrip("/") + "/"}}
    rel = quote(path.as_posix(), safe="/")
    return {
        "%SRCROOT%": srcroot,
        "BUNDLE": {"uri": "./" if rel == "." else rel.rstrip("/") + "/", "uriBaseId": "%SRCROOT%"},
    }


def _artifact_location(file: str, index: dict[str, int]) -> dict[str, Any]:
    uri, base = _uri(file)
    out: dict[str, Any] = {"uri": uri}
    if base:
        out["uriBaseId"] = base
    if file in index:
        out["index"] = index[file]
    return out


def _artifacts(report: Report) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Every input with its SHA-256, so that a reader can prove what was audited."""
    artifacts: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for i, item in enumerate(report.inputs):
        uri, base = _uri(item.path)
        location: dict[str, Any] = {"uri": uri}
        if base:
            location["uriBaseId"] = base
        artifacts.append(
            {"location": location, "length": item.size, "hashes": {"sha-256": item.sha256}}
        )
        index[item.path] = i
    return artifacts, index


def _location(place: Place, index: dict[str, int]) -> dict[str, Any]:
    """YAML and CSV places are regions; an Excel place is the workbook plus a logical location."""
    physical: dict[str, Any] = {"artifactLocation": _artifact_location(place.file, index)}
    out: dict[str, Any] = {"physicalLocation": physical}
    if place.sheet is not None:
        name = place.cell or place.sheet
        fqn = f"{place.sheet}!{place.cell}" if place.cell else place.sheet
        out["logicalLocations"] = [{"name": name, "fullyQualifiedName": fqn, "kind": "element"}]
    elif place.line is not None:
        region: dict[str, int] = {"startLine": place.line}
        if place.col is not None:
            region["startColumn"] = place.col
        physical["region"] = region
    return out


def _result(report: Report, f: Finding, rule_index: int, index: dict[str, int]) -> dict[str, Any]:
    places = f.locations or (ANCHOR,)
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f"{f.subject}: {f.message}"},
        "locations": [_location(places[0], index)],
    }
    if len(places) > 1:
        related = []
        for i, place in enumerate(places[1:], start=1):
            loc = _location(place, index)
            related.append({"id": i, **loc, "message": {"text": str(place)}})
        out["relatedLocations"] = related
    out["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    if f.waived:
        waiver = dict(f.waiver or {})
        suppression: dict[str, Any] = {"kind": "external", "status": "accepted"}
        suppression["justification"] = str(waiver.pop("reason", ""))
        extra: dict[str, str] = {
            k: str(waiver[k]) for k in ("approved_by", "expires") if k in waiver
        }
        extra.update({k: str(v) for k, v in sorted(waiver.items()) if k not in extra})
        if extra:
            suppression["properties"] = extra
        out["suppressions"] = [suppression]
    if f.baselined:
        out["baselineState"] = "unchanged"
    props: dict[str, Any] = {
        "subject": f.subject,
        "severity": f.severity.value,
        "typology": f.typology,
        "title": f.title,
    }
    if f.day is not None:
        props["day"] = f.day.isoformat()
    out["properties"] = props
    return out


def _invocation(report: Report) -> dict[str, Any]:
    """The exit status, and each input error as a notification at its place."""
    out: dict[str, Any] = {
        "executionSuccessful": report.exit_code != 2,
        "exitCode": report.exit_code,
    }
    if report.errors:
        notes = []
        for d in report.errors:
            note: dict[str, Any] = {
                "level": "error",
                "message": {"text": d.message(report.lang)},
                "descriptor": {"id": d.code},
            }
            if d.place is not None:
                note["locations"] = [_location(d.place, {})]
            notes.append(note)
        out["toolExecutionNotifications"] = notes
    return out
