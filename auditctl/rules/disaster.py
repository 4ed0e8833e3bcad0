"""Type B: rights granted for disaster response (非常災害時対応の権限付与), rules B-01 … B-07."""

from __future__ import annotations

from collections.abc import Iterator

from auditctl.catalog import Text
from auditctl.model.records import Arrangement
from auditctl.model.terms import Terms
from auditctl.places import Place
from auditctl.rules.disaster_lists import (
    UNCLASSIFIED,
    agreement_problems,
    allowed,
    allowlists,
    arrangements_naming,
    class_name,
    company_name,
    list_text,
)
from auditctl.rules.registry import Arg, Context, Hit, rule
from auditctl.rules.roster import date_or, person_text, system_name, unit_text, user_places
from auditctl.rules.words import NONE, joined, listed
from auditctl.values import JST


@rule("B-01")
def standing_disaster_access(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Disaster access usable in normal times: enabled with no declaration, or a standing arrangement."""
    naming = arrangements_naming(t)
    as_of = ctx.as_of.isoformat()
    # A declaration covers the as-of day when it overlaps any part of it (00:00–24:00 JST).
    if not t.declared_on(ctx.as_of):
        for key in sorted(t.disaster_accounts):
            acc = t.model.accounts.get(key)
            if acc is None or not acc.enabled:
                continue
            users = [u for u in acc.users if u in t.competitive_people]
            if not users:
                continue
            arrs = naming.get(key, [])
            yield Hit(
                subject=f"account:{key}",
                places=(
                    acc.src.place("status"),
                    *user_places(acc, users),
                    *(a.src.place("accounts") for a in arrs),
                ),
                args={
                    "subject": f"account:{key}",
                    "reason": Text(
                        f"{as_of} に有効（enabled）であり、同日を含む災害発生の宣言がない",
                        f"it is enabled on {as_of}, a day no declaration covers",
                    ),
                    "arrangement": ", ".join(a.id for a in arrs) if arrs else NONE,
                    "accounts": Text(
                        f"{key}（{system_name(t, acc.system)}）",
                        f"{key} ({system_name(t, acc.system)})",
                    ),
                    "users": joined(person_text(t, u) for u in users),
                },
            )
    for arr in t.model.arrangements:
        if arr.activation != "standing":
            continue
        users = sorted(
            {
                u
                for key in arr.accounts
                if key in t.model.accounts
                for u in t.model.accounts[key].users
                if u in t.competitive_people
            }
        )
        yield Hit(
            subject=f"arrangement:{arr.id}",
            places=(arr.src.place("activation"),),
            args={
                "subject": f"arrangement:{arr.id}",
                "reason": Text(
                    "発動方式が常時（activation: standing）であり、災害発生の宣言を待たずに利用できる",
                    "its activation is standing: usable without any declaration",
                ),
                "arrangement": Text(
                    f"{arr.id}（{company_name(t, arr.partner)}）",
                    f"{arr.id} ({company_name(t, arr.partner)})",
                ),
                "accounts": ", ".join(arr.accounts) if arr.accounts else NONE,
                "users": joined(person_text(t, u) for u in users),
            },
        )


@rule("B-02")
def disaster_role_sees_too_much(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A disaster role sees a field outside an allowlist that applies to it: one finding per cell."""
    lists = allowlists(t)
    for cell in t.model.cells:
        applicable = lists.get(cell.role)
        if not applicable or not t.sees(cell):
            continue
        # Strict: where several lists apply (accounts under several arrangements), the field
        # must be in every one of them.
        outside = [a for a in applicable if not allowed(t, cell.field, a)]
        if not outside:
            continue
        role = t.model.roles.get(cell.role)
        sys = t.model.systems.get(cell.system)
        screen = sys.screens.get(cell.screen) if sys is not None else None
        cls = t.model.field_class(cell.field)
        cls_text = class_name(ctx, cls.value) if cls is not None else UNCLASSIFIED
        places: list[Place] = [cell.src.place(cell.key)]
        if role is not None:
            places.append(role.src.place("purpose"))
        places += [a.src.place("allowed_fields") for a in outside if a is not None]
        yield Hit(
            subject=f"cell:{cell.system}/{cell.screen}/{cell.field}/{cell.role}",
            places=tuple(places),
            args={
                "system": cell.system,
                "system_name": system_name(t, cell.system),
                "screen": cell.screen,
                "screen_name": screen.name if screen is not None else cell.screen,
                "field": cell.field,
                "field_label": Text(
                    t.model.field_label(cell.field, "ja"), t.model.field_label(cell.field, "en")
                ),
                "field_class": cls_text,
                "role": cell.role,
                "role_name": role.name if role is not None else cell.role,
                "allowlist": joined(list_text(a) for a in outside),
            },
        )


def _arrangement_args(t: Terms, arr: Arrangement) -> dict[str, Arg]:
    """What every arrangement finding names: the arrangement and its partner."""
    return {
        "arrangement": arr.id,
        "company": arr.partner,
        "company_name": company_name(t, arr.partner),
    }


@rule("B-03")
def agreement_deficient(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An arrangement without an agreement in force that binds confidentiality and personal data."""
    for arr in t.model.arrangements:
        contract = t.model.contracts.get(arr.agreement or "")
        problems = agreement_problems(arr, contract, ctx.as_of)
        if not problems:
            continue
        places = [arr.src.place("agreement")]
        if contract is not None:
            places += [contract.src.place("end"), contract.src.place("clauses")]
        yield Hit(
            subject=f"arrangement:{arr.id}",
            places=tuple(places),
            args={
                **_arrangement_args(t, arr),
                "contract": arr.agreement or NONE,
                "problems": listed(problems),
            },
        )


@rule("B-04")
def arrangement_not_reviewed(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An arrangement's review interval is missing or too long, or its last review is overdue."""
    limit = ctx.thresholds.disaster_review_max_days
    for arr in t.model.arrangements:
        problems: list[Text] = []
        places: list[Place] = []
        interval = arr.review_interval_days
        if interval is None:
            problems.append(Text("見直し間隔が未設定", "review_interval_days is missing"))
        elif interval > limit:
            problems.append(
                Text(
                    f"見直し間隔 {interval} 日が上限 {limit} 日を超える",
                    f"review_interval_days {interval} is over the limit of {limit}",
                )
            )
        if problems:
            places.append(arr.src.place("review_interval_days"))
        # Without a stated interval the last review is held against the limit itself.
        due = interval if interval is not None else limit
        if arr.last_review is None:
            problems.append(Text("最終見直し日が未記録", "last_review is missing"))
            places.append(arr.src.place("last_review"))
        elif t.older_than(arr.last_review, due):
            days = (ctx.as_of - arr.last_review).days
            problems.append(
                Text(
                    f"最終見直し日 {arr.last_review} から {days} 日経過（間隔 {due} 日）",
                    f"last_review {arr.last_review} is {days} days old (interval {due})",
                )
            )
            places.append(arr.src.place("last_review"))
        if not problems:
            continue
        yield Hit(
            subject=f"arrangement:{arr.id}",
            places=tuple(places),
            args={
                **_arrangement_args(t, arr),
                "problems": listed(problems),
                "review_interval_days": interval
                if interval is not None
                else Text("未設定", "not set"),
                "last_review": date_or(arr.last_review, Text("未記録", "none")),
                "limit": limit,
            },
        )


@rule("B-05")
def disaster_terminal_on_competitive_side(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A disaster terminal in use where a competitive unit works, or assigned to one, undeclared."""
    if t.declared_on(ctx.as_of):
        return
    for term in t.model.terminals.values():
        if term.kind != "disaster" or term.state == "disposed":
            continue
        loc = t.model.locations.get(term.location or "")
        at_competitive = (
            term.state == "in_use"
            and loc is not None
            and any(t.unit_competitive(u) for u in loc.units)
        )
        # Assigned to a competitive unit is a finding whatever the state (pre-distributed
        # terminals kept in the retailer's cupboard are the 事例B case); disposed ones are gone.
        assigned = t.unit_competitive(term.assigned_unit)
        if not at_competitive and not assigned:
            continue
        places = [term.src.place("state")]
        if at_competitive and loc is not None:
            places += [term.src.place("location"), loc.src.place("units")]
        if assigned:
            places.append(term.src.place("assigned_unit"))
        unit = term.assigned_unit
        yield Hit(
            subject=f"terminal:{term.id}",
            places=tuple(places),
            args={
                "terminal": term.id,
                "location": term.location or NONE,
                "location_name": loc.name if loc is not None else (term.location or NONE),
                "unit": unit or NONE,
                "unit_name": unit_text(t, unit) if unit else NONE,
                "as_of": ctx.as_of.isoformat(),
            },
        )


@rule("B-06")
def no_post_review(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A declaration ended more than post_review_days ago with no post-event review."""
    limit = ctx.thresholds.post_review_days
    for decl in t.model.declarations:
        if decl.end is None or decl.post_review is not None:
            continue  # no end: the disaster is still declared, nothing to review yet
        end = decl.end.astimezone(JST).date()
        if not t.older_than(end, limit):  # strictly more than `limit` days before the as-of date
            continue
        yield Hit(
            subject=f"declaration:{decl.id}",
            places=(decl.src.place("end"), decl.src.place("post_review")),
            args={
                "declaration": decl.id,
                "declaration_name": decl.name,
                "end": end.isoformat(),
                "days": (ctx.as_of - end).days,
                "limit": limit,
            },
        )


@rule("B-07")
def arrangements_favour_related(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Arrangements are with related parties and none with another retailer."""
    arrs = t.model.arrangements
    related = [a for a in arrs if t.is_related_party(a.partner)]
    others = [
        a
        for a in arrs
        if (c := t.model.companies.get(a.partner)) is not None and c.relation == "other_retailer"
    ]
    if not related or others:
        return
    names = list(dict.fromkeys(company_name(t, a.partner) for a in related))
    yield Hit(
        subject="bundle",
        places=tuple(a.src.place("partner") for a in related),
        args={"count": len(related), "companies": Text("、".join(names), ", ".join(names))},
    )
