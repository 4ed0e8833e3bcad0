-- L-04: an account used from two different terminals within concurrent_minutes (inclusive).
-- Two rows of different terminals within N seconds exist exactly when two rows that are
-- next to each other in the account's time order are, so each row is compared with its
-- neighbours only: the rows flagged are those next to a row of another terminal.
-- account_key is the logs table's 64-bit hash of (system, account): partitioning on one
-- integer sorts much faster than on two strings; comparing the neighbour's account guards
-- against two accounts sharing a key. The window carries only what it compares; the flagged
-- rows' other columns are joined back by row_id.
WITH seq AS (
  SELECT l.row_id, l.account, l.terminal, l.ts_epoch,
         LAG(l.account) OVER (PARTITION BY l.account_key ORDER BY l.ts_epoch, l.row_id) AS prev_account,
         LAG(l.terminal) OVER (PARTITION BY l.account_key ORDER BY l.ts_epoch, l.row_id) AS prev_terminal,
         LAG(l.ts_epoch) OVER (PARTITION BY l.account_key ORDER BY l.ts_epoch, l.row_id) AS prev_epoch,
         LEAD(l.account) OVER (PARTITION BY l.account_key ORDER BY l.ts_epoch, l.row_id) AS next_account,
         LEAD(l.terminal) OVER (PARTITION BY l.account_key ORDER BY l.ts_epoch, l.row_id) AS next_terminal,
         LEAD(l.ts_epoch) OVER (PARTITION BY l.account_key ORDER BY l.ts_epoch, l.row_id) AS next_epoch
  FROM logs l
  WHERE l.terminal IS NOT NULL
),
flagged AS (
  SELECT s.row_id
  FROM seq s
  CROSS JOIN params p
  WHERE (s.prev_terminal <> s.terminal AND s.ts_epoch - s.prev_epoch <= p.concurrent_seconds
         AND s.prev_account = s.account)
     OR (s.next_terminal <> s.terminal AND s.next_epoch - s.ts_epoch <= p.concurrent_seconds
         AND s.next_account = s.account)
)
SELECT l.system AS s1, l.account AS s2, CAST(NULL AS DATE) AS day,
       l.row_id, l.file_id, l.ts_epoch, l.screen, l.terminal, CAST(NULL AS VARCHAR) AS detail,
       l.records
FROM logs l
JOIN flagged f ON f.row_id = l.row_id
