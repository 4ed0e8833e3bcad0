"""Structural references between datasets (rules.md, "Input errors are not findings"): a unit's
company, a matrix row's screen, an account's roles… A broken one is an input error, placed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditctl.diagnostics import Diagnostic
from auditctl.load.bundle import Loaded
from auditctl.records import Record


def _ids(records: Iterable[Record], key: str = "id") -> set[str]:
    return {r.data[key] for r in records if isinstance(r.data.get(key), str)}


class _Checker:
    def __init__(self, loaded: Loaded, rule_ids: set[str]) -> None:
        self.loaded = loaded
        self.rule_ids = rule_ids
        self.out: list[Diagnostic] = []
        rec = loaded.records
        self.companies = _ids(rec.get("companies", [])) | _ids(rec.get("operator", []))
        self.units = _ids(rec.get("units", []))
        self.locations = _ids(rec.get("locations", []))
        self.people = _ids(rec.get("people", []))
        self.systems = _ids(rec.get("systems", []))
        self.screens = {(r.data.get("system"), r.data.get("id")) for r in rec.get("screens", [])}
        self.role_system = {
            r.data["id"]: r.data.get("system")
            for r in rec.get("roles", [])
            if isinstance(r.data.get("id"), str)
        }
        self._accounts: dict[str, list[str]] | None = None
        self.parties = self.companies | self.units

    @property
    def accounts(self) -> dict[str, list[str]]:
        """Account ID -> the systems it is on (asked only by arrangements that name accounts)."""
        if self._accounts is None:
            self._accounts = {}
            for r in self.records("accounts"):
                if isinstance(r.data.get("id"), str):
                    self._accounts.setdefault(r.data["id"], []).append(str(r.data.get("system")))
        return self._accounts

    def records(self, dataset: str) -> list[Record]:
        return self.loaded.records.get(dataset, [])

    def need(
        self, rec: Record, key: str, known: set[str], target: str, present: bool = True
    ) -> None:
        if not present:
            return
        value: Any = rec.data.get(key)
        if value.__class__ is str:  # the common case, first: one known reference
            if value not in known:
                self._missing(rec, key, value, key, target)
            return
        if isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, str) and v not in known:
                    self._missing(rec, f"{key}.{i}", v, key, target)

    def need_all(
        self, dataset: str, key: str, known: set[str], target: str, present: bool = True
    ) -> None:
        """`need` for every record of a dataset: the distinct references first, as sets (a
        large dataset names few distinct ones), record by record only when one is unknown."""
        if not present:
            return
        records = self.records(dataset)
        values = [r.data.get(key) for r in records]
        texts = {v for v in values if v.__class__ is str}
        items = {x for v in values if v.__class__ is list for x in v if isinstance(x, str)}
        if texts <= known and items <= known:
            return
        for r in records:
            self.need(r, key, known, target)

    def _missing(self, rec: Record, where: str, value: str, key: str, target: str) -> None:
        self.out.append(
            Diagnostic(
                "ref.missing", rec.place(where), {"key": key, "value": value, "target": target}
            )
        )

    def run(self) -> list[Diagnostic]:
        has = self.loaded.records.__contains__
        for r in self.records("companies"):
            self.need(r, "parent", self.companies, "companies")
        for r in self.records("units"):
            self.need(r, "company", self.companies, "companies")
        for r in self.records("locations"):
            self.need(r, "units", self.units, "units")
        self.need_all("assignments", "person", self.people, "people")
        self.need_all("assignments", "unit", self.units, "units")
        for r in self.records("systems"):
            self.need(r, "owner", self.companies, "companies")
            self.need(r, "shared_with", self.companies, "companies")
        for r in self.records("screens"):
            self.need(r, "system", self.systems, "systems")
        for r in self.records("roles"):
            self.need(r, "system", self.systems, "systems")
        for r in self.records("masking"):
            self._masking(r)
        self.need_all("accounts", "system", self.systems, "systems")
        self._account_roles()
        self.need_all("terminals", "location", self.locations, "locations", has("locations"))
        self.need_all("terminals", "assigned_unit", self.units, "units", has("units"))
        self.need_all("terminals", "systems", self.systems, "systems", has("systems"))
        for r in self.records("contracts"):
            self.need(r, "contractor", self.companies, "companies")
            self.need(r, "client", self.companies, "companies")
            self.need(r, "systems", self.systems, "systems", has("systems"))
        for r in self.records("data_flows"):
            self.need(r, "from", self.parties, "companies / units")
            self.need(r, "to", self.parties, "companies / units")
            self.need(r, "source_system", self.systems, "systems", has("systems"))
        for r in self.records("arrangements"):
            self.need(r, "partner", self.companies, "companies")
            self._arrangement_accounts(r)
        for r in self.records("waivers"):
            rule = r.data.get("rule")
            if isinstance(rule, str) and rule not in self.rule_ids:
                self.out.append(Diagnostic("waiver.unknown_rule", r.place("rule"), {"value": rule}))
        return self.out

    def _account_roles(self) -> None:
        """Each account's roles exist and are roles of its system: judged once per distinct
        (system, role) pair, record by record only where one is wrong."""
        records = self.records("accounts")
        pairs = {
            (str(r.data.get("system")), role)
            for r in records
            if (roles := r.data.get("roles")).__class__ is list
            for role in roles
            if isinstance(role, str)
        }
        if all(
            role in self.role_system
            and (self.role_system[role] == system or system not in self.systems)
            for system, role in pairs
        ):
            return
        for r in records:
            self._roles_of(r, str(r.data.get("system")))

    def _roles_of(self, rec: Record, system: str) -> None:
        roles = rec.data.get("roles")
        if not isinstance(roles, list):
            return
        for i, role in enumerate(roles):
            if not isinstance(role, str):
                continue
            actual = self.role_system.get(role)
            if role not in self.role_system:
                self.out.append(
                    Diagnostic(
                        "ref.missing",
                        rec.place(f"roles.{i}"),
                        {"key": "roles", "value": role, "target": "roles"},
                    )
                )
            elif actual != system and system in self.systems:
                self.out.append(
                    Diagnostic(
                        "ref.wrong_system",
                        rec.place(f"roles.{i}"),
                        {"key": "roles", "value": role, "system": system, "actual": actual},
                    )
                )

    def _masking(self, rec: Record) -> None:
        system, screen = rec.data.get("system"), rec.data.get("screen")
        self.need(rec, "system", self.systems, "systems")
        if (
            isinstance(system, str)
            and system in self.systems
            and isinstance(screen, str)
            and (system, screen) not in self.screens
        ):
            self.out.append(
                Diagnostic(
                    "ref.missing",
                    rec.place("screen"),
                    {"key": "screen", "value": f"{system}/{screen}", "target": "screens"},
                )
            )
        access = rec.data.get("access")
        if not isinstance(access, dict):
            return
        wide = rec.source.kind != "yaml" and any(
            k.startswith("access.") for k in rec.source.columns
        )
        for role in list(access):
            actual = self.role_system.get(role)
            if wide:
                # A wide sheet has one column per role of every system: other systems' roles are
                # not this row's business, and a column that is no role is a notes column.
                if actual != system:
                    del access[role]
                continue
            if actual is None:
                self.out.append(
                    Diagnostic(
                        "ref.missing",
                        rec.place(f"access.{role}"),
                        {"key": "access", "value": role, "target": "roles"},
                    )
                )
            elif actual != system:
                self.out.append(
                    Diagnostic(
                        "ref.wrong_system",
                        rec.place(f"access.{role}"),
                        {"key": "access", "value": role, "system": system, "actual": actual},
                    )
                )

    def _arrangement_accounts(self, rec: Record) -> None:
        accounts = rec.data.get("accounts")
        if not isinstance(accounts, list):
            return
        for i, ref in enumerate(accounts):
            if not isinstance(ref, str):
                continue
            place = rec.place(f"accounts.{i}")
            if "/" in ref:
                system, _, acc = ref.partition("/")
                if system not in self.accounts.get(acc, []):
                    self.out.append(
                        Diagnostic(
                            "ref.missing",
                            place,
                            {"key": "accounts", "value": ref, "target": "accounts"},
                        )
                    )
                continue
            systems = self.accounts.get(ref, [])
            if not systems:
                self.out.append(
                    Diagnostic(
                        "ref.missing",
                        place,
                        {"key": "accounts", "value": ref, "target": "accounts"},
                    )
                )
            elif len(systems) > 1:
                self.out.append(
                    Diagnostic(
                        "ref.ambiguous",
                        place,
                        {
                            "key": "accounts",
                            "value": ref,
                            "candidates": ", ".join(f"{s}/{ref}" for s in sorted(systems)),
                        },
                    )
                )


def reference_diagnostics(loaded: Loaded, rule_ids: set[str]) -> list[Diagnostic]:
    """Every broken structural reference in the bundle."""
    return _Checker(loaded, rule_ids).run()


def prune_wide_matrix(loaded: Loaded) -> list[tuple[str, str]]:
    """Drop wide-matrix columns that name no role of the bundle (notes such as 備考) before
    validation, and return them to be reported as ignored columns."""
    roles = {
        r.data["id"].strip()
        for r in loaded.records.get("roles", [])
        if isinstance(r.data.get("id"), str)
    }
    out: list[tuple[str, str]] = []
    dropped: dict[int, list[str]] = {}  # id(source) -> the roles its columns name in vain
    for rec in loaded.records.get("masking", []):
        src = rec.source
        drop = dropped.get(id(src))
        if drop is None:
            drop = dropped[id(src)] = []
            if src.kind != "yaml" and "access" not in src.columns:  # a wide-format sheet
                where = f"{src.file}!{src.sheet}" if src.sheet else src.file
                for key in list(src.columns):
                    role = key[7:]
                    if key.startswith("access.") and role not in roles:
                        drop.append(role)
                        out.append((where, role))
                        del src.columns[key]
        if not drop:
            continue
        access = rec.data.get("access")
        if isinstance(access, dict):
            for role in drop:
                access.pop(role, None)
            if not access:
                del rec.data["access"]
    return out
