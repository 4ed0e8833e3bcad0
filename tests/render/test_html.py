"""HTML: one self-contained page, escaped everywhere; opened in headless Chromium when present."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from auditctl.render.html import render_html
from auditctl.severity import Severity
from tests.render.reports import A01_CELL, broken, example, finding, tiny

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium) to open the page"
)


def test_self_contained_nothing_fetched() -> None:
    page = render_html(example("violations", "ja"))
    assert page.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in page  # the page's own policy forbids any fetch
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert A01_CELL in page
    assert page.count("<svg") == 2  # the two charts


def test_hostile_text_is_escaped() -> None:
    report = tiny([finding("A-01", "cell:s/x/f/r", '<script>alert("x")</script> & <b onclick=y>')])
    page = render_html(report)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onclick=y&gt;" in page
    assert page.count("<script>") == 1  # ours alone


def test_input_errors_shown_without_a_findings_table(tmp_path: Path) -> None:
    page = render_html(broken(tmp_path))
    assert 'class="verdict error"' in page and "does not exist" in page
    assert 'id="findings"' not in page


def chromium(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp / 'profile'}",
            *args,
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a hung browser, not a measurement
    )


def shown_count(dom: str) -> str:
    match = re.search(r'<span id="count"[^>]*>([^<]*)</span>', dom)
    assert match, "no count element"
    return match.group(1)


@needs_chromium
def test_a_browser_runs_the_filter_and_shows_the_page(tmp_path: Path) -> None:
    report = example("violations", "en")
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    live = len(report.counting())
    dom = chromium("--dump-dom", page.as_uri(), tmp=tmp_path).stdout
    # The script filled the count: every unwaived finding shown.
    assert shown_count(dom) == f"showing {live} of {len(report.findings)}"
    # A link can carry a filter; the script applies it on load.
    critical = sum(1 for f in report.counting() if f.severity is Severity.CRITICAL)
    dom = chromium("--dump-dom", page.as_uri() + "#sev=critical", tmp=tmp_path).stdout
    assert shown_count(dom) == f"showing {critical} of {len(report.findings)}"
    dom = chromium("--dump-dom", page.as_uri() + "#q=" + A01_CELL, tmp=tmp_path).stdout
    assert shown_count(dom) == f"showing 1 of {len(report.findings)}"
    shot = tmp_path / "report.png"
    chromium(
        "--hide-scrollbars",
        "--window-size=1280,1600",
        f"--screenshot={shot}",
        page.as_uri(),
        tmp=tmp_path,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
