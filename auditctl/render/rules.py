"""The rule catalog as a table, JSON or Markdown, and one rule whole (`rules show`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from io import StringIO

import yaml

from auditctl.cases import Case
from auditctl.catalog import Catalog, RuleMeta
from auditctl.i18n import Lang, tr
from auditctl.severity import SEVERITY_LABELS


def _sev(sev: str, lang: Lang) -> str:
    ja, en = SEVERITY_LABELS[sev]
    return ja if lang == "ja" else en


def render_rules(
    cat: Catalog, ids: Sequence[str], fmt: str, lang: Lang, implemented: set[str], tty: bool
) -> str:
    rules = [cat.rules[i] for i in ids]
    if fmt == "json":
        doc = [
            {
                "id": r.id,
                "typology": r.typology,
                "severity": r.severity.value,
                "subject": r.subject,
                "title": r.title.get(lang),
                "basis": cat.citations(r, lang),
                "implemented": r.id in implemented,
            }
            for r in rules
        ]
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    heads = [
        tr(h, lang)
        for h in ("head.rule", "head.typology", "head.severity", "head.implemented", "head.title")
    ]
    rows = [
        [
            r.id,
            r.typology,
            _sev(r.severity.value, lang),
            tr("word.yes" if r.id in implemented else "word.no", lang),
            r.title.get(lang),
        ]
        for r in rules
    ]
    if fmt == "markdown":
        out = StringIO()
        out.write("| " + " | ".join(heads) + " |\n| " + " | ".join("---" for _ in heads) + " |\n")
        for row in rows:
            out.write("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |\n")
        return out.getvalue()
    from rich.console import Console
    from rich.table import Table

    buf = StringIO()
    console = Console(file=buf, force_terminal=tty, width=None if tty else 160, highlight=False)
    table = Table(*heads, show_lines=False)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return buf.getvalue()


def render_rule(
    cat: Catalog, meta: RuleMeta, lang: Lang, implemented: bool, cases: Sequence[Case]
) -> str:
    """Everything about one rule, in the chosen language."""
    out = StringIO()
    w = out.write
    w(f"{meta.id}  {meta.title.get(lang)}\n")
    w(
        f"{tr('head.typology', lang)}: {meta.typology}   {tr('head.severity', lang)}: {_sev(meta.severity.value, lang)}"
        f"   {tr('head.implemented', lang)}: {tr('word.yes' if implemented else 'word.no', lang)}\n\n"
    )
    w(f"{tr('head.condition', lang)}:\n  {meta.condition.get(lang)}\n\n")
    w(f"{tr('head.message_template', lang)}:\n  {meta.message.get(lang)}\n\n")
    w(f"{tr('head.basis', lang)}:\n")
    for code in meta.basis:
        b = cat.basis.get(code)
        if b is None:
            w(f"  - {code}\n")
            continue
        w(f"  - {b.citation.get(lang)}\n")
        if b.text:
            w(f"      {b.text.strip()}\n")
        if b.note:
            w(f"      ({b.note.get(lang)})\n")
    w(f"\n{tr('head.remediation', lang)}:\n  {meta.remediation.get(lang)}\n")
    for label, want in (("head.example_fail", True), ("head.example_pass", False)):
        case = next((c for c in cases if c.failing == want), None)
        if case is None:
            continue
        w(f"\n{tr(label, lang)}: {case.name}\n")
        body = yaml.safe_dump(
            case.datasets, allow_unicode=True, sort_keys=False, default_flow_style=None
        )
        if case.datasets or not case.logs:
            w("".join(f"  {line}\n" for line in body.splitlines()))
        for i, log in enumerate(case.logs, start=1):  # the L rules' cases carry log files
            text = log if isinstance(log, str) else str(log.get("text", ""))
            w(f"  logs/access-{i}.csv:\n" + "".join(f"    {ln}\n" for ln in text.splitlines()))
        if case.expect:
            w("  → " + ", ".join(case.expect) + "\n")
    return out.getvalue()
