"""The typed model of a bundle: every dataset's records, indexed. Rules read it; nothing writes it
after it is built (model/build.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditctl.model.records import (
    Access,
    Account,
    Arrangement,
    Attestation,
    Cell,
    Company,
    Contract,
    DataFlow,
    Declaration,
    FieldClass,
    FieldDef,
    Location,
    MatrixRow,
    Person,
    Role,
    System,
    Terminal,
    Unit,
    Waiver,
)
from auditctl.values import norm

RELATED = ("related_retailer", "related_generator")


@dataclass(slots=True)
class Model:
    """Everything a bundle declares, typed and indexed. Rules read it; nothing writes it after build."""

    operator: Company
    companies: dict[str, Company] = field(default_factory=dict)  # the operator included
    units: dict[str, Unit] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    systems: dict[str, System] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    fields: dict[str, FieldDef] = field(default_factory=dict)
    field_names: dict[str, str] = field(default_factory=dict)  # norm(id/label/alias) -> id
    matrix: list[MatrixRow] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    # The matrix indexed as it is built: (system, screen) -> role -> field -> access, and
    # (system, screen, role) -> its cells and (system, screen) -> its rows, in matrix order.
    decisions: dict[tuple[str, str], dict[str, dict[str, Access]]] = field(default_factory=dict)
    view_cells: dict[tuple[str, str, str], list[Cell]] = field(default_factory=dict)
    screen_rows: dict[tuple[str, str], list[MatrixRow]] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)  # by "system/id"
    terminals: dict[str, Terminal] = field(default_factory=dict)
    contracts: dict[str, Contract] = field(default_factory=dict)
    flows: list[DataFlow] = field(default_factory=list)
    arrangements: list[Arrangement] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    attestations: dict[str, Attestation] = field(default_factory=dict)
    waivers: list[Waiver] = field(default_factory=list)
    present: frozenset[str] = frozenset()  # internal datasets the bundle gave

    def field_id(self, written: str) -> str:
        """The catalog ID of a field written by ID, label or alias (itself when unknown)."""
        return self.field_names.get(norm(written), written)

    def field_class(self, field_id: str) -> FieldClass | None:
        f = self.fields.get(field_id)
        return f.cls if f else None

    def field_label(self, field_id: str, lang: str = "ja") -> str:
        f = self.fields.get(field_id)
        if f is None:
            return field_id
        return f.label if lang == "ja" else (f.label_en or f.id)
