"""Type B: rights granted for disaster response (非常災害時対応の権限付与), rules B-01 … B-07."""

from __future__ import annotations
