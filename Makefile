# One target runs everything CI runs: lint, format, types, layer contracts, tests.
PY ?= python

.PHONY: check lint types test format

check: lint types test

lint:
	$(PY) -m ruff check auditctl tests bench examples
	$(PY) -m ruff format --check auditctl tests bench examples

types:
	$(PY) -m mypy
	lint-imports

test:
	$(PY) -m pytest -q

format:
	$(PY) -m ruff format auditctl tests bench examples
	$(PY) -m ruff check --fix auditctl tests bench examples
