"""Export the L rules' tables as Parquet, to run checklists/sql/ on a distributed SQL engine.

    python -m auditctl.logs.export BUNDLE OUT [--as-of DATE] [--logs PATH ...]

writes OUT/<table>.parquet for every bundle table (systems, screens, accounts, account_users,
people, assignments, terminals, location_units, declarations, params), OUT/logs.parquet (the
usable log rows, the columns checklists/sql/README.md names) and OUT/log_files.parquet
(file_id → path). README.md, "Access logs at scale", shows how Spark SQL and Trino read them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditctl.logs.discover import discover, scan_file
from auditctl.logs.engine import Engine
from auditctl.logs.reader import layout
from auditctl.logs.tables import bundle_tables
from auditctl.model.terms import derive
from auditctl.pipeline import prepare
from auditctl.settings import Options
from auditctl.values import parse_date


def export(bundle: Path, out: Path, as_of: str | None, extra: list[str]) -> int:
    """Write the Parquet files; 0 on success, 2 with the problems on standard error."""
    prep = prepare(bundle, Options(as_of=parse_date(as_of) if as_of else None))
    if prep.model is None:
        for d in prep.errors:
            print(d.render(prep.settings.lang), file=sys.stderr)
        return 2
    t = prep.settings.thresholds
    terms = derive(prep.model, prep.settings.as_of)
    files, problems = discover(bundle, prep.loaded.log_files, extra)
    layouts = [layout(f) for f in files]
    problems += [p for _, ps in layouts for p in ps]
    if problems:
        for d in problems:
            print(d.render(prep.settings.lang), file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    engine = Engine(keep_all=True)  # every row, in full
    try:
        tables = bundle_tables(
            terms, t.concurrent_minutes, t.export_records_per_day, prep.model.present
        )
        for table in tables:
            engine.load_table(table)
            engine.db.execute(f"COPY {table.name} TO '{(out / table.name).as_posix()}.parquet'")
        engine.begin_logs()
        engine.db.execute("CREATE TABLE log_files (file_id INTEGER, path VARCHAR)")
        for i, (log, (lay, _)) in enumerate(zip(files, layouts, strict=True)):
            assert lay is not None
            engine.load_file(i, log, lay)
            engine.add_skips(i, scan_file(log).blank_lines)
            engine.db.execute("INSERT INTO log_files VALUES (?, ?)", [i, log.shown])
        engine.finish_loading()
        engine.db.execute(f"COPY logs_all TO '{(out / 'logs').as_posix()}.parquet'")
        engine.db.execute(f"COPY log_files TO '{(out / 'log_files').as_posix()}.parquet'")
    finally:
        engine.close()
    print(out)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--as-of", default=None)
    parser.add_argument("--logs", action="append", default=[])
    args = parser.parse_args()
    sys.exit(export(args.bundle, args.out, args.as_of, args.logs))


if __name__ == "__main__":
    main()
