"""Format name → the bytes of the report in that format. The one place that knows every renderer."""

from __future__ import annotations

from auditctl.report import Report


def render_bytes(report: Report, fmt: str) -> bytes:
    """The report rendered as `fmt` (one of render.AVAILABLE); renderers are imported on use."""
    if fmt == "json":
        from auditctl.render.json import render_json

        return render_json(report)
    if fmt == "table":
        from auditctl.render.table import render_plain

        return render_plain(report).encode("utf-8")
    raise ValueError(f"no renderer for {fmt}")
