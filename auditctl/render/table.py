"""The table on a terminal (rich, grouped by typology and severity) and plain lines when piped."""

from __future__ import annotations

from io import StringIO
from typing import TextIO

from auditctl.i18n import tr
from auditctl.logs.results import reason_text
from auditctl.report import Report
from auditctl.severity import SEVERITY_LABELS, TYPOLOGIES, TYPOLOGY_LABELS

_STYLE = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}


def _sev(report: Report, sev: str) -> str:
    ja, en = SEVERITY_LABELS[sev]
    return ja if report.lang == "ja" else en


def verdict_lines(report: Report) -> list[str]:
    """The closing lines: the verdict, the counts, and what was not judged."""
    lang = report.lang
    if report.errors:
        return [tr("report.verdict_error", lang, count=len(report.errors))]
    s = report.summary()
    at_or_above = sum(
        1
        for f in report.counting()
        if report.fail_on != "none" and f.severity.rank >= _rank(report.fail_on)
    )
    key = "report.verdict_fail" if report.exit_code == 1 else "report.verdict_pass"
    fail_on = _sev(report, report.fail_on) if report.fail_on != "none" else "none"
    lines = [
        tr(key, lang, count=at_or_above, fail_on=fail_on),
        tr("report.counts", lang, **s["by_severity"], waived=s["waived"], baselined=s["baselined"]),
    ]
    if report.baseline is not None:
        b = report.baseline
        lines.append(
            tr(
                "report.baseline",
                lang,
                as_of=b.as_of,
                new=b.new,
                baselined=b.baselined,
                fixed=b.fixed,
            )
        )
    if report.logs is not None:
        lines += log_lines(report)
    if report.absent:
        lines.append(tr("report.absent", lang, names=", ".join(report.absent)))
    if report.rules_not_implemented:
        lines.append(tr("report.not_implemented", lang, count=len(report.rules_not_implemented)))
    if report.ignored_columns:
        items = ", ".join(f"{w}: {h}" for w, h in report.ignored_columns[:10])
        lines.append(tr("report.ignored_columns", lang, items=items))
    return lines


def log_lines(report: Report) -> list[str]:
    """What was read of the access logs, and examples of the rows that could not be read."""
    lg, lang = report.logs, report.lang
    if lg is None:
        return []
    lines = [
        tr(
            "report.logs",
            lang,
            files=len(lg.files),
            rows=lg.rows_read,
            rejected=lg.rows_rejected,
            first=lg.first or "-",
            last=lg.last or "-",
        )
    ]
    if lg.rejected_examples:
        items = "; ".join(
            f"{r.file}:{r.line} {reason_text(r.reason, lang)}" + (f" [{r.text}]" if r.text else "")
            for r in lg.rejected_examples
        )
        lines.append(tr("report.logs_rejected", lang, examples=items))
    return lines


def _rank(sev: str) -> int:
    from auditctl.severity import Severity

    return Severity(sev).rank


def render_plain(report: Report) -> str:
    """One line a finding, tab-free and grep-friendly: `SEV RULE subject: message (place)`."""
    out = StringIO()
    for f in report.findings:
        if not f.counts:
            continue
        place = f" ({f.locations[0]})" if f.locations else ""
        out.write(f"{f.severity.value.upper():8} {f.rule:6} {f.subject}: {f.message}{place}\n")
    for line in verdict_lines(report):
        out.write(line + "\n")
    return out.getvalue()


def render_rich(
    report: Report, file: TextIO, *, verbose: bool = False, quiet: bool = False
) -> None:
    """The coloured table, one section per typology; widths are measured in display cells."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file, highlight=False, soft_wrap=False)
    lang = report.lang
    if not quiet:
        live = report.counting()
        for typ in TYPOLOGIES:
            rows = [f for f in live if f.typology == typ]
            if not rows:
                continue
            ja, en = TYPOLOGY_LABELS[typ]
            table = Table(
                title=ja if lang == "ja" else en,
                title_justify="left",
                show_lines=False,
                expand=True,
            )
            table.add_column(tr("head.severity", lang), no_wrap=True)
            table.add_column(tr("head.rule", lang), no_wrap=True)
            table.add_column(tr("head.subject", lang), overflow="fold", ratio=2)
            table.add_column(tr("head.message", lang), overflow="fold", ratio=4)
            table.add_column(tr("head.location", lang), overflow="fold", ratio=2)
            for f in rows:
                table.add_row(
                    f"[{_STYLE[f.severity.value]}]{_sev(report, f.severity.value)}[/]",
                    f.rule,
                    f.subject,
                    f.message,
                    "\n".join(str(p) for p in f.locations[:3]),
                )
            console.print(table)
        if verbose and report.rules_passed:
            console.print(tr("report.rules_passed", lang, rules=", ".join(report.rules_passed)))
    for i, line in enumerate(verdict_lines(report)):
        style = "bold red" if (i == 0 and report.exit_code) else ("bold green" if i == 0 else "")
        console.print(line, style=style or None, markup=False)
