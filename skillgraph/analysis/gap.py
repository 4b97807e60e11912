"""Skill gap of a person against a role: matched and missing skills, weighted coverage."""

from __future__ import annotations

import math
from collections.abc import Iterable

from .._trusted import construct
from ..graph import SkillGraph
from ..results import Gap, GapItem
from ._index import index, resolve_role, resolve_skills

__all__ = ["gap"]


def gap(g: SkillGraph, role: str, have: Iterable[str] | None = ()) -> Gap:
    """Matched and missing skills of ``role`` for someone holding ``have``.

    Each requirement weighs ``importance x rarity``; ``coverage`` is the weighted share held
    (``1.0`` for a role without requirements; the unweighted share when every weight is 0),
    so it is 1 exactly when every requirement is held and never decreases as skills are
    added. ``matched`` and ``missing`` list essential skills first, then by decreasing
    weight, then by id.

    Raises:
        NotFoundError: the role or a skill of ``have`` cannot be resolved.
    """
    ix = index(g, profiles=False)
    r = resolve_role(g, ix, role)
    held = set(resolve_skills(g, ix, have))
    idx = ix.role_skills[r].tolist()
    weights = ix.role_weights[r].tolist()
    essential = ix.role_essential[r].tolist()
    rid = ix.role_ids[r]
    importance = ix.role_importance(r).tolist()
    label = g.label
    items: list[tuple[bool, GapItem]] = []
    for s, w, e, imp in zip(idx, weights, essential, importance, strict=True):
        sid = ix.skill_ids[s]
        items.append(
            (
                s in held,
                construct(  # plain values of the index and the store: valid as they are
                    GapItem,
                    {
                        "skill": sid,
                        "label": label(sid),
                        "essential": bool(e),
                        "importance": float(imp),
                        "weight": float(w),
                    },
                ),
            )
        )
    coverage = _share([w for (h, _), w in zip(items, weights, strict=True) if h], weights)
    ess_w = [w for w, e in zip(weights, essential, strict=True) if e]
    ess_held = [w for (h, _), w, e in zip(items, weights, essential, strict=True) if h and e]
    essential_coverage = _share(ess_held, ess_w)
    items.sort(key=lambda hi: (not hi[1].essential, -hi[1].weight, hi[1].skill))
    matched = [it for h, it in items if h]
    missing = [it for h, it in items if not h]
    return Gap(
        role=rid,
        label=g.roles[rid].label,
        matched=[it.skill for it in matched],
        missing=[it.skill for it in missing],
        coverage=coverage,
        essential_coverage=essential_coverage,
        details=matched + missing,
    )


def _share(held: list[float], every: list[float]) -> float:
    """``fsum(held) / fsum(every)`` in [0, 1]; 1 for nothing required; by count if weightless."""
    if not every:
        return 1.0
    total = math.fsum(every)
    if total <= 0:
        return len(held) / len(every)
    return min(1.0, math.fsum(held) / total)
