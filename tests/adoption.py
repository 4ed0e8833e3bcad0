"""Helpers for the tests of waivers, baselines, the questionnaire and the starter: the command
line run in-process (same exit codes and files as a shell, without a new interpreter each time),
and the base bundle of the rule cases with a patch."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from auditctl.cases import Case
from auditctl.cli.app import app
from tests.rules.harness import materialise

AS_OF = "2026-11-27"  # the base bundle's audit date


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    stdout: str
    stderr: str


def cli(*args: str, lang: str = "C.UTF-8") -> Run:
    """`auditctl ARGS` with LANG set; returns the exit status and both streams."""
    result = CliRunner().invoke(
        app, list(args), env={"LANG": lang, "LC_ALL": None, "LC_MESSAGES": None, "NO_COLOR": "1"}
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def check_json(bundle: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    """`auditctl check BUNDLE --format json` as of the base bundle's date: status and report."""
    run = cli("check", str(bundle), "--as-of", AS_OF, "--format", "json", "--lang", "en", *extra)
    assert run.code in (0, 1), run.stderr
    return run.code, json.loads(run.stdout)


def base_bundle(
    folder: Path,
    datasets: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
    form: str = "yaml",
) -> Path:
    """The clean base bundle of the rule cases (checklists/cases/_base.yaml), patched."""
    case = Case("X", "test", (), dict(datasets or {}), {}, None, config)
    return materialise(case, form, folder)


def account(account_id: str, user: str, *, mfa: bool) -> dict[str, Any]:
    """A personal account on the non-public takuso system; without MFA it is a C3-06 finding (low)."""
    return {
        "id": account_id, "system": "takuso", "kind": "personal", "users": [user],
        "roles": ["takuso-operator"], "status": "enabled", "created": "2020-04-01",
        "last_login": "2026-11-20", "password_changed": "2026-10-01", "mfa": mfa,
        "last_review": "2026-10-01",
    }  # fmt: skip


def counted(report: dict[str, Any]) -> list[tuple[str, str]]:
    """(rule, subject) of the findings that weigh on the exit status."""
    return sorted(
        (f["rule"], f["subject"])
        for f in report["findings"]
        if not f["waived"] and not f["baselined"]
    )
