"""Markdown for a CI job summary or a pull-request comment: the verdict, the counts, and the
gravest findings first, no longer than a screenful."""

from __future__ import annotations

import re

from auditctl.i18n import tr
from auditctl.render.common import sev_label, title_of, typ_label, verdict
from auditctl.report import Report
from auditctl.severity import SEVERITIES, TYPOLOGIES

MAX_ROWS = 20  # findings listed; the rest are counted, the full report has them


def cell(text: str) -> str:
    """Text safe in a table cell: one line, no pipes, no HTML, no @mentions that ping people."""
    text = re.sub(r"\s+", " ", text).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("@", "@\u200b")


def render_markdown(report: Report, max_rows: int = MAX_ROWS) -> str:
    lang = report.lang
    lines = [f"### auditctl: {cell(title_of(report))} ({report.as_of.isoformat()})", ""]
    head, *rest = verdict(report)
    mark = "❌" if report.exit_code else "✅"
    lines += [f"{mark} **{cell(head)}**", ""]
    lines += [f"- {cell(line)}" for line in rest]
    if report.errors:
        lines += ["", *_errors(report, max_rows)]
        return "\n".join(lines) + "\n"
    lines += ["", *_counts(report)]
    live = report.counting()
    if live:
        floor = report.fail_on if report.fail_on != "none" else "info"
        lines += ["", f"#### {tr('md.findings', lang, fail_on=sev_label(floor, lang))}", ""]
        lines += [
            f"| {tr('head.severity', lang)} | {tr('head.rule', lang)} | "
            f"{tr('head.subject', lang)} | {tr('head.message', lang)} | {tr('head.location', lang)} |",
            "| --- | --- | --- | --- | --- |",
        ]
        # Findings come gravest first, so those at or above --fail-on lead the list.
        for f in live[:max_rows]:
            place = str(f.locations[0]) if f.locations else ""
            subject = cell(f.subject).replace("`", "'")  # it sits in a code span
            lines.append(
                f"| {sev_label(f.severity, lang)} | {f.rule} | `{subject}` | "
                f"{cell(f.message)} | {cell(place)} |"
            )
        if len(live) > max_rows:
            lines += ["", tr("md.more", lang, count=len(live) - max_rows)]
    return "\n".join(lines) + "\n"


def _counts(report: Report) -> list[str]:
    """Typology rows (only those with findings) × severity columns, with totals."""
    lang = report.lang
    live = report.counting()
    head = [tr("head.typology", lang), *(sev_label(s, lang) for s in SEVERITIES)]
    rows = [
        "| " + " | ".join([*head, tr("md.total", lang)]) + " |",
        "| --- |" + " ---: |" * (len(SEVERITIES) + 1),
    ]
    for typ in TYPOLOGIES:
        mine = [f for f in live if f.typology == typ]
        if not mine:
            continue
        counts = [sum(1 for f in mine if f.severity.value == s) for s in SEVERITIES]
        rows.append(
            f"| {cell(typ_label(typ, lang))} | "
            + " | ".join(map(str, counts))
            + f" | {len(mine)} |"
        )
    totals = [sum(1 for f in live if f.severity.value == s) for s in SEVERITIES]
    rows.append(
        f"| **{tr('md.total', lang)}** | " + " | ".join(map(str, totals)) + f" | **{len(live)}** |"
    )
    return rows


def _errors(report: Report, max_rows: int) -> list[str]:
    lines = [f"#### {tr('md.errors', report.lang)}", ""]
    for d in report.errors[:max_rows]:
        where = f"`{cell(str(d.place))}`: " if d.place else ""
        lines.append(f"- {where}{cell(d.message(report.lang))}")
    if len(report.errors) > max_rows:
        lines += ["", tr("md.more_errors", report.lang, count=len(report.errors) - max_rows)]
    return lines
