-- L-02: access from a terminal assigned to a competitive unit, or standing at a location
-- with a competitive unit.
SELECT l.terminal AS s1, CAST(NULL AS VARCHAR) AS s2, CAST(NULL AS DATE) AS day,
       l.row_id, l.file_id, l.ts_epoch, l.screen, l.terminal, CAST(NULL AS VARCHAR) AS detail,
       l.records
FROM logs l
JOIN systems s ON s.system = l.system AND s.holds_non_public
JOIN terminals t ON t.terminal = l.terminal
WHERE l.action IN ('view', 'search', 'export', 'print')
  AND (t.assigned_side = 'competitive'
       OR EXISTS (SELECT 1 FROM location_units lu
                  WHERE lu.location = t.location AND lu.side = 'competitive'))
