"""Type Q: the self-inspection questionnaire (自己点検), rules Q-01 … Q-20, one per item of
checklists/questionnaire.yaml, registered in a loop so that the items and the rules never drift."""

from __future__ import annotations

from collections.abc import Iterator

from auditctl.catalog import Text, catalog
from auditctl.model.records import Attestation
from auditctl.model.terms import Terms
from auditctl.places import Place
from auditctl.rules.registry import Context, Hit, RuleFn, rule
from auditctl.severity import Severity

STATUS = {
    "no": Text("「いいえ」と回答", "answered no"),
    "unanswered": Text("未回答", "unanswered"),
    "no_reason": Text("「該当なし」の理由が未記載", "not applicable without a reason"),
}
ANSWERS = {
    "yes": Text("はい", "yes"),
    "no": Text("いいえ", "no"),
    "not_applicable": Text("該当なし", "not applicable"),
}
_EMPTY = Text("（空欄）", "(empty)")


def _where_to_answer(t: Terms) -> tuple[Place, ...]:
    """For an item with no row: the attestations table (file, and sheet for a workbook)."""
    first = next(iter(t.model.attestations.values()), None)
    if first is None:
        return ()
    src = first.src.source
    return (Place(src.file, sheet=src.sheet),)


def _verdict(att: Attestation | None) -> str | None:
    """The STATUS key of a finding for this answer, or None when the answer stands."""
    if att is None or att.answer is None:
        return "unanswered"
    if att.answer == "no":
        return "no"
    if att.answer == "not_applicable" and not (att.evidence or "").strip():
        return "no_reason"
    return None


def item_rule(item_id: str) -> RuleFn:
    """The rule of one questionnaire item: a `no` at the item's severity; else medium findings."""

    def judge(t: Terms, ctx: Context) -> Iterator[Hit]:
        item = next(q for q in ctx.catalog.questionnaire if q.id == item_id)
        att = t.model.attestations.get(item_id)
        status = _verdict(att)
        if status is None:
            return
        yield Hit(
            subject=f"item:{item_id}",
            places=(att.src.place("answer"),) if att is not None else _where_to_answer(t),
            args={
                "item": item_id,
                "question": item.question,
                "status": STATUS[status],
                "answer": ANSWERS.get(att.answer or "", _EMPTY) if att else _EMPTY,
                "evidence": (att.evidence or "") if att else "",
            },
            severity=item.severity if status == "no" else Severity.MEDIUM,
        )

    judge.__name__ = f"questionnaire_{item_id.replace('-', '_').lower()}"
    judge.__doc__ = (
        f"Questionnaire item {item_id}: answered no, unanswered, or N/A without a reason."
    )
    return judge


for _item in catalog().questionnaire:
    rule(_item.id)(item_rule(_item.id))
