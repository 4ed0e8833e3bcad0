"""Renderers: one module per output format, each a function of the report alone."""

from __future__ import annotations

FORMATS: tuple[str, ...] = ("table", "json", "sarif", "junit", "csv", "xlsx", "markdown", "html")
AVAILABLE: tuple[str, ...] = FORMATS
