"""Typed records of every dataset in bundle.md; each keeps the loaded record for its places."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from auditctl.records import Record


class Side(StrEnum):
    NETWORK = "network"
    COMPETITIVE = "competitive"
    NEUTRAL = "neutral"


class Access(StrEnum):
    VISIBLE = "visible"
    MASKED = "masked"
    HIDDEN = "hidden"


class FieldClass(StrEnum):
    NETWORK_ONLY = "network_only"
    OWN_CUSTOMER_ONLY = "own_customer_only"
    ANY_RETAILER = "any_retailer"
    PUBLIC = "public"


@dataclass(slots=True)
class Company:
    id: str
    name: str
    relation: str  # "operator" for the operator itself
    parent: str | None
    src: Record


@dataclass(slots=True)
class Unit:
    id: str
    company: str
    name: str
    side: Side
    src: Record


@dataclass(slots=True)
class Location:
    id: str
    name: str
    secured: bool
    units: tuple[str, ...]
    src: Record


@dataclass(slots=True)
class Assignment:
    person: str
    unit: str
    start: date | None
    end: date | None
    src: Record

    def covers(self, day: date) -> bool:
        """Inclusive at both ends: the assignment holds on its `from` and on its `to`."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Person:
    id: str
    name: str
    status: str
    left_on: date | None
    src: Record
    assignments: list[Assignment] = field(default_factory=list)


@dataclass(slots=True)
class SharingException:
    kind: str
    separation_due: date | None
    evidence: str | None


@dataclass(slots=True)
class Logging:
    retention_days: int | None
    captures: tuple[str, ...]
    review_interval_days: int | None
    last_review: date | None
    detects_competitive_access: bool | None


@dataclass(slots=True)
class Screen:
    system: str
    id: str
    name: str
    customer_scope: str
    search_keys: tuple[str, ...]
    bulk: str
    src: Record


@dataclass(slots=True)
class System:
    id: str
    name: str
    owner: str | None
    holds_non_public: bool
    shared_with: tuple[str, ...]
    sharing_exception: SharingException | None
    access_control: tuple[str, ...]
    logging: Logging | None
    src: Record
    screens: dict[str, Screen] = field(default_factory=dict)


@dataclass(slots=True)
class Role:
    id: str
    system: str
    name: str
    purpose: str | None
    src: Record


@dataclass(slots=True)
class Cell:
    """One decision of the matrix: what one role sees of one field on one screen."""

    system: str
    screen: str
    field: str  # the catalog ID when the matrix used an alias
    role: str
    access: Access
    src: Record
    key: str  # the record key of the value ("access.<role>"), for its place


@dataclass(slots=True)
class MatrixRow:
    """One field of one screen as the matrix declares it (with or without decisions)."""

    system: str
    screen: str
    field: str
    written: str  # the field as written in the matrix
    src: Record


@dataclass(slots=True)
class FieldDef:
    id: str
    label: str
    label_en: str | None
    aliases: tuple[str, ...]
    cls: FieldClass
    src: Record | None  # None for the built-in catalog


@dataclass(slots=True)
class Account:
    id: str
    system: str
    kind: str
    users: tuple[str, ...]
    roles: tuple[str, ...]
    status: str
    created: date | None
    last_login: date | None
    password_changed: date | None
    mfa: bool | None
    last_review: date | None
    terminals: tuple[str, ...]
    contract: str | None
    src: Record
    # "system/id", and whether the status is enabled: asked of every account by many rules
    key: str = field(init=False)
    enabled: bool = field(init=False)

    def __post_init__(self) -> None:
        self.key = f"{self.system}/{self.id}"
        self.enabled = self.status == "enabled"


@dataclass(slots=True)
class Terminal:
    id: str
    kind: str
    location: str | None
    assigned_unit: str | None
    systems: tuple[str, ...]
    login_policy: str | None
    state: str
    last_inventory: date | None
    src: Record


@dataclass(slots=True)
class Contract:
    id: str
    contractor: str
    client: str
    services: tuple[str, ...]
    systems: tuple[str, ...]
    personnel: tuple[str, ...]
    start: date | None
    end: date | None
    disaster_only: bool
    clauses: tuple[str, ...]
    src: Record

    def in_force(self, day: date) -> bool:
        """`start ≤ day ≤ end`; no end: open."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class DataFlow:
    id: str
    source: str  # `from`
    target: str  # `to`
    source_system: str | None
    fields: tuple[str, ...]
    customers: str | None
    frequency: str | None
    approved_by_operator: bool | None
    src: Record


@dataclass(slots=True)
class Arrangement:
    id: str
    partner: str
    agreement: str | None
    accounts: tuple[str, ...]  # resolved to `system/id`
    terminals: tuple[str, ...]
    activation: str
    review_interval_days: int | None
    last_review: date | None
    allowed_fields: tuple[str, ...]
    src: Record


@dataclass(slots=True)
class Declaration:
    id: str
    name: str
    start: datetime
    end: datetime | None
    post_review: date | None
    src: Record


@dataclass(slots=True)
class Attestation:
    item: str
    answer: str | None
    evidence: str | None
    answered_by: str | None
    day: date | None
    src: Record


@dataclass(slots=True)
class Waiver:
    index: int  # position in the waivers dataset, from 1
    rule: str
    subject: str
    reason: str
    approved_by: str
    expires: date
    src: Record
