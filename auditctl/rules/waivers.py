"""Type W: the waivers themselves (例外承認), rules W-01 and W-02. Post rules: they run after the
others and judge the waivers against `ctx.prior` (auditctl/waivers.py decides, once, for both
these rules and the waive step)."""

from __future__ import annotations

from collections.abc import Iterator

from auditctl.model.records import Waiver
from auditctl.model.terms import Terms
from auditctl.rules.registry import Context, Hit, rule
from auditctl.waivers import judge


def _hit(w: Waiver, first: str, **extra: str) -> Hit:
    return Hit(
        subject=f"waiver:{w.index}",
        places=(w.src.place(first), w.src.place()),
        args={"waiver": f"#{w.index}", "rule": w.rule, "subject": w.subject, **extra},
    )


@rule("W-01")
def expired_waiver(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A waiver past its `expires` day: it no longer hides its finding."""
    for w in judge(t.model.waivers, ctx.prior.findings, ctx.as_of, ctx.prior.ran).expired:
        yield _hit(w, "expires", expires=w.expires.isoformat())


@rule("W-02")
def unused_waiver(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A valid waiver whose rule ran and found nothing with its subject."""
    for w in judge(t.model.waivers, ctx.prior.findings, ctx.as_of, ctx.prior.ran).unused:
        yield _hit(w, "subject")
