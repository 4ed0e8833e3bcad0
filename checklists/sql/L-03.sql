-- L-03: a disaster account used (any row, login included) at a moment no declaration covers.
-- A declaration covers a moment when start <= moment <= end (no end: still in force).
SELECT l.system AS s1, l.account AS s2, CAST(NULL AS DATE) AS day,
       l.row_id, l.file_id, l.ts_epoch, l.screen, l.terminal, CAST(NULL AS VARCHAR) AS detail,
       l.records
FROM logs l
JOIN accounts a ON a.system = l.system AND a.account = l.account AND a.is_disaster
WHERE NOT EXISTS (SELECT 1 FROM declarations d
                  WHERE d.start_epoch <= l.ts_epoch
                    AND (d.end_epoch IS NULL OR l.ts_epoch <= d.end_epoch))
