"""The rule registry: rule functions by ID, and what they receive and yield."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from auditctl.catalog import Catalog, Text
from auditctl.findings import Finding
from auditctl.logs.results import LogResults
from auditctl.model.terms import Terms
from auditctl.places import Place
from auditctl.severity import Severity


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The numbers rules compare against (cli.md defaults; `auditctl.yaml` may change them)."""

    dormant_days: int = 90
    account_review_days: int = 180
    terminal_inventory_days: int = 365
    log_review_max_days: int = 31
    log_retention_days: int = 1825
    disaster_review_max_days: int = 90
    post_review_days: int = 30
    concurrent_minutes: int = 5
    export_records_per_day: int = 1000


@dataclass(frozen=True, slots=True)
class Prior:
    """What the rules before the post rules found and which of them ran (W judges waivers on it)."""

    findings: tuple[Finding, ...] = ()
    ran: frozenset[str] = frozenset()


# Typologies whose rules judge the other rules' findings: the engine runs them last, with `prior`.
POST_TYPOLOGIES: frozenset[str] = frozenset({"W"})


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know besides the model: the audit date, the thresholds, the catalog."""

    as_of: date
    thresholds: Thresholds
    catalog: Catalog
    prior: Prior = field(default_factory=Prior)  # set only for the post rules
    logs: LogResults | None = None  # the log phase's aggregates, when logs were read (L rules)


Arg = str | int | Text


@dataclass(frozen=True, slots=True)
class Hit:
    """One violation as a rule sees it; the engine makes it a finding."""

    subject: str
    places: tuple[Place, ...]
    args: Mapping[str, Arg] = field(default_factory=dict)
    day: date | None = None  # for findings per day (L-05): part of the fingerprint
    severity: Severity | None = None  # only where the catalog says a rule's severity varies (Q)


RuleFn = Callable[[Terms, Context], Iterable[Hit]]
REGISTRY: dict[str, RuleFn] = {}


def rule(*rule_ids: str) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function under one or more catalog IDs."""

    def register(fn: RuleFn) -> RuleFn:
        for rule_id in rule_ids:
            if rule_id in REGISTRY:
                raise ValueError(f"rule {rule_id} registered twice")
            REGISTRY[rule_id] = fn
        return fn

    return register


def registered() -> dict[str, RuleFn]:
    """Every rule function, after importing the typology modules that register them."""
    from auditctl.rules import load_all

    load_all()
    return REGISTRY
