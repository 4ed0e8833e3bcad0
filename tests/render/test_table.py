"""The terminal table: Japanese text measured in display cells, so borders line up; plain when piped."""

from __future__ import annotations

import io
import re

from rich.cells import cell_len

from auditctl.render.table import render_plain, render_rich
from tests.render.reports import example

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_table_borders_line_up_in_display_cells() -> None:
    out = _Tty()
    render_rich(example("violations", "ja"), out)
    lines = [ANSI.sub("", line) for line in out.getvalue().splitlines()]
    table = [line for line in lines if line[:1] in "┏┃┡│└"]
    assert table, "no table drawn"
    widths = {cell_len(line) for line in table}
    assert len(widths) == 1, widths  # every row as wide as the borders, Japanese included
    assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", line) for line in table)


def test_piped_output_is_plain_lines_without_escape_codes() -> None:
    text = render_plain(example("violations", "en"))
    assert "\x1b[" not in text
    assert text.splitlines()[0].startswith("CRITICAL A-01")
    assert "Verdict: FAIL" in text
