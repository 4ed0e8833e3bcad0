-- L-01: an account accessed while a user of it was on the competitive side that day.
-- Access: view/search/export/print on a system holding non-public information.
-- Disaster accounts are judged by L-03 instead. One row per (log row, competitive user).
SELECT l.system AS s1, l.account AS s2, CAST(NULL AS DATE) AS day,
       l.row_id, l.file_id, l.ts_epoch, l.screen, l.terminal, u.person AS detail, l.records
FROM logs l
JOIN systems s ON s.system = l.system AND s.holds_non_public
JOIN accounts a ON a.system = l.system AND a.account = l.account AND NOT a.is_disaster
JOIN account_users u ON u.system = l.system AND u.account = l.account
JOIN assignments g ON g.person = u.person AND g.side = 'competitive'
                  AND (g.from_day IS NULL OR g.from_day <= l.day)
                  AND (g.to_day IS NULL OR l.day <= g.to_day)
WHERE l.action IN ('view', 'search', 'export', 'print')
