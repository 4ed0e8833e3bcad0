"""Type C3: IDs and passwords (ID・パスワード管理), rules C3-01 … C3-10."""

from __future__ import annotations
