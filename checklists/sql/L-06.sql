-- L-06: an account accessed after a user's left_on (from the next day).
SELECT l.system AS s1, l.account AS s2, CAST(NULL AS DATE) AS day,
       l.row_id, l.file_id, l.ts_epoch, l.screen, l.terminal, u.person AS detail, l.records
FROM logs l
JOIN systems s ON s.system = l.system AND s.holds_non_public
JOIN account_users u ON u.system = l.system AND u.account = l.account
JOIN people p ON p.person = u.person AND p.left_on IS NOT NULL AND l.day > p.left_on
WHERE l.action IN ('view', 'search', 'export', 'print')
