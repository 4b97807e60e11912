"""Growth across job families: when a move into another family is still upskilling."""

from __future__ import annotations

from ..graph import SkillGraph
from ._index import Index
from ._ladder import ladder
from .explain import family_label, promotion_rule
from .viability import Mobility

__all__ = ["across"]


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
