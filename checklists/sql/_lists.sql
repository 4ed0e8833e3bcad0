-- The screens, terminals and details of each subject: the first 20 of each, and how many.
SELECT s1, s2, day, kind, value, total
FROM (
  SELECT s1, s2, day, kind, value,
         ROW_NUMBER() OVER (PARTITION BY s1, s2, day, kind ORDER BY value) AS rn,
         COUNT(*) OVER (PARTITION BY s1, s2, day, kind) AS total
  FROM (
    SELECT DISTINCT s1, s2, day, 'screen' AS kind, screen AS value FROM hits WHERE screen IS NOT NULL
    UNION ALL
    SELECT DISTINCT s1, s2, day, 'terminal' AS kind, terminal AS value FROM hits WHERE terminal IS NOT NULL
    UNION ALL
    SELECT DISTINCT s1, s2, day, 'detail' AS kind, detail AS value FROM hits WHERE detail IS NOT NULL
  ) v
) r
WHERE rn <= 20
