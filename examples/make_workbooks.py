"""Generate the Excel forms of the example bundles: examples/NAME-xlsx/ from examples/NAME/.

Each Excel form holds organization.yaml and auditctl.yaml (organization stays YAML, bundle.md),
one workbook 点検データ.xlsx with every other dataset on a sheet with Japanese names, headers
and values. The YAML bundle is read with auditctl's own loader
and validator, so the workbook carries exactly what auditctl understood.

The output is byte-for-byte reproducible: the workbook's creation and modification dates and
every zip entry's date are fixed, and entries are stored uncompressed so that the bytes do not
depend on the zlib build. tests/test_examples.py checks that the committed files are current.

    .venv/bin/python examples/make_workbooks.py            # rewrite examples/*-xlsx/
    .venv/bin/python examples/make_workbooks.py --out DIR  # write DIR/*-xlsx/ instead
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a checkout without installing auditctl
    sys.path.insert(0, str(HERE.parent))

from auditctl.bundle_writer import ORGANIZATION, reproducible, workbook_bytes, yaml_files  # noqa: E402
from auditctl.load.bundle import load_bundle  # noqa: E402
from auditctl.validate import validate_loaded  # noqa: E402

BUNDLES = ("clean", "violations")
WORKBOOK = "点検データ.xlsx"
FIXED_DATE = (2026, 11, 27, 0, 0, 0)  # the bundles' as-of date
HEADER = (
    "# 自動生成ファイル: examples/make_workbooks.py が examples/{name}/ から生成したもの。"
    "直接編集せず、元の YAML を直してから再生成すること。\n"
)


def read_datasets(folder: Path) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The bundle's datasets as plain records (after auditctl's coercion), and its config."""
    loaded = load_bundle(folder)
    problems = [*loaded.diagnostics, *validate_loaded(loaded)]
    if problems:
        lines = "\n".join(d.render("en") for d in problems)
        raise SystemExit(f"{folder}: the bundle is not valid:\n{lines}")
    datasets: dict[str, Any] = {}
    for name, records in loaded.records.items():
        rows = [r.data for r in records]
        datasets[name] = rows[0] if name == "operator" else rows
    config = loaded.config.data if loaded.config is not None else None
    return datasets, config


def excel_form(name: str) -> dict[str, bytes]:
    """File name -> bytes of the Excel form of examples/NAME/."""
    folder = HERE / name
    datasets, config = read_datasets(folder)
    org = {k: v for k, v in datasets.items() if k in ORGANIZATION}
    rest = {k: v for k, v in datasets.items() if k not in ORGANIZATION}
    roles = [r["id"] for r in rest.get("roles", [])]
    files: dict[str, bytes] = {}
    for file, text in yaml_files(org, config).items():
        files[file] = (HEADER.format(name=name) + text).encode("utf-8")
    files[WORKBOOK] = reproducible(workbook_bytes(rest, roles_order=roles), FIXED_DATE)
    for log in sorted((folder / "logs").rglob("*")) if (folder / "logs").is_dir() else []:
        if log.is_file():  # access logs are CSV in either form: copied as they are
            files[log.relative_to(folder).as_posix()] = log.read_bytes()
    return files


def build(out_root: Path = HERE) -> list[Path]:
    """Write OUT_ROOT/NAME-xlsx/ for every example bundle; return the files written."""
    written = []
    for name in BUNDLES:
        target = out_root / f"{name}-xlsx"
        target.mkdir(parents=True, exist_ok=True)
        for file, data in sorted(excel_form(name).items()):
            path = target / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write NAME-xlsx/ into")
    args = parser.parse_args()
    for path in build(args.out):
        print(path)


if __name__ == "__main__":
    main()
