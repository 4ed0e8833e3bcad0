"""Small bundle builders for tests: write files into a temporary bundle folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

ORG = """\
operator: {id: chuo-pg, name: 中央電力パワーグリッド株式会社}
companies:
  - {id: chuo-hd, name: 中央電力ホールディングス株式会社, relation: group_company}
  - {id: chuo-ep, name: 中央電力エナジーパートナー株式会社, relation: related_retailer, parent: chuo-hd}
units:
  - {id: pg-takuso, company: chuo-pg, name: 託送業務部}
  - {id: ep-sales, company: chuo-ep, name: 営業本部}
locations:
  - {id: a-branch-2f, name: A支所2F, secured: true, units: [pg-takuso]}
"""

# A non-public system with one screen, and one network role on it.
SYSTEMS = """\
- id: takuso
  name: 託送業務システム
  owner: chuo-pg
  holds_non_public: true
  screens:
    - {id: TK-010, name: 契約照会, customer_scope: all}
"""
ROLES = "- {id: takuso-operator, system: takuso, name: 託送担当, purpose: network_operations}\n"


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (name -> text or bytes) into `folder`, text dedented, and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return folder


def bundle(folder: Path, **files: str | bytes) -> Path:
    """A bundle with the standard organization.yaml plus `files` (keyword `x_yaml` → `x.yaml`)."""
    named = {
        k.replace("_yaml", ".yaml").replace("_csv", ".csv").replace("_xlsx", ".xlsx"): v
        for k, v in files.items()
    }
    named.setdefault("organization.yaml", ORG)
    return write(folder, named)
