"""A clean base bundle (checklists/cases/_base.yaml) to put log files beside."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditctl.cases import Case
from tests.rules.harness import materialise

HEADER_EN = "timestamp,system,account,terminal,screen,action,records\n"
HEADER_JA = "日時,システム,ID,端末,画面,操作,件数\n"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """The base bundle as YAML files, with no logs yet."""
    return materialise(Case("L-01", "base", (), {}, {}, None, None), "yaml", tmp_path / "bundle")
