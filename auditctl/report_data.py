"""Plain data the richer renderers need, computed once from the catalog and the model:
each selected rule's texts in both languages, and the masking matrix of each non-public system."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from auditctl.catalog import Catalog, Text
from auditctl.model.model import Model
from auditctl.model.terms import Terms
from auditctl.places import Place
from auditctl.report import Bilingual, GridRow, MaskingGrid, RuleInfo
from auditctl.severity import Severity


def _bi(text: Text) -> Bilingual:
    return Bilingual(text.ja, text.en)


def rule_infos(
    cat: Catalog, ids: Iterable[str], overrides: Mapping[str, Severity]
) -> dict[str, RuleInfo]:
    """The selected rules, by ID, with the severity auditctl.yaml gives them."""
    out: dict[str, RuleInfo] = {}
    for rule_id in ids:
        meta = cat.rules[rule_id]
        out[rule_id] = RuleInfo(
            id=meta.id,
            typology=meta.typology,
            severity=overrides.get(rule_id) or meta.severity,
            title=_bi(meta.title),
            condition=_bi(meta.condition),
            remediation=_bi(meta.remediation),
            basis=tuple(
                _bi(cat.basis[c].citation) if c in cat.basis else Bilingual(c, c)
                for c in meta.basis
            ),
            help_uri=meta.help_uri or None,
        )
    return out


def masking_grids(model: Model, terms: Terms) -> list[MaskingGrid]:
    """One grid per non-public system that has a matrix: rows in the order the matrix declares
    them (first declaration wins), columns the system's roles in the roles dataset's order."""
    grids: list[MaskingGrid] = []
    for system in model.systems.values():
        if not system.holds_non_public:
            continue
        rows = _rows(model, system.id)
        if not rows:
            continue
        cells: dict[tuple[str, str, str], tuple[str, Place]] = {}
        for c in model.cells:
            if c.system == system.id:
                cells.setdefault((c.screen, c.field, c.role), (c.access.value, c.src.place(c.key)))
        roles = [r.id for r in model.roles.values() if r.system == system.id]
        roles += sorted({role for (_, _, role) in cells} - set(roles))
        grid_rows = []
        for screen_id, field_id, place in rows:
            screen = system.screens.get(screen_id)
            grid_rows.append(
                GridRow(
                    screen=screen_id,
                    screen_name=screen.name if screen else screen_id,
                    field=field_id,
                    field_label=Bilingual(
                        model.field_label(field_id, "ja"), model.field_label(field_id, "en")
                    ),
                    place=place,
                    cells=tuple(
                        cells.get((screen_id, field_id, role), (None, None)) for role in roles
                    ),
                )
            )
        grids.append(
            MaskingGrid(
                system=system.id,
                system_name=system.name,
                roles=tuple(roles),
                role_names=tuple(model.roles[r].name if r in model.roles else r for r in roles),
                competitive=tuple(r for r in roles if r in terms.competitive_roles),
                rows=tuple(grid_rows),
            )
        )
    return grids


def _rows(model: Model, system_id: str) -> list[tuple[str, str, Place]]:
    seen: dict[tuple[str, str], Place] = {}
    for row in model.matrix:
        if row.system == system_id:
            seen.setdefault((row.screen, row.field), row.src.place("field"))
    return [(screen, field, place) for (screen, field), place in seen.items()]
