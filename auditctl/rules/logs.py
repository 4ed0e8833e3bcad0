"""Type L: access logs (アクセスログ分析), rules L-01 … L-07.

The log phase (auditctl/logs) has already run each rule's catalog query (checklists/sql/) and
aggregated the flagged rows per subject; these functions only word the aggregates as hits.
A rule whose aggregates are absent (no logs, or the rule was not selected) yields nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditctl.catalog import Text
from auditctl.logs.results import Aggregate
from auditctl.model.terms import Terms
from auditctl.places import Place
from auditctl.rules.registry import Arg, Context, Hit, rule
from auditctl.rules.roster import person_text, system_name, unit_text
from auditctl.rules.words import NONE, joined

LIST_MAX = 10


def _aggs(ctx: Context, rule_id: str) -> list[Aggregate]:
    return list(ctx.logs.aggregates.get(rule_id, [])) if ctx.logs is not None else []


def _names(values: tuple[str, ...]) -> Text:
    """Up to LIST_MAX names, then how many more."""
    shown = [v for v in values if not v.startswith("+")][:LIST_MAX]
    more = len([v for v in values if not v.startswith("+")]) - len(shown)
    more += sum(int(v[1:]) for v in values if v.startswith("+") and v[1:].isdigit())
    if not shown:
        return NONE
    ja, en = "、".join(shown), ", ".join(shown)
    return Text(f"{ja} ほか{more}件", f"{en} and {more} more") if more else Text(ja, en)


def _rows(agg: Aggregate) -> tuple[Place, ...]:
    return tuple(Place(r.file, line=r.line) for r in agg.examples)


def _span(agg: Aggregate) -> dict[str, Arg]:
    return {"count": agg.count, "first": agg.first, "last": agg.last}


def _account(t: Terms, agg: Aggregate) -> tuple[dict[str, Arg], tuple[Place, ...]]:
    """The account's words, and its row of the roster after the log rows (when the roster has it)."""
    system, account = agg.key[0], agg.key[1]
    acc = t.model.accounts.get(f"{system}/{account}")
    args: dict[str, Arg] = {
        "account": account,
        "system": system,
        "system_name": system_name(t, system),
    }
    return args, (acc.src.place(),) if acc is not None else ()


@rule("L-01")
def competitive_access(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Accessed while a user of the account was on the competitive side that day."""
    for agg in _aggs(ctx, "L-01"):
        args, roster = _account(t, agg)
        users = joined(person_text(t, p) for p in agg.details if not p.startswith("+"))
        yield Hit(
            subject=f"account:{agg.key[0]}/{agg.key[1]}",
            places=_rows(agg) + roster,
            args={**args, **_span(agg), "users": users, "screens": _names(agg.screens)},
        )


@rule("L-02")
def competitive_terminal(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Access from a terminal assigned to a competitive unit or standing where one works."""
    for agg in _aggs(ctx, "L-02"):
        term = t.model.terminals.get(agg.key[0])
        location = (term.location if term else None) or ""
        loc = t.model.locations.get(location)
        unit = (term.assigned_unit if term else None) or ""
        yield Hit(
            subject=f"terminal:{agg.key[0]}",
            places=_rows(agg) + ((term.src.place(),) if term else ()),
            args={
                "terminal": agg.key[0],
                "location": location,
                "location_name": loc.name if loc else (location or NONE.ja),
                "unit": unit,
                "unit_name": unit_text(t, unit) if unit else NONE,
                "screens": _names(agg.screens),
                **_span(agg),
            },
        )


@rule("L-03")
def disaster_outside_declaration(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A disaster account used (login included) at a moment no declaration covers."""
    for agg in _aggs(ctx, "L-03"):
        args, roster = _account(t, agg)
        yield Hit(
            subject=f"account:{agg.key[0]}/{agg.key[1]}",
            places=_rows(agg) + roster,
            args={**args, **_span(agg), "screens": _names(agg.screens)},
        )


@rule("L-04")
def concurrent_terminals(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An account used from two different terminals within concurrent_minutes."""
    for agg in _aggs(ctx, "L-04"):
        args, roster = _account(t, agg)
        yield Hit(
            subject=f"account:{agg.key[0]}/{agg.key[1]}",
            places=_rows(agg) + roster,
            args={
                **args,
                **_span(agg),
                "terminals": _names(agg.terminals),
                "limit": ctx.thresholds.concurrent_minutes,
            },
        )


@rule("L-05")
def bulk_export(t: Terms, ctx: Context) -> Iterator[Hit]:
    """More than export_records_per_day records exported or printed from all-customers screens."""
    for agg in _aggs(ctx, "L-05"):
        args, roster = _account(t, agg)
        yield Hit(
            subject=f"account:{agg.key[0]}/{agg.key[1]}",
            places=_rows(agg) + roster,
            args={
                **args,
                "day": agg.day.isoformat() if agg.day else "",
                "records": agg.records,
                "limit": ctx.thresholds.export_records_per_day,
                "screens": _names(agg.screens),
            },
            day=agg.day,
        )


@rule("L-06")
def access_after_leaving(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Accessed after a user's left_on (from the next day); the earliest leaver is named."""
    for agg in _aggs(ctx, "L-06"):
        args, roster = _account(t, agg)
        people = [t.model.people[p] for p in agg.details if p in t.model.people]
        people.sort(key=lambda p: (p.left_on or ctx.as_of, p.id))
        first = people[0] if people else None
        yield Hit(
            subject=f"account:{agg.key[0]}/{agg.key[1]}",
            places=_rows(agg) + roster + ((first.src.place("left_on"),) if first else ()),
            args={
                **args,
                **_span(agg),
                "person": first.id if first else "",
                "person_name": first.name if first else "",
                "left_on": first.left_on.isoformat() if first and first.left_on else "",
            },
        )


@rule("L-07")
def unknown_names(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Log rows of a system name accounts or terminals the bundle does not hold."""
    for agg in _aggs(ctx, "L-07"):
        names = []
        for d in agg.details:
            kind, _, name = d.partition(":")
            if kind == "account":
                names.append(Text(f"ID {name}", f"account {name}"))
            elif kind == "terminal":
                names.append(Text(f"端末 {name}", f"terminal {name}"))
        shown = names[:LIST_MAX]
        more = len(agg.details) - len(shown)
        examples = joined(shown)
        if more > 0:
            examples = Text(f"{examples.ja} ほか{more}件", f"{examples.en} and {more} more")
        system = agg.key[0]
        sys_rec = t.model.systems.get(system)
        yield Hit(
            subject=f"system:{system}",
            places=_rows(agg) + ((sys_rec.src.place(),) if sys_rec else ()),
            args={
                "system": system,
                "system_name": system_name(t, system),
                "count": agg.count,
                "examples": examples,
            },
        )
