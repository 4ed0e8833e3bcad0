"""The bundle as plain tables for the L rules' SQL: what every log row is judged against.

Each table is a name, typed columns and rows of Python values. The same tables load into the
embedded engine and export to CSV/Parquet for a distributed engine (README, "Access logs at
scale"); the queries in checklists/sql/ see nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from auditctl.model.records import Side
from auditctl.model.terms import Terms

SqlValue = str | int | bool | date | None


@dataclass(frozen=True, slots=True)
class Table:
    """One bundle table: columns as (name, SQL type) and its rows."""

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: list[tuple[SqlValue, ...]]


def epoch(moment: datetime) -> int:
    """Seconds since 1970-01-01T00:00Z: how every table compares moments, whatever the engine."""
    return int(moment.timestamp())


def bundle_tables(
    terms: Terms, concurrent_minutes: int, export_records_per_day: int, present: frozenset[str]
) -> Iterator[Table]:
    """Every table the L queries read, from the model as of its terms, one at a time: a table
    of a million accounts is built, loaded and let go before the next."""
    m = terms.model
    sides = {uid: _side(unit) for uid, unit in m.units.items()}  # once per unit, not per row
    yield Table(
        "systems",
        (("system", "VARCHAR"), ("holds_non_public", "BOOLEAN")),
        [(s.id, s.holds_non_public) for s in m.systems.values()],
    )
    yield Table(
        "screens",
        (("system", "VARCHAR"), ("screen", "VARCHAR"), ("customer_scope", "VARCHAR")),
        [
            (sc.system, sc.id, sc.customer_scope)
            for s in m.systems.values()
            for sc in s.screens.values()
        ],
    )
    yield Table(
        "accounts",
        (
            ("system", "VARCHAR"),
            ("account", "VARCHAR"),
            ("kind", "VARCHAR"),
            ("is_disaster", "BOOLEAN"),
        ),
        [(a.system, a.id, a.kind, a.key in terms.disaster_accounts) for a in m.accounts.values()],
    )
    yield Table(
        "account_users",
        (("system", "VARCHAR"), ("account", "VARCHAR"), ("person", "VARCHAR")),
        [(a.system, a.id, u) for a in m.accounts.values() for u in dict.fromkeys(a.users)],
    )
    yield Table(
        "people",
        (("person", "VARCHAR"), ("name", "VARCHAR"), ("left_on", "DATE")),
        [(p.id, p.name, p.left_on) for p in m.people.values()],
    )
    yield Table(
        "assignments",
        (
            ("person", "VARCHAR"),
            ("unit", "VARCHAR"),
            ("from_day", "DATE"),
            ("to_day", "DATE"),
            ("side", "VARCHAR"),
        ),
        [
            (a.person, a.unit, a.start, a.end, sides.get(a.unit))
            for p in m.people.values()
            for a in p.assignments
        ],
    )
    yield Table(
        "terminals",
        (
            ("terminal", "VARCHAR"),
            ("location", "VARCHAR"),
            ("assigned_unit", "VARCHAR"),
            ("assigned_side", "VARCHAR"),
        ),
        [
            (t.id, t.location, t.assigned_unit, sides.get(t.assigned_unit or ""))
            for t in m.terminals.values()
        ],
    )
    yield Table(
        "location_units",
        (("location", "VARCHAR"), ("unit", "VARCHAR"), ("side", "VARCHAR")),
        [
            (loc.id, u, sides.get(u))
            for loc in m.locations.values()
            for u in dict.fromkeys(loc.units)
        ],
    )
    yield Table(
        "declarations",
        (("declaration", "VARCHAR"), ("start_epoch", "BIGINT"), ("end_epoch", "BIGINT")),
        [
            (d.id, epoch(d.start), epoch(d.end) if d.end is not None else None)
            for d in m.declarations
        ],
    )
    yield Table(
        "params",
        (
            ("concurrent_seconds", "BIGINT"),
            ("export_records_per_day", "BIGINT"),
            ("accounts_given", "BOOLEAN"),
            ("terminals_given", "BOOLEAN"),
        ),
        [
            (
                concurrent_minutes * 60,
                export_records_per_day,
                "accounts" in present,
                "terminals" in present,
            )
        ],
    )


def _side(unit: object) -> str | None:
    side = getattr(unit, "side", None)
    return side.value if isinstance(side, Side) else None
