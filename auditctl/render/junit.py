"""JUnit XML (the Ant schema) for CI dashboards: a suite per typology, a failing case per
finding, a passing case per rule that found nothing, a skipped case per rule not judged."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from auditctl import __version__
from auditctl.findings import Finding
from auditctl.i18n import Lang, tr
from auditctl.render.common import printable, sev_label, typ_label
from auditctl.report import Report
from auditctl.severity import TYPOLOGIES

HOSTNAME = "localhost"  # the schema wants one; the machine's own name would break byte-identity


def render_junit(report: Report) -> bytes:
    """`<testsuites>` with one `<testsuite>` per typology (and one for input errors, if any)."""
    root = ET.Element("testsuites")
    timestamp = f"{report.as_of.isoformat()}T00:00:00"
    # With input errors no rule ran: the errors are the whole story.
    suites = (
        {"input": [_error_case(report, i) for i in range(len(report.errors))]}
        if report.errors
        else _cases(report)
    )
    for n, (typ, cases) in enumerate(suites.items()):
        name = (
            tr("junit.input_suite", report.lang) if typ == "input" else typ_label(typ, report.lang)
        )
        suite = ET.SubElement(
            root,
            "testsuite",
            {
                "name": name,
                "timestamp": timestamp,
                "hostname": HOSTNAME,
                "tests": str(len(cases)),
                "failures": str(sum(1 for c in cases if c.find("failure") is not None)),
                "errors": str(sum(1 for c in cases if c.find("error") is not None)),
                "skipped": str(sum(1 for c in cases if c.find("skipped") is not None)),
                "time": "0",
                "package": f"auditctl.{typ}",
                "id": str(n),
            },
        )
        props = ET.SubElement(suite, "properties")
        for key, value in _properties(report):
            ET.SubElement(props, "property", {"name": key, "value": value})
        suite.extend(cases)
        ET.SubElement(suite, "system-out").text = ""
        ET.SubElement(suite, "system-err").text = ""
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _properties(report: Report) -> list[tuple[str, str]]:
    return [
        ("auditctl.version", __version__),
        ("catalog_digest", report.catalog_digest),
        ("bundle", report.bundle),
        ("as_of", report.as_of.isoformat()),
        ("fail_on", report.fail_on),
        ("lang", report.lang),
    ]


def _case(name: str, classname: str) -> ET.Element:
    return ET.Element("testcase", {"name": printable(name), "classname": classname, "time": "0"})


def _cases(report: Report) -> dict[str, list[ET.Element]]:
    """Cases by typology, in the catalog's typology order, rules in ID order within each."""
    lang = report.lang
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_rule[f.rule].append(f)
    typology = {rid: info.typology for rid, info in report.rules_meta.items()}
    typology.update({f.rule: f.typology for f in report.findings})
    out: dict[str, list[ET.Element]] = {}
    for typ in TYPOLOGIES:
        rules = sorted(r for r, t in typology.items() if t == typ)
        cases: list[ET.Element] = []
        for rule in rules:
            findings = by_rule.get(rule, [])
            if findings:
                cases += [_finding_case(f, lang) for f in findings]
            elif rule in report.rules_passed:
                cases.append(_case(rule, typ))
            else:
                case = _case(rule, typ)
                ET.SubElement(case, "skipped", {"message": _why_not(report, rule)})
                cases.append(case)
        if cases:
            out[typ] = cases
    return out


def _why_not(report: Report, rule: str) -> str:
    lang = report.lang
    reason = report.rules_not_run.get(rule, "")
    if reason.startswith("absent:"):
        return tr("junit.skipped_absent", lang, dataset=reason.removeprefix("absent:"))
    if rule in report.rules_not_implemented:
        return tr("junit.skipped_not_implemented", lang)
    return tr("junit.skipped_not_run", lang)


def _finding_case(f: Finding, lang: Lang) -> ET.Element:
    case = _case(f"{f.rule} {f.subject}", f.typology)
    if f.waived or f.baselined:
        why = (
            tr("junit.waived", lang, reason=(f.waiver or {}).get("reason", ""))
            if f.waived
            else tr("junit.baselined", lang)
        )
        ET.SubElement(case, "skipped", {"message": printable(why)})
        return case
    failure = ET.SubElement(
        case, "failure", {"message": printable(f.message), "type": f.severity.value}
    )
    lines = [
        f"{tr('head.severity', lang)}: {sev_label(f.severity, lang)}",
        f"{tr('head.title', lang)}: {f.title}",
        f"{tr('head.subject', lang)}: {f.subject}",
        f"{tr('head.message', lang)}: {f.message}",
        *(f"{tr('head.location', lang)}: {p}" for p in f.locations),
        *(f"{tr('head.basis', lang)}: {b}" for b in f.basis),
        f"{tr('head.remediation', lang)}: {f.remediation}",
        f"{tr('head.fingerprint', lang)}: {f.fingerprint}",
    ]
    failure.text = printable("\n".join(lines))
    return case


def _error_case(report: Report, i: int) -> ET.Element:
    d = report.errors[i]
    where = str(d.place) if d.place else report.bundle
    case = _case(f"{d.code} {where}", "input")
    message = printable(d.message(report.lang))
    ET.SubElement(case, "error", {"message": message, "type": d.code}).text = f"{where}: {message}"
    return case
