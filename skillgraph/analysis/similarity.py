"""Roles ranked by the similarity of their weighted skill profiles."""

from __future__ import annotations

from ..graph import SkillGraph
from ..results import Match
from ._index import Index, check_k, index, resolve_role, top_k

__all__ = ["similar_roles"]

_EVIDENCE_SKILLS = 5


def similar_roles(g: SkillGraph, role: str, k: int = 10) -> list[Match]:
    """The ``k`` roles closest to ``role`` by the similarity of their weighted skill profiles.

    A profile weighs each requirement by importance, essential flag and skill rarity, adds
    the skill hierarchy above those skills, and is compared both directly (cosine) and in a
    latent space learnt from skill co-occurrence (see `skillgraph.analysis._index`);
    only skills are used. Roles sharing no skill are left out; ties are broken
    by id. Each match lists ``shared`` skills (by decreasing weight), ``missing`` skills (the
    match's requirements the query role lacks) and short evidence.

    Raises:
        NotFoundError: the role cannot be resolved.
        InvalidValueError: ``k`` is negative.
    """
    check_k(k)
    ix = index(g)
    r = resolve_role(g, ix, role)
    scores = ix.similarities(r)
    scores[r] = -1.0
    best = top_k(scores, k)
    best = best[scores[best] > 0]
    return [_match(g, ix, r, int(o), float(scores[o])) for o in best]


def _match(g: SkillGraph, ix: Index, r: int, o: int, score: float) -> Match:
    mine = set(ix.role_skills[r].tolist())
    theirs = ix.role_skills[o].tolist()
    weights = ix.role_weights[o].tolist()
    ranked = sorted(zip(theirs, weights, strict=True), key=lambda sw: (-sw[1], sw[0]))
    shared = [ix.skill_ids[s] for s, _ in ranked if s in mine]
    missing = [ix.skill_ids[s] for s, _ in ranked if s not in mine]
    skills = g.skills
    top = ", ".join(skills[s].label for s in shared[:_EVIDENCE_SKILLS])
    evidence = [
        f"shares {len(shared)} of {len(theirs)} required skills"
        + (f" (e.g. {top})" if top else ""),
        f"similarity of weighted skill profiles {score:.3f}",
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
    )
