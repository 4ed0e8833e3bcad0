"""The derived terms of rules.md, computed once as of the audit date: related parties, sides,
movers, competitive accounts and roles, disaster accounts, "sees", "reaches" and "covers"."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from auditctl.model.model import RELATED, Model
from auditctl.model.records import Access, Account, Cell, Declaration, MatrixRow, Person, Side
from auditctl.values import JST


@dataclass(slots=True)
class Terms:
    """Facts every rule shares. Built by `derive`; read-only afterwards."""

    model: Model
    as_of: date
    related: frozenset[str] = frozenset()  # related companies (特定関係事業者)
    related_parties: frozenset[str] = frozenset()  # related companies and their subsidiaries
    move_dates: dict[str, date] = field(default_factory=dict)  # mover -> latest move date ≤ as_of
    competitive_people: frozenset[str] = frozenset()  # on the competitive side on as_of
    competitive_accounts: frozenset[str] = frozenset()  # "system/id"
    competitive_roles: frozenset[str] = frozenset()
    disaster_accounts: frozenset[str] = frozenset()
    # (system, screen) -> role -> field -> access
    decisions: dict[tuple[str, str], dict[str, dict[str, Access]]] = field(default_factory=dict)
    # (system, screen) -> fields the matrix names for the screen
    screen_fields: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # (system, screen, role) -> its cells, and (system, screen) -> matrix rows, in matrix order
    view_cells: dict[tuple[str, str, str], list[Cell]] = field(default_factory=dict)
    screen_rows: dict[tuple[str, str], list[MatrixRow]] = field(default_factory=dict)
    holders: dict[str, list[Account]] = field(default_factory=dict)  # role -> accounts holding it
    # accounts enabled on a system that holds non-public information, in roster order
    enabled_non_public: tuple[Account, ...] = ()

    # -- people ------------------------------------------------------------------------------

    def sides_on(self, person: Person, day: date) -> set[Side]:
        """The sides of the units a person is assigned to on `day` (inclusive boundaries)."""
        units = self.model.units
        return {units[a.unit].side for a in person.assignments if a.covers(day) and a.unit in units}

    def competitive_on(self, person_id: str, day: date) -> bool:
        """On the competitive side on `day`: any assignment covering it is to a competitive unit."""
        person = self.model.people.get(person_id)
        return person is not None and Side.COMPETITIVE in self.sides_on(person, day)

    def unit_competitive(self, unit_id: str | None) -> bool:
        unit = self.model.units.get(unit_id or "")
        return unit is not None and unit.side is Side.COMPETITIVE

    def unit_network(self, unit_id: str | None) -> bool:
        unit = self.model.units.get(unit_id or "")
        return unit is not None and unit.side is Side.NETWORK

    def non_public(self, system_id: str | None) -> bool:
        """A system that holds non-public information (an unknown system does not)."""
        system = self.model.systems.get(system_id or "")
        return system is not None and system.holds_non_public

    def company_name(self, company_id: str) -> str:
        """The company's name, or its ID when the bundle does not hold it."""
        company = self.model.companies.get(company_id)
        return company.name if company is not None else company_id

    def is_related_party(self, party: str) -> bool:
        """A related company, its subsidiary, or a unit of either."""
        if party in self.related_parties:
            return True
        unit = self.model.units.get(party)
        return unit is not None and unit.company in self.related_parties

    # -- the matrix --------------------------------------------------------------------------

    def access(self, system: str, screen: str, role: str, field_id: str) -> Access | None:
        return self.decisions.get((system, screen), {}).get(role, {}).get(field_id)

    def sees(self, cell: Cell) -> bool:
        return cell.access is Access.VISIBLE

    def reaches(self, system: str, screen: str, role: str) -> bool:
        """A role reaches a screen unless its decision is `hidden` for every field of it."""
        fields = self.screen_fields.get((system, screen), [])
        mine = self.decisions.get((system, screen), {}).get(role, {})
        return not fields or any(mine.get(f) is not Access.HIDDEN for f in fields)

    # -- time --------------------------------------------------------------------------------

    @staticmethod
    def covers_moment(decl: Declaration, moment: datetime) -> bool:
        """`start ≤ moment ≤ end`; no end: still in force."""
        return decl.start <= moment and (decl.end is None or moment <= decl.end)

    @staticmethod
    def covers_day(decl: Declaration, day: date) -> bool:
        """Overlaps the day 00:00–24:00 Japan time."""
        day_start = datetime.combine(day, time(0), JST)
        day_end = day_start + timedelta(days=1)
        return decl.start < day_end and (decl.end is None or decl.end >= day_start)

    def declared_on(self, day: date) -> bool:
        return any(self.covers_day(d, day) for d in self.model.declarations)

    def older_than(self, value: date | None, days: int) -> bool:
        """`as_of − value > days`; a missing date counts as older."""
        return value is None or (self.as_of - value).days > days


def _parents(model: Model) -> dict[str, str]:
    return {c.id: c.parent for c in model.companies.values() if c.parent}


def derive(model: Model, as_of: date) -> Terms:
    """Compute every shared term once."""
    t = Terms(model, as_of)
    related = {c.id for c in model.companies.values() if c.relation in RELATED}
    parents = _parents(model)
    parties = set(related)
    for cid in model.companies:
        seen: set[str] = set()
        cur = parents.get(cid)
        while cur and cur not in seen:
            if cur in related:
                parties.add(cid)
                break
            seen.add(cur)
            cur = parents.get(cur)
    t.related, t.related_parties = frozenset(related), frozenset(parties)

    competitive: set[str] = set()
    for person in model.people.values():
        if Side.COMPETITIVE in t.sides_on(person, as_of):
            competitive.add(person.id)
        if len(person.assignments) < 2:  # a move takes two assignments
            continue
        past = [d for d in _move_dates(t, person) if d <= as_of]
        if past:
            t.move_dates[person.id] = max(past)
    t.competitive_people = frozenset(competitive)

    t.competitive_accounts = frozenset(
        a.key for a in model.accounts.values() if not competitive.isdisjoint(a.users)
    )
    t.disaster_accounts = frozenset(
        {a.key for a in model.accounts.values() if a.kind == "disaster"}
        | {ref for arr in model.arrangements for ref in arr.accounts}
    )
    non_public_systems = {s.id for s in model.systems.values() if s.holds_non_public}
    t.enabled_non_public = tuple(
        a for a in model.accounts.values() if a.enabled and a.system in non_public_systems
    )
    holders: dict[str, list[Account]] = defaultdict(list)
    for acc in model.accounts.values():
        for role_id in acc.roles:
            holders[role_id].append(acc)
    t.holders = dict(holders)
    comp_roles: set[str] = set()
    for role in model.roles.values():
        enabled = [a for a in holders.get(role.id, []) if a.enabled]
        if role.purpose == "retail_operations" or (
            enabled and all(a.key in t.competitive_accounts for a in enabled)
        ):
            comp_roles.add(role.id)
    t.competitive_roles = frozenset(comp_roles)

    _matrix_terms(t)
    return t


def _matrix_terms(t: Terms) -> None:
    """The matrix as the rules ask for it: the model indexes it as it is built."""
    model = t.model
    t.decisions, t.view_cells, t.screen_rows = (
        model.decisions,
        model.view_cells,
        model.screen_rows,
    )
    t.screen_fields = {
        key: list(dict.fromkeys(row.field for row in rows))
        for key, rows in model.screen_rows.items()
    }


def _move_dates(t: Terms, person: Person) -> list[date]:
    """Starts of competitive assignments that follow a network assignment ending before them."""
    out = []
    for later in person.assignments:
        if not t.unit_competitive(later.unit) or later.start is None:
            continue
        if any(
            t.unit_network(a.unit) and a.end is not None and a.end < later.start
            for a in person.assignments
        ):
            out.append(later.start)
    return out
