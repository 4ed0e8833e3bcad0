"""Markdown: a verdict, the counts, and no more than a screenful of findings, safely escaped."""

from __future__ import annotations

from pathlib import Path

from auditctl.render.markdown import render_markdown
from auditctl.severity import Severity
from tests.render.reports import A01_CELL, broken, example, finding, tiny


def test_fits_a_screen_and_says_how_many_more() -> None:
    report = example("violations", "en")
    text = render_markdown(report)
    lines = text.splitlines()
    assert len(lines) <= 50
    assert lines[2].startswith("❌ **Verdict: FAIL")
    listed = [line for line in lines if line.startswith("| ") and "`" in line]
    assert len(listed) == 20
    assert f"… and {len(report.counting()) - 20} more" in text
    assert A01_CELL in listed[0]  # the gravest first
    totals = next(line for line in lines if line.startswith("| **Total**"))
    assert totals.endswith(f"| **{len(report.counting())}** |")


def test_a_clean_bundle_passes() -> None:
    text = render_markdown(example("clean", "ja"))
    assert "✅ **判定: 問題なし" in text
    assert "####" not in text  # no findings section


def test_gravest_first_and_text_cannot_break_the_table() -> None:
    report = tiny(
        [
            finding("C3-06", "account:s/low", "low one", severity=Severity.LOW),
            finding("A-01", "cell:s/x/f/r", "pipe | <img src=x onerror=alert(1)> @team\nnext"),
        ]
    )
    report.findings.sort(key=lambda f: f.sort_key())
    text = render_markdown(report)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    assert "A-01" in rows[0] and "C3-06" in rows[1]
    assert "pipe \\| &lt;img src=x onerror=alert(1)&gt; @\u200bteam next" in rows[0]
    assert "<img" not in text


def test_input_errors_are_listed(tmp_path: Path) -> None:
    text = render_markdown(broken(tmp_path))
    assert "Verdict: ERROR" in text
    assert "does not exist" in text
