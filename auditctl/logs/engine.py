"""The embedded SQL engine (DuckDB): logs streamed in from their files, the bundle tables, the L
rules' catalog queries run unchanged, their flagged rows aggregated per subject.

DuckDB was chosen by measurement (bench/RESULTS.md): its CSV reader streams plain and gzip files
in parallel, keeps rejected rows with their line and reason, and its memory limit spills to disk
instead of growing with the number of rows.
"""

from __future__ import annotations

import bisect
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from auditctl.logs.discover import LogFile
from auditctl.logs.reader import Layout, load_sql, transcode
from auditctl.logs.tables import SqlValue, Table
from auditctl.resources import data_dir

MEMORY_LIMIT = os.environ.get(
    "AUDITCTL_LOGS_MEMORY", "600MB"
)  # DuckDB's own, process stays < 1 GiB
MAX_SKIPS_IN_MEMORY = 100_000  # skipped records of one file held in Python to place rows
FULL = frozenset({"L-04"})  # rules that need every row: any two rows of an account may pair
# The rows a rule other than L-04 could flag: an account or terminal the bundle lacks (L-07),
# an account with a competitive, disaster or leaving user (L-01, L-03, L-06), a terminal on the
# competitive side (L-02), an export or print from an all-customers screen (L-05). Not a rule:
# a filter that keeps a superset of every rule's rows (tests/logs/test_prune.py checks it).
PRUNE = """
CREATE TABLE logs_candidates AS
WITH acct AS (
  SELECT a.system, a.account,
         a.is_disaster
         OR EXISTS (SELECT 1 FROM account_users u JOIN assignments g ON g.person = u.person
                    WHERE u.system = a.system AND u.account = a.account
                      AND g.side = 'competitive')
         OR EXISTS (SELECT 1 FROM account_users u JOIN people p ON p.person = u.person
                    WHERE u.system = a.system AND u.account = a.account
                      AND p.left_on IS NOT NULL) AS flagged
  FROM accounts a),
term AS (
  SELECT t.terminal,
         t.assigned_side = 'competitive'
         OR EXISTS (SELECT 1 FROM location_units lu
                    WHERE lu.location = t.location AND lu.side = 'competitive') AS flagged
  FROM terminals t),
bulk AS (SELECT system, screen FROM screens WHERE customer_scope = 'all')
SELECT l.* FROM logs_all l
LEFT JOIN acct ON acct.system = l.system AND acct.account = l.account
LEFT JOIN term ON term.terminal = l.terminal
LEFT JOIN bulk ON bulk.system = l.system AND bulk.screen = l.screen
WHERE acct.account IS NULL OR acct.flagged
   OR (l.terminal IS NOT NULL AND (term.terminal IS NULL OR term.flagged))
   OR (l.action IN ('export', 'print') AND bulk.screen IS NOT NULL)
"""


def query_text(name: str) -> str:
    """A query of the catalog (checklists/sql/NAME.sql), as shipped."""
    return (data_dir("checklists") / "sql" / f"{name}.sql").read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class FileLoad:
    """What loading one file gave: its rows' row_id range and its rejected records."""

    file_id: int
    first_row: int
    rows: int  # rows in logs_raw (usable or not)
    rejected: int  # records the CSV reader could not split into the header's columns


class Engine:
    """One DuckDB session in a private temporary folder; closed (and the folder removed) after."""

    def __init__(self, threads: int | None = None, track: bool = False) -> None:
        import duckdb

        self._tmp = tempfile.TemporaryDirectory(prefix="auditctl-logs-")
        self.db = duckdb.connect(":memory:")
        tmp = Path(self._tmp.name)
        self.db.execute(f"SET temp_directory = '{(tmp / 'spill').as_posix()}'")
        self.db.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        self.db.execute(f"SET threads = {threads or os.cpu_count() or 1}")
        self.db.execute("SET preserve_insertion_order = true")  # row_id follows file order
        self.db.execute("SET TimeZone = 'Asia/Tokyo'")  # a time without an offset is Japan time
        # The engine's own bar never prints; with `track`, query_progress() reports how far a
        # file's load has gone, for the CLI's progress bar.
        self.db.execute(f"SET enable_progress_bar = {'true' if track else 'false'}")
        self.db.execute("SET enable_progress_bar_print = false")
        self.db.execute("SET progress_bar_time = 0")
        self.db.execute(
            "CREATE TABLE logs_raw (file_id INTEGER, ts_epoch BIGINT, day DATE, system VARCHAR,"
            " account VARCHAR, account_key BIGINT, terminal VARCHAR, screen VARCHAR,"
            " action VARCHAR, records BIGINT, reason VARCHAR, bad VARCHAR)"
        )
        self.db.execute("CREATE TABLE skips (file_id INTEGER, line BIGINT)")
        self._skip_cache: dict[int, list[int] | None] = {}

    @property
    def scratch(self) -> Path:
        return Path(self._tmp.name)

    def close(self) -> None:
        self.db.close()
        self._tmp.cleanup()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, list(params)).fetchall()

    # -- input ---------------------------------------------------------------------------------

    def load_table(self, table: Table) -> None:
        """A bundle table, through a CSV file of the scratch folder (fast for any size)."""
        cols = ", ".join(f"{n} {t}" for n, t in table.columns)
        self.db.execute(f"CREATE TABLE {table.name} ({cols})")
        if not table.rows:
            return
        path = self.scratch / f"{table.name}.csv"
        import csv

        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            for row in table.rows:
                w.writerow([_csv(v) for v in row])
        types = "{" + ", ".join(f"'{n}': '{t}'" for n, t in table.columns) + "}"
        self.db.execute(
            f"INSERT INTO {table.name} SELECT * FROM read_csv('{path.as_posix()}', header = false,"
            f" columns = {types}, auto_detect = false, nullstr = '\\N', quote = '\"')"
        )

    def load_file(
        self,
        file_id: int,
        log: LogFile,
        lay: Layout,
        on_fraction: Callable[[float], None] | None = None,
    ) -> FileLoad:
        """Stream one file into logs_raw; its rejected records become skips. `on_fraction`
        hears, from another thread, how much of the file has been read (0 to 1)."""
        path = transcode(log, self.scratch) if lay.encoding == "cp932" else log.path
        first = self._count("SELECT count(*) FROM logs_raw")
        rejects = f"rejects_{file_id}"
        done = threading.Event()
        poller = None
        if on_fraction is not None:
            poller = threading.Thread(target=self._poll, args=(done, on_fraction), daemon=True)
            poller.start()
        try:
            self.db.execute(load_sql(file_id, path, lay, rejects))
        finally:
            done.set()
            if poller is not None:
                poller.join()
        rows = self._count("SELECT count(*) FROM logs_raw") - first
        rejected = self._count(f"SELECT count(*) FROM {rejects}")
        self.db.execute(f"INSERT INTO skips SELECT {file_id}, line FROM {rejects}")
        if path != log.path:
            path.unlink(missing_ok=True)
        return FileLoad(file_id, first, rows, rejected)

    def _poll(self, done: threading.Event, on_fraction: Callable[[float], None]) -> None:
        while not done.wait(0.2):
            try:
                pct = float(self.db.query_progress())
            except Exception:  # the engine is between statements or closing: no news
                continue
            if pct >= 0:
                on_fraction(min(pct, 100.0) / 100.0)

    def add_skips(self, file_id: int, blanks: Sequence[int]) -> None:
        """Blank lines of a file: the reader skips them silently, so lines after them shift."""
        if blanks:
            self.db.executemany("INSERT INTO skips VALUES (?, ?)", [(file_id, b) for b in blanks])

    def rejected_examples(self, file_id: int, limit: int) -> list[tuple[int, str, str]]:
        """(line, reason code, text) of the first records the reader rejected in a file."""
        return [
            (int(line), "logs.columns" if "COLUMNS" in kind else "logs.unparseable", str(text))
            for line, kind, text in self.rows(
                f"SELECT line, error_type, csv_line FROM rejects_{file_id} ORDER BY line LIMIT ?",
                [limit],
            )
        ]

    def finish_loading(self) -> None:
        """The `logs` table the queries see: usable rows only, with their row_id. Also the
        candidates: the rows that any rule but L-04 could flag (see `prune`)."""
        self.db.execute(
            "CREATE VIEW logs_all AS SELECT rowid AS row_id, file_id, ts_epoch, day, system,"
            " account, account_key, terminal, screen, action, records FROM logs_raw"
            " WHERE reason IS NULL"
        )
        self.db.execute(PRUNE)
        self.db.execute(
            "CREATE TABLE skip_ranks AS SELECT file_id,"
            " line - 2 - (ROW_NUMBER() OVER (PARTITION BY file_id ORDER BY line) - 1) AS before"
            " FROM (SELECT DISTINCT file_id, line FROM skips) s"
        )

    def _count(self, sql: str) -> int:
        return int(self.rows(sql)[0][0])

    # -- the rules ---------------------------------------------------------------------------

    def run_rule(self, rule_id: str) -> dict[str, list[tuple[Any, ...]]]:
        """The rule's catalog query into `hits`, then its summary, lists and examples.

        L-04 reads every row; the other rules read the candidates, which hold every row they
        could flag, so their queries give the same result as on all rows, only sooner."""
        source = "logs_all" if rule_id in FULL else "logs_candidates"
        self.db.execute(f"CREATE OR REPLACE VIEW logs AS SELECT * FROM {source}")
        self.db.execute("DROP TABLE IF EXISTS hits")
        self.db.execute(f"CREATE TABLE hits AS {query_text(rule_id)}")
        return {
            part: self.rows(query_text(f"_{part}")) for part in ("summary", "lists", "examples")
        }

    def lines(self, rows: Sequence[tuple[int, int]], first_row: dict[int, int]) -> list[int]:
        """The line in its file of each (file_id, row_id): the rows before it, the header, and the
        records the reader skipped (rejected or blank) before it."""
        out = []
        for file_id, row_id in rows:
            k = row_id - first_row[file_id]
            before = self._skips(file_id)
            if before is None:  # a file mostly rejected: ask the engine, not memory
                skipped = self._count(
                    f"SELECT count(*) FROM skip_ranks WHERE file_id = {int(file_id)}"
                    f" AND before <= {int(k)}"
                )
            else:
                skipped = bisect.bisect_right(before, k)
            out.append(k + 2 + skipped)
        return out

    def _skips(self, file_id: int) -> list[int] | None:
        """A file's skips as "rows before it", sorted, read once; None when there are too many."""
        if file_id not in self._skip_cache:
            n = self._count(f"SELECT count(*) FROM skip_ranks WHERE file_id = {int(file_id)}")
            self._skip_cache[file_id] = (
                [
                    int(r[0])
                    for r in self.rows(
                        f"SELECT before FROM skip_ranks WHERE file_id = {int(file_id)}"
                        " ORDER BY before"
                    )
                ]
                if n <= MAX_SKIPS_IN_MEMORY
                else None
            )
        return self._skip_cache[file_id]


def _csv(value: SqlValue) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
