"""The log phase: read every log file once into the engine (hashing it beside), run the selected L
rules' queries, and hand back plain aggregates, the summary, the inputs and any input error."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from auditctl.diagnostics import Diagnostic
from auditctl.logs.discover import LogFile, Scanned, scan_file
from auditctl.logs.engine import Engine, FileLoad, InputChanged
from auditctl.logs.reader import JST_SECONDS, Layout, layout
from auditctl.logs.results import Aggregate, LogResults, Rejected, RowRef
from auditctl.logs.tables import Table
from auditctl.places import Place
from auditctl.records import InputFile

Progress = Callable[[int, int], None]  # (bytes done, bytes in all): called from two threads
MAX_REJECTED_EXAMPLES = 5


@dataclass(slots=True)
class PhaseOutput:
    results: LogResults | None
    inputs: list[InputFile] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    ignored_columns: list[tuple[str, str]] = field(default_factory=list)


def shown_time(epoch: int | None) -> str:
    """Japan time as a person reads it in a message: `2026-10-01 09:15:23`."""
    if epoch is None:
        return ""
    t = time.gmtime(epoch + JST_SECONDS)  # Japan time is UTC+9 (no summer time)
    return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d} {t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}"


class _Meter:
    """Bytes hashed plus bytes loaded, each counting half: the bar moves with both threads."""

    def __init__(self, total: int, report: Progress | None) -> None:
        self.total, self.report = max(total, 1) * 2, report
        self.done = 0
        self.lock = threading.Lock()

    def add(self, n: int) -> None:
        if self.report is None:
            return
        with self.lock:
            self.done += n
            self.report(min(self.done, self.total), self.total)


class _FileMeter:
    """One file's share of the meter, told as a fraction read; never counts a byte twice."""

    def __init__(self, meter: _Meter, size: int) -> None:
        self.meter, self.size, self.done = meter, size, 0

    def __call__(self, fraction: float) -> None:
        now = int(self.size * fraction)
        if now > self.done:
            self.meter.add(now - self.done)
            self.done = now


def read_layouts(files: Sequence[LogFile]) -> tuple[list[Layout], PhaseOutput]:
    """Every file's header first: a file that cannot be read stops the run before any work."""
    out = PhaseOutput(None)
    layouts = []
    for log in files:
        lay, problems = layout(log)
        out.errors += problems
        if lay is not None:
            layouts.append(lay)
            out.ignored_columns += [(log.shown, h) for h in lay.ignored]
    return layouts, out


KEEP_ALL_BYTES = 16 << 20  # inputs up to this size keep every row in full (fewer statements)
ONE_THREAD_BYTES = 4 << 20  # inputs up to this size: one engine thread (less to coordinate)


def _bytes(files: Sequence[LogFile]) -> int:
    """The logs' size as text (gzip counted as 8x)."""
    return sum(f.size * (8 if f.gz else 1) for f in files)


def run_phase(
    files: Sequence[LogFile],
    tables: Iterable[Table],
    rules: Sequence[str],
    progress: Progress | None = None,
    keep_all: bool | None = None,
) -> PhaseOutput:
    """Read the logs and run `rules` (L rule IDs); input errors come back, never raise.
    `keep_all` (default: by size) keeps every row in full; the results are the same."""
    layouts, out = read_layouts(files)
    if out.errors:
        return out
    meter = _Meter(sum(f.size for f in files), progress)
    scanned: dict[int, Scanned] = {}
    failures: list[BaseException] = []

    def scan_all() -> None:
        try:
            for i, log in enumerate(files):
                scanned[i] = scan_file(log, meter.add)
        except BaseException as exc:  # re-raised in the caller's thread
            failures.append(exc)

    hasher = threading.Thread(target=scan_all, name="auditctl-log-hash", daemon=True)
    hasher.start()
    size = _bytes(files)
    keep = size <= KEEP_ALL_BYTES if keep_all is None else keep_all
    threads = 1 if size <= ONE_THREAD_BYTES else None
    engine = Engine(threads=threads, track=progress is not None, keep_all=keep)
    try:
        for table in tables:
            engine.load_table(table)
        engine.begin_logs()
        loads: list[FileLoad] = []
        for i, (log, lay) in enumerate(zip(files, layouts, strict=True)):
            read = _FileMeter(meter, log.size)
            try:
                loads.append(engine.load_file(i, log, lay, read if progress else None))
            except Exception as exc:  # a broken gzip stream, an unreadable file
                out.errors.append(_broken(log, exc))
            read(1.0)
        hasher.join()  # blank lines are needed for line numbers, after loading
        for failure in failures:  # a file that vanished or cannot be read while hashing
            if not isinstance(failure, OSError):
                raise failure
            where = Place(str(failure.filename or "-"))
            out.errors.append(Diagnostic("file.unreadable", where, {"error": str(failure)}))
        if out.errors:
            return out
        for i in range(len(loads)):
            engine.add_skips(i, scanned[i].blank_lines)
        try:
            engine.finish_loading()
        except InputChanged as changed:
            out.errors.append(Diagnostic("logs.changed", Place(changed.args[0])))
            return out
        out.inputs = [scanned[i].input for i in range(len(files))]
        out.results = _results(engine, files, loads, rules)
        return out
    finally:
        engine.close()


def _broken(log: LogFile, exc: Exception) -> Diagnostic:
    return Diagnostic("file.unreadable", Place(log.shown), {"error": str(exc).splitlines()[0]})


def _results(
    engine: Engine, files: Sequence[LogFile], loads: Sequence[FileLoad], rules: Sequence[str]
) -> LogResults:
    res = LogResults()
    s = res.summary
    s.files = [f.shown for f in files]
    usable, first, last = engine.usable()
    invalid, flagged = engine.invalid(MAX_REJECTED_EXAMPLES)
    s.rows_rejected = sum(ld.rejected for ld in loads) + invalid
    s.rows_read = usable + s.rows_rejected
    s.first, s.last = (shown_time(first) or None), (shown_time(last) or None)
    examples: list[Rejected] = []
    for ld in loads:
        for line, reason, text in engine.rejected_examples(ld.file_id, MAX_REJECTED_EXAMPLES):
            examples.append(Rejected(files[ld.file_id].shown, line, reason, text[:200]))
    for file_id, line, reason, text in flagged:
        examples.append(Rejected(files[file_id].shown, line, reason, text[:200]))
    order = {f.shown: i for i, f in enumerate(files)}
    examples.sort(key=lambda r: (order[r.file], r.line))
    s.rejected_examples = examples[:MAX_REJECTED_EXAMPLES]
    for rule_id, parts in engine.run_rules(rules).items():
        res.aggregates[rule_id] = _aggregates(rule_id, parts, files)
    return res


def _key(row: Sequence[Any]) -> tuple[str | None, str | None, date | None]:
    return (row[0], row[1], row[2])


def _aggregates(
    rule_id: str, parts: dict[str, list[tuple[Any, ...]]], files: Sequence[LogFile]
) -> list[Aggregate]:
    lists: dict[tuple[Any, ...], dict[str, list[str]]] = {}
    for s1, s2, day, kind, value, total in sorted(parts["lists"], key=str):
        entry = lists.setdefault((s1, s2, day), {}).setdefault(kind, [])
        entry.append(str(value))
        if len(entry) == 20 and int(total) > 20:
            entry.append(f"+{int(total) - 20}")
    examples: dict[tuple[Any, ...], list[tuple[int, int, int]]] = {}
    for s1, s2, day, file_id, row_id, ts in parts["examples"]:
        examples.setdefault((s1, s2, day), []).append((int(file_id), int(row_id), int(ts)))
    out = []
    for row in sorted(parts["summary"], key=lambda r: tuple(str(v) for v in r[:3])):
        key = _key(row)
        ex = sorted(examples.get(key, []), key=lambda e: (e[2], e[1]))
        got = lists.get(key, {})
        out.append(
            Aggregate(
                rule=rule_id,
                key=tuple(str(v) for v in key[:2] if v is not None),
                day=key[2],
                count=int(row[3]),
                first=shown_time(row[4]),
                last=shown_time(row[5]),
                records=int(row[6] or 0),
                screens=tuple(got.get("screen", [])),
                terminals=tuple(got.get("terminal", [])),
                details=tuple(got.get("detail", [])),
                examples=tuple(
                    RowRef(files[f].shown, Engine.line(r), shown_time(ts)) for f, r, ts in ex
                ),
            )
        )
    return out
