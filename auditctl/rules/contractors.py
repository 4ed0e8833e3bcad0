"""Type C1: contractors and data flows (委託先からの情報漏えい), rules C1-01 … C1-06."""

from __future__ import annotations
