-- L-05: an account that, on one Japan day, exported or printed more than
-- export_records_per_day records from screens whose customer_scope is all.
WITH bulk AS (
  SELECT l.system, l.account, l.day, l.row_id, l.file_id, l.ts_epoch, l.screen, l.terminal,
         l.records
  FROM logs l
  JOIN screens sc ON sc.system = l.system AND sc.screen = l.screen AND sc.customer_scope = 'all'
  WHERE l.action IN ('export', 'print')
),
over_limit AS (
  SELECT b.system, b.account, b.day
  FROM bulk b
  CROSS JOIN params p
  GROUP BY b.system, b.account, b.day, p.export_records_per_day
  HAVING SUM(COALESCE(b.records, 0)) > p.export_records_per_day
)
SELECT b.system AS s1, b.account AS s2, b.day,
       b.row_id, b.file_id, b.ts_epoch, b.screen, b.terminal, CAST(NULL AS VARCHAR) AS detail,
       b.records
FROM bulk b
JOIN over_limit o ON o.system = b.system AND o.account = b.account AND o.day = b.day
