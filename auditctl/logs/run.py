"""The log phase as the pipeline calls it: find the files, run the selected L rules' queries before
the rules run, and put what was read on the report (inputs, summary, input errors)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from auditctl.catalog import Catalog
from auditctl.logs.discover import discover
from auditctl.logs.phase import Progress, run_phase
from auditctl.logs.results import LogResults
from auditctl.logs.tables import bundle_tables
from auditctl.model.terms import Terms
from auditctl.report import Report
from auditctl.rules.registry import Thresholds


def analyse_logs(
    bundle: Path,
    bundle_logs: Sequence[str],
    extra: Sequence[str],
    terms: Terms,
    thresholds: Thresholds,
    selected: Sequence[str],
    cat: Catalog,
    report: Report,
    phase: Callable[[str], None] | None = None,
    progress: Progress | None = None,
) -> LogResults | None:
    """The L rules' aggregates, or None when there are no logs or no L rule is selected.

    Problems (a --logs path that names nothing, a header without a required column, an
    unreadable file) go to `report.errors`: the run then stops with exit status 2."""
    files, problems = discover(bundle, bundle_logs, extra)
    report.errors += problems
    if files and "logs" in report.absent:
        report.absent.remove("logs")
        report.present.append("logs")
    rules = [r for r in selected if cat.rules[r].typology == "L"]
    if problems or not files or not rules:
        return None
    if phase is not None:
        phase("logs")
    tables = bundle_tables(
        terms,
        thresholds.concurrent_minutes,
        thresholds.export_records_per_day,
        terms.model.present,
    )
    out = run_phase(files, tables, rules, progress)
    report.errors += out.errors
    report.ignored_columns += out.ignored_columns
    report.inputs = sorted([*report.inputs, *out.inputs], key=lambda i: i.path)
    if out.results is not None:
        report.logs = out.results.summary
    return out.results
