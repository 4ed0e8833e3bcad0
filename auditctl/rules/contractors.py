"""Type C1: contractors and data flows (委託先からの情報漏えい), rules C1-01 … C1-06."""

from __future__ import annotations

from collections.abc import Iterator

from auditctl.catalog import Text
from auditctl.model.records import Contract, FieldClass
from auditctl.model.terms import Terms
from auditctl.places import Place
from auditctl.rules.registry import Context, Hit, rule
from auditctl.rules.words import NOT_STATED as _NOT_STATED
from auditctl.rules.words import joined as _join

# The clauses C1-04 requires, in the order rules.md lists them, with their Japanese names.
REQUIRED_CLAUSES: tuple[tuple[str, str], ...] = (
    ("confidentiality", "守秘義務"),
    ("personal_information", "個人情報の取扱い"),
    ("prior_approval_for_disclosure", "第三者提供の事前承認"),
    ("audit_rights", "監査権"),
    ("return_or_deletion", "返還・消去"),
)
NO_DISCLOSURE = "no_disclosure_to_related_companies"
_CUSTOMERS = {
    "all": Text("全需要家", "all customers"),
    "own": Text("自社の需要家", "own customers"),
}


def _company_of(t: Terms, party: str) -> str:
    """The company a flow's party stands for: itself, or the company of a unit."""
    unit = t.model.units.get(party)
    return unit.company if unit is not None and party not in t.model.companies else party


def _party_name(t: Terms, party: str) -> str:
    unit = t.model.units.get(party)
    if unit is not None and party not in t.model.companies:
        return f"{t.company_name(unit.company)} {unit.name}"
    return t.company_name(party)


def operator_contracts(t: Terms) -> list[Contract]:
    """Operator contracts in force on the as-of date with non-public access, by ID."""
    return [
        c
        for c in sorted(t.model.contracts.values(), key=lambda c: c.id)
        if c.client == t.model.operator.id
        and c.in_force(t.as_of)
        and any(t.non_public(s) for s in c.systems)
    ]


def related_contracts(t: Terms) -> list[Contract]:
    """Contracts whose client is a related party, by ID. Their dates do not matter: rules.md
    asks only the operator's contracts to be in force."""
    return [
        c
        for c in sorted(t.model.contracts.values(), key=lambda c: c.id)
        if c.client in t.related_parties
    ]


@rule("C1-01")
def no_disclosure_clause(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A contractor that also works for a related party lacks the clause against disclosure."""
    related = related_contracts(t)
    for c in operator_contracts(t):
        if NO_DISCLOSURE in c.clauses:
            continue
        served: dict[str, list[Place]] = {}  # related company -> where the work for it shows
        # A party's dealings with itself are not work for another party.
        for other in related:
            if other.contractor == c.contractor and other.client != c.contractor:
                served.setdefault(other.client, []).append(other.src.place("client"))
        for flow in t.model.flows:
            target = _company_of(t, flow.target)
            if (
                _company_of(t, flow.source) == c.contractor
                and t.is_related_party(flow.target)
                and target != c.contractor
            ):
                served.setdefault(target, []).append(flow.src.place("to"))
        if not served:
            continue
        yield Hit(
            subject=f"contract:{c.id}",
            places=(c.src.place("clauses"), *(p for k in sorted(served) for p in served[k])),
            args={
                "contract": c.id,
                "contractor": c.contractor,
                "contractor_name": t.company_name(c.contractor),
                "companies": _join(t.company_name(k) for k in sorted(served)),
            },
        )


@rule("C1-02")
def non_public_flow(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A flow from a non-public system to a related party or the competitive side carries too much."""
    m = t.model
    for flow in sorted(m.flows, key=lambda f: f.id):
        system = m.systems.get(flow.source_system or "")
        if system is None or not system.holds_non_public:
            continue
        if not (t.is_related_party(flow.target) or t.unit_competitive(flow.target)):
            continue
        everyone = flow.customers == "all"
        carried: list[tuple[int, str]] = []
        for i, f in enumerate(flow.fields):
            cls = m.field_class(f)  # None: unclassified, which counts as non-public
            if cls is FieldClass.NETWORK_ONLY or (everyone and cls is not FieldClass.PUBLIC):
                carried.append((i, f))
        if not carried:
            continue
        places = [flow.src.place("source_system"), flow.src.place("to")]
        places += [flow.src.place(f"fields.{i}") for i, _ in carried]
        if everyone:
            places.append(flow.src.place("customers"))
        yield Hit(
            subject=f"flow:{flow.id}",
            places=tuple(places),
            args={
                "flow": flow.id,
                "system": system.id,
                "system_name": system.name,
                "sender": _party_name(t, flow.source),
                "recipient": _party_name(t, flow.target),
                "fields": _join(
                    Text(m.field_label(f, "ja"), m.field_label(f, "en")) for _, f in carried
                ),
                "customers": _CUSTOMERS.get(flow.customers or "", _NOT_STATED),
            },
        )


@rule("C1-03")
def staff_on_related_side(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Personnel of a non-public operator contract also serve a related party or the competitive side."""
    on_operator: dict[str, list[tuple[Contract, int]]] = {}
    for c in operator_contracts(t):
        for i, pid in enumerate(c.personnel):
            on_operator.setdefault(pid, []).append((c, i))
    related = related_contracts(t)
    for person_id in sorted(on_operator):
        places = [c.src.place(f"personnel.{i}") for c, i in on_operator[person_id]]
        problems: list[Text] = []
        also = [(rc, i) for rc in related for i, p in enumerate(rc.personnel) if p == person_id]
        if also:
            ids = ", ".join(sorted({rc.id for rc, _ in also}))
            problems.append(
                Text(
                    f"特定関係事業者等を委託元とする契約 {ids} の従事者",
                    f"personnel of {ids}, a related party's contract",
                )
            )
            places += [rc.src.place(f"personnel.{i}") for rc, i in also]
        person = t.model.people.get(person_id)
        if person is not None and person_id in t.competitive_people:
            # Inclusive boundaries: an assignment counts on its `from` and on its `to`.
            current = [
                a for a in person.assignments if a.covers(t.as_of) and t.unit_competitive(a.unit)
            ]
            units = _join(t.model.units[a.unit].name for a in current)
            problems.append(
                Text(
                    f"{t.as_of.isoformat()} 時点で小売側の部署（{units.ja}）に所属",
                    f"assigned on {t.as_of.isoformat()} to competitive units ({units.en})",
                )
            )
            places += [a.src.place("unit") for a in current]
        if not problems:
            continue
        yield Hit(
            subject=f"person:{person_id}",
            places=tuple(places),
            args={
                "person": person_id,
                "person_name": person.name if person else person_id,
                "contract": ", ".join(sorted({c.id for c, _ in on_operator[person_id]})),
                "problems": _join(problems),
            },
        )


@rule("C1-04")
def missing_clauses(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An operator contract with non-public access lacks required clauses; the finding lists them."""
    for c in operator_contracts(t):
        missing = [Text(ja, en) for en, ja in REQUIRED_CLAUSES if en not in c.clauses]
        if not missing:
            continue
        yield Hit(
            subject=f"contract:{c.id}",
            places=(c.src.place("clauses"),),
            args={
                "contract": c.id,
                "contractor": c.contractor,
                "contractor_name": t.company_name(c.contractor),
                "missing": _join(missing),
            },
        )


@rule("C1-05")
def account_without_contract(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An enabled non-public account is tied to a contract that is not in force or not in the bundle."""
    m = t.model
    if "contracts" not in m.present:  # no contract register given: nothing to check against
        return
    for acc in sorted(m.accounts.values(), key=lambda a: a.key):
        if not acc.enabled or acc.contract is None or not t.non_public(acc.system):
            continue
        c = m.contracts.get(acc.contract)
        places = [acc.src.place("contract")]
        if c is None:
            problem = Text("委託契約台帳にない", "it is not in the bundle")
        elif c.end is not None and c.end < t.as_of:
            # In force through its `end` day: it has ended from the next day on.
            problem = Text(f"{c.end.isoformat()} に終了", f"it ended on {c.end.isoformat()}")
            places.append(c.src.place("end"))
        elif c.start is not None and t.as_of < c.start:
            # Not yet started is not in force either: the account gives access no contract covers.
            problem = Text(
                f"開始前（開始日 {c.start.isoformat()}）",
                f"it has not started yet (starts {c.start.isoformat()})",
            )
            places.append(c.src.place("start"))
        else:
            continue
        system = m.systems[acc.system]
        yield Hit(
            subject=f"account:{acc.key}",
            places=tuple(places),
            args={
                "account": acc.id,
                "system": system.id,
                "system_name": system.name,
                "contract": acc.contract,
                "problems": problem,
                "end": c.end.isoformat() if c is not None and c.end is not None else "-",
            },
        )


@rule("C1-06")
def outsourced_to_related(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Non-public network work is outsourced to a related party beyond disaster response."""
    for c in operator_contracts(t):
        if c.disaster_only or c.contractor not in t.related_parties:
            continue
        systems = [t.model.systems[s] for s in c.systems if t.non_public(s)]
        yield Hit(
            subject=f"contract:{c.id}",
            places=(c.src.place("contractor"), c.src.place("disaster_only")),
            args={
                "contract": c.id,
                "contractor": c.contractor,
                "contractor_name": t.company_name(c.contractor),
                "systems": _join(s.name for s in systems),
            },
        )
