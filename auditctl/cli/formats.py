"""Format name → the bytes of the report in that format. The one place that knows every renderer."""

from __future__ import annotations

from collections.abc import Callable

from auditctl.report import Report

# Each renderer is imported on use: a run that writes JSON never loads openpyxl.


def _table(report: Report) -> bytes:
    from auditctl.render.table import render_plain

    return render_plain(report).encode("utf-8")


def _json(report: Report) -> bytes:
    from auditctl.render.json import render_json

    return render_json(report)


def _sarif(report: Report) -> bytes:
    from auditctl.render.sarif import render_sarif

    return render_sarif(report)


def _junit(report: Report) -> bytes:
    from auditctl.render.junit import render_junit

    return render_junit(report)


def _csv(report: Report) -> bytes:
    from auditctl.render.csv_report import render_csv

    return render_csv(report)


def _xlsx(report: Report) -> bytes:
    from auditctl.render.xlsx_report import render_xlsx

    return render_xlsx(report)


def _markdown(report: Report) -> bytes:
    from auditctl.render.markdown import render_markdown

    return render_markdown(report).encode("utf-8")


def _html(report: Report) -> bytes:
    from auditctl.render.html import render_html

    return render_html(report).encode("utf-8")


RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "table": _table,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "csv": _csv,
    "xlsx": _xlsx,
    "markdown": _markdown,
    "html": _html,
}


def render_bytes(report: Report, fmt: str) -> bytes:
    """The report rendered as `fmt` (one of render.AVAILABLE)."""
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"no renderer for {fmt}")
    return renderer(report)
