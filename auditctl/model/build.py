"""Validated records → the typed model. Defaults of bundle.md are applied here, once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from auditctl.catalog import Catalog
from auditctl.diagnostics import Diagnostic
from auditctl.model.model import RELATED, Model
from auditctl.model.records import (
    Access,
    Account,
    Arrangement,
    Assignment,
    Attestation,
    Cell,
    Company,
    Contract,
    DataFlow,
    Declaration,
    FieldClass,
    FieldDef,
    Location,
    Logging,
    MatrixRow,
    Person,
    Role,
    Screen,
    SharingException,
    Side,
    System,
    Terminal,
    Unit,
    Waiver,
)
from auditctl.records import Record, Source
from auditctl.values import norm

_NOWHERE = Source("organization.yaml", "yaml")
_NO_VALUES: dict[str, Any] = {}  # a built record's values, once given back (never written)


_DATES: dict[str, date] = {}  # a roster's dates repeat: each distinct one is parsed once


def _d(value: Any) -> date | None:
    if value.__class__ is not str:
        return None
    day = _DATES.get(value)
    if day is None:
        day = date.fromisoformat(value)
        if len(_DATES) < 65_536:
            _DATES[value] = day
    return day


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _t(value: Any) -> tuple[str, ...]:
    return tuple(value) if value.__class__ is list else ()  # validated: a list of texts


def _s(value: Any) -> str | None:
    return value if isinstance(value, str) else None


class Builder:
    """Builds the model; problems that only the whole bundle shows are diagnostics."""

    def __init__(
        self, records: dict[str, list[Record]], cat: Catalog, release: bool = False
    ) -> None:
        self.rec = records
        self.cat = cat
        self.release = release
        self.diagnostics: list[Diagnostic] = []

    def get(self, name: str) -> Iterable[Record]:
        """A dataset's records; with `release`, each record gives its values back once built
        (it stays for its places): the model's objects then reuse that memory."""
        records = self.rec.get(name, [])
        return self._releasing(records) if self.release else records

    @staticmethod
    def _releasing(records: list[Record]) -> Iterator[Record]:
        for r in records:
            yield r
            r.data = _NO_VALUES

    def build(self) -> Model:
        op_rec = self.rec.get("operator", [])
        op = op_rec[0] if op_rec else None
        operator = Company(
            id=str(op.data.get("id")) if op else "operator",
            name=str(op.data.get("name", "")) if op else "",
            relation="operator",
            parent=None,
            src=op if op else Record("operator", {}, _NOWHERE, 0),
        )
        m = Model(
            operator=operator,
            present=frozenset(k for k, v in self.rec.items() if v or k != "operator"),
        )
        m.companies[operator.id] = operator
        for r in self.get("companies"):
            d = r.data
            m.companies[d["id"]] = Company(
                d["id"],
                d.get("name", d["id"]),
                d.get("relation", "group_company"),
                _s(d.get("parent")),
                r,
            )
        self._units(m)
        for r in self.get("locations"):
            d = r.data
            m.locations[d["id"]] = Location(
                d["id"],
                d.get("name", d["id"]),
                bool(d.get("secured", False)),
                _t(d.get("units")),
                r,
            )
        for r in self.get("people"):
            d = r.data
            m.people[d["id"]] = Person(
                d["id"], d.get("name", d["id"]), d.get("status", "active"), _d(d.get("left_on")), r
            )
        for r in self.get("assignments"):
            d = r.data
            a = Assignment(d["person"], d["unit"], _d(d.get("from")), _d(d.get("to")), r)
            if a.person in m.people:
                m.people[a.person].assignments.append(a)
        for p in m.people.values():
            if len(p.assignments) > 1:
                p.assignments.sort(key=lambda a: (a.start or date.min, a.end or date.max))
        self._systems(m)
        for r in self.get("roles"):
            d = r.data
            m.roles[d["id"]] = Role(
                d["id"], d["system"], d.get("name", d["id"]), _s(d.get("purpose")), r
            )
        self._fields(m)
        self._matrix(m)
        accounts = m.accounts
        for r in self.get("accounts"):
            d = r.data
            get = d.get
            # Positional, in Account's field order: a million accounts in a large roster.
            acc = Account(
                d["id"],
                d["system"],
                get("kind", "personal"),
                _t(get("users")),
                _t(get("roles")),
                get("status", "enabled"),
                _d(get("created")),
                _d(get("last_login")),
                _d(get("password_changed")),
                get("mfa"),
                _d(get("last_review")),
                _t(get("terminals")),
                _s(get("contract")),
                r,
            )
            accounts[acc.key] = acc
        for r in self.get("terminals"):
            d = r.data
            m.terminals[d["id"]] = Terminal(
                d["id"],
                d.get("kind", "general"),
                _s(d.get("location")),
                _s(d.get("assigned_unit")),
                _t(d.get("systems")),
                _s(d.get("login_policy")),
                d.get("state", "in_use"),
                _d(d.get("last_inventory")),
                r,
            )
        for r in self.get("contracts"):
            d = r.data
            m.contracts[d["id"]] = Contract(
                d["id"],
                d["contractor"],
                d["client"],
                _t(d.get("services")),
                _t(d.get("systems")),
                _t(d.get("personnel")),
                _d(d.get("start")),
                _d(d.get("end")),
                bool(d.get("disaster_only", False)),
                _t(d.get("clauses")),
                r,
            )
        for r in self.get("data_flows"):
            d = r.data
            m.flows.append(
                DataFlow(
                    d["id"],
                    d["from"],
                    d["to"],
                    _s(d.get("source_system")),
                    tuple(m.field_id(f) for f in _t(d.get("fields"))),
                    _s(d.get("customers")),
                    _s(d.get("frequency")),
                    d.get("approved_by_operator"),
                    r,
                )
            )
        self._disaster(m)
        for r in self.get("attestations"):
            d = r.data
            m.attestations[d["item"]] = Attestation(
                d["item"],
                _s(d.get("answer")),
                _s(d.get("evidence")),
                _s(d.get("answered_by")),
                _d(d.get("date")),
                r,
            )
        for i, r in enumerate(self.get("waivers"), start=1):
            d = r.data
            m.waivers.append(
                Waiver(
                    i,
                    d["rule"],
                    d["subject"],
                    d["reason"],
                    d["approved_by"],
                    date.fromisoformat(d["expires"]),
                    r,
                )
            )
        return m

    def _units(self, m: Model) -> None:
        for r in self.get("units"):
            d = r.data
            company = m.companies.get(d["company"])
            side = d.get("side")
            if side is None and company is not None:
                if company.relation == "operator":
                    side = "network"
                elif company.relation in RELATED:
                    side = "competitive"
            if side is None:
                self.diagnostics.append(Diagnostic("schema.required", r.place(), {"key": "side"}))
                side = "neutral"
            m.units[d["id"]] = Unit(d["id"], d["company"], d.get("name", d["id"]), Side(side), r)

    def _systems(self, m: Model) -> None:
        for r in self.get("systems"):
            d = r.data
            exc = d.get("sharing_exception")
            log = d.get("logging")
            m.systems[d["id"]] = System(
                id=d["id"],
                name=d.get("name", d["id"]),
                owner=_s(d.get("owner")),
                holds_non_public=bool(d.get("holds_non_public", False)),
                shared_with=_t(d.get("shared_with")),
                sharing_exception=SharingException(
                    exc.get("kind", ""), _d(exc.get("separation_due")), _s(exc.get("evidence"))
                )
                if isinstance(exc, dict)
                else None,
                access_control=_t(d.get("access_control")) or ("role",),
                logging=Logging(
                    log.get("retention_days"),
                    _t(log.get("captures")),
                    log.get("review_interval_days"),
                    _d(log.get("last_review")),
                    log.get("detects_competitive_access"),
                )
                if isinstance(log, dict)
                else None,
                src=r,
            )
        for r in self.get("screens"):
            d = r.data
            sys = m.systems.get(d["system"])
            if sys is None:
                continue
            sys.screens[d["id"]] = Screen(
                d["system"],
                d["id"],
                d.get("name", d["id"]),
                d.get("customer_scope", "none"),
                _t(d.get("search_keys")),
                d.get("bulk", "none"),
                r,
            )

    def _fields(self, m: Model) -> None:
        for bf in self.cat.fields:
            m.fields[bf.id] = FieldDef(
                bf.id, bf.label, bf.label_en, bf.aliases, FieldClass(bf.cls), None
            )
        builtin_names = {
            norm(n): fd.id for fd in m.fields.values() for n in (fd.id, fd.label, *fd.aliases)
        }
        for r in self.get("fields"):
            d = r.data
            fid = builtin_names.get(norm(d["id"])) or d["id"]
            cls = FieldClass(d["class"])
            old = m.fields.get(fid)
            if old is not None and self.cat.class_rank(cls) < self.cat.class_rank(old.cls):
                self.diagnostics.append(
                    Diagnostic(
                        "field.less_strict",
                        r.place("class"),
                        {"field": fid, "builtin": old.cls.value, "given": cls.value},
                    )
                )
                continue
            aliases = (old.aliases if old else ()) + _t(d.get("aliases"))
            m.fields[fid] = FieldDef(
                fid,
                d.get("label") or (old.label if old else fid),
                d.get("label_en") or (old.label_en if old else None),
                aliases,
                cls,
                r,
            )
        for fd in m.fields.values():
            for name in (fd.id, fd.label, *([fd.label_en] if fd.label_en else []), *fd.aliases):
                key = norm(name)
                other = m.field_names.setdefault(key, fd.id)
                if other != fd.id and fd.src is not None:
                    self.diagnostics.append(
                        Diagnostic(
                            "field.alias_clash",
                            fd.src.place("aliases"),
                            {"alias": name, "field": fd.id, "other": other},
                        )
                    )

    def _matrix(self, m: Model) -> None:
        # Millions of cells in a large matrix: lookups instead of calls where the answer repeats.
        field_ids: dict[str, str] = {}
        access_of = {a.value: a for a in Access}
        keys: dict[str, str] = {}  # role -> "access.<role>", one string for all its cells
        rows_seen: dict[tuple[str, str, str], list[tuple[Record, dict[str, Any]]]] = {}
        cells, decisions, view_cells = m.cells, m.decisions, m.view_cells
        for r in self.get("masking"):
            d = r.data
            system, screen, written = d["system"], d["screen"], d["field"]
            fid = field_ids.get(written)
            if fid is None:
                fid = field_ids[written] = m.field_id(written)
            row = MatrixRow(system, screen, fid, written, r)
            m.matrix.append(row)
            screen_key = (system, screen)
            rows = m.screen_rows.get(screen_key)
            if rows is None:
                rows = m.screen_rows[screen_key] = []
                decisions[screen_key] = {}
            rows.append(row)
            access = d.get("access")
            if not access:
                continue
            by_role = decisions[screen_key]
            # A decision is given twice only where a field's row is: compare with those rows.
            earlier = rows_seen.get((system, screen, fid))
            if earlier is None:
                rows_seen[(system, screen, fid)] = [(r, access)]
            else:
                earlier.append((r, access))
            for role, value in access.items():
                key = keys.get(role)
                if key is None:
                    key = keys[role] = f"access.{role}"
                if earlier is not None:
                    first = next((e for e, given in earlier[:-1] if role in given), None)
                    if first is not None:
                        self.diagnostics.append(
                            Diagnostic(
                                "masking.duplicate",
                                r.place(key),
                                {
                                    "system": system,
                                    "screen": screen,
                                    "field": fid,
                                    "role": role,
                                    "first": str(first.place(key)),
                                },
                            )
                        )
                        continue
                decision = access_of[value]
                cell = Cell(system, screen, fid, role, decision, r, key)
                cells.append(cell)
                grid = by_role.get(role)
                if grid is None:
                    grid = by_role[role] = {}
                grid[fid] = decision
                mine = view_cells.get((system, screen, role))
                if mine is None:
                    mine = view_cells[(system, screen, role)] = []
                mine.append(cell)

    def _disaster(self, m: Model) -> None:
        # Accounts named by ID alone are found by it: only those IDs are looked for.
        wanted = {
            ref
            for r in self.rec.get("arrangements", [])
            for ref in _t(r.data.get("accounts"))
            if "/" not in ref
        }
        by_id: dict[str, list[str]] = {}
        if wanted:
            for acc in m.accounts.values():
                if acc.id in wanted:
                    by_id.setdefault(acc.id, []).append(acc.key)
        for r in self.get("arrangements"):
            d = r.data
            refs = []
            for ref in _t(d.get("accounts")):
                if "/" in ref:
                    refs.append(ref)
                elif len(by_id.get(ref, [])) == 1:
                    refs.append(by_id[ref][0])
            m.arrangements.append(
                Arrangement(
                    d["id"],
                    d["partner"],
                    _s(d.get("agreement")),
                    tuple(refs),
                    _t(d.get("terminals")),
                    d.get("activation", "standing"),
                    d.get("review_interval_days"),
                    _d(d.get("last_review")),
                    tuple(m.field_id(f) for f in _t(d.get("allowed_fields"))),
                    r,
                )
            )
        for r in self.get("declarations"):
            d = r.data
            start = _dt(d.get("start"))
            if start is None:
                continue
            m.declarations.append(
                Declaration(
                    d["id"],
                    d.get("name", d["id"]),
                    start,
                    _dt(d.get("end")),
                    _d(d.get("post_review")),
                    r,
                )
            )


def build_model(
    records: dict[str, list[Record]], cat: Catalog, release: bool = False
) -> tuple[Model, list[Diagnostic]]:
    """The model of a validated bundle, and the problems only the whole bundle shows; with
    `release`, the records give their values back as they are built (see Builder.get)."""
    b = Builder(records, cat, release)
    model = b.build()
    return model, b.diagnostics
