"""Type A rules on the masking matrix, A-01 … A-06 (the systems' own rules A-07 … A-10 are in
type_a), and the helpers both share: which systems and roles they judge, the matrix per view,
and the bilingual words of their messages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from auditctl.catalog import Text
from auditctl.model.records import Access, Cell, FieldClass, MatrixRow, Role, Screen, System
from auditctl.model.terms import Terms
from auditctl.places import Place
from auditctl.rules.registry import Arg, Context, Hit, rule
from auditctl.rules.words import joined

DISASTER = "disaster_response"
BULK = {"list": Text("一覧", "list"), "export": Text("出力", "export")}
NO_FIELDS = Text(
    "マスキング表にこの画面の項目が一つもない", "the masking matrix names no field of this screen"
)


def non_public(t: Terms) -> Iterator[System]:
    """A rules look at non-public systems only."""
    return (s for s in t.model.systems.values() if s.holds_non_public)


def roles_of(t: Terms, system: str) -> list[Role]:
    """The roles of a system, in declared order."""
    return [r for r in t.model.roles.values() if r.system == system]


def judged(t: Terms, role_id: str) -> Role | None:
    """A role A-01 to A-04 judge: competitive, and not of purpose disaster_response (B-02's)."""
    role = t.model.roles.get(role_id)
    if role is None or role_id not in t.competitive_roles or role.purpose == DISASTER:
        return None
    return role


def field_text(t: Terms, field_id: str) -> Text:
    """A field's label in both languages (its ID, as written, when no classification names it)."""
    m = t.model
    return Text(m.field_label(field_id, "ja"), m.field_label(field_id, "en"))


def fields_text(t: Terms, field_ids: Iterable[str]) -> Text:
    return joined(field_text(t, f) for f in field_ids)


def non_public_field(t: Terms, field_id: str) -> bool:
    """Anything but `public`; an unclassified field counts as non-public (rules.md, Terms)."""
    return t.model.field_class(field_id) is not FieldClass.PUBLIC


def system_args(sys: System) -> dict[str, Arg]:
    return {"system": sys.id, "system_name": sys.name}


def screen_args(sys: System, screen_id: str) -> dict[str, Arg]:
    screen = sys.screens.get(screen_id)
    return {"screen": screen_id, "screen_name": screen.name if screen else screen_id}


def role_args(role: Role) -> dict[str, Arg]:
    return {"role": role.id, "role_name": role.name}


def cell_place(cell: Cell) -> Place:
    return cell.src.place(cell.key)


@dataclass(frozen=True, slots=True)
class View:
    """What one role has of one screen of a non-public system: its cells, in matrix order."""

    system: System
    screen: Screen
    role: Role
    cells: tuple[Cell, ...]
    rows: tuple[MatrixRow, ...]  # every matrix row of the screen

    @property
    def subject(self) -> str:
        return f"view:{self.system.id}/{self.screen.id}/{self.role.id}"

    def visible(self) -> list[Cell]:
        return [c for c in self.cells if c.access is Access.VISIBLE]

    def args(self) -> dict[str, Arg]:
        return {
            **system_args(self.system),
            **screen_args(self.system, self.screen.id),
            **role_args(self.role),
        }


def views(t: Terms) -> Iterator[View]:
    """Every (screen, role of its system) of every non-public system, in declared order."""
    for sys in non_public(t):
        roles = roles_of(t, sys.id)
        for screen in sys.screens.values():
            rows = tuple(t.screen_rows.get((sys.id, screen.id), ()))
            for role in roles:
                mine = tuple(t.view_cells.get((sys.id, screen.id, role.id), ()))
                yield View(sys, screen, role, mine, rows)


# -- the matrix rules ---------------------------------------------------------------------------


def _cell_hits(t: Terms, ctx: Context, cls: FieldClass, all_customers: bool) -> Iterator[Hit]:
    """Visible cells of a field of class `cls` for a judged role (on an all-customers screen)."""
    m = t.model
    roles = {rid: role for rid in m.roles if (role := judged(t, rid)) is not None}
    fields = {fid for fid, fd in m.fields.items() if fd.cls is cls}
    if not roles or not fields:
        return
    for cell in m.cells:
        # The cheap tests first: most cells are not visible, or not of a judged role.
        if cell.field not in fields or not t.sees(cell):
            continue
        role = roles.get(cell.role)
        sys = m.systems.get(cell.system)
        if role is None or sys is None or not sys.holds_non_public or role.system != sys.id:
            continue
        places = [cell_place(cell)]
        if all_customers:
            screen = sys.screens.get(cell.screen)
            if screen is None or screen.customer_scope != "all":
                continue
            places.append(screen.src.place("customer_scope"))
        yield Hit(
            subject=f"cell:{sys.id}/{cell.screen}/{cell.field}/{role.id}",
            places=tuple(places),
            args={
                **system_args(sys),
                **screen_args(sys, cell.screen),
                **role_args(role),
                "field": cell.field,
                "field_label": field_text(t, cell.field),
                "field_class": ctx.catalog.classes[cls.value][1],
            },
        )


@rule("A-01")
def network_only_visible(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A competitive role sees a network_only field: one finding per matrix cell."""
    yield from _cell_hits(t, ctx, FieldClass.NETWORK_ONLY, all_customers=False)


@rule("A-02")
def own_customer_field_on_all_customers(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A competitive role sees an own_customer_only field on a screen of customer_scope all."""
    yield from _cell_hits(t, ctx, FieldClass.OWN_CUSTOMER_ONLY, all_customers=True)


@rule("A-03")
def bulk_non_public(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A competitive role sees non-public fields on a list/export screen of all customers."""
    for v in views(t):
        screen = v.screen
        if screen.bulk not in BULK or screen.customer_scope != "all":
            continue
        if judged(t, v.role.id) is None:
            continue
        seen = [c for c in v.visible() if non_public_field(t, c.field)]
        if not seen:
            continue
        fields = list(dict.fromkeys(c.field for c in seen))
        yield Hit(
            subject=v.subject,
            places=(
                *(cell_place(c) for c in seen),
                screen.src.place("bulk"),
                screen.src.place("customer_scope"),
            ),
            args={
                **v.args(),
                "bulk": BULK[screen.bulk],
                "fields": fields_text(t, fields),
                "count": len(fields),
            },
        )


@rule("A-04")
def searchable_by_name(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A competitive role reaches an all-customers screen searchable by own_customer_only keys."""
    m = t.model
    for v in views(t):
        screen = v.screen
        if screen.customer_scope != "all" or judged(t, v.role.id) is None:
            continue
        keys = [
            (i, m.field_id(k))
            for i, k in enumerate(screen.search_keys)
            if m.field_class(m.field_id(k)) is FieldClass.OWN_CUSTOMER_ONLY
        ]
        # Reaching follows Terms: only a role hidden from every field of the screen is kept out;
        # a missing decision lets it in.
        if not keys or not t.reaches(v.system.id, screen.id, v.role.id):
            continue
        yield Hit(
            subject=v.subject,
            places=(
                *(screen.src.place(f"search_keys.{i}") for i, _ in keys),
                screen.src.place("customer_scope"),
                *(cell_place(c) for c in v.cells if c.access is not Access.HIDDEN),
                *(
                    row.src.place(f"access.{v.role.id}")
                    for row in v.rows
                    if t.access(v.system.id, screen.id, v.role.id, row.field) is None
                ),
            ),
            args={**v.args(), "fields": fields_text(t, dict.fromkeys(f for _, f in keys))},
        )


@rule("A-05")
def undecided_fields(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A role of the system has no decision for some fields of a screen; one finding per view."""
    for v in views(t):
        fields = t.screen_fields.get((v.system.id, v.screen.id), [])
        if not fields:
            # A declared screen that the matrix never names leaves every role of the system
            # without any decision (and, by Terms, reaching it): a per-screen gap in full.
            yield Hit(
                subject=v.subject,
                places=(v.screen.src.place(),),
                args={**v.args(), "fields": NO_FIELDS, "count": Text("全", "any")},
            )
            continue
        mine = t.decisions.get((v.system.id, v.screen.id), {}).get(v.role.id, {})
        missing = [f for f in fields if f not in mine]
        if not missing:
            continue
        gaps = set(missing)
        yield Hit(
            subject=v.subject,
            places=tuple(
                row.src.place(f"access.{v.role.id}") for row in v.rows if row.field in gaps
            ),
            args={**v.args(), "fields": fields_text(t, missing), "count": len(missing)},
        )


@rule("A-06")
def unclassified_fields(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A field on a screen of a non-public system that no classification names."""
    found: dict[tuple[str, str, str], list[Place]] = {}
    for row in t.model.matrix:
        sys = t.model.systems.get(row.system)
        if sys is None or not sys.holds_non_public or t.model.field_class(row.field) is not None:
            continue
        # An unknown field keeps the name it was written with (Model.field_id).
        found.setdefault((sys.id, row.screen, row.field), []).append(row.src.place("field"))
    for (system, screen, fid), places in found.items():
        sys = t.model.systems[system]
        yield Hit(
            subject=f"field:{system}/{screen}/{fid}",
            places=tuple(places),
            args={
                **system_args(sys),
                **screen_args(sys, screen),
                "field": fid,
                "field_label": field_text(t, fid),
            },
        )
