"""Type A: access control of shared systems (共用システムのアクセス制御), rules A-07 … A-10 on
the systems themselves (sharing, access logs); the matrix rules A-01 … A-06 are in type_a_matrix."""

from __future__ import annotations

from collections.abc import Iterator

from auditctl.catalog import Text
from auditctl.model.records import System
from auditctl.model.terms import Terms
from auditctl.rules.registry import Arg, Context, Hit, rule
from auditctl.rules.type_a_matrix import non_public, system_args
from auditctl.rules.words import joined

NOT_SET = Text("未設定", "not set")
CAPTURES = {
    "accessor": Text("入手した者（accessor）", "who (accessor)"),
    "content": Text("入手した情報の内容（content）", "what (content)"),
    "time": Text("入手した日時（time）", "when (time)"),
}


# -- the systems: sharing and access logs -----------------------------------------------------


def _value(value: object) -> Arg:
    return NOT_SET if value is None else str(value)


@rule("A-07")
def log_review(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Access-log review of a non-public system is missing, too rare, stale or blind."""
    limit = ctx.thresholds.log_review_max_days
    for sys in non_public(t):
        log = sys.logging
        interval = log.review_interval_days if log else None
        last = log.last_review if log else None
        problems: list[Text] = []
        keys: list[str] = []
        if interval is None:
            problems.append(
                Text("点検間隔（review_interval_days）が未設定", "review_interval_days missing")
            )
            keys.append("logging.review_interval_days")
        elif interval > limit:
            problems.append(
                Text(
                    f"点検間隔 {interval} 日が上限 {limit} 日を超える",
                    f"review interval of {interval} days is over the limit of {limit}",
                )
            )
            keys.append("logging.review_interval_days")
        # Without a declared interval, the longest one allowed is the yardstick.
        window = interval if interval is not None else limit
        if last is None:
            problems.append(Text("最終点検日（last_review）が未記録", "last_review missing"))
            keys.append("logging.last_review")
        elif t.older_than(last, window):  # as_of − last_review > interval: the day itself is due
            problems.append(
                Text(
                    f"最終点検日 {last.isoformat()} が点検間隔 {window} 日より古い",
                    f"last review {last.isoformat()} is older than {window} days",
                )
            )
            keys.append("logging.last_review")
        if not (log and log.detects_competitive_access is True):
            problems.append(
                Text(
                    "小売側からのアクセスの検知（detects_competitive_access）が true でない",
                    "detects_competitive_access not true",
                )
            )
            keys.append("logging.detects_competitive_access")
        if not problems:
            continue
        yield Hit(
            subject=f"system:{sys.id}",
            places=tuple(sys.src.place(k) for k in keys),
            args={
                **system_args(sys),
                "problems": joined(problems),
                "review_interval_days": _value(interval),
                "last_review": _value(last.isoformat() if last else None),
                "limit": limit,
            },
        )


def _sharing_problems(sys: System, t: Terms) -> tuple[list[Text], list[str]]:
    """Why a system's sharing exception is not valid (empty: it is valid), and where."""
    exc = sys.sharing_exception
    if exc is None:
        return [Text("共用の例外（sharing_exception）の定めがない", "no sharing_exception")], []
    problems: list[Text] = []
    keys: list[str] = []
    if not exc.evidence:
        problems.append(Text("例外の根拠資料（evidence）がない", "evidence missing"))
        keys.append("sharing_exception.evidence")
    if exc.kind == "transitional":
        due = exc.separation_due
        if due is None:
            problems.append(Text("分離期限（separation_due）がない", "separation_due missing"))
            keys.append("sharing_exception.separation_due")
        elif t.as_of > due:  # still valid on the due date itself; passed from the next day
            problems.append(
                Text(
                    f"分離期限 {due.isoformat()} を経過している",
                    f"separation_due {due.isoformat()} has passed",
                )
            )
            keys.append("sharing_exception.separation_due")
    elif exc.kind != "no_competitor_data":
        problems.append(
            Text(f"例外の区分 {exc.kind} は認められない", f"kind {exc.kind} is no exception")
        )
        keys.append("sharing_exception.kind")
    return problems, keys


@rule("A-08")
def shared_with_related_party(t: Terms, ctx: Context) -> Iterator[Hit]:
    """A non-public system shared with a related party without a valid sharing exception."""
    for sys in non_public(t):
        related = [(i, c) for i, c in enumerate(sys.shared_with) if t.is_related_party(c)]
        if not related:
            continue
        problems, keys = _sharing_problems(sys, t)
        if not problems:
            continue
        names = []
        for _, cid in related:
            company = t.model.companies.get(cid)
            name = company.name if company else cid
            names.append(Text(f"{name}（{cid}）", f"{name} ({cid})"))
        exc = sys.sharing_exception
        due = exc.separation_due if exc else None
        yield Hit(
            subject=f"system:{sys.id}",
            places=(
                *(sys.src.place(f"shared_with.{i}") for i, _ in related),
                *(sys.src.place(k) for k in keys),
            ),
            args={
                **system_args(sys),
                "companies": joined(names),
                "problems": joined(problems),
                "separation_due": _value(due.isoformat() if due else None),
            },
        )


@rule("A-09")
def log_retention(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Access logs of a non-public system kept less than log_retention_days (none stated: too)."""
    limit = ctx.thresholds.log_retention_days
    for sys in non_public(t):
        days = sys.logging.retention_days if sys.logging else None
        if days is not None and days >= limit:
            continue
        yield Hit(
            subject=f"system:{sys.id}",
            places=(sys.src.place("logging.retention_days"),),
            args={
                **system_args(sys),
                "days": NOT_SET if days is None else Text(f"{days}日", f"{days} days"),
                "limit": limit,
            },
        )


@rule("A-10")
def log_content(t: Terms, ctx: Context) -> Iterator[Hit]:
    """Access logs of a non-public system miss who, what or when."""
    for sys in non_public(t):
        captures = set(sys.logging.captures) if sys.logging else set()
        missing = [text for key, text in CAPTURES.items() if key not in captures]
        if not missing:
            continue
        yield Hit(
            subject=f"system:{sys.id}",
            places=(sys.src.place("logging.captures"),),
            args={**system_args(sys), "missing": joined(missing)},
        )
