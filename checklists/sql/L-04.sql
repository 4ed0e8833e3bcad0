-- L-04: an account used from two different terminals within concurrent_minutes (inclusive).
-- Two rows of different terminals within N seconds exist exactly when two rows that are
-- next to each other in the account's time order are, so each row is compared with its
-- neighbours only: the rows flagged are those next to a row of another terminal.
WITH seq AS (
  SELECT l.row_id, l.terminal, l.ts_epoch,
         LAG(l.terminal) OVER (PARTITION BY l.system, l.account ORDER BY l.ts_epoch, l.row_id) AS prev_terminal,
         LAG(l.ts_epoch) OVER (PARTITION BY l.system, l.account ORDER BY l.ts_epoch, l.row_id) AS prev_epoch,
         LEAD(l.terminal) OVER (PARTITION BY l.system, l.account ORDER BY l.ts_epoch, l.row_id) AS next_terminal,
         LEAD(l.ts_epoch) OVER (PARTITION BY l.system, l.account ORDER BY l.ts_epoch, l.row_id) AS next_epoch
  FROM logs l
  WHERE l.terminal IS NOT NULL
),
flagged AS (
  SELECT s.row_id
  FROM seq s
  CROSS JOIN params p
  WHERE (s.prev_terminal <> s.terminal AND s.ts_epoch - s.prev_epoch <= p.concurrent_seconds)
     OR (s.next_terminal <> s.terminal AND s.next_epoch - s.ts_epoch <= p.concurrent_seconds)
)
SELECT l.system AS s1, l.account AS s2, CAST(NULL AS DATE) AS day,
       l.row_id, l.file_id, l.ts_epoch, l.screen, l.terminal, CAST(NULL AS VARCHAR) AS detail,
       l.records
FROM logs l
JOIN flagged f ON f.row_id = l.row_id
