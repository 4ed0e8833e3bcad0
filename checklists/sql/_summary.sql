-- One line per subject of a rule's flagged rows (the table `hits`): how many rows, when.
SELECT s1, s2, day, COUNT(*) AS n, MIN(ts_epoch) AS first_epoch, MAX(ts_epoch) AS last_epoch,
       SUM(COALESCE(records, 0)) AS records
FROM (SELECT DISTINCT s1, s2, day, row_id, ts_epoch, records FROM hits) d
GROUP BY s1, s2, day
