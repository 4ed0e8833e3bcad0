"""L-04 without sorting every row: the rows its query could flag, found by aggregates and joins.

L-04 (checklists/sql/L-04.sql) flags a row when the row before or after it, in its account's
time order, is of another terminal and within N = `concurrent_seconds`. Ordering every row of
every account is what made it slow; almost all of them are far from any change of terminal.

Cut time into buckets of W >= N seconds (bucket = FLOOR(ts / W)). Two rows within N seconds
lie in the same bucket or in neighbouring ones. Call a row *near a change* when its account
used at least two terminals in its bucket and the two neighbouring ones. Pick, per account, one
terminal (the one it used most; any would do): when a row is near a change, one of those
terminals differs from the picked one, so some row of another terminal lies in the row's
bucket or a neighbouring one. KEEP is every row of an account in a bucket next to (or equal to)
the bucket of such a row: it holds every row near a change, and the query gives the same rows
on KEEP as on all rows:

- a flagged row r and its flagged neighbour p (another terminal, within N) are both near a
  change, hence both kept, and nothing lies between them in all rows, so nothing in KEEP;
- a row r whose neighbour in KEEP, p', differs from its true neighbour p (p' < p < r) is not
  flagged by p': if r and p' were of different terminals within N, then p, between them in
  time, would see both in its bucket or the neighbouring ones, so p would be near a change and
  kept, and would be r's neighbour in KEEP. The same holds after r.

Accounts that used a single terminal drop out at once. The statements are standard SQL; the
keys are any 64-bit hashes of (system, account) and of the terminal (the engine's `hash()`).
"""

from __future__ import annotations


def width(concurrent_seconds: int) -> int:
    """W: the bucket width, at least one second."""
    return max(concurrent_seconds, 1)


def bucket_sql(ts: str, w: int) -> str:
    """The bucket of a time in seconds."""
    return f"CAST(FLOOR({ts} / {int(w)}) AS BIGINT)"


def buckets_sql(w: int) -> str:
    """Over l04_keys(acct_key, term_key, ts_epoch), one row per usable row with a terminal:
    (acct_key, bucket), the buckets whose rows of that account KEEP holds."""
    return f"""
WITH pairs AS (
  SELECT acct_key, term_key, COUNT(*) AS n FROM l04_keys GROUP BY acct_key, term_key
),
ranked AS (
  SELECT acct_key, term_key,
         ROW_NUMBER() OVER (PARTITION BY acct_key ORDER BY n DESC, term_key) AS rn,
         COUNT(*) OVER (PARTITION BY acct_key) AS terminals
  FROM pairs
),
usual AS (SELECT acct_key, term_key FROM ranked WHERE rn = 1 AND terminals > 1)
SELECT DISTINCT k.acct_key, {bucket_sql("k.ts_epoch", w)} + d.d AS bucket
FROM l04_keys k
JOIN usual u ON u.acct_key = k.acct_key AND k.term_key <> u.term_key
CROSS JOIN (VALUES (-1), (0), (1)) AS d(d)
"""


def kept_join(alias: str, acct_key: str, ts: str, w: int) -> str:
    """A join clause keeping the rows (account key, time) that lie in a bucket KEEP holds
    (l04_buckets has each (acct_key, bucket) once, so no row is repeated)."""
    return (
        f"JOIN l04_buckets {alias} ON {alias}.acct_key = {acct_key}"
        f" AND {alias}.bucket = {bucket_sql(ts, w)}"
    )
