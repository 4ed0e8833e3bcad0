"""Type C3: IDs and passwords (ID・パスワード管理), rules C3-01 … C3-10."""

from __future__ import annotations

from collections.abc import Iterator

from auditctl.catalog import Text
from auditctl.model.records import Account, Side
from auditctl.model.terms import Terms
from auditctl.places import Place
from auditctl.rules.registry import Context, Hit, rule
from auditctl.rules.roster import (
    KINDS,
    account_args,
    date_or,
    enabled_on_non_public,
    person_text,
    post_text,
    posts_on,
    user_places,
)
from auditctl.rules.words import NONE, UNKNOWN, joined


@rule("C3-01")
def competitive_user(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An enabled non-disaster account on a non-public system has a user on the competitive side."""
    for acc in enabled_on_non_public(t):
        if acc.key in t.disaster_accounts:  # B-01 judges those
            continue
        users = [u for u in acc.users if u in t.competitive_people]
        if not users:
            continue
        texts, places = [], [acc.src.place("status"), *user_places(acc, users)]
        for u in users:
            posts = posts_on(t, u, ctx.as_of, Side.COMPETITIVE)
            places += [a.src.place("unit") for a in posts]
            where = joined(post_text(t, a) for a in posts)
            texts.append(person_text(t, u, where.ja, where.en))
        yield Hit(
            subject=f"account:{acc.key}",
            places=tuple(places),
            args={**account_args(t, acc), "users": joined(texts), "as_of": ctx.as_of.isoformat()},
        )


@rule("C3-02")
def shared_account(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An enabled account on a non-public system is of kind shared or has more than one user."""
    for acc in enabled_on_non_public(t):
        if acc.kind != "shared" and len(acc.users) <= 1:
            continue
        yield Hit(
            subject=f"account:{acc.key}",
            places=(acc.src.place("kind"), acc.src.place("users")),
            args={
                **account_args(t, acc),
                "kind": KINDS.get(acc.kind, Text(acc.kind, acc.kind)),
                "users": joined(person_text(t, u) for u in acc.users),
                "count": len(acc.users),
            },
        )


@rule("C3-03")
def password_after_move(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A mover among the users of an enabled non-public account moved after the last password change."""
    for acc in enabled_on_non_public(t):
        changed = acc.password_changed
        # A change on the move day itself is not "before" the move: only a later move date counts.
        movers = [
            u
            for u in acc.users
            if u in t.move_dates and (changed is None or t.move_dates[u] > changed)
        ]
        if not movers:
            continue
        texts, places = [], [acc.src.place("password_changed"), *user_places(acc, movers)]
        for u in movers:
            moved = t.move_dates[u]
            texts.append(person_text(t, u, f"異動日 {moved}", f"moved on {moved}"))
            person = t.model.people[u]
            places += [a.src.place("from") for a in person.assignments if a.start == moved]
        yield Hit(
            subject=f"account:{acc.key}",
            places=tuple(places),
            args={
                **account_args(t, acc),
                "movers": joined(texts),
                "password_changed": date_or(changed, UNKNOWN),
            },
        )


@rule("C3-04")
def leaver_account(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An enabled account has a user whose status is left, with left_on ≤ as_of (or unknown)."""
    for acc in t.model.accounts.values():
        if not acc.enabled:
            continue
        texts: list[Text] = []
        places: list[Place] = []
        for u in acc.users:
            person = t.model.people.get(u)
            if person is None or person.status != "left":
                continue
            # "left on or before the as-of date": left_on ≤ as_of, so leaving on the as-of day
            # counts; a leaving date still to come does not; an unknown date takes the status.
            if person.left_on is not None and person.left_on > ctx.as_of:
                continue
            if person.left_on is None:
                texts.append(person_text(t, u, "退職日不明", "left, date unknown"))
            else:
                day = person.left_on.isoformat()
                texts.append(person_text(t, u, f"退職日 {day}", f"left on {day}"))
            places += [*user_places(acc, [u]), person.src.place("left_on")]
        if texts:
            yield Hit(
                subject=f"account:{acc.key}",
                places=(acc.src.place("status"), *places),
                args={**account_args(t, acc), "leavers": joined(texts)},
            )


@rule("C3-05")
def dormant_account(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An enabled personal account unused for more than dormant_days (or never used and as old)."""
    limit = ctx.thresholds.dormant_days
    for acc in t.model.accounts.values():
        if not acc.enabled or acc.kind != "personal":
            continue
        # "Older than N days" is strictly more than N: a login exactly N days ago is not dormant.
        if acc.last_login is not None:
            if not t.older_than(acc.last_login, limit):
                continue
            place = acc.src.place("last_login")
        else:
            if not t.older_than(acc.created, limit):  # an unknown creation date counts as old
                continue
            place = acc.src.place("created")
        yield Hit(
            subject=f"account:{acc.key}",
            places=(place,),
            args={
                **account_args(t, acc),
                "last_login": date_or(acc.last_login, Text("未使用", "never")),
                "created": date_or(acc.created, UNKNOWN),
                "limit": limit,
            },
        )


@rule("C3-06")
def no_mfa(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An enabled account on a non-public system without multi-factor authentication."""
    for acc in enabled_on_non_public(t):
        if acc.mfa is True:
            continue
        yield Hit(
            subject=f"account:{acc.key}",
            places=(acc.src.place("mfa"),),
            args=account_args(t, acc),
        )


@rule("C3-07")
def account_not_reviewed(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An enabled account on a non-public system not reviewed within account_review_days."""
    limit = ctx.thresholds.account_review_days
    for acc in enabled_on_non_public(t):
        if not t.older_than(acc.last_review, limit):
            continue
        yield Hit(
            subject=f"account:{acc.key}",
            places=(acc.src.place("last_review"),),
            args={
                **account_args(t, acc),
                "last_review": date_or(acc.last_review, Text("未記録", "none")),
                "limit": limit,
            },
        )


@rule("C3-08")
def concurrent_posts(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A person assigned on the as-of date to a network unit and a competitive unit at once."""
    for person in t.model.people.values():
        if sum(1 for a in person.assignments if a.covers(ctx.as_of)) < 2:  # one post, or none
            continue
        network = posts_on(t, person.id, ctx.as_of, Side.NETWORK)
        competitive = posts_on(t, person.id, ctx.as_of, Side.COMPETITIVE)
        if not network or not competitive:
            continue
        yield Hit(
            subject=f"person:{person.id}",
            places=tuple(a.src.place("unit") for a in (*network, *competitive)),
            args={
                "person": person.id,
                "person_name": person.name,
                "network_units": joined(post_text(t, a) for a in network),
                "competitive_units": joined(post_text(t, a) for a in competitive),
                "as_of": ctx.as_of.isoformat(),
            },
        )


@rule("C3-09")
def unidentified_users(t: Terms, ctx: Context) -> Iterator[Hit]:
    """An enabled account, not a service account, with no users or users the roster lacks."""
    # Without a people dataset there is no roster to hold users against (the report names the
    # absent dataset); only accounts with no users at all are findings then.
    roster = "people" in t.model.present
    for acc in t.model.accounts.values():
        if not acc.enabled or acc.kind == "service":
            continue
        unknown = [u for u in acc.users if roster and u not in t.model.people]
        if acc.users and not unknown:
            continue
        if not acc.users:
            problems = Text("利用者が登録されていない", "no users are recorded")
        else:
            ids = ", ".join(unknown)
            problems = Text(
                f"従業員台帳にない利用者がいる（{ids}）", f"users not in the people dataset: {ids}"
            )
        yield Hit(
            subject=f"account:{acc.key}",
            places=(acc.src.place("users"), *user_places(acc, unknown)),
            args={
                **account_args(t, acc),
                "users": ", ".join(acc.users) if acc.users else NONE,
                "problems": problems,
            },
        )


@rule("C3-10")
def non_public_and_related(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A person holds enabled non-disaster accounts on a non-public system and on a related party's."""
    related_systems = {s for s in t.model.systems if _related_owned(t, s)}
    if not related_systems:  # nobody can hold an account on a related party's system
        return
    live = [a for a in t.model.accounts.values() if a.enabled and a.key not in t.disaster_accounts]
    # Only people with an account on a related party's system can hold both kinds.
    holders = {u for a in live if a.system in related_systems for u in a.users}
    held: dict[str, list[Account]] = {}
    for acc in live:
        for u in acc.users:
            if u in holders:
                held.setdefault(u, []).append(acc)
    for person_id in sorted(held):
        accounts = held[person_id]
        non_public = [a for a in accounts if t.non_public(a.system)]
        related = [a for a in accounts if _related_owned(t, a.system)]
        # Two different accounts: one account on a related party's non-public system is one
        # credential, judged by the A and C1 rules, not a person holding both kinds.
        if not any(a is not b for a in non_public for b in related):
            continue
        person = t.model.people.get(person_id)
        yield Hit(
            subject=f"person:{person_id}",
            places=tuple(p for a in (*non_public, *related) for p in user_places(a, [person_id])),
            args={
                "person": person_id,
                "person_name": person.name if person is not None else person_id,
                "accounts": ", ".join(a.key for a in non_public),
                "related_accounts": ", ".join(a.key for a in related),
            },
        )


def _related_owned(t: Terms, system_id: str) -> bool:
    sys = t.model.systems.get(system_id)
    return sys is not None and sys.owner is not None and t.is_related_party(sys.owner)
