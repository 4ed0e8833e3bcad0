"""A progress bar on standard error for long runs, shown only to a person watching a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

from auditctl.i18n import Lang, tr

PHASES: tuple[str, ...] = ("load", "logs", "rules")  # what pipeline.check announces, in order


class Step(Protocol):
    """Announce a phase; `fraction` moves the bar within it (the access logs, read by bytes)."""

    def __call__(self, phase: str, fraction: float = 0.0) -> None: ...


def wanted(formats: Sequence[str], *, quiet: bool) -> bool:
    """Only for the table on a terminal: never when piped, never beside a machine format."""
    return (
        not quiet
        and all(fmt == "table" for fmt in formats)
        and sys.stdout.isatty()
        and sys.stderr.isatty()
    )


@contextmanager
def progress(show: bool, lang: Lang) -> Iterator[Step | None]:
    """Yields the callback pipeline.check calls at each phase, or None (zero cost) when not shown."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,  # gone once the report is printed
    )
    with bar:
        task = bar.add_task(tr("progress.load", lang), total=len(PHASES))

        def step(phase: str, fraction: float = 0.0) -> None:
            done = PHASES.index(phase) if phase in PHASES else 0
            bar.update(task, description=tr(f"progress.{phase}", lang), completed=done + fraction)

        yield step
