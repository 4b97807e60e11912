"""Growth across job families: when a move into another family is still upskilling."""

from __future__ import annotations

from ..graph import SkillGraph
from ..results import Growth
from ._index import Index
from ._ladder import FIELD_MANAGER, ladder
from .explain import family_label, promotion_rule
from .viability import Mobility

__all__ = ["across", "growth"]


def across(g: SkillGraph, ix: Index, mob: Mobility, a: int, b: int) -> tuple[str, str] | None:
    """(the growth rule, label of ``b``'s family) when ``a -> b`` is growth into another
    job family (upskilling across the family boundary): a viable promotion
    (``Mobility.viable_promotion``) or a viable step up ``a``'s own line
    (``_ladder.Ladder.grows``: a supervisor or manager of its line, the manager of its
    field, a more senior role of its occupational group); else None."""
    if mob.family[a] == mob.family[b]:
        return None
    if mob.viable_promotion(a, b):
        return promotion_rule(str(mob.group[a])), family_label(g, ix, mob, b)
    why = ladder(g, ix).grows(mob, a, b)
    return None if why is None else (why, family_label(g, ix, mob, b))


def growth(g: SkillGraph, ix: Index, mob: Mobility, a: int, b: int) -> Growth | None:
    """How ``a -> b`` grows (``Plan.growth``): ``"family"`` up inside ``a``'s job family,
    ``"promotion"`` a viable promotion into another family, ``"field-manager"`` the
    manager of ``a``'s field in another family (``_ladder.FIELD_MANAGER``), ``"line"``
    another step up ``a``'s own line into another family (`across`); None when ``b`` is
    not more senior or the move is no growth."""
    if mob.seniority[b] <= mob.seniority[a]:
        return None
    if mob.family[a] == mob.family[b]:
        return "family"
    if mob.viable_promotion(a, b):
        return "promotion"
    lad = ladder(g, ix)
    if lad.grows(mob, a, b) is None:
        return None
    return "field-manager" if lad.tier(mob, a, b)[0] == FIELD_MANAGER else "line"
