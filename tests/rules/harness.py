"""Builds a rule case's bundle (the base bundle patched) as YAML files or as a Japanese workbook,
and runs one rule on it."""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path
from typing import Any

from auditctl.bundle_writer import ORGANIZATION, workbook_bytes, yaml_files
from auditctl.cases import Case, base_bundle
from auditctl.load.specs import specs
from auditctl.pipeline import check
from auditctl.report import Report
from auditctl.settings import Options
from auditctl.values import parse_date

AS_OF = "2026-11-27"


def record_key(dataset: str, record: dict[str, Any]) -> str:
    """A record's identity for patching: the dataset's key, or system/screen/field for the matrix."""
    if dataset == "masking":
        parts = ("system", "screen", "field")
    elif dataset == "waivers":  # no ID: a case's waivers are told apart by what they waive
        parts = ("rule", "subject", "expires")
    else:
        parts = specs()[dataset].key or ("id",)
    return "/".join(str(record.get(p, "")) for p in parts)


def patched(case: Case) -> dict[str, Any]:
    """The base bundle with the case's records replacing, adding and removing."""
    data = copy.deepcopy(base_bundle())
    for name, keys in case.remove.items():
        data[name] = [r for r in data.get(name, []) if record_key(name, r) not in keys]
        if not data[name]:
            del data[name]
    for name, records in case.datasets.items():
        if name == "operator":
            data[name] = copy.deepcopy(records)
            continue
        current = list(data.get(name, []))
        index = {record_key(name, r): i for i, r in enumerate(current)}
        for rec in copy.deepcopy(records):
            k = record_key(name, rec)
            if k in index:
                current[index[k]] = rec
            else:
                index[k] = len(current)
                current.append(rec)
        data[name] = current
    return data


def _stringify(value: Any) -> Any:
    """YAML dates become text, as a user's file would hold them."""
    if isinstance(value, dict):
        return {k: _stringify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def materialise(case: Case, form: str, folder: Path) -> Path:
    """Write the case's bundle into `folder` as YAML files or as organization.yaml + one workbook."""
    data = _stringify(patched(case))
    folder.mkdir(parents=True, exist_ok=True)
    if form == "yaml":
        for name, text in yaml_files(data, case.config).items():
            (folder / name).write_text(text, encoding="utf-8")
        return folder
    org = {k: v for k, v in data.items() if k in ORGANIZATION}
    for name, text in yaml_files(org, case.config).items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "点検データ.xlsx").write_bytes(
        workbook_bytes({k: v for k, v in data.items() if k not in ORGANIZATION})
    )
    return folder


def write_logs(case: Case, folder: Path) -> None:
    """The case's log files under logs/, the same for the YAML and the Excel form."""
    for i, entry in enumerate(case.logs, start=1):
        name, text = f"access-{i}.csv", entry
        if isinstance(entry, dict):
            name = str(entry.get("name", name))
            text = entry.get("text")
            if text is None:
                buf = io.StringIO()
                csv.writer(buf, lineterminator="\n").writerows(entry.get("rows") or [])
                text = buf.getvalue()
        path = folder / "logs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(str(text), encoding="utf-8")


def run_case(case: Case, form: str, folder: Path) -> Report:
    bundle = materialise(case, form, folder)
    write_logs(case, bundle)
    as_of = parse_date(case.as_of or AS_OF)
    # W rules judge waivers against the other rules' findings: they need every rule to run.
    rules = () if case.rule.startswith("W-") else (case.rule,)
    return check(bundle, Options(as_of=as_of, lang="en", rules=rules))


def subjects(report: Report, rule: str) -> list[str]:
    return sorted(f.subject for f in report.findings if f.rule == rule)
