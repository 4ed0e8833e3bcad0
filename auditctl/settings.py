"""Settings of one run: `auditctl.yaml` first, then the command line, which wins."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from auditctl.i18n import Lang, lang_from_env
from auditctl.rules.registry import Thresholds
from auditctl.severity import Severity
from auditctl.values import JST


@dataclass(frozen=True, slots=True)
class Options:
    """What the command line said; None means "not given"."""

    as_of: date | None = None
    lang: Lang | None = None
    fail_on: str | None = None
    rules: tuple[str, ...] = ()
    skip_rules: tuple[str, ...] = ()
    typologies: tuple[str, ...] = ()
    logs: tuple[str, ...] = ()  # --logs PATH (file, glob or folder), besides the bundle's logs/


@dataclass(frozen=True, slots=True)
class Settings:
    as_of: date
    lang: Lang
    fail_on: str
    rules: tuple[str, ...]
    skip_rules: tuple[str, ...]
    typologies: tuple[str, ...]
    thresholds: Thresholds
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    name: str | None = None
    unwaivable: tuple[str, ...] = ()
    max_waiver_days: int | None = None


def today_in_japan() -> date:
    """The default audit date. Read here, once, never inside a rule."""
    return datetime.now(JST).date()


def config_lang(config: dict[str, Any] | None) -> Lang | None:
    value = (config or {}).get("lang")
    return value if value in ("ja", "en") else None


def resolve(options: Options, config: dict[str, Any] | None) -> Settings:
    """Merge a validated config with the command line."""
    cfg = config or {}
    rules_cfg = cfg.get("rules") or {}
    known = {f.name for f in fields(Thresholds)}
    thresholds = Thresholds(
        **{k: v for k, v in (cfg.get("thresholds") or {}).items() if k in known}
    )
    waivers_cfg = cfg.get("waivers") or {}
    return Settings(
        as_of=options.as_of or today_in_japan(),
        lang=options.lang or config_lang(cfg) or lang_from_env(),
        fail_on=options.fail_on or cfg.get("fail_on") or "low",
        rules=options.rules,
        skip_rules=(*options.skip_rules, *rules_cfg.get("skip", [])),
        typologies=options.typologies,
        thresholds=thresholds,
        severity_overrides={k: Severity(v) for k, v in (rules_cfg.get("severity") or {}).items()},
        name=cfg.get("name"),
        unwaivable=tuple(waivers_cfg.get("unwaivable", [])),
        max_waiver_days=waivers_cfg.get("max_days"),
    )
