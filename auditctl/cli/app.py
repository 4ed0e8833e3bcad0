"""Commands: check, validate, rules, rules show, schema. Parse options, call the pipeline, write, exit."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from auditctl import __version__
from auditctl.cli import commands
from auditctl.i18n import Lang, lang_from_env, tr
from auditctl.render import FORMATS
from auditctl.severity import FAIL_ON_CHOICES
from auditctl.values import parse_date

app = typer.Typer(
    name="auditctl",
    help="Audit the separation of a transmission/distribution operator's non-public information "
    "(一般送配電事業者の非公開情報管理の点検).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)
rules_app = typer.Typer(help="The rule catalog (ルールカタログ).", invoke_without_command=True)
app.add_typer(rules_app, name="rules")


def fail(code: str, lang: Lang, **args: object) -> NoReturn:
    """A command-line error: one line on standard error, exit status 2."""
    typer.echo(f"auditctl: {tr(code, lang, **args)}", err=True)
    raise typer.Exit(2)


def _lang(value: str | None) -> Lang | None:
    if value is None:
        return None
    if value not in ("ja", "en"):
        fail("cli.unknown_lang", lang_from_env(), value=value)
    return value  # type: ignore[return-value]


def _date(value: str | None, lang: Lang) -> date | None:
    if value is None:
        return None
    d = parse_date(value)
    if d is None:
        fail("cli.bad_date", lang, value=value)
    return d


def _version(value: bool) -> None:
    if value:
        typer.echo(f"auditctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """auditctl — 非公開情報管理の点検ツール."""


LangOpt = Annotated[
    str | None, typer.Option("--lang", help="ja | en (default: auditctl.yaml, then LANG).")
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="Settings file (default: BUNDLE/auditctl.yaml).")
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback on an internal error.")]


@app.command()
def check(
    bundle: Annotated[Path, typer.Argument(help="The bundle folder.")] = Path("."),
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Audit date (default: today in Japan).")
    ] = None,
    formats: Annotated[
        list[str] | None, typer.Option("--format", help=f"{' | '.join(FORMATS)}; repeatable.")
    ] = None,
    outputs: Annotated[
        list[Path] | None, typer.Option("--output", help="Report file, one per --format.")
    ] = None,
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", help=f"{' | '.join(FAIL_ON_CHOICES)} (default: low).")
    ] = None,
    rule: Annotated[
        list[str] | None,
        typer.Option("--rule", help="Run only these rules (prefixes such as C3 allowed)."),
    ] = None,
    skip_rule: Annotated[
        list[str] | None, typer.Option("--skip-rule", help="Skip these rules.")
    ] = None,
    typology: Annotated[
        list[str] | None, typer.Option("--typology", help="A | B | C1 | C2 | C3 | L | Q | W.")
    ] = None,
    lang: LangOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="Summary only.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="Also list the rules that passed.")
    ] = False,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline", help="Findings in this baseline (auditctl baseline) do not fail."
        ),
    ] = None,
    logs: Annotated[
        list[str] | None,
        typer.Option(
            "--logs",
            help="Access logs (.csv, .csv.gz): a file, a glob or a folder, besides the bundle's "
            "logs/; repeatable.",
        ),
    ] = None,
) -> None:
    """Load, validate, run the rules and report (点検の実行)."""
    chosen_lang = _lang(lang)
    shown = chosen_lang or lang_from_env()
    if fail_on is not None and fail_on not in FAIL_ON_CHOICES:
        fail("cli.unknown_severity", shown, value=fail_on, allowed=", ".join(FAIL_ON_CHOICES))
    code = commands.check(
        commands.CheckArgs(
            bundle=bundle,
            as_of=_date(as_of, shown),
            formats=tuple(formats or ["table"]),
            outputs=tuple(outputs or []),
            fail_on=fail_on,
            rules=tuple(rule or []),
            skip_rules=tuple(skip_rule or []),
            typologies=tuple(typology or []),
            lang=chosen_lang,
            quiet=quiet,
            verbose=verbose,
            config=config,
            baseline=baseline,
            logs=tuple(logs or []),
        ),
        debug=debug,
    )
    raise typer.Exit(code)


@app.command()
def validate(
    bundle: Annotated[Path, typer.Argument(help="The bundle folder.")] = Path("."),
    lang: LangOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Load and validate only: schema, duplicates and references (入力の検証)."""
    raise typer.Exit(commands.validate(bundle, _lang(lang), config, debug=debug))


@rules_app.callback()
def rules_list(
    ctx: typer.Context,
    typology: Annotated[
        list[str] | None, typer.Option("--typology", help="Only this typology.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | json | markdown.")] = "table",
    lang: LangOpt = None,
) -> None:
    """List the rule catalog, and which rules are implemented (ルール一覧)."""
    if ctx.invoked_subcommand is not None:
        return
    raise typer.Exit(
        commands.list_rules(tuple(typology or []), fmt, _lang(lang) or lang_from_env())
    )


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="A rule ID such as A-01.")],
    lang: LangOpt = None,
) -> None:
    """One rule whole: condition, severity, basis, remediation, examples (ルールの詳細)."""
    raise typer.Exit(commands.show_rule(rule_id, _lang(lang) or lang_from_env()))


@app.command()
def schema(
    dataset: Annotated[str | None, typer.Argument(help="A dataset name; none lists them.")] = None,
    lang: LangOpt = None,
) -> None:
    """Print the JSON Schema of a dataset, of auditctl.yaml or of the JSON report (スキーマ)."""
    raise typer.Exit(commands.print_schema(dataset, _lang(lang) or lang_from_env()))


ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite existing files.")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Audit date (default: today in Japan).")
]


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to write the starter bundle into.")] = Path(
        "."
    ),
    excel: Annotated[
        bool, typer.Option("--excel", help="One workbook with every sheet, instead of YAML files.")
    ] = False,
    force: ForceOpt = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Day the example dates count back from (default: today)."),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Write a starter bundle that validates and checks clean (スターターバンドルの作成)."""
    shown = _lang(lang) or lang_from_env()
    from auditctl.cli import adoption

    raise typer.Exit(adoption.init(folder, excel, force, _date(as_of, shown), _lang(lang)))


@app.command()
def questionnaire(
    output: Annotated[Path, typer.Option("--output", help="The workbook to write (.xlsx).")] = Path(
        "自己点検票.xlsx"
    ),
    force: ForceOpt = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="ja | en: the workbook's texts (default: ja).")
    ] = None,
) -> None:
    """Write the self-inspection questionnaire as a fillable workbook (自己点検票の作成)."""
    from auditctl.cli import adoption

    raise typer.Exit(adoption.questionnaire(output, force, _lang(lang)))


@app.command()
def baseline(
    bundle: Annotated[Path, typer.Argument(help="The bundle folder.")] = Path("."),
    output: Annotated[
        Path | None, typer.Option("--output", help="The baseline file to write (JSON).")
    ] = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Record today's findings, so that check --baseline reports only new ones (ベースライン)."""
    shown = _lang(lang) or lang_from_env()
    if output is None:
        fail("cli.baseline_output", shown)
    from auditctl.cli import adoption

    raise typer.Exit(
        adoption.baseline(bundle, output, _date(as_of, shown), _lang(lang), config, debug=debug)
    )


def run() -> None:
    """Run the app; typer's own usage errors exit 2, as ours do."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)
