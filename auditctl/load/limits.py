"""Input size limits: documented defaults, raised in `auditctl.yaml` under `limits:`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What auditctl refuses to read; each refusal names the limit and the key that raises it."""

    max_file_mb: int = 200  # any one input file
    max_cell_chars: int = 32_767  # one cell or YAML scalar (Excel's own cell limit)
    max_rows: int = 5_000_000  # rows of one sheet or CSV file
    max_unpacked_mb: int = 2_048  # a workbook's XML once decompressed (decompression bombs)

    @staticmethod
    def from_config(raw: Any) -> Limits:
        """Limits from the raw (not yet validated) `limits:` mapping; bad values keep the default
        (the schema reports them)."""
        if not isinstance(raw, dict):
            return Limits()
        values: dict[str, int] = {}
        for f in fields(Limits):
            value = raw.get(f.name)
            if isinstance(value, str) and value.strip().isdigit() and int(value) > 0:
                values[f.name] = int(value)
        return Limits(**values)


DEFAULT_LIMITS = Limits()
