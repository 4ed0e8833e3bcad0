"""checklists/*.yaml → rule metadata, basis citations, the field catalog and the questionnaire."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from auditctl.i18n import Lang
from auditctl.resources import data_dir
from auditctl.severity import Severity

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Text:
    """A text in both languages."""

    ja: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.ja if lang == "ja" else self.en

    @staticmethod
    def of(value: Any) -> Text:
        if isinstance(value, dict):
            return Text(str(value.get("ja", "")).strip(), str(value.get("en", "")).strip())
        return Text(str(value or ""), str(value or ""))


@dataclass(frozen=True, slots=True)
class Basis:
    code: str
    citation: Text
    kind: str
    text: str | None
    note: Text | None


@dataclass(frozen=True, slots=True)
class RuleMeta:
    id: str
    typology: str
    severity: Severity
    subject: str
    args: tuple[str, ...]
    title: Text
    message: Text
    condition: Text
    basis: tuple[str, ...]
    remediation: Text
    help_uri: str | None


@dataclass(frozen=True, slots=True)
class BuiltinField:
    id: str
    label: str
    label_en: str
    aliases: tuple[str, ...]
    cls: str


@dataclass(frozen=True, slots=True)
class QuestionItem:
    id: str
    question: Text
    evidence: Text
    basis: tuple[str, ...]
    severity: Severity


@dataclass(frozen=True, slots=True)
class Catalog:
    rules: dict[str, RuleMeta]
    basis: dict[str, Basis]
    classes: dict[str, tuple[int, Text]]
    fields: tuple[BuiltinField, ...]
    questionnaire: tuple[QuestionItem, ...]
    digest: str

    def class_rank(self, cls: str) -> int:
        return self.classes[cls][0] if cls in self.classes else 99

    def citations(self, rule: RuleMeta, lang: Lang) -> list[str]:
        return [self.basis[c].citation.get(lang) if c in self.basis else c for c in rule.basis]


def _read(name: str, digest: Any) -> Any:
    data = (data_dir("checklists") / name).read_bytes()
    digest.update(name.encode() + b"\0" + data)
    return yaml.load(data, Loader=_Loader)


@cache
def catalog() -> Catalog:
    """The shipped catalog, read once per process."""
    h = hashlib.sha256()
    rules_doc = _read("rules.yaml", h)
    basis_doc = _read("basis.yaml", h)
    fields_doc = _read("fields.yaml", h)
    q_doc = _read("questionnaire.yaml", h)
    rules = {
        r["id"]: RuleMeta(
            id=r["id"],
            typology=str(r["typology"]),
            severity=Severity(r["severity"]),
            subject=r.get("subject", ""),
            args=tuple(r.get("args", [])),
            title=Text.of(r["title"]),
            message=Text.of(r["message"]),
            condition=Text.of(r.get("condition")),
            basis=tuple(r.get("basis", [])),
            remediation=Text.of(r.get("remediation")),
            help_uri=r.get("help_uri"),
        )
        for r in rules_doc["rules"]
    }
    basis = {
        code: Basis(
            code=code,
            citation=Text(str(b.get("ja", code)), str(b.get("en", code))),
            kind=str(b.get("kind", "")),
            text=b.get("text"),
            note=Text.of(b["note"]) if b.get("note") else None,
        )
        for code, b in basis_doc["basis"].items()
    }
    classes = {k: (int(v["rank"]), Text.of(v)) for k, v in fields_doc["classes"].items()}
    fields = tuple(
        BuiltinField(
            id=f["id"],
            label=f["label"],
            label_en=f.get("label_en", f["id"]),
            aliases=tuple(f.get("aliases", [])),
            cls=f["class"],
        )
        for f in fields_doc["fields"]
    )
    items = tuple(
        QuestionItem(
            id=q["id"],
            question=Text.of(q["question"]),
            evidence=Text.of(q.get("evidence")),
            basis=tuple(q.get("basis", [])),
            severity=Severity(q["severity"]),
        )
        for q in q_doc["items"]
    )
    return Catalog(rules, basis, classes, fields, items, h.hexdigest())
