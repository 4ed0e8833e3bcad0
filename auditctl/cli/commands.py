"""What each command does, between parsing (app.py) and the pipeline; returns the exit status."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from auditctl.cli.progress import Step, progress, wanted
from auditctl.i18n import Lang, lang_from_env, tr
from auditctl.render import AVAILABLE, FORMATS
from auditctl.timing import Stopwatch

if TYPE_CHECKING:
    from auditctl.report import Report

# Each command imports what it runs: `rules` and `schema` need neither the loaders, the model
# nor the log engine, and a rejected option costs no import of them.


@dataclass(frozen=True, slots=True)
class CheckArgs:
    bundle: Path
    as_of: date | None
    formats: tuple[str, ...]
    outputs: tuple[Path, ...]
    fail_on: str | None
    rules: tuple[str, ...]
    skip_rules: tuple[str, ...]
    typologies: tuple[str, ...]
    lang: Lang | None
    quiet: bool
    verbose: bool
    config: Path | None
    baseline: Path | None = None
    logs: tuple[str, ...] = ()  # --logs PATH, repeatable


def _err(line: str) -> None:
    sys.stderr.write(line + "\n")


def guarded(fn: Callable[[], int], lang: Lang, debug: bool) -> int:
    """Run a command; an unexpected error is one line (a traceback only with --debug), exit 2."""
    try:
        return fn()
    except Exception as exc:
        if debug:
            traceback.print_exc()
        _err(f"auditctl: {tr('cli.internal', lang, error=f'{type(exc).__name__}: {exc}')}")
        return 2


def check(args: CheckArgs, *, debug: bool = False) -> int:
    lang = args.lang or lang_from_env()
    for fmt in args.formats:
        if fmt not in FORMATS:
            _err(
                f"auditctl: {tr('cli.unknown_format', lang, value=fmt, allowed=', '.join(FORMATS))}"
            )
            return 2
        if fmt not in AVAILABLE:
            _err(
                f"auditctl: {tr('cli.format_unavailable', lang, value=fmt, allowed=', '.join(AVAILABLE))}"
            )
            return 2
    if (len(args.formats) > 1 and len(args.outputs) != len(args.formats)) or len(
        args.outputs
    ) > len(args.formats):
        _err(f"auditctl: {tr('cli.output_count', lang)}")
        return 2
    from auditctl.engine import SelectionError
    from auditctl.pipeline import check as run_check
    from auditctl.settings import Options

    options = Options(
        as_of=args.as_of,
        lang=args.lang,
        fail_on=args.fail_on,
        rules=args.rules,
        skip_rules=args.skip_rules,
        typologies=args.typologies,
        logs=args.logs,
    )

    def go() -> int:
        known = None
        if args.baseline is not None:
            from auditctl.baseline import BaselineError, read_baseline

            try:
                known = read_baseline(args.baseline)
            except BaselineError as exc:
                problem = tr(exc.code, lang, **exc.args_)
                _err(
                    f"auditctl: {tr('cli.baseline', lang, path=str(args.baseline), problem=problem)}"
                )
                return 2
        watch = Stopwatch()
        try:
            with progress(wanted(args.formats, quiet=args.quiet), lang) as step:
                report = run_check(
                    args.bundle,
                    options,
                    args.config,
                    progress=step,
                    baseline=known,
                    log_progress=_log_bar(step),
                    matrices="xlsx" in args.formats,  # only the workbook draws them
                    watch=watch,
                )
        except SelectionError as exc:
            _err(
                f"auditctl: {tr(exc.code, lang, value=exc.value, allowed=', '.join(_typologies()))}"
            )
            return 2
        for diag in report.errors:
            _err(diag.render(report.lang))
        for i, fmt in enumerate(args.formats):
            target = args.outputs[i] if i < len(args.outputs) else None
            if report.errors and fmt == "table":
                if target is None:
                    _err(tr("report.verdict_error", report.lang, count=len(report.errors)))
                continue
            if not _emit(report, fmt, target, args, lang):
                return 2
        if args.verbose:
            watch.lap("report")
            _err(watch.line())
        return report.exit_code

    return guarded(go, lang, debug)


def _log_bar(step: Step | None) -> Callable[[int, int], None] | None:
    """The access logs' bytes read, as a fraction of the bar's "logs" phase."""
    if step is None:
        return None
    return lambda done, total: step("logs", done / total if total else 1.0)


def _typologies() -> list[str]:
    from auditctl.severity import TYPOLOGIES

    return list(TYPOLOGIES)


def _emit(report: Report, fmt: str, target: Path | None, args: CheckArgs, lang: Lang) -> bool:
    if fmt == "table" and target is None:
        from auditctl.render.table import render_plain, render_rich

        if sys.stdout.isatty():
            render_rich(report, sys.stdout, verbose=args.verbose, quiet=args.quiet)
        else:
            sys.stdout.write(
                render_plain(report) if not args.quiet else "\n".join(_verdict(report)) + "\n"
            )
        return True
    from auditctl.cli.formats import render_bytes
    from auditctl.cli.output import write_atomic

    data = render_bytes(report, fmt)
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return True
    try:
        write_atomic(target, data)
    except OSError as exc:
        _err(
            f"auditctl: {tr('cli.write_failed', lang, path=str(target), error=exc.strerror or str(exc))}"
        )
        return False
    return True


def _verdict(report: Report) -> list[str]:
    from auditctl.render.table import verdict_lines

    return verdict_lines(report)


def validate(bundle: Path, lang: Lang | None, config: Path | None, *, debug: bool = False) -> int:
    from auditctl.pipeline import prepare
    from auditctl.settings import Options

    def go() -> int:
        prep = prepare(bundle, Options(lang=lang), config)
        shown = prep.settings.lang
        if prep.errors:
            from auditctl.diagnostics import Diagnostic

            for diag in sorted(prep.errors, key=Diagnostic.sort_key):
                _err(diag.render(shown))
            _err(tr("validate.errors", shown, count=len(prep.errors)))
            return 2
        records = sum(len(r) for r in prep.loaded.records.values())
        print(tr("validate.ok", shown, files=len(prep.loaded.inputs), records=records))
        return 0

    return guarded(go, lang or lang_from_env(), debug)


def list_rules(typologies: tuple[str, ...], fmt: str, lang: Lang) -> int:
    from auditctl.catalog import catalog
    from auditctl.engine import SelectionError, select
    from auditctl.render.rules import render_rules
    from auditctl.rules.registry import registered

    cat = catalog()
    try:
        ids = select(cat, (), (), typologies)
    except SelectionError as exc:
        _err(f"auditctl: {tr(exc.code, lang, value=exc.value, allowed=', '.join(_typologies()))}")
        return 2
    if fmt not in ("table", "json", "markdown"):
        _err(
            f"auditctl: {tr('cli.unknown_format', lang, value=fmt, allowed='table, json, markdown')}"
        )
        return 2
    implemented = set(registered())
    sys.stdout.write(render_rules(cat, ids, fmt, lang, implemented, tty=sys.stdout.isatty()))
    return 0


def show_rule(rule_id: str, lang: Lang) -> int:
    from auditctl.cases import cases_for
    from auditctl.catalog import catalog
    from auditctl.render.rules import render_rule
    from auditctl.rules.registry import registered

    cat = catalog()
    meta = cat.rules.get(rule_id.upper())
    if meta is None:
        _err(f"auditctl: {tr('cli.unknown_rule', lang, value=rule_id)}")
        return 2
    sys.stdout.write(render_rule(cat, meta, lang, meta.id in registered(), cases_for(meta.id)))
    return 0


def print_schema(dataset: str | None, lang: Lang) -> int:
    import json

    from auditctl.load.specs import specs
    from auditctl.resources import data_dir

    names = sorted([*specs(), "report", "baseline"])
    if dataset is None:
        for name in names:
            spec = specs().get(name)
            desc = (
                spec.schema.get("description", "")
                if spec
                else "The JSON report of `auditctl check --format json`."
                if name == "report"
                else "The baseline file of `auditctl baseline` (check --baseline)."
            )
            print(f"{name:14} {desc}")
        return 0
    if dataset not in names:
        _err(
            f"auditctl: {tr('cli.unknown_dataset', lang, value=dataset, allowed=', '.join(names))}"
        )
        return 2
    path = data_dir("schemas") / f"{dataset}.schema.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return 0
