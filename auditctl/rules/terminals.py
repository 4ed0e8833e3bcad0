"""Type C2: terminals (端末管理), rules C2-01 … C2-06."""

from __future__ import annotations
