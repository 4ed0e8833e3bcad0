"""files → records → model → findings → report: the one path every command takes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditctl.catalog import catalog
from auditctl.diagnostics import Diagnostic
from auditctl.engine import check_registry, exit_status, run, select
from auditctl.load.bundle import Loaded, load_bundle
from auditctl.load.specs import groups
from auditctl.logs.run import analyse_logs
from auditctl.model.build import build_model
from auditctl.model.model import Model
from auditctl.model.terms import derive
from auditctl.places import Place
from auditctl.questionnaire_book import answer_diagnostics
from auditctl.references import prune_wide_matrix, reference_diagnostics
from auditctl.report import Report
from auditctl.report_data import masking_grids, rule_infos
from auditctl.rules.registry import Context, registered
from auditctl.settings import Options, Settings, config_lang, resolve
from auditctl.timing import Stopwatch
from auditctl.validate import validate_loaded
from auditctl.waivers import policy_diagnostics, waive

if TYPE_CHECKING:  # read and applied only on `check --baseline`
    from auditctl.baseline import Baseline

# User-facing datasets whose absence stops a typology: the report says so instead of passing it.
NEEDS: dict[str, str] = {"Q": "attestations", "L": "logs"}


@dataclass(slots=True)
class Prepared:
    """A bundle read and checked: the model when valid, else every problem."""

    loaded: Loaded
    settings: Settings
    model: Model | None
    errors: list[Diagnostic]


def _config_diagnostics(loaded: Loaded, rule_ids: set[str]) -> list[Diagnostic]:
    cfg = loaded.config
    if cfg is None:
        return []
    out = []
    rules = cfg.data.get("rules") or {}
    lists = {
        "rules.skip": rules.get("skip") or [],
        "waivers.unwaivable": (cfg.data.get("waivers") or {}).get("unwaivable") or [],
    }
    for key, values in lists.items():
        for i, rule in enumerate(values if isinstance(values, list) else []):
            if isinstance(rule, str) and rule not in rule_ids:
                out.append(
                    Diagnostic("config.unknown_rule", cfg.place(f"{key}.{i}"), {"value": rule})
                )
    severity = rules.get("severity") or {}
    for rule in severity if isinstance(severity, dict) else {}:
        if rule not in rule_ids:
            out.append(
                Diagnostic(
                    "config.unknown_rule", cfg.place(f"rules.severity.{rule}"), {"value": rule}
                )
            )
    return out


def _organization_diagnostics(bundle: Path, loaded: Loaded) -> list[Diagnostic]:
    """organization.yaml is the one required dataset, and it must name the operator."""
    if "operator" in loaded.records:
        return []
    org = next((i.path for i in loaded.inputs if i.path.startswith("organization.")), None)
    if org is None:
        return [Diagnostic("bundle.no_organization", Place(str(bundle)))]
    if any(d.place is not None and d.place.file == org for d in loaded.diagnostics):
        return []  # the file's own errors say what is wrong with it
    return [Diagnostic("schema.required", Place(org, line=1, col=1), {"key": "operator"})]


def prepare(
    bundle: Path,
    options: Options,
    config_path: Path | None = None,
    watch: Stopwatch | None = None,
    release: bool = False,
) -> Prepared:
    """Load, validate and model a bundle; never raises for bad input. With `release`, records
    keep only their places once modelled (what a check needs: a large bundle's peak memory
    falls by the size of its values)."""
    watch = watch or Stopwatch()
    cat = catalog()
    if not bundle.exists() or not bundle.is_dir():
        code = "bundle.missing" if not bundle.exists() else "bundle.not_folder"
        settings = resolve(options, None)
        return Prepared(
            Loaded(bundle), settings, None, [Diagnostic(code, None, {"path": str(bundle)})]
        )
    loaded = load_bundle(bundle, config_path)
    watch.lap("load")
    errors = list(loaded.diagnostics)
    loaded.ignored_columns += prune_wide_matrix(loaded)
    errors += validate_loaded(loaded)
    errors += _organization_diagnostics(bundle, loaded)
    errors += _config_diagnostics(loaded, set(cat.rules))
    config = loaded.config.data if loaded.config is not None else None
    if errors:
        # Settings still follow a broken config's language, so errors read in the user's language.
        safe = dataclasses.replace(options, lang=options.lang or config_lang(config))
        return Prepared(loaded, resolve(safe, None), None, errors)
    settings = resolve(options, config)
    errors += reference_diagnostics(loaded, set(cat.rules))
    errors += policy_diagnostics(
        loaded.records.get("waivers", []),
        settings.unwaivable,
        settings.max_waiver_days,
        settings.as_of,
    )
    errors += answer_diagnostics(loaded.records.get("attestations", []), cat)
    watch.lap("validate")
    model, more = build_model(loaded.records, cat, release)
    errors += more
    watch.lap("model")
    return Prepared(loaded, settings, None if errors else model, errors)


def new_report(bundle: Path, prep: Prepared) -> Report:
    """A report with what was read, before any rule runs."""
    loaded, settings = prep.loaded, prep.settings
    present: list[str] = []
    absent: list[str] = []
    for group, names in groups().items():
        (present if any(n in loaded.records for n in names) else absent).append(group)
    (present if loaded.log_files else absent).append("logs")
    counts = {name: len(recs) for name, recs in sorted(loaded.records.items())}
    return Report(
        bundle=bundle.as_posix(),
        as_of=settings.as_of,
        lang=settings.lang,
        catalog_digest=catalog().digest,
        name=settings.name,
        fail_on=settings.fail_on,
        inputs=sorted(loaded.inputs, key=lambda i: i.path),
        present=present,
        absent=absent,
        record_counts=counts,
        errors=sorted(prep.errors, key=Diagnostic.sort_key),
        ignored_columns=sorted(set(loaded.ignored_columns)),
        ignored_files=sorted(loaded.ignored_files),
    )


def check(
    bundle: Path,
    options: Options,
    config_path: Path | None = None,
    progress: Callable[[str], None] | None = None,
    baseline: Baseline | None = None,
    log_progress: Callable[[int, int], None] | None = None,
    matrices: bool = True,
    watch: Stopwatch | None = None,
) -> Report:
    """The main job. Raises SelectionError for an unknown rule or typology on the command line.
    `progress`, when given, hears each phase as it starts ("load", "logs", "rules");
    `log_progress` hears the bytes of the access logs read so far, and in all. `matrices`: build
    the masking grids that only the Excel report draws. `watch` collects phase timings."""
    watch = watch or Stopwatch()
    cat = catalog()
    unknown = check_registry(cat, registered())
    if unknown:  # a rule without metadata must never run
        raise RuntimeError(f"rules registered without catalog metadata: {', '.join(unknown)}")
    if progress:
        progress("load")
    prep = prepare(bundle, options, config_path, watch, release=True)
    settings = prep.settings
    selected = select(cat, settings.rules, settings.skip_rules, settings.typologies)
    report = new_report(bundle, prep)
    report.rules_meta = rule_infos(cat, selected, settings.severity_overrides)
    if prep.model is None:
        report.exit_code = 2
        return report
    terms = derive(prep.model, settings.as_of)
    watch.lap("model")
    # The log phase runs before the rules: the L rules only word its aggregates.
    logs = analyse_logs(
        bundle,
        prep.loaded.log_files,
        options.logs,
        terms,
        settings.thresholds,
        selected,
        cat,
        report,
        progress,
        log_progress,
    )
    if report.errors:  # a --logs path that names nothing, a log file that cannot be read
        report.errors.sort(key=Diagnostic.sort_key)
        report.exit_code = 2
        return report
    watch.lap("logs")
    if progress:
        progress("rules")
    ctx = Context(settings.as_of, settings.thresholds, cat, logs=logs)
    skip = {t for t, need in NEEDS.items() if need in report.absent}
    result = run(terms, ctx, selected, settings.lang, settings.severity_overrides, skip)
    report.findings = result.findings
    report.rules_run = result.ran
    report.rules_passed = result.passed
    report.rules_not_implemented = result.not_implemented
    report.rules_not_run = {
        r: f"absent:{NEEDS[cat.rules[r].typology]}"
        for r in selected
        if cat.rules[r].typology in skip and r not in result.not_implemented
    }
    if matrices:
        report.matrices = masking_grids(prep.model, terms)
    report.findings = waive(report.findings, prep.model.waivers, settings.as_of)
    if baseline is not None:
        from auditctl.baseline import apply_baseline

        report.findings, report.baseline = apply_baseline(report.findings, baseline, result.ran)
    report.exit_code = exit_status(report.findings, settings.fail_on)
    watch.lap("rules")
    return report
