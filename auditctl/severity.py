"""Severities and typologies: the fixed vocabularies every layer shares."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is graver: critical 4 … info 0."""
        return _RANK[self]


_RANK = {
    Severity.CRITICAL: 4,
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}
SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)
FAIL_ON_CHOICES: tuple[str, ...] = (*SEVERITIES, "none")
TYPOLOGIES: tuple[str, ...] = ("A", "B", "C1", "C2", "C3", "L", "Q", "W")

SEVERITY_LABELS: dict[str, tuple[str, str]] = {
    "critical": ("重大", "critical"),
    "high": ("高", "high"),
    "medium": ("中", "medium"),
    "low": ("低", "low"),
    "info": ("情報", "info"),
}
TYPOLOGY_LABELS: dict[str, tuple[str, str]] = {
    "A": ("A 共用システムのアクセス制御", "A Access control of shared systems"),
    "B": ("B 非常災害時対応の権限付与", "B Disaster-response access"),
    "C1": ("C① 委託先", "C1 Contractors"),
    "C2": ("C② 端末管理", "C2 Terminals"),
    "C3": ("C③ ID・パスワード管理", "C3 IDs and passwords"),
    "L": ("L アクセスログ分析", "L Access-log analysis"),
    "Q": ("Q 自己点検", "Q Self-inspection questionnaire"),
    "W": ("W 例外承認", "W Waivers"),
}
