"""Commands that help a user adopt auditctl: init (a starter bundle), questionnaire (the
fillable self-inspection workbook) and baseline (today's findings, accepted)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from auditctl.catalog import catalog
from auditctl.cli.commands import guarded
from auditctl.cli.output import write_atomic
from auditctl.engine import SelectionError
from auditctl.i18n import Lang, lang_from_env, tr
from auditctl.settings import Options, today_in_japan


def _err(line: str) -> None:
    sys.stderr.write(line + "\n")


def _write_all(files: Mapping[Path, bytes], force: bool, lang: Lang) -> bool:
    """Write every file atomically; refuse (write nothing) when one exists and not `force`."""
    if not force:
        for path in files:
            if path.exists():
                _err(f"auditctl: {tr('cli.exists', lang, path=str(path))}")
                return False
    for path, data in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        except OSError as exc:
            error = exc.strerror or str(exc)
            _err(f"auditctl: {tr('cli.write_failed', lang, path=str(path), error=error)}")
            return False
    return True


def init(folder: Path, excel: bool, force: bool, as_of: date | None, lang: Lang | None) -> int:
    """Write the starter bundle into `folder` (dates relative to `as_of`, by default today)."""
    from auditctl.starter import excel_bundle, yaml_bundle

    shown = lang or lang_from_env()

    def go() -> int:
        day = as_of or today_in_japan()
        made = excel_bundle(day) if excel else yaml_bundle(day)
        files = {
            folder / name: data if isinstance(data, bytes) else data.encode("utf-8")
            for name, data in made.items()
        }
        if folder.exists() and not folder.is_dir():
            _err(f"auditctl: {tr('bundle.not_folder', shown, path=str(folder))}")
            return 2
        if not _write_all(files, force, shown):
            return 2
        print(tr("init.written", shown, path=str(folder), count=len(files)))
        return 0

    return guarded(go, shown, False)


def questionnaire(output: Path, force: bool, lang: Lang | None) -> int:
    """Write the fillable questionnaire workbook: texts in `lang`, Japanese unless `en` is asked."""
    from auditctl.questionnaire_book import questionnaire_bytes

    shown = lang or lang_from_env()

    def go() -> int:
        cat = catalog()
        data = questionnaire_bytes(cat, lang or "ja")
        if not _write_all({output: data}, force, shown):
            return 2
        print(tr("questionnaire.written", shown, path=str(output), count=len(cat.questionnaire)))
        return 0

    return guarded(go, shown, False)


def baseline(
    bundle: Path,
    output: Path,
    as_of: date | None,
    lang: Lang | None,
    config: Path | None,
    *,
    debug: bool = False,
) -> int:
    """Check the bundle and write the fingerprints of every finding that counts to `output`."""
    from auditctl.baseline import baseline_bytes
    from auditctl.pipeline import check

    shown = lang or lang_from_env()

    def go() -> int:
        try:
            report = check(bundle, Options(as_of=as_of, lang=lang), config)
        except SelectionError as exc:  # from auditctl.yaml's rule selection
            _err(f"auditctl: {tr(exc.code, shown, value=exc.value, allowed='')}")
            return 2
        if report.errors:
            for diag in report.errors:
                _err(diag.render(report.lang))
            _err(tr("report.verdict_error", report.lang, count=len(report.errors)))
            return 2
        if not _write_all({output: baseline_bytes(report)}, True, report.lang):
            return 2
        count = len(report.counting())
        print(
            tr("baseline.written", report.lang, path=str(output), count=count, as_of=report.as_of)
        )
        return 0

    return guarded(go, shown, debug)
