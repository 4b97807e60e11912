"""Roles ranked by similarity: a weighted mix of documented components."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from ..graph import SkillGraph
from ..results import Match
from ._index import (
    COMPONENTS,
    NOISE,
    Index,
    check_k,
    check_weights,
    covered_mask,
    index,
    resolve_role,
    top_k,
)

__all__ = ["offered", "similar_roles", "similarity_weights"]

_EVIDENCE_SKILLS = 5
_COMPONENT_TEXT = {
    "ratings": "rating profile",
    "skills": "required skills",
    "hierarchy": "skill groups",
    "latent": "co-occurring skills",
    "text": "titles and descriptions",
    "tools": "tools and technology",
}


def similarity_weights() -> dict[str, float]:
    """The default weight of each similarity component, in reporting order."""
    return check_weights(None)


def offered(ix: Index) -> npt.NDArray[np.bool_]:
    """The roles `similar_roles` may offer: those with at least one requirement. A role
    without any (O*NET has 93, unrated and without technology) has no skills to compare:
    a title or description alone would make it look similar."""
    out: npt.NDArray[np.bool_] = np.diff(ix.csr("W").indptr) > 0
    return out


def similar_roles(
    g: SkillGraph, role: str, k: int = 10, *, weights: Mapping[str, float] | None = None
) -> list[Match]:
    """The ``k`` roles most similar to ``role``.

    Similarity mixes the components described in docs/concepts.md ("ratings", "skills",
    "hierarchy", "latent", "text", "tools"; see ``similarity_weights``): each a cosine
    of two role profiles, weighted, averaged over the components both roles have data for.
    ``weights`` overrides the default weight of the components it names (0 removes one).
    Codes, clusters and the occupation hierarchy are never used. Roles scoring 0 are left
    out, and so are roles without requirements (`offered`: no skill evidence to compare);
    ties are broken by id. Each match lists ``shared`` skills (by decreasing weight),
    ``missing`` skills (the match's requirements the query role lacks), each component's
    contribution to the score (``components``) and short evidence.

    Raises:
        NotFoundError: the role cannot be resolved.
        InvalidValueError: ``k`` is negative, or ``weights`` names an unknown component or
            gives a negative weight.
    """
    check_k(k)
    w = check_weights(weights)
    ix = index(g)
    r = resolve_role(g, ix, role)
    parts = ix.component_scores(r)
    scores, den = ix.mix(r, parts, w)
    scores[r] = -1.0
    scores[~offered(ix)] = -1.0
    best = top_k(scores, k)
    best = best[scores[best] > 0]
    mine = covered_mask(ix, ix.role_skills[r].tolist())
    out = []
    for o in best.tolist():
        contrib = {
            name: (w[name] * _positive(float(parts[name][o])) / float(den[o]))
            if ix.has[name][o] and w[name] > 0
            else 0.0
            for name in COMPONENTS
            if name in parts
        }
        out.append(_match(g, ix, mine, o, float(scores[o]), contrib))
    return out


def _positive(cos: float) -> float:
    return cos if cos > NOISE else 0.0


def _match(
    g: SkillGraph,
    ix: Index,
    mine: npt.NDArray[np.bool_],
    o: int,
    score: float,
    contrib: dict[str, float],
) -> Match:
    theirs = ix.role_skills[o]
    ranked = theirs[np.lexsort((theirs, -ix.role_weights[o]))]
    held = mine[ranked]
    ids = ix.skill_ids
    shared = [ids[s] for s in ranked[held].tolist()]
    missing = [ids[s] for s in ranked[~held].tolist()]
    skills = g.skills
    top = ", ".join(skills[s].label for s in shared[:_EVIDENCE_SKILLS])
    evidence = [
        f"shares {len(shared)} of {len(theirs)} required skills"
        + (f" (e.g. {top})" if top else ""),
        f"similarity {score:.3f}: "
        + ", ".join(
            f"{_COMPONENT_TEXT[n]} {c:.3f}"
            for n, c in sorted(contrib.items(), key=lambda nc: (-nc[1], nc[0]))
            if c > 0
        ),
    ]
    if missing:
        evidence.append(f"needs {len(missing)} skills the query role does not require")
    oid = ix.role_ids[o]
    return Match(
        id=oid,
        label=g.roles[oid].label,
        score=score,
        shared=shared,
        missing=missing,
        evidence=evidence,
        components=contrib,
    )
