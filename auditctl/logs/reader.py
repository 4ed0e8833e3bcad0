"""One log file's layout: its encoding, its header mapped to the keys of bundle.md (English or
Japanese, schemas/logs.schema.json), and the SQL that loads it (the engine-specific part)."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
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


@dataclass(slots=True)
class Layout:
    """How to read one file: its encoding and which column holds which key."""

    encoding: str  # "utf-8" or "cp932"
    columns: dict[str, int] = field(default_factory=dict)  # key -> 0-based column
    width: int = 0
    ignored: list[str] = field(default_factory=list)


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
    return out, []


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


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def action_case(column: str) -> str:
    """CASE mapping every written form of an action (schema enum and value aliases) to its key."""
    prop = specs()["logs"].props["action"]
    forms: dict[str, str] = {v: v for v in prop["enum"]}
    for alias, value in prop.get("x-value-aliases", {}).items():
        forms.setdefault(norm(alias), value)
    whens = " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in sorted(forms.items()))
    exact = ", ".join(_lit(v) for v in prop["enum"])
    # The common case, a key as written, costs one comparison; other forms go through lower/trim.
    return (
        f"CASE WHEN {column} IN ({exact}) THEN {column}"
        f" ELSE CASE lower(trim({column})) {whens} ELSE NULL END END"
    )


def epoch_sql(column: str) -> str:
    """Seconds since the epoch. The session's time zone is Asia/Tokyo, so one cast reads an
    offset (Z, +09:00) where there is one and Japan time where there is none; the Japanese
    forms (2026年10月1日 9時15分) are tried only where that cast fails."""
    formats = "[" + ", ".join(_lit(f) for f in FORMATS) + "]"
    return (
        f"CAST(floor(epoch(COALESCE(TRY_CAST({column} AS TIMESTAMPTZ),"
        f" CAST(try_strptime(trim({column}), {formats}) AS TIMESTAMPTZ)))) AS BIGINT)"
    )


def load_sql(file_id: int, path: Path, lay: Layout, rejects: str) -> str:
    """INSERT of one file into logs_raw: every row, with a reason code where it cannot be used."""
    cols = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(lay.width)) + "}"

    def col(key: str) -> str:
        i = lay.columns.get(key)
        return f"c{i}" if i is not None else "CAST(NULL AS VARCHAR)"

    src = (
        f"read_csv({_lit(path.as_posix())}, header = false, skip = 1, columns = {cols},"
        " auto_detect = false, delim = ',', quote = '\"', escape = '\"', null_padding = true,"
        f" store_rejects = true, rejects_table = '{rejects}', rejects_scan = '{rejects}_scan')"
    )
    return f"""
INSERT INTO logs_raw
SELECT {file_id}, ts_epoch,
       CAST(DATE '1970-01-01' + CAST(floor((ts_epoch + 32400) / 86400) AS INTEGER) AS DATE),
       system, account, CAST(hash(system, account) >> 1 AS BIGINT), terminal, screen, action,
       records, reason,
       CASE reason WHEN 'logs.bad_timestamp' THEN ts_text WHEN 'logs.bad_action' THEN action_text
                   WHEN 'logs.bad_records' THEN records_text END
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
  SELECT ts_text, {epoch_sql("ts_text")} AS ts_epoch,
         system_text AS system, account_text AS account, terminal_text AS terminal,
         screen_text AS screen, {action_case("action_text")} AS action, action_text,
         records_text,
         TRY_CAST(records_text AS BIGINT) AS records
  FROM (SELECT {col("timestamp")} AS ts_text, {col("system")} AS system_text,
               {col("account")} AS account_text, {col("terminal")} AS terminal_text,
               {col("screen")} AS screen_text, {col("action")} AS action_text,
               {col("records")} AS records_text
        FROM {src}) r
) p
) q
"""
