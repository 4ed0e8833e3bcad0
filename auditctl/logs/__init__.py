"""Access logs: discovery, the bundle tables, the SQL engine that runs the L rules' queries.

Nothing here is imported by the rules: they receive `auditctl.logs.results` (plain data) on the
Context. The SQL engine (DuckDB) is imported only when logs are present.
"""
