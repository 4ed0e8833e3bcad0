"""Type C2: terminals (端末管理), rules C2-01 … C2-06."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from auditctl.catalog import Text
from auditctl.model.records import Side, System, Terminal
from auditctl.model.terms import Terms
from auditctl.places import Place
from auditctl.rules.registry import Context, Hit, rule
from auditctl.rules.words import NOT_STATED as _NOT_STATED
from auditctl.rules.words import joined as _join

_KINDS = {
    "network": Text("NW端末", "network terminal"),
    "disaster": Text("災害対応端末", "disaster terminal"),
}


def live_terminals(t: Terms) -> list[Terminal]:
    """The terminals every C2 rule looks at: all but the `disposed`, by ID."""
    return sorted(
        (x for x in t.model.terminals.values() if x.state != "disposed"), key=lambda x: x.id
    )


def _location_name(t: Terms, location: str | None) -> Text | str:
    loc = t.model.locations.get(location or "")
    return loc.name if loc else (location or _NOT_STATED)


def _unit_name(t: Terms, unit_id: str | None) -> Text | str:
    unit = t.model.units.get(unit_id or "")
    return unit.name if unit else (unit_id or _NOT_STATED)


def _sides(t: Terms, units: Iterable[str]) -> dict[Side, list[str]]:
    out: dict[Side, list[str]] = {}
    for u in units:
        unit = t.model.units.get(u)
        if unit is not None:
            out.setdefault(unit.side, []).append(u)
    return out


@rule("C2-01")
def any_staff_on_trusted_terminal(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A network terminal trusted by a non-public system lets any group employee log in."""
    m = t.model
    for term in live_terminals(t):
        if term.kind != "network" or term.login_policy != "any_group_staff":
            continue
        trusting: list[tuple[int, System]] = []
        for i, sid in enumerate(term.systems):
            system = m.systems.get(sid)
            if system and system.holds_non_public and "terminal" in system.access_control:
                trusting.append((i, system))
        if not trusting:
            continue
        places = [term.src.place("login_policy")]
        places += [term.src.place(f"systems.{i}") for i, _ in trusting]
        places += [s.src.place("access_control") for _, s in trusting]
        yield Hit(
            subject=f"terminal:{term.id}",
            places=tuple(places),
            args={
                "terminal": term.id,
                "systems": _join(s.name for _, s in trusting),
                "location": term.location or "",
                "location_name": _location_name(t, term.location),
            },
        )


@rule("C2-02")
def network_terminal_misdistributed(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A network terminal is assigned to a competitive unit or stands among competitive units only."""
    for term in live_terminals(t):
        if term.kind != "network":
            continue
        places: list[Place] = []
        if t.unit_competitive(term.assigned_unit):
            places.append(term.src.place("assigned_unit"))
        loc = t.model.locations.get(term.location or "")
        # "All competitive" needs at least one unit: an empty location says nothing.
        if loc is not None and loc.units and all(t.unit_competitive(u) for u in loc.units):
            places += [term.src.place("location"), loc.src.place("units")]
        if not places:
            continue
        yield Hit(
            subject=f"terminal:{term.id}",
            places=tuple(places),
            args={
                "terminal": term.id,
                "unit": term.assigned_unit or "",
                "unit_name": _unit_name(t, term.assigned_unit),
                "location": term.location or "",
                "location_name": _location_name(t, term.location),
            },
        )


@rule("C2-03")
def network_terminal_room(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A network terminal in use stands in an unsecured room or one shared with the competitive side."""
    for term in live_terminals(t):
        if term.kind != "network" or term.state != "in_use":
            continue
        loc = t.model.locations.get(term.location or "")
        if loc is None:
            continue
        problems: list[Text] = []
        places = [term.src.place("location")]
        if not loc.secured:
            problems.append(Text("施錠・入退室管理されていない", "not locked or entry-controlled"))
            places.append(loc.src.place("secured"))
        sides = _sides(t, loc.units)
        if Side.NETWORK in sides and Side.COMPETITIVE in sides:
            net = "、".join(_unit_name_str(t, u) for u in sides[Side.NETWORK])
            comp = "、".join(_unit_name_str(t, u) for u in sides[Side.COMPETITIVE])
            problems.append(
                Text(
                    f"送配電部門（{net}）と小売側（{comp}）が共用している",
                    f"shared by network units ({net}) and competitive units ({comp})",
                )
            )
            places.append(loc.src.place("units"))
        if not problems:
            continue
        yield Hit(
            subject=f"terminal:{term.id}",
            places=tuple(places),
            args={
                "terminal": term.id,
                "location": loc.id,
                "location_name": loc.name,
                "problems": _join(problems),
            },
        )


def _unit_name_str(t: Terms, unit_id: str) -> str:
    unit = t.model.units.get(unit_id)
    return unit.name if unit else unit_id


@rule("C2-04")
def unknown_terminal(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Enabled accounts are restricted to a terminal the inventory does not hold: one per terminal."""
    m = t.model
    if "terminals" not in m.present:  # no inventory given: nothing to check against
        return
    live = {x.id for x in live_terminals(t)}
    restricted: dict[str, list[tuple[str, Place]]] = {}  # terminal -> (account key, place)
    for acc in m.accounts.values():
        if not acc.enabled:
            continue
        for i, tid in enumerate(acc.terminals):
            if tid not in live:
                restricted.setdefault(tid, []).append((acc.key, acc.src.place(f"terminals.{i}")))
    for tid in sorted(restricted):
        accounts = sorted(set(k for k, _ in restricted[tid]))
        places = [p for _, p in restricted[tid]]
        disposed = m.terminals.get(tid)
        if disposed is not None:
            # Disposed terminals are ignored by every C2 rule: for C2-04 the inventory lacks them.
            places.append(disposed.src.place("state"))
            inventory = Text(
                "端末台帳上は廃棄済みである", "is recorded as disposed in the inventory"
            )
        else:
            inventory = Text("端末台帳にない", "is not in the inventory")
        yield Hit(
            subject=f"terminal:{tid}",
            places=tuple(places),
            args={
                "terminal": tid,
                "accounts": _join(accounts),
                "count": len(accounts),
                "inventory": inventory,
            },
        )


@rule("C2-05")
def terminal_not_inventoried(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A network or disaster terminal has no physical inventory within the limit."""
    limit = ctx.thresholds.terminal_inventory_days
    for term in live_terminals(t):
        kind = _KINDS.get(term.kind)
        # "Older than N days" is as_of − date > N: exactly N days old still passes.
        if kind is None or not t.older_than(term.last_inventory, limit):
            continue
        last = term.last_inventory
        yield Hit(
            subject=f"terminal:{term.id}",
            places=(term.src.place("last_inventory"),),
            args={
                "terminal": term.id,
                "kind": kind,
                "last_inventory": last.isoformat() if last else Text("未記録", "none recorded"),
                "limit": limit,
            },
        )


@rule("C2-06")
def terminal_alone(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A non-public system decides access by the terminal alone: no person is identified."""
    for system in sorted(t.model.systems.values(), key=lambda s: s.id):
        if not system.holds_non_public or set(system.access_control) != {"terminal"}:
            continue
        yield Hit(
            subject=f"system:{system.id}",
            places=(system.src.place("access_control"),),
            args={"system": system.id, "system_name": system.name},
        )
