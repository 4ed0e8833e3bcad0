"""Words that rule messages share: bilingual lists and the phrases for what is missing."""

from __future__ import annotations

from collections.abc import Iterable

from auditctl.catalog import Text

NONE = Text("なし", "none")
UNKNOWN = Text("不明", "unknown")
NOT_STATED = Text("未記載", "not stated")


def joined(items: Iterable[Text | str], empty: Text = NONE) -> Text:
    """Items as one list: 、 between Japanese items, a comma between English ones."""
    seq = [x if isinstance(x, Text) else Text(x, x) for x in items]
    if not seq:
        return empty
    return Text("、".join(i.ja for i in seq), ", ".join(i.en for i in seq))


def listed(problems: Iterable[Text]) -> Text:
    """Problems as one sentence each: 、 between Japanese ones, a semicolon between English ones."""
    seq = list(problems)
    return Text("、".join(p.ja for p in seq), "; ".join(p.en for p in seq))
