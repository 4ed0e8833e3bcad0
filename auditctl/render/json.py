"""The JSON report: one object, fixed key order, byte-identical for the same bundle and date."""

from __future__ import annotations

import json

from auditctl.report import Report


def render_json(report: Report) -> bytes:
    return (json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
