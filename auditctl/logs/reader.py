"""One log file's layout: its encoding, its header mapped to the keys of bundle.md (English or
Japanese, schemas/logs.schema.json), how its values can be read, and the SQL that reads it (the
engine-specific part: CSV, times, actions)."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from auditctl.diagnostics import Diagnostic
from auditctl.load.specs import specs
from auditctl.logs.discover import LogFile
from auditctl.places import Place
from auditctl.values import norm

KEYS = ("timestamp", "system", "account", "terminal", "screen", "action", "records")
REQUIRED = ("timestamp", "system", "account", "action")
ACCESS = ("view", "search", "export", "print")
SAMPLE = 1 << 16
# Timestamp forms beyond what a plain cast reads (ISO with T or a space, 2026/10/01 9:15).
FORMATS = ("%Y年%m月%d日 %H時%M分%S秒", "%Y年%m月%d日 %H時%M分", "%Y年%m月%d日 %H:%M:%S",
           "%Y年%m月%d日 %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")  # fmt: skip
# Blanks around a timestamp that every reading of it ignores (the CSV reader's typed parse does).
BLANKS = " \t\n\x0b\x0c\r"
# Forms of a time without an offset that the CSV reader can parse as it reads (typed columns): a
# file whose sample uses one of them is read with it; a value it cannot parse is read again as
# text (see `Layout.ts_format`).
TYPED_TIMES = {
    "%Y-%m-%dT%H:%M:%S": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"),
    "%Y-%m-%d %H:%M:%S": re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"),
}
_DIGITS = re.compile(r"\d{1,9}")
# Japan time is UTC+9 at every moment since 1951 (no summer time since): from then on a local
# time converts with a constant; earlier ones go through the time zone database.
CONSTANT_OFFSET_FROM = "1952-01-01"
JST_SECONDS = 9 * 3600
LINE_BITS = 40  # row_id = file_id * 2**40 + line: unique, in file order, and the line is in it
# The columns of `logs_raw.info`, kept for the rows the rules may need in full (see engine.py).
INFO = ("ts_text", "system", "account", "terminal", "screen", "action_text", "records_text")


@dataclass(slots=True)
class Layout:
    """How to read one file: its encoding, which column holds which key, and whether the time
    and record counts can be parsed by the CSV reader itself (the fast path)."""

    encoding: str  # "utf-8" or "cp932"
    columns: dict[str, int] = field(default_factory=dict)  # key -> 0-based column
    width: int = 0
    ignored: list[str] = field(default_factory=list)
    ts_format: str | None = None  # a TYPED_TIMES key when the sample's times all have that form
    records_typed: bool = False  # the sample's record counts are all plain digits


def _sample(log: LogFile) -> bytes:
    opener = gzip.open if log.gz else open
    with opener(log.path, "rb") as f:
        return f.read(SAMPLE)


def layout(log: LogFile) -> tuple[Layout | None, list[Diagnostic]]:
    """The file's encoding and header; a file whose header lacks a required key is an error."""
    place = Place(log.shown, line=1)
    try:
        data = _sample(log)
    except (OSError, EOFError, zlib.error) as exc:
        return None, [Diagnostic("file.unreadable", Place(log.shown), {"error": str(exc)})]
    head = data.split(b"\n", 1)[0] if b"\n" in data else data
    cut = data[: data.rfind(b"\n") + 1] or data
    encoding = "utf-8"
    try:
        cut.decode("utf-8-sig")
    except UnicodeDecodeError:
        encoding = "cp932"
    try:
        text = head.decode("utf-8-sig" if encoding == "utf-8" else "cp932")
    except UnicodeDecodeError:
        return None, [Diagnostic("csv.encoding", place)]
    cells = next(csv.reader(io.StringIO(text.rstrip("\r\n"))), [])
    spec = specs()["logs"]
    out = Layout(encoding, width=len(cells))
    for i, cell in enumerate(cells):
        key = spec.header_key(cell) if cell.strip() else None
        if key is None or key in out.columns:
            out.ignored.append(cell)
            continue
        out.columns[key] = i
    missing = [k for k in REQUIRED if k not in out.columns]
    if missing:
        return None, [
            Diagnostic(
                "logs.header",
                place,
                {"missing": ", ".join(missing), "found": ", ".join(cells) or "-"},
            )
        ]
    if encoding == "utf-8":
        _typing(out, cut.decode("utf-8-sig", errors="replace"))
    return out, []


def _typing(lay: Layout, text: str) -> None:
    """Whether the sample's times and record counts all have a form the CSV reader parses."""
    rows = list(csv.reader(io.StringIO(text)))[1:]
    times = [r[lay.columns["timestamp"]] for r in rows if len(r) == lay.width]
    times = [t for t in times if t]
    for fmt, pattern in TYPED_TIMES.items():
        if times and all(pattern.fullmatch(t) for t in times):
            lay.ts_format = fmt
            break
    col = lay.columns.get("records")
    if col is not None:
        counts = [r[col] for r in rows if len(r) == lay.width and r[col]]
        lay.records_typed = all(_DIGITS.fullmatch(c) for c in counts)


def transcode(log: LogFile, folder: Path) -> Path:
    """A UTF-8 copy of a CP932 file (lines unchanged), streamed in 8 MiB pieces."""
    target = folder / f"{abs(hash(log.path))}.csv"
    decoder = codecs.getincrementaldecoder("cp932")(errors="replace")
    opener = gzip.open if log.gz else open
    with opener(log.path, "rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(8 << 20):
            dst.write(decoder.decode(chunk))
        dst.write(decoder.decode(b"", final=True))
    return target


def lit(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _action_forms() -> dict[str, str]:
    prop = specs()["logs"].props["action"]
    forms: dict[str, str] = {v: v for v in prop["enum"]}
    for alias, value in prop.get("x-value-aliases", {}).items():
        forms.setdefault(norm(alias), value)
    return forms


def action_case(column: str) -> str:
    """CASE mapping every written form of an action (schema enum and value aliases) to its key."""
    prop = specs()["logs"].props["action"]
    whens = " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in sorted(_action_forms().items()))
    exact = ", ".join(lit(v) for v in prop["enum"])
    # The common case, a key as written, costs one comparison; other forms go through lower/trim.
    return (
        f"CASE WHEN {column} IN ({exact}) THEN {column}"
        f" ELSE CASE lower(trim({column})) {whens} ELSE NULL END END"
    )


def plain_actions() -> list[str]:
    """The written forms of login, view and search (keys and aliases as the schema writes them):
    a row whose action is one of them needs nothing but its account, terminal and time, unless
    its account or terminal is one a rule looks at. Any other form is read in full."""
    prop = specs()["logs"].props["action"]
    out = [v for v in prop["enum"] if v not in ("export", "print")]
    out += [a for a, v in prop.get("x-value-aliases", {}).items() if v in out]
    return out


def epoch_sql(column: str) -> str:
    """Seconds since the epoch. The session's time zone is Asia/Tokyo, so one cast reads an
    offset (Z, +09:00) where there is one and Japan time where there is none; the Japanese
    forms (2026年10月1日 9時15分) are tried only where that cast fails. Blanks around the time
    (spaces, tabs) are ignored."""
    formats = "[" + ", ".join(lit(f) for f in FORMATS) + "]"
    text = f"trim({column}, {lit(BLANKS)})"
    return (
        f"CAST(floor(epoch(COALESCE(TRY_CAST({text} AS TIMESTAMPTZ),"
        f" CAST(try_strptime({text}, {formats}) AS TIMESTAMPTZ)))) AS BIGINT)"
    )


def csv_source(
    path: Path, types: list[str], rejects: str, ts_format: str | None = None, skip: int = 1
) -> str:
    """read_csv of a file without its header, every record kept or rejected with its line."""
    cols = "{" + ", ".join(f"'c{i}': '{t}'" for i, t in enumerate(types)) + "}"
    fmt = f", timestampformat = {lit(ts_format)}" if ts_format else ""
    return (
        f"read_csv({lit(path.as_posix())}, header = false, skip = {skip}, columns = {cols},"
        " auto_detect = false, delim = ',', quote = '\"', escape = '\"', null_padding = true,"
        f" store_rejects = true, rejects_table = '{rejects}', rejects_scan = '{rejects}_scan'{fmt})"
    )


@dataclass(frozen=True, slots=True)
class Keep:
    """Which rows `logs_raw` keeps in full (`info`). `every`: all of them; otherwise only those a
    rule other than L-04 may need: unusable rows, rows whose action is not a plain login, view
    or search, rows of an account that is not a quiet one (when `accounts`, the size of the
    table `lookup.accounts` of account keys, is not 0) and rows of a terminal that is not a
    quiet one (`terminals`, `lookup.terminals`). See `member_sql`.

    The tables hold the quiet keys, or, with `loud`, the keys that are not quiet (a register of
    a million accounts has few of those): then a name the bundle does not hold passes for a
    quiet one, and the engine reads its rows again (Engine.finish_loading)."""

    every: bool = True
    accounts: int = 0
    terminals: int = 0
    loud: bool = False


def member_sql(key: str, table: str, size: int) -> str:
    """Whether `key` is in a cuckoo table of keys (a list of `size` slots from the one-row table
    `lookup`, as the column lookup_`table`): the key is in one of its two slots. A lookup, not
    a join: a join may give up the order in which the file's rows are inserted, which their
    line numbers rely on (a one-row cross product keeps it). The list is copied for every
    vector of rows, so it must stay small (engine.MAX_QUIET_KEYS, MAX_LOUD_KEYS)."""
    slots = [f"CAST({key} % {size} AS BIGINT)", f"CAST(({key} >> 32) % {size} AS BIGINT)"]
    return (
        "coalesce("
        + " OR ".join(f"list_element(lookup_{table}, {s} + 1) = {key}" for s in slots)
        + ", false)"
    )


def _quiet_sql(keep: Keep) -> list[str]:
    """The conditions under which a row's account and terminal are quiet ones."""
    out = []
    if keep.accounts:
        found = member_sql("akey", "accounts", keep.accounts)
        out.append(f"NOT {found}" if keep.loud else found)
    if keep.terminals:
        found = member_sql("tkey", "terminals", keep.terminals)
        out.append(f"(tkey IS NULL OR {'NOT ' if keep.loud else ''}{found})")
    return out


def _rows_sql(path: Path, lay: Layout, rejects: str, lookup: str | None) -> str:
    """Every record of one file: its time (seconds, where known at once), the raw values, the
    account and terminal keys and, with `lookup`, that one-row table's lists beside."""
    typed = lay.ts_format is not None
    types = ["VARCHAR"] * lay.width
    ts_col, rec_col = lay.columns["timestamp"], lay.columns.get("records")
    if typed:
        types[ts_col] = "TIMESTAMP"
    if rec_col is not None and _counts_typed(lay):
        types[rec_col] = "UINTEGER"  # every value it accepts is a valid count, as BIGINT reads it

    def col(key: str) -> str:
        i = lay.columns.get(key)
        return f"c{i}" if i is not None else "CAST(NULL AS VARCHAR)"

    ts = f"c{ts_col}"
    if typed:
        ts_expr = (
            f"CASE WHEN {ts} >= TIMESTAMP '{CONSTANT_OFFSET_FROM}'"
            f" THEN epoch_us({ts}) // 1000000 - {JST_SECONDS} END"
        )
    else:
        ts_expr = epoch_sql(ts)
    lists = (
        f", {lookup}.accounts AS lookup_accounts, {lookup}.terminals AS lookup_terminals"
        if lookup
        else ""
    )
    return f"""
  SELECT {ts_expr} AS ts, {ts} AS ts_raw, {col("system")} AS system,
         {col("account")} AS account, {col("terminal")} AS terminal, {col("screen")} AS screen,
         {col("action")} AS action_text, {col("records")} AS records_raw,
         hash({col("system")}, {col("account")}) AS akey,
         CASE WHEN {col("terminal")} IS NOT NULL THEN hash({col("terminal")}) END AS tkey{lists}
  FROM {csv_source(path, types, rejects, lay.ts_format)}{f" CROSS JOIN {lookup}" if lookup else ""}
"""


def _counts_typed(lay: Layout) -> bool:
    """Whether the reader parses the record counts itself (with a typed time only)."""
    return lay.ts_format is not None and "records" in lay.columns and lay.records_typed


def _info_sql(lay: Layout) -> str:
    """The raw values of a row as one list (INFO's order)."""
    texts = {
        "ts_text": "CAST(ts_raw AS VARCHAR)" if lay.ts_format is not None else "ts_raw",
        "records_text": "CAST(records_raw AS VARCHAR)" if _counts_typed(lay) else "records_raw",
    }
    return "[" + ", ".join(texts.get(k, k) for k in INFO) + "]"


def scan_sql(path: Path, lay: Layout, rejects: str, keep: Keep) -> str:
    """INSERT of one file into logs_raw: for every record its time (seconds, where known at once),
    its account and terminal keys, and `info`, the raw values, where `keep` asks for them.

    With `lay.ts_format`, the reader parses the time itself and rejects a time of another form;
    such records are read again as text (engine.py), so the result is that of the text path."""
    info = _info_sql(lay)
    quiet = _quiet_sql(keep)
    if keep.every:
        kept = info
    else:
        # Equalities, not IN (a list of five or more is a join, see member_sql).
        plain = " OR ".join(f"action_text = {lit(a)}" for a in plain_actions())
        checks = [
            "ts IS NOT NULL AND system IS NOT NULL AND account IS NOT NULL",
            f"({plain})",
        ]
        if "records" in lay.columns and not _counts_typed(lay):
            checks.append("(records_raw IS NULL OR TRY_CAST(records_raw AS BIGINT) >= 0)")
        checks += quiet
        # Anything unknown (NULL) counts as worth keeping.
        kept = f"CASE WHEN coalesce({' AND '.join(checks)}, false) THEN NULL ELSE {info} END"
    rows = _rows_sql(path, lay, rejects, "lookup" if quiet else None)
    return f"INSERT INTO logs_raw SELECT ts, akey, tkey, {kept} FROM ({rows}) r"


def rescue_sql(path: Path, lay: Layout, rejects: str, accounts: int, terminals: int) -> str:
    """INSERT into `rescued` of one file read again: for every record (in the order logs_raw
    has them) its raw values when its account or terminal is in the one-row table `unknown`'s
    lists (cuckoo tables of `accounts` and `terminals` slots), NULL otherwise. With neither
    list (too many names to look up), every record's values."""
    tests = []
    if accounts:
        tests.append(member_sql("akey", "accounts", accounts))
    if terminals:
        tests.append(f"(tkey IS NOT NULL AND {member_sql('tkey', 'terminals', terminals)})")
    info = _info_sql(lay)
    if not tests:
        return f"INSERT INTO rescued SELECT {info} FROM ({_rows_sql(path, lay, rejects, None)}) r"
    rows = _rows_sql(path, lay, rejects, "unknown")
    return (
        f"INSERT INTO rescued SELECT CASE WHEN {' OR '.join(tests)} THEN {info} END FROM ({rows}) r"
    )


def retry_sql(path: Path, lay: Layout, rejects: str) -> str:
    """The records a typed read rejected for a value (not their shape), read again as text from
    `path`: each line there is the record's line number, then the record as written."""
    shifted = Layout(lay.encoding, {k: i + 1 for k, i in lay.columns.items()}, lay.width + 1)

    def col(key: str) -> str:
        i = shifted.columns.get(key)
        return f"c{i}" if i is not None else "CAST(NULL AS VARCHAR)"

    types = ["BIGINT"] + ["VARCHAR"] * lay.width
    src = csv_source(path, types, rejects, skip=0)
    return f"""
SELECT c0 AS line, CAST(NULL AS BIGINT) AS ts, {col("timestamp")} AS ts_text,
       {col("system")} AS system, {col("account")} AS account, {col("terminal")} AS terminal,
       {col("screen")} AS screen, {col("action")} AS action_text, {col("records")} AS records_text,
       hash({col("system")}, {col("account")}) AS akey,
       CASE WHEN {col("terminal")} IS NOT NULL THEN hash({col("terminal")}) END AS tkey
FROM {src}
"""


def fields_sql(source: str) -> str:
    """The `logs` columns, a reason where the row cannot be used and its offending text, from
    `source`: (file_id, line, ts, ts_text, system, account, terminal, screen, action_text,
    records_text, akey, tkey), where `ts` is NULL when only the text is known."""
    epoch = f"CASE WHEN ts IS NOT NULL THEN ts ELSE {epoch_sql('ts_text')} END"
    return f"""
SELECT row_id, file_id, ts_epoch,
       CAST(DATE '1970-01-01' + CAST(floor((ts_epoch + {JST_SECONDS}) / 86400) AS INTEGER) AS DATE)
         AS day,
       system, account, akey, terminal, tkey, screen, action, records, reason,
       CASE reason WHEN 'logs.bad_timestamp' THEN ts_text WHEN 'logs.bad_action' THEN action_text
                   WHEN 'logs.bad_records' THEN records_text END AS bad
FROM (
  SELECT *,
         CASE WHEN ts_text IS NULL THEN 'logs.empty:timestamp'
              WHEN ts_epoch IS NULL THEN 'logs.bad_timestamp'
              WHEN system IS NULL THEN 'logs.empty:system'
              WHEN account IS NULL THEN 'logs.empty:account'
              WHEN action IS NULL THEN 'logs.bad_action'
              WHEN records_text IS NOT NULL AND (records IS NULL OR records < 0)
                   THEN 'logs.bad_records' END AS reason
  FROM (
    SELECT CAST(file_id AS BIGINT) * {1 << LINE_BITS} + line AS row_id, file_id, {epoch} AS ts_epoch,
           ts_text, system, account, akey, terminal, tkey, screen, action_text, records_text,
           {action_case("action_text")} AS action, TRY_CAST(records_text AS BIGINT) AS records
    FROM ({source}) s
  ) p
) q
"""
