"""Helpers of the B rules: the arrangements that name each account, and the disaster
allowlists that apply to each role (B-02), what is wrong with an agreement (B-03)."""

from __future__ import annotations

from datetime import date

from auditctl.catalog import Text
from auditctl.model.records import Arrangement, Contract, FieldClass
from auditctl.model.terms import Terms
from auditctl.rules.registry import Context

# The built-in disaster allowlist: what any retailer may look up anyway, and what is public.
DEFAULT_ALLOWED = frozenset({FieldClass.ANY_RETAILER, FieldClass.PUBLIC})
UNCLASSIFIED = Text("未分類", "unclassified")


def company_name(t: Terms, company_id: str) -> str:
    return t.company_name(company_id)


def arrangements_naming(t: Terms) -> dict[str, list[Arrangement]]:
    """Account key (`system/id`) -> the arrangements that name it, in declared order."""
    out: dict[str, list[Arrangement]] = {}
    for arr in t.model.arrangements:
        for key in arr.accounts:
            out.setdefault(key, []).append(arr)
    return out


def allowlists(t: Terms) -> dict[str, list[Arrangement | None]]:
    """Role -> the allowlists that apply to it: an arrangement with allowed_fields stands for its
    own list, None for the built-in one. Roles outside this map are not disaster roles."""
    lists: dict[str, list[Arrangement | None]] = {}
    naming = arrangements_naming(t)
    held: set[str] = set()
    for key in sorted(t.disaster_accounts):  # whatever the account's status
        acc = t.model.accounts.get(key)
        if acc is None:
            continue
        held.update(acc.roles)
        for role in acc.roles:
            for arr in naming.get(key, []):
                entry = arr if arr.allowed_fields else None
                if entry not in lists.setdefault(role, []):
                    lists[role].append(entry)
    # A disaster role that no arrangement's account holds is judged by the built-in list, and
    # so is one held only by disaster accounts that no arrangement names.
    for r in t.model.roles.values():
        if (r.purpose == "disaster_response" or r.id in held) and not lists.get(r.id):
            lists[r.id] = [None]
    return lists


def allowed(t: Terms, field_id: str, arr: Arrangement | None) -> bool:
    if arr is not None:
        return field_id in arr.allowed_fields
    cls = t.model.field_class(field_id)  # an unclassified field is outside every list
    return cls is not None and cls in DEFAULT_ALLOWED


def class_name(ctx: Context, cls: str) -> Text:
    """The class's short name: its catalog text without the explanation in brackets."""
    full = ctx.catalog.classes[cls][1] if cls in ctx.catalog.classes else Text(cls, cls)
    return Text(full.ja.split("（")[0], full.en.split(" (")[0])


def list_text(arr: Arrangement | None) -> Text:
    if arr is None:
        return Text(
            "既定（全小売照会可及び公開の項目）", "the default (any_retailer and public fields)"
        )
    return Text(f"協定 {arr.id} の許可項目", f"allowed_fields of arrangement {arr.id}")


CLAUSES = {
    "confidentiality": Text("守秘義務", "confidentiality"),
    "personal_information": Text("個人情報の取扱い", "personal_information"),
}


def agreement_problems(arr: Arrangement, contract: Contract | None, day: date) -> list[Text]:
    """What is wrong with an arrangement's agreement on `day` (B-03), in the order found."""
    problems: list[Text] = []
    if arr.agreement is None:
        problems.append(Text("契約（agreement）の定めがない", "no agreement is named"))
    elif contract is None:
        problems.append(
            Text(
                f"契約 {arr.agreement} が委託契約（contracts）にない",
                f"agreement {arr.agreement} is not in the contracts dataset",
            )
        )
    else:
        # In force on D when start ≤ D ≤ end: an agreement ending on the as-of day still holds.
        if contract.end is not None and contract.end < day:
            end = contract.end.isoformat()
            problems.append(
                Text(
                    f"契約 {contract.id} は {end} に終了している",
                    f"agreement {contract.id} ended on {end}",
                )
            )
        elif not contract.in_force(day):
            start = contract.start.isoformat() if contract.start else ""
            problems.append(
                Text(
                    f"契約 {contract.id} は基準日に発効していない（開始日 {start}）",
                    f"agreement {contract.id} is not yet in force (starts {start})",
                )
            )
        missing = [CLAUSES[c] for c in CLAUSES if c not in contract.clauses]
        if missing:
            ja = "".join(f"「{m.ja}」" for m in missing)
            en = " and ".join(m.en for m in missing)
            problems.append(
                Text(
                    f"契約 {contract.id} に{ja}の条項がない",
                    f"agreement {contract.id} lacks {en}",
                )
            )
    return problems
