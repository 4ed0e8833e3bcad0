"""The engine: select rules, run them, stamp their hits into findings, sort, gate the exit status."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from auditctl.catalog import Catalog, RuleMeta, Text
from auditctl.findings import Finding, fingerprint
from auditctl.i18n import Lang
from auditctl.model.terms import Terms
from auditctl.rules.registry import POST_TYPOLOGIES, Context, Hit, Prior, RuleFn, registered
from auditctl.severity import TYPOLOGIES, Severity


class SelectionError(ValueError):
    """An unknown rule ID or typology; `code` and `value` make the message."""

    def __init__(self, code: str, value: str) -> None:
        super().__init__(f"{code}: {value}")
        self.code = code
        self.value = value


def check_registry(cat: Catalog, registry: Mapping[str, RuleFn]) -> list[str]:
    """Rules registered without metadata: the product must not start with any."""
    return sorted(set(registry) - set(cat.rules))


def _matches(rule_id: str, patterns: Iterable[str]) -> bool:
    return any(rule_id == p or rule_id.startswith(p.rstrip("-") + "-") for p in patterns)


def select(
    cat: Catalog,
    rules: Sequence[str] = (),
    skip: Sequence[str] = (),
    typologies: Sequence[str] = (),
) -> list[str]:
    """The rule IDs to run: the chosen ones (or all), less the skipped. Unknown names are errors."""
    ids = sorted(cat.rules)
    for pattern in (*rules, *skip):
        if not any(_matches(i, [pattern]) for i in ids):
            raise SelectionError("cli.unknown_rule", pattern)
    for typ in typologies:
        if typ not in TYPOLOGIES:
            raise SelectionError("cli.unknown_typology", typ)
    chosen = [
        i
        for i in ids
        if (not rules and not typologies)
        or _matches(i, rules)
        or cat.rules[i].typology in typologies
    ]
    return [i for i in chosen if not _matches(i, skip)]


class _Args(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_text(template: str, args: Mapping[str, object], lang: Lang) -> str:
    """Fill a catalog template; bilingual arguments take the finding's language."""
    resolved = _Args({k: v.get(lang) if isinstance(v, Text) else str(v) for k, v in args.items()})
    return template.format_map(resolved)


@dataclass(slots=True)
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)
    not_implemented: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)


def stamp(meta: RuleMeta, hit: Hit, cat: Catalog, lang: Lang, severity: Severity) -> Finding:
    """A hit with its catalog texts, basis and fingerprint: the engine, not the rule, does this."""
    return Finding(
        rule=meta.id,
        severity=severity,
        typology=meta.typology,
        title=meta.title.get(lang),
        message=render_text(meta.message.get(lang), hit.args, lang),
        subject=hit.subject,
        locations=tuple(dict.fromkeys(hit.places)),  # the rule lists the cause first
        basis=tuple(cat.citations(meta, lang)),
        remediation=meta.remediation.get(lang),
        fingerprint=fingerprint(meta.id, hit.subject, hit.day),
        day=hit.day,
    )


def run(
    terms: Terms,
    ctx: Context,
    selected: Sequence[str],
    lang: Lang,
    severity_overrides: Mapping[str, Severity] | None = None,
    skip_typologies: Iterable[str] = (),
) -> RunResult:
    """Run the selected, implemented rules; typologies whose data is absent are skipped by the caller."""
    registry = registered()
    overrides = severity_overrides or {}
    skip = set(skip_typologies)
    result = RunResult()
    # Post rules (W) run last and see what the others found (stable sort keeps the rest in order).
    ordered = sorted(selected, key=lambda r: ctx.catalog.rules[r].typology in POST_TYPOLOGIES)
    posting = False
    for rule_id in ordered:
        meta = ctx.catalog.rules[rule_id]
        if meta.typology in POST_TYPOLOGIES and not posting:
            posting = True
            ctx = dataclasses.replace(
                ctx, prior=Prior(tuple(result.findings), frozenset(result.ran))
            )
        fn = registry.get(rule_id)
        if fn is None:
            result.not_implemented.append(rule_id)
            continue
        if meta.typology in skip:
            continue
        result.ran.append(rule_id)
        count = 0
        for hit in fn(terms, ctx):
            severity = overrides.get(rule_id) or hit.severity or meta.severity
            result.findings.append(stamp(meta, hit, ctx.catalog, lang, severity))
            count += 1
        if count == 0:
            result.passed.append(rule_id)
    result.findings.sort(key=Finding.sort_key)
    return result


def exit_status(findings: Iterable[Finding], fail_on: str) -> int:
    """1 when any finding that counts is at or above `fail_on`; `none` never fails."""
    if fail_on == "none":
        return 0
    floor = Severity(fail_on).rank
    return 1 if any(f.counts and f.severity.rank >= floor for f in findings) else 0
