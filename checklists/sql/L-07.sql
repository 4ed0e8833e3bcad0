-- L-07: log rows naming an account or a terminal the bundle does not hold, by system.
-- Only the registers the bundle gives are judged (params.accounts_given, terminals_given).
-- A row naming both an unknown account and an unknown terminal appears twice (one per name);
-- the summary counts rows once.
SELECT l.system AS s1, CAST(NULL AS VARCHAR) AS s2, CAST(NULL AS DATE) AS day,
       l.row_id, l.file_id, l.ts_epoch, l.screen, l.terminal, 'account:' || l.account AS detail,
       l.records
FROM logs l
CROSS JOIN params p
WHERE p.accounts_given
  AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.system = l.system AND a.account = l.account)
UNION ALL
SELECT l.system AS s1, CAST(NULL AS VARCHAR) AS s2, CAST(NULL AS DATE) AS day,
       l.row_id, l.file_id, l.ts_epoch, l.screen, l.terminal, 'terminal:' || l.terminal AS detail,
       l.records
FROM logs l
CROSS JOIN params p
WHERE p.terminals_given AND l.terminal IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM terminals t WHERE t.terminal = l.terminal)
