"""Waivers: which findings they hide, which are expired or unused, and which break the policy.

A waiver matches a finding by the fingerprint of its rule and subject (cli.md). The day is
not part of the match, so a waiver of L-05 for an account covers each of its days. A waiver
is valid *through* its `expires` day: on that day it still hides its finding; from the next
day it is expired (W-01) and the finding counts again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from auditctl.diagnostics import Diagnostic
from auditctl.findings import Finding, fingerprint
from auditctl.model.records import Waiver
from auditctl.records import Record

WAIVER_TYPOLOGY = "W"  # rules about waivers: a waiver may not hide one of them


def valid_on(waiver: Waiver, day: date) -> bool:
    """Whether the waiver applies on `day`: through its `expires` day, inclusive."""
    return day <= waiver.expires


@dataclass(frozen=True, slots=True)
class Judgement:
    """How a bundle's waivers stand against the findings of one run."""

    expired: tuple[Waiver, ...]
    unused: tuple[Waiver, ...]
    hiding: Mapping[str, Waiver]  # fingerprint(rule, subject) -> the valid waiver that hides it


def judge(
    waivers: Sequence[Waiver], findings: Iterable[Finding], as_of: date, ran: Iterable[str]
) -> Judgement:
    """Expired waivers; valid ones that match nothing among the rules that ran; and the matches.

    A waiver whose rule did not run this time (not selected, skipped, data absent) is not
    called unused: nothing says its finding is gone. Of several valid waivers for one finding,
    the one that runs longest is shown; all of them count as used.
    """
    present = {fingerprint(f.rule, f.subject) for f in findings}
    ran_rules = set(ran)
    expired: list[Waiver] = []
    unused: list[Waiver] = []
    hiding: dict[str, Waiver] = {}
    for w in waivers:
        if not valid_on(w, as_of):
            expired.append(w)
            continue
        key = fingerprint(w.rule, w.subject)
        if key in present:
            best = hiding.get(key)
            if best is None or w.expires > best.expires:
                hiding[key] = w
        elif w.rule in ran_rules:
            unused.append(w)
    return Judgement(tuple(expired), tuple(unused), hiding)


def waive(findings: Sequence[Finding], waivers: Sequence[Waiver], as_of: date) -> list[Finding]:
    """The findings, those that a valid waiver matches marked waived with its reason and approver."""
    if not waivers:
        return list(findings)
    hiding = judge(waivers, findings, as_of, ()).hiding
    out: list[Finding] = []
    for f in findings:
        w = hiding.get(fingerprint(f.rule, f.subject))
        if w is None or f.typology == WAIVER_TYPOLOGY:
            out.append(f)
            continue
        out.append(
            dataclasses.replace(
                f,
                waived=True,
                waiver={
                    "reason": w.reason,
                    "approved_by": w.approved_by,
                    "expires": w.expires.isoformat(),
                    "waiver": f"waiver:{w.index}",
                },
            )
        )
    return out


def policy_diagnostics(
    records: Sequence[Record],
    unwaivable: Iterable[str],
    max_days: int | None,
    as_of: date,
) -> list[Diagnostic]:
    """Waivers that auditctl.yaml forbids: of an unwaivable rule, of a W rule, or too long.

    The waivers dataset has no start date, so a waiver's length is measured from the audit
    date: `expires − as_of > max_days` is an error, placed at `expires`.
    """
    barred = set(unwaivable)
    out: list[Diagnostic] = []
    for r in records:
        rule = r.data.get("rule")
        if isinstance(rule, str) and rule.startswith(f"{WAIVER_TYPOLOGY}-"):
            out.append(Diagnostic("waiver.waiver_rule", r.place("rule"), {"value": rule}))
        elif isinstance(rule, str) and rule in barred:
            out.append(Diagnostic("waiver.unwaivable", r.place("rule"), {"value": rule}))
        expires = r.data.get("expires")
        if max_days is None or not isinstance(expires, str):
            continue
        try:
            days = (date.fromisoformat(expires) - as_of).days
        except ValueError:  # the schema reports a bad date
            continue
        if days > max_days:
            out.append(
                Diagnostic(
                    "waiver.too_long",
                    r.place("expires"),
                    {
                        "expires": expires,
                        "as_of": as_of.isoformat(),
                        "days": days,
                        "max_days": max_days,
                    },
                )
            )
    return out
