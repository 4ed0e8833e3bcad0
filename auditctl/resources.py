"""Where the shipped data (checklists/, schemas/) lives: inside the wheel, or beside the package."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def data_dir(name: str) -> Path:
    """The folder `checklists` or `schemas`: `auditctl/_data/NAME` in a wheel, `NAME/` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"auditctl data folder {name!r} is missing from the installation")
