-- The first three flagged rows of each subject, in time order: the finding's places.
SELECT s1, s2, day, file_id, row_id, ts_epoch
FROM (
  SELECT s1, s2, day, file_id, row_id, ts_epoch,
         ROW_NUMBER() OVER (PARTITION BY s1, s2, day ORDER BY ts_epoch, row_id) AS rn
  FROM (SELECT DISTINCT s1, s2, day, file_id, row_id, ts_epoch FROM hits) d
) r
WHERE rn <= 3
