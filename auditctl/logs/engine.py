"""The embedded SQL engine (DuckDB): logs streamed in from their files, the bundle tables, the L
rules' catalog queries run unchanged, their flagged rows aggregated per subject.

DuckDB was chosen by measurement (bench/RESULTS.md): its CSV reader streams plain and gzip files
in parallel, parses times as it reads, keeps rejected rows with their line and reason, and its
memory limit spills to disk instead of growing with the number of rows.

Reading keeps every row small: `logs_raw` holds, per row, its time, a key of its account and one
of its terminal, and only for the rows a rule other than L-04 may need (see `Keep`) the values
themselves (`info`). Those rows become the table `cand`, in full; the other rules run on it.
Which accounts and terminals are quiet (no rule but L-04 looks at their plain rows) is looked up
per row; with a register of a million accounts, the few that are not quiet are looked up instead,
and rows naming an account or terminal the registers lack are read again afterwards. L-04 runs
on the rows near a change of terminal (auditctl/logs/reduce.py), whose names come back from the
bundle's registers (or, for names the bundle does not hold, from the files again).
Small inputs keep every row in full (`keep_all`), which needs fewer statements.
"""

from __future__ import annotations

import csv
import importlib
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from auditctl.logs.discover import LogFile
from auditctl.logs.reader import (
    LINE_BITS,
    Keep,
    Layout,
    csv_source,
    fields_sql,
    lit,
    rescue_sql,
    retry_sql,
    scan_sql,
    transcode,
)
from auditctl.logs.reduce import buckets_sql, kept_join, width
from auditctl.logs.tables import Table
from auditctl.resources import data_dir

if TYPE_CHECKING:
    from _duckdb import DuckDBPyConnection

MEMORY_LIMIT = os.environ.get(
    "AUDITCTL_LOGS_MEMORY", "600MB"
)  # DuckDB's own, process stays < 1 GiB
LINE_MASK = (1 << LINE_BITS) - 1
_NULL = float("nan")  # a NULL in a bundle table's CSV file (see Engine.load_table)
# Keys looked up per row (see reader.member_sql): past this many quiet accounts or terminals,
# the others are looked up; past this many of those too, every row is kept in full.
MAX_QUIET_KEYS = 100_000
MAX_LOUD_KEYS = 100_000
MAX_UNKNOWN_KEYS = 100_000  # names the registers lack, looked up when their rows are read again
QUIET_ACCOUNTS = """
NOT coalesce(a.is_disaster, true)
AND NOT EXISTS (SELECT 1 FROM account_users u JOIN assignments g ON g.person = u.person
                WHERE u.system = a.system AND u.account = a.account
                  AND coalesce(g.side, 'competitive') = 'competitive')
AND NOT EXISTS (SELECT 1 FROM account_users u JOIN people p ON p.person = u.person
                WHERE u.system = a.system AND u.account = a.account AND p.left_on IS NOT NULL)
"""
QUIET_TERMINALS = """
coalesce(t.assigned_side, '') <> 'competitive'
AND NOT EXISTS (SELECT 1 FROM location_units lu
                WHERE lu.location = t.location AND coalesce(lu.side, 'competitive') = 'competitive')
"""
# The columns of the `logs` table the catalog queries read (checklists/sql/README.md).
LOGS = "row_id, file_id, ts_epoch, day, system, account, terminal, screen, action, records"
# L-04's finding names the account, the terminals, the times and the rows: its rows carry those
# (screen, action and records are left empty, so that every way of reading gives the same).
L04_LOGS = (
    "row_id, file_id, ts_epoch, day, system, account, terminal, CAST(NULL AS VARCHAR) AS screen,"
    " CAST(NULL AS VARCHAR) AS action, CAST(NULL AS BIGINT) AS records"
)
PARTS = ("summary", "lists", "examples")
# The catalog's summary, lists and examples in one result, of one shape: s1, s2, day, four
# numbers and two texts (each slot of one type across the parts); ORDER, each part's columns.
PART_COLUMNS = {
    "summary": "n, first_epoch, last_epoch, records, NULL, NULL",
    "lists": "total, NULL, NULL, NULL, kind, value",
    "examples": "file_id, row_id, ts_epoch, NULL, NULL, NULL",
}
ORDER = {"summary": (0, 1, 2, 3), "lists": (4, 5, 0), "examples": (0, 1, 2)}


def query_text(name: str) -> str:
    """A query of the catalog (checklists/sql/NAME.sql), as shipped."""
    return (data_dir("checklists") / "sql" / f"{name}.sql").read_text(encoding="utf-8")


def connect(config: dict[str, str | int | bool]) -> DuckDBPyConnection:
    """A private in-memory DuckDB. The engine module itself (`_duckdb`) is imported, not the
    `duckdb` package, whose Python layer (relational API, version lookup) costs 0.1 s at start."""
    try:
        core = importlib.import_module("_duckdb")
    except ImportError:  # a DuckDB whose package is the engine itself
        core = importlib.import_module("duckdb")
    return cast("DuckDBPyConnection", core.connect(":memory:", config=config))


class InputChanged(Exception):
    """A log file gave another number of records when read again: it changed during the run."""


@dataclass(frozen=True, slots=True)
class FileLoad:
    """What loading one file gave: its rows in logs_raw and the records the reader rejected."""

    file_id: int
    first_row: int
    rows: int  # rows in logs_raw (usable or not)
    rejected: int  # records the CSV reader could not split into the header's columns


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """Where a file's rows came from, for reading its names again."""

    log: LogFile
    layout: Layout


class Engine:
    """One DuckDB session in a private temporary folder; closed (and the folder removed) after.

    `keep_all`: keep every row in full (small inputs, and the export, which writes every row)."""

    def __init__(self, threads: int | None = None, track: bool = False, keep_all: bool = True):
        self._tmp = tempfile.TemporaryDirectory(prefix="auditctl-logs-")
        self.db = connect(
            {
                "threads": threads or os.cpu_count() or 1,
                "memory_limit": MEMORY_LIMIT,
                "temp_directory": (self.scratch / "spill").as_posix(),
                "preserve_insertion_order": True,  # logs_raw's rowid follows the file's order
            }
        )
        self.db.execute("SET TimeZone = 'Asia/Tokyo'")  # a time without an offset is Japan time
        if track:
            # The engine's own bar never prints; query_progress() reports how far a file's load
            # has gone, for the CLI's progress bar.
            self.db.execute(
                "SET enable_progress_bar = true; SET enable_progress_bar_print = false;"
                " SET progress_bar_time = 0"
            )
        else:  # the engine's own bar would print on standard output, inside a report
            self.db.execute(
                "SET enable_progress_bar = false; SET enable_progress_bar_print = false"
            )
        self.db.execute(
            "CREATE TABLE logs_raw (ts BIGINT, akey UBIGINT, tkey UBIGINT, info VARCHAR[]);"
            " CREATE TABLE files (file_id INTEGER, first_row BIGINT, rows BIGINT);"
            " CREATE TABLE skips (file_id INTEGER, line BIGINT);"
            " CREATE TABLE rejected (file_id INTEGER, line BIGINT, kind VARCHAR, text VARCHAR)"
        )
        self.keep = Keep(every=keep_all)
        self.sources: dict[int, LoadedFile] = {}
        self._retried: list[str] = []
        self.loads: list[FileLoad] = []
        self._skipped = False
        self._l04_ready = False

    @property
    def scratch(self) -> Path:
        return Path(self._tmp.name)

    def close(self) -> None:
        self.db.close()
        self._tmp.cleanup()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, list(params)).fetchall()

    def _count(self, sql: str) -> int:
        return int(self.rows(sql)[0][0])

    # -- input ---------------------------------------------------------------------------------

    def load_table(self, table: Table) -> None:
        """A bundle table through a CSV file in the scratch folder: the engine's parallel reader
        takes a million rows in about half the time of any way in from Python objects (JSON
        arrays, bound lists)."""
        cols = ", ".join(f"{n} {t}" for n, t in table.columns)
        self.db.execute(f"CREATE TABLE {table.name} ({cols})")
        if not table.rows:
            return
        path = self.scratch / f"table_{table.name}.csv"
        # Texts are quoted (a quoted "" stays an empty text); a NULL is written as an unquoted
        # nan (csv quotes None like a text before Python 3.12's QUOTE_NOTNULL); a date as str()
        # gives it, ISO 8601.
        columns = [
            tuple(_NULL if v is None else v for v in col) if None in col else col
            for col in zip(*table.rows, strict=True)
        ]
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
            writer.writerows(zip(*columns, strict=True))
        types = "{" + ", ".join(f"{lit(n)}: {lit(t)}" for n, t in table.columns) + "}"
        self.db.execute(
            f"INSERT INTO {table.name} SELECT * FROM read_csv({lit(path.as_posix())},"
            f" header = false, columns = {types}, auto_detect = false, delim = ',',"
            " quote = '\"', escape = '\"', nullstr = 'nan', allow_quoted_nulls = false,"
            " strict_mode = true)"
        )
        path.unlink()

    def begin_logs(self) -> None:
        """After the bundle tables: the registers that decide which rows are kept in full."""
        if self.keep.every:
            return
        accounts, terminals = self.rows("SELECT accounts_given, terminals_given FROM params")[0]
        given = {"accounts": bool(accounts), "terminals": bool(terminals)}
        # Quiet accounts, which no rule but L-04 looks at: not a disaster account, no user ever
        # on the competitive side, no user who leaves. Quiet terminals: not on the competitive
        # side. Each condition is TRUE or FALSE, never NULL, so NOT gives the others.
        quiet = {"accounts": QUIET_ACCOUNTS, "terminals": QUIET_TERMINALS}
        keys = {name: self._keys(name, cond) for name, cond in quiet.items()}
        loud = max(len(k) for k in keys.values()) > MAX_QUIET_KEYS
        if loud:
            # A large register: look up the few keys that are not quiet instead.
            keys = {name: self._keys(name, f"NOT ({cond})") for name, cond in quiet.items()}
            if max(len(k) for k in keys.values()) > MAX_LOUD_KEYS:
                self.keep = Keep(every=True)
                return
        sizes = self._lookup("lookup", {n: k if given[n] else [] for n, k in keys.items()})
        self.keep = Keep(False, sizes["accounts"], sizes["terminals"], loud)

    def _keys(self, register: str, condition: str) -> list[int]:
        """The keys of a register's rows (accounts or terminals) that meet `condition`."""
        key = "hash(a.system, a.account)" if register == "accounts" else "hash(t.terminal)"
        alias = "a" if register == "accounts" else "t"
        return self._ints(f"SELECT DISTINCT {key} FROM {register} {alias} WHERE {condition}")

    def _ints(self, sql: str) -> list[int]:
        """The first column of a query's rows, as integers (keys)."""
        return [int(k) for (k,) in self.rows(sql)]

    def _lookup(self, name: str, keys: dict[str, list[int]]) -> dict[str, int]:
        """A one-row table `name` of cuckoo tables (accounts, terminals) holding `keys`; their
        sizes (0 where there are no keys: nothing is looked up)."""
        sizes, tables = {}, {}
        for register, found in keys.items():
            size, table = cuckoo(found)
            sizes[register], tables[register] = (size, table) if found else (0, [])
        self.db.execute(
            f"CREATE OR REPLACE TABLE {name} AS"
            " SELECT from_json($accounts, '[\"UBIGINT\"]') AS accounts,"
            " from_json($terminals, '[\"UBIGINT\"]') AS terminals",
            {register: json.dumps(table) for register, table in tables.items()},
        )
        return sizes

    def load_file(
        self,
        file_id: int,
        log: LogFile,
        lay: Layout,
        on_fraction: Callable[[float], None] | None = None,
    ) -> FileLoad:
        """Stream one file into logs_raw; its rejected records become skips (and those rejected
        for a value the typed read could not parse are read again as text). `on_fraction`
        hears, from another thread, how much of the file has been read (0 to 1)."""
        self.sources[file_id] = LoadedFile(log, lay)
        first = sum(ld.rows for ld in self.loads)
        rejects = f"rejects_{file_id}"
        done = threading.Event()
        poller = None
        if on_fraction is not None:
            poller = threading.Thread(target=self._poll, args=(done, on_fraction), daemon=True)
            poller.start()
        try:
            with self._utf8(log, lay) as path:
                rows = int(self.rows(scan_sql(path, lay, rejects, self.keep))[0][0])
        finally:
            done.set()
            if poller is not None:
                poller.join()
        self.db.execute(f"INSERT INTO files VALUES ({file_id}, {first}, {rows})")
        if self._count(f"SELECT count(*) FROM {rejects}"):
            self._rejects(file_id, lay, rejects)
        rejected = self._count(f"SELECT count(*) FROM rejected WHERE file_id = {file_id}")
        self.loads.append(FileLoad(file_id, first, rows, rejected))
        return self.loads[-1]

    @contextmanager
    def _utf8(self, log: LogFile, lay: Layout) -> Iterator[Path]:
        """The file to hand the reader: the log itself, or a UTF-8 copy of a CP932 one in the
        scratch folder, removed after."""
        if lay.encoding != "cp932":
            yield log.path
            return
        path = transcode(log, self.scratch)
        try:
            yield path
        finally:
            path.unlink(missing_ok=True)

    def _rejects(self, file_id: int, lay: Layout, rejects: str) -> None:
        """A file's rejected records: skips, and reasons. One line may have several errors: a
        line is rejected for its shape when any error is not a value's (CAST); a line with only
        values the typed read could not parse is read again as text."""
        self.db.execute(f"""
CREATE TEMP TABLE lines_{file_id} AS
SELECT line, bool_and(error_type = 'CAST') AS retry,
       CASE WHEN bool_or(error_type LIKE '%COLUMNS%') THEN 'logs.columns'
            ELSE 'logs.unparseable' END AS kind,
       trim(min(csv_line), chr(13) || chr(10)) AS text  -- as written, without line ends
FROM {rejects} GROUP BY line;
INSERT INTO skips SELECT {file_id}, line FROM lines_{file_id};
INSERT INTO rejected SELECT {file_id}, line, kind, text FROM lines_{file_id} WHERE NOT retry
""")
        retry = self.rows(f"SELECT line, text FROM lines_{file_id} WHERE retry ORDER BY line")
        if retry:
            self._retry(file_id, lay, retry)

    def _retry(self, file_id: int, lay: Layout, lines: list[tuple[Any, ...]]) -> None:
        """Records with a value of another form than the typed read's, read again as text from a
        file of (line, record as written)."""
        path = self.scratch / f"retry_{file_id}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            for line, text in lines:
                f.write(f"{int(line)},{text}\n")
        rejects = f"retry_rejects_{file_id}"
        source = f"SELECT {file_id} AS file_id, * FROM ({retry_sql(path, lay, rejects)}) r"
        table = f"retried_{file_id}"
        self.db.execute(f"CREATE TABLE {table} AS {fields_sql(source)}")
        self._retried.append(table)
        # What the text read rejects is rejected for its shape: the line is the record's first
        # field in the retry file.
        self.db.execute(f"""
INSERT INTO rejected
SELECT {file_id}, CAST(split_part(text, ',', 1) AS BIGINT), kind, substr(text, strpos(text, ',') + 1)
FROM (
  SELECT line, trim(min(csv_line), chr(13) || chr(10)) AS text,
         CASE WHEN bool_or(error_type LIKE '%COLUMNS%') THEN 'logs.columns'
              ELSE 'logs.unparseable' END AS kind
  FROM {rejects} GROUP BY line
) e
""")
        path.unlink(missing_ok=True)

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
            self.db.execute(
                f"INSERT INTO skips SELECT {int(file_id)}, unnest($1::BIGINT[])", [list(blanks)]
            )

    def finish_loading(self) -> None:
        """The rows kept in full, with their line (`cand`), and the `logs` of the six rules."""
        if self.keep.loud:
            self._rescue_unknown()
        self._skipped = self._count("SELECT count(*) FROM skips") > 0
        self.db.execute("""
CREATE TABLE skip_ranks AS
SELECT file_id, before, max(n) AS n FROM (
  SELECT file_id, line - 2 - (ROW_NUMBER() OVER w - 1) AS before, ROW_NUMBER() OVER w AS n
  FROM (SELECT DISTINCT file_id, line FROM skips) s
  WINDOW w AS (PARTITION BY file_id ORDER BY line)
) r GROUP BY file_id, before
""")
        kept = """
SELECT r.rid, r.ts, r.akey, r.tkey, r.info[1] AS ts_text, r.info[2] AS system,
       r.info[3] AS account, r.info[4] AS terminal, r.info[5] AS screen, r.info[6] AS action_text,
       r.info[7] AS records_text
FROM (SELECT rowid AS rid, * FROM logs_raw WHERE info IS NOT NULL) r
"""
        source = _placed(kept, self.loads, self._skipped)
        retried = " ".join(f"UNION ALL SELECT * FROM {t}" for t in self._retried)
        self.db.execute(
            f"CREATE TABLE cand AS SELECT * FROM ({fields_sql(source)}) c {retried};"
            f" CREATE VIEW logs_candidates AS SELECT {LOGS} FROM cand WHERE reason IS NULL"
        )
        if self.keep.every:
            self.db.execute("CREATE VIEW logs_all AS SELECT * FROM logs_candidates")

    def _rescue_unknown(self) -> None:
        """With the keys that are not quiet looked up (`Keep.loud`), a row naming an account or a
        terminal the bundle's register does not hold passed for a quiet one: the names the
        rows left compact use are checked against the registers, and when some are unknown,
        the files are read once more for those rows' values (in the same order, so each
        goes back to its row)."""
        accounts, terminals = self.rows("SELECT accounts_given, terminals_given FROM params")[0]
        unknown = {
            "accounts": self._ints(
                "SELECT akey FROM logs_raw WHERE info IS NULL"
                " EXCEPT SELECT hash(system, account) FROM accounts"
            )
            if accounts
            else [],
            "terminals": self._ints(
                "SELECT tkey FROM logs_raw WHERE info IS NULL AND tkey IS NOT NULL"
                " EXCEPT SELECT hash(terminal) FROM terminals"
            )
            if terminals
            else [],
        }
        if not unknown["accounts"] and not unknown["terminals"]:
            return
        if max(len(keys) for keys in unknown.values()) > MAX_UNKNOWN_KEYS:
            sizes = {"accounts": 0, "terminals": 0}  # too many to look up: every row in full
        else:
            sizes = self._lookup("unknown", unknown)
        self.db.execute("CREATE TABLE rescued (info VARCHAR[])")
        for ld in self.loads:
            src = self.sources[ld.file_id]
            rejects = f"rescue_rejects_{ld.file_id}"
            with self._utf8(src.log, src.layout) as path:
                sql = rescue_sql(path, src.layout, rejects, sizes["accounts"], sizes["terminals"])
                rows = int(self.rows(sql)[0][0])
            if rows != ld.rows:
                raise InputChanged(src.log.shown)
        self.db.execute("""
CREATE TABLE logs_rescued AS
SELECT l.ts, l.akey, l.tkey, coalesce(l.info, r.info) AS info
FROM logs_raw l POSITIONAL JOIN rescued r;
DROP TABLE logs_raw; DROP TABLE rescued;
ALTER TABLE logs_rescued RENAME TO logs_raw
""")

    # -- what was read -------------------------------------------------------------------------

    def usable(self) -> tuple[int, int | None, int | None]:
        """Usable rows: how many, the first and the last time (seconds)."""
        n, first, last = self.rows("""
SELECT sum(n), min(lo), max(hi) FROM (
  SELECT count(*) AS n, min(ts) AS lo, max(ts) AS hi FROM logs_raw WHERE info IS NULL
  UNION ALL
  SELECT count(*), min(ts_epoch), max(ts_epoch) FROM cand WHERE reason IS NULL
) u
""")[0]
        return int(n or 0), first, last

    def invalid(self, limit: int) -> tuple[int, list[tuple[int, int, str, str]]]:
        """Rows read but unusable: how many, and the first (file_id, line, reason, text)."""
        n = self._count("SELECT count(*) FROM cand WHERE reason IS NOT NULL")
        first = self.rows(
            "SELECT file_id, row_id, reason, coalesce(bad, '') FROM cand"
            " WHERE reason IS NOT NULL ORDER BY row_id LIMIT ?",
            [limit],
        )
        return n, [(int(f), int(r) & LINE_MASK, str(why), str(t)) for f, r, why, t in first]

    def rejected_examples(self, file_id: int, limit: int) -> list[tuple[int, str, str]]:
        """(line, reason code, text) of the first records the reader rejected in a file."""
        return [
            (int(line), str(kind), str(text))
            for line, kind, text in self.rows(
                "SELECT line, kind, text FROM rejected WHERE file_id = ? ORDER BY line LIMIT ?",
                [file_id, limit],
            )
        ]

    # -- the rules ---------------------------------------------------------------------------

    def run_rules(self, rules: Sequence[str]) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
        """Every rule's catalog query into one table of hits, then, for the rules with hits, the
        summary, lists and examples (the catalog's own queries, over that rule's hits), all in
        one statement.

        L-04 reads the rows near a change of terminal; the others the rows kept in full, which
        hold every row they could flag, so each query gives what it gives on every row."""
        out: dict[str, dict[str, list[tuple[Any, ...]]]] = {
            r: {part: [] for part in PARTS} for r in rules
        }
        if not rules:
            return out
        if "L-04" in rules:
            self._l04()
        branches = []
        for rule_id in rules:
            source = "logs_k" if rule_id == "L-04" else "logs_candidates"
            branches.append(
                f"SELECT {lit(rule_id)} AS rule, * FROM (WITH logs AS (SELECT * FROM {source})"
                f" SELECT * FROM ({query_text(rule_id)}) q) r"
            )
        self.db.execute("CREATE OR REPLACE TABLE all_hits AS " + " UNION ALL ".join(branches))
        flagged = [r for (r,) in self.rows("SELECT DISTINCT rule FROM all_hits ORDER BY rule")]
        if not flagged:
            return out
        selects = []
        for part, columns in PART_COLUMNS.items():
            text = query_text(f"_{part}")
            for rule_id in flagged:
                selects.append(
                    f"SELECT {lit(part)} AS part, {lit(rule_id)} AS rule, s1, s2, day, {columns}"
                    f" FROM (WITH hits AS (SELECT * EXCLUDE (rule) FROM all_hits"
                    f" WHERE rule = {lit(rule_id)}) SELECT * FROM ({text}) q) p"
                )
        pick = {part: itemgetter(2, 3, 4, *(5 + i for i in order)) for part, order in ORDER.items()}
        for row in self.rows(" UNION ALL ".join(selects)):
            out[row[1]][row[0]].append(pick[row[0]](row))
        return out

    def _l04(self) -> None:
        """`logs_k`: L-04's rows. Kept in full, every usable row with a terminal; otherwise the
        rows near a change of terminal (auditctl/logs/reduce.py), named again."""
        if self._l04_ready:
            return
        self._l04_ready = True
        if self.keep.every:
            self.db.execute(
                f"CREATE VIEW logs_k AS SELECT {L04_LOGS} FROM cand"
                " WHERE reason IS NULL AND terminal IS NOT NULL"
            )
            return
        w = width(self._count("SELECT concurrent_seconds FROM params"))
        self.db.execute("""
CREATE VIEW l04_keys AS
SELECT akey AS acct_key, tkey AS term_key, ts AS ts_epoch FROM logs_raw
WHERE info IS NULL AND tkey IS NOT NULL
UNION ALL
SELECT akey, tkey, ts_epoch FROM cand WHERE reason IS NULL AND tkey IS NOT NULL;
""")
        self.db.execute(f"CREATE TABLE l04_buckets AS {buckets_sql(w)}")
        self.db.execute(f"""
CREATE TABLE k_raw AS
SELECT r.rid, r.ts, r.akey, r.tkey
FROM (SELECT rowid AS rid, ts, akey, tkey FROM logs_raw WHERE info IS NULL AND tkey IS NOT NULL) r
{kept_join("b", "r.akey", "r.ts", w)}
""")
        self.db.execute("""
CREATE TABLE acct_names AS
SELECT hash(system, account) AS k, system, account FROM accounts
UNION SELECT akey, system, account FROM cand WHERE system IS NOT NULL AND account IS NOT NULL;
CREATE TABLE term_names AS
SELECT hash(terminal) AS k, terminal FROM terminals
UNION SELECT tkey, terminal FROM cand WHERE terminal IS NOT NULL
""")
        missing = self._count(
            "SELECT count(*) FROM k_raw WHERE akey NOT IN (SELECT k FROM acct_names)"
            " OR tkey NOT IN (SELECT k FROM term_names)"
        )
        if missing:
            self._names_again()
        named = _placed(
            """
SELECT r.rid, r.ts, n.system, n.account, t.terminal
FROM k_raw r
JOIN (SELECT k, min(system) AS system, min(account) AS account FROM acct_names GROUP BY k) n
  ON n.k = r.akey
JOIN (SELECT k, min(terminal) AS terminal FROM term_names GROUP BY k) t ON t.k = r.tkey
""",
            self.loads,
            self._skipped,
        )
        self.db.execute(f"""
CREATE TABLE logs_k AS
SELECT {L04_LOGS} FROM (
  SELECT CAST(file_id AS BIGINT) * {1 << LINE_BITS} + line AS row_id, file_id, ts AS ts_epoch,
         CAST(DATE '1970-01-01' + CAST(floor((ts + 32400) / 86400) AS INTEGER) AS DATE) AS day,
         system, account, terminal
  FROM ({named}) p
) n
UNION ALL
SELECT {L04_LOGS} FROM cand c {kept_join("b", "c.akey", "c.ts_epoch", w)}
WHERE c.reason IS NULL AND c.tkey IS NOT NULL
""")

    def _names_again(self) -> None:
        """Names of L-04's rows that neither the bundle nor the kept rows hold (the bundle has no
        register of accounts or of terminals): read from the files once more."""
        self.db.execute("""
CREATE TABLE missing AS
SELECT akey AS k FROM k_raw WHERE akey NOT IN (SELECT k FROM acct_names)
UNION SELECT tkey FROM k_raw WHERE tkey NOT IN (SELECT k FROM term_names)
""")
        for file_id, src in self.sources.items():
            lay = src.layout
            with self._utf8(src.log, lay) as path:
                self._names_of(file_id, lay, path)

    def _names_of(self, file_id: int, lay: Layout, path: Path) -> None:
        """The names of one file's rows whose keys are in `missing`, into the name tables."""
        reader = csv_source(path, ["VARCHAR"] * lay.width, f"names_rejects_{file_id}")
        cols = {k: f"c{i}" for k, i in lay.columns.items()}
        term = cols.get("terminal", "CAST(NULL AS VARCHAR)")
        self.db.execute(f"""
CREATE TEMP TABLE names_{file_id} AS
SELECT DISTINCT {cols["system"]} AS system, {cols["account"]} AS account, {term} AS terminal
FROM {reader}
WHERE hash({cols["system"]}, {cols["account"]}) IN (SELECT k FROM missing)
   OR hash({term}) IN (SELECT k FROM missing);
INSERT INTO acct_names SELECT DISTINCT hash(system, account), system, account FROM names_{file_id}
  WHERE system IS NOT NULL AND account IS NOT NULL;
INSERT INTO term_names SELECT DISTINCT hash(terminal), terminal FROM names_{file_id}
  WHERE terminal IS NOT NULL
""")

    # -- places --------------------------------------------------------------------------------

    @staticmethod
    def line(row_id: int) -> int:
        """The line in its file of a row (row_id holds it)."""
        return int(row_id) & LINE_MASK


def _placed(source: str, loads: Sequence[FileLoad], skipped: bool) -> str:
    """`source` (with rid, a rowid of logs_raw) with each row's file and line: the rows before
    it in its file, the header, and the records the reader skipped (rejected or blank).
    A few files are told apart by their first row, and without skips no join is needed."""
    spans = [ld for ld in loads if ld.rows > 0]
    if len(spans) <= 32:
        whens = " ".join(
            f"WHEN x.rid < {ld.first_row + ld.rows} THEN {ld.file_id}" for ld in spans[:-1]
        )
        last = spans[-1].file_id if spans else 0
        file_id = f"CASE {whens} ELSE {last} END" if whens else str(last)
        firsts = " ".join(
            f"WHEN x.rid < {ld.first_row + ld.rows} THEN {ld.first_row}" for ld in spans[:-1]
        )
        last_first = spans[-1].first_row if spans else 0
        first = f"CASE {firsts} ELSE {last_first} END" if firsts else str(last_first)
        filed = f"SELECT x.*, {file_id} AS file_id, x.rid - {first} AS k FROM ({source}) x"
    else:
        filed = (
            f"SELECT x.*, f.file_id, x.rid - f.first_row AS k FROM ({source}) x"
            " ASOF JOIN (SELECT * FROM files WHERE rows > 0) f ON x.rid >= f.first_row"
        )
    if not skipped:
        return f"SELECT k.*, k.k + 2 AS line FROM ({filed}) k"
    return f"""
SELECT k.*, k.k + 2 + coalesce(s.n, 0) AS line
FROM ({filed}) k
ASOF LEFT JOIN skip_ranks s ON s.file_id = k.file_id AND k.k >= s.before
"""


def cuckoo(keys: Sequence[int]) -> tuple[int, list[int | None]]:
    """A table of `size` slots holding each key in slot `key % size` or `(key >> 32) % size`
    (cuckoo hashing): membership is at most two lookups (reader.member_sql). A quarter full,
    most keys sit in their first slot, so one lookup mostly settles it."""
    size = 8
    while size < 4 * len(keys):
        size *= 2
    while True:
        table: list[int | None] = [None] * size
        for key in keys:
            current: int | None = key
            slot = key % size
            for _ in range(200):
                assert current is not None
                table[slot], current = current, table[slot]
                if current is None:
                    break
                first, second = current % size, (current >> 32) % size
                slot = second if slot == first else first
            else:
                break  # a cycle: a larger table
        else:
            return size, table
        size *= 2
