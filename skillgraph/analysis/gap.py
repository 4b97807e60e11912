"""Skill gap of a person against a role: matched and missing skills, weighted coverage."""

from __future__ import annotations

import math
from collections.abc import Iterable

from .._store import store_of
from .._trusted import construct, construct_rows
from ..graph import SkillGraph
from ..results import Gap, GapItem
from ._gap_credit import gap_index
from ._index import covered_mask, index, resolve_role, resolve_skills

__all__ = ["gap"]

_ITEM_FIELDS = (
    "skill",
    "label",
    "essential",
    "importance",
    "weight",
    "credit",
    "covered_by",
    "note",
)


def gap(g: SkillGraph, role: str, have: Iterable[str] | None = ()) -> Gap:
    """Matched and missing skills of ``role`` for someone holding ``have``.

    Each requirement weighs ``importance x rarity``, the technology titles of one tool
    class sharing one weight and all technology at most ``TECHNOLOGY_SHARE`` of a role
    that has other requirements (``analysis._gap_credit``). ``coverage`` is the weighted
    share covered: a requirement held, or a title of whose tool class one is held, counts
    whole (it is matched); one not held counts by its credit from a held skill one
    hierarchy step narrower (``NARROWER_CREDIT``) or broader (``BROADER_CREDIT``), each
    held skill crediting one requirement (its ``note`` says so: "covered by SQL
    (narrower)"). ``1.0`` for a role without requirements; by count when every weight is
    0. So it is 1 exactly when nothing is missing and never decreases as skills are added.
    ``matched`` and ``missing`` list essential skills first, then by decreasing weight,
    then by id.

    ``labels`` holds the label of the role and of every skill named.

    Raises:
        NotFoundError: the role or a skill of ``have`` cannot be resolved.
    """
    ix = index(g, profiles=False)
    r = resolve_role(g, ix, role)
    gi = gap_index(g)
    credit, via, how = gi.credits(ix, r, covered_mask(ix, resolve_skills(g, ix, have)))
    idx = ix.role_skills[r].tolist()
    weights = gi.role_weights(r).tolist()
    essential = ix.role_essential[r].tolist()
    rid = ix.role_ids[r]
    importance = ix.role_importance(r).tolist()
    sids = [ix.skill_ids[s] for s in idx]
    vias = via.tolist()
    sources = sorted({v for v in vias if v >= 0})
    names = store_of(g).labels([rid, *sids, *(ix.skill_ids[v] for v in sources)])
    source_of = dict(zip(sources, names[1 + len(sids) :], strict=True))
    rows = sorted(  # plain values of the index and the store: valid as they are
        (
            (
                c == 1.0,
                sid,
                name,
                bool(e),
                float(imp),
                float(w),
                c,
                ix.skill_ids[v] if v >= 0 else None,
                f"covered by {source_of[v]} ({h})" if v >= 0 else "",
            )
            for sid, name, w, e, imp, c, v, h in zip(
                sids,
                names[1 : 1 + len(sids)],
                weights,
                essential,
                importance,
                credit.tolist(),
                vias,
                how,
                strict=True,
            )
        ),
        key=lambda row: (not row[3], -row[5], row[1]),
    )
    # a row held first, then the values of a GapItem's fields, as `_ITEM_FIELDS` names them
    matched = [row[1:] for row in rows if row[0]]
    missing = [row[1:] for row in rows if not row[0]]
    coverage = _share([(row[5], row[6]) for row in rows])
    essential_coverage = _share([(row[5], row[6]) for row in rows if row[3]])
    named = [rid, *sids, *(ix.skill_ids[v] for v in sources)]
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
            "labels": dict(sorted(zip(named, names, strict=True))),
        },
    )


def _share(rows: list[tuple[float, float]]) -> float:
    """The credited share of (weight, credit) ``rows``, ``fsum(w x c) / fsum(w)`` in [0, 1];
    1 for nothing required; the mean credit if weightless."""
    if not rows:
        return 1.0
    total = math.fsum(w for w, _ in rows)
    if total <= 0:
        return math.fsum(c for _, c in rows) / len(rows)
    return min(1.0, math.fsum(w * c for w, c in rows) / total)
