"""Type A: access control of shared systems (共用システムのアクセス制御), rules A-01 … A-10."""

from __future__ import annotations
