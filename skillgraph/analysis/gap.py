"""Skill gap of a person against a role: matched and missing skills, weighted coverage."""

from __future__ import annotations

import math
from collections.abc import Iterable

from .._store import store_of
from .._trusted import construct, construct_rows
from ..graph import SkillGraph
from ..results import Gap, GapItem
from ._gap_credit import HOW, gap_index
from ._index import covered_mask, index, resolve_role, resolve_skills

__all__ = ["gap"]

_ITEM_FIELDS = ("skill", "label", "essential", "importance", "weight", "covered_by", "note")


def gap(g: SkillGraph, role: str, have: Iterable[str] | None = ()) -> Gap:
    """Matched and missing skills of ``role`` for someone holding ``have``.

    Each requirement weighs ``importance x rarity``; a rated one (a ``scale`` recorded:
    O*NET's Skills and Knowledge) ``(1 + importance) x sqrt(rarity)``; the technology
    titles of one tool class weigh, together, the role's average other requirement
    (``analysis._gap_credit``). A requirement is matched when
    held, or when it is a title of a tool class of which the person holds a title (its
    ``covered_by`` and ``note`` say which: "covered by Microsoft Excel (same tool
    class)"). ``coverage`` is the weighted share matched (``1.0`` for a role without
    requirements; the unweighted share when every weight is 0), so it is 1 exactly when
    nothing is missing and never decreases as skills are added. ``matched`` and
    ``missing`` list essential skills first, then by decreasing weight, then by id.
    ``essential_coverage`` is the same share over the essential requirements, None when
    the role has none.

    ``labels`` holds the label of the role and of every skill named.

    Raises:
        NotFoundError: the role or a skill of ``have`` cannot be resolved.
    """
    ix = index(g, profiles=False)
    r = resolve_role(g, ix, role)
    gi = gap_index(g)
    held, via = gi.covered(ix, r, covered_mask(ix, resolve_skills(g, ix, have)))
    idx = ix.role_skills[r].tolist()
    weights = gi.role_weights(r).tolist()
    essential = ix.role_essential[r].tolist()
    rid = ix.role_ids[r]
    importance = ix.role_importance(r).tolist()
    sids = [ix.skill_ids[s] for s in idx]
    vias = via.tolist()
    others = sorted({v for v in vias if v >= 0} - set(idx))  # covering titles not required
    ids = [rid, *sids, *(ix.skill_ids[v] for v in others)]
    names = store_of(g).labels(ids)
    label_of = dict(zip([*idx, *others], names[1:], strict=True))
    rows = sorted(  # plain values of the index and the store: valid as they are
        (
            (
                h,
                sid,
                name,
                bool(e),
                float(imp),
                float(w),
                ix.skill_ids[v] if v >= 0 else None,
                f"covered by {label_of[v]} ({HOW})" if v >= 0 else "",
            )
            for sid, name, w, e, imp, h, v in zip(
                sids,
                names[1 : len(sids) + 1],
                weights,
                essential,
                importance,
                held.tolist(),
                vias,
                strict=True,
            )
        ),
        key=lambda row: (not row[3], -row[5], row[1]),
    )
    # a row held first, then the values of a GapItem's fields, as `_ITEM_FIELDS` names them
    matched = [row[1:] for row in rows if row[0]]
    missing = [row[1:] for row in rows if not row[0]]
    coverage = _share([m[4] for m in matched], weights)
    vital = [r[5] for r in rows if r[3]]  # None, not a vacuous 100%, without any essential
    essential_coverage = _share([m[4] for m in matched if m[2]], vital) if vital else None
    return construct(  # plain values too; ``labels`` as `SkillGraph` adds them: of every id named
        Gap,
        {
            "role": rid,
            "label": names[0],
            "matched": [m[0] for m in matched],
            "missing": [m[0] for m in missing],
            "coverage": coverage,
            "essential_coverage": essential_coverage,
            "details": construct_rows(GapItem, _ITEM_FIELDS, matched + missing),
            "labels": dict(sorted(zip(ids, names, strict=True))),
        },
    )


def _share(held: list[float], every: list[float]) -> float:
    """``fsum(held) / fsum(every)`` in [0, 1]; 1 for nothing required; by count if weightless."""
    if not every:
        return 1.0
    total = math.fsum(every)
    if total <= 0:
        return len(held) / len(every)
    return min(1.0, math.fsum(held) / total)
