"""Helpers of the C3 and B rules: people, units and accounts in the words of a finding, and
a person's posts on a day."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from auditctl.catalog import Text
from auditctl.model.records import Account, Assignment, Side
from auditctl.model.terms import Terms
from auditctl.places import Place
from auditctl.rules.registry import Arg

KINDS = {
    "personal": Text("個人", "personal"),
    "shared": Text("共用", "shared"),
    "service": Text("システム用", "service"),
    "disaster": Text("災害対応", "disaster"),
}


def person_text(t: Terms, person_id: str, ja_note: str = "", en_note: str = "") -> Text:
    """「山田太郎（P0001、note）」 / "山田太郎 (P0001, note)"; the bare ID when the roster lacks it."""
    person = t.model.people.get(person_id)
    if person is None or person.name == person_id:
        ja, en = person_id, person_id
        return Text(f"{ja}（{ja_note}）" if ja_note else ja, f"{en} ({en_note})" if en_note else en)
    ja = f"{person.name}（{person_id}、{ja_note}）" if ja_note else f"{person.name}（{person_id}）"
    en = f"{person.name} ({person_id}, {en_note})" if en_note else f"{person.name} ({person_id})"
    return Text(ja, en)


def unit_text(t: Terms, unit_id: str) -> Text:
    unit = t.model.units.get(unit_id)
    name = unit.name if unit is not None else unit_id
    return Text(f"{name}（{unit_id}）", f"{name} ({unit_id})")


def date_or(value: date | None, missing: Text) -> Arg:
    return value.isoformat() if value is not None else missing


def system_name(t: Terms, system_id: str) -> str:
    sys = t.model.systems.get(system_id)
    return sys.name if sys is not None else system_id


def user_places(acc: Account, users: Iterable[str]) -> tuple[Place, ...]:
    """The cells of the account's `users` that name these people."""
    return tuple(acc.src.place(f"users.{acc.users.index(u)}") for u in users)


def account_args(t: Terms, acc: Account) -> dict[str, Arg]:
    return {"account": acc.id, "system": acc.system, "system_name": system_name(t, acc.system)}


def enabled_on_non_public(t: Terms) -> Iterator[Account]:
    """Accounts enabled on a non-public system, in roster order."""
    return iter(t.enabled_non_public)


def posts_on(t: Terms, person_id: str, day: date, side: Side) -> list[Assignment]:
    """The person's assignments covering `day` (both ends inclusive) to units of `side`."""
    person = t.model.people.get(person_id)
    if person is None:
        return []
    units = t.model.units
    return [
        a
        for a in person.assignments
        if a.covers(day) and a.unit in units and units[a.unit].side is side
    ]


def period_text(a: Assignment) -> Text:
    start = a.start.isoformat() if a.start else ""
    if a.end is None:
        return Text(f"{start}〜", f"from {start}" if start else "open")
    return Text(f"{start}〜{a.end.isoformat()}", f"{start} to {a.end.isoformat()}")


def post_text(t: Terms, a: Assignment) -> Text:
    """「営業本部（ep-sales）2019-04-01〜」: a unit and the period of the assignment."""
    unit, period = unit_text(t, a.unit), period_text(a)
    return Text(f"{unit.ja} {period.ja}", f"{unit.en}, {period.en}")
