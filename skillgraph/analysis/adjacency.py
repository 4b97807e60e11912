"""Skills adjacent to a set of skills, and shortest paths between two skills.

Adjacency combines four signals over the skills graph:

- **co-requirement**: cosine between the set of roles requiring a candidate and the set of
  roles requiring any of the given skills;
- **related**: declared related edges (either direction);
- **hierarchy**: a direct broader/narrower skill;
- **siblings**: skills under a common broader skill or skill group (a parent with ``n``
  children contributes ``1 / sqrt(n)``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from .._store import cached
from ..errors import NotFoundError
from ..graph import SkillGraph
from ..results import Match
from ._index import FloatArray, Index, IntArray, check_k, index, resolve_skills, top_k

__all__ = [
    "Adjacency",
    "adjacency",
    "adjacency_rows",
    "adjacency_scores",
    "adjacent_skills",
    "skill_path",
]

RELATED_WEIGHT = 0.5
HIERARCHY_WEIGHT = 0.3
SIBLING_WEIGHT = 0.2
_EVIDENCE_MAX = 6


@dataclass(eq=False)
class Adjacency:
    """Sparse skill x skill declared adjacency (related, hierarchy) and skill x parent."""

    R: sp.csr_matrix
    """Related edges, symmetric, 1 per pair."""
    H: sp.csr_matrix
    """Direct skill-to-skill broader/narrower edges, symmetric."""
    P: sp.csr_matrix
    """Skill x parent (broader skill or group) incidence, scaled by 1 / sqrt(children)."""
    PT: sp.csr_matrix
    parent_ids: list[str]


def adjacency(g: SkillGraph) -> Adjacency:
    """The declared adjacency matrices of ``g`` (built once per graph version)."""
    return cached(g, "analysis_adjacency", _build)


def _build(g: SkillGraph) -> Adjacency:
    ix = index(g)
    n = ix.n_skills
    pos = ix.skill_pos
    rr: list[int] = []
    rc: list[int] = []
    for e in g.iter_related():
        a, b = pos[e.skill], pos[e.related]
        rr += [a, b]
        rc += [b, a]
    r_m = _binary(rr, rc, (n, n))
    hr: list[int] = []
    hc: list[int] = []
    parents: dict[str, list[int]] = {}
    for b_edge in g.iter_broader():
        if b_edge.narrower not in pos:
            continue
        parents.setdefault(b_edge.broader, []).append(pos[b_edge.narrower])
        if b_edge.broader in pos:
            a, b = pos[b_edge.narrower], pos[b_edge.broader]
            hr += [a, b]
            hc += [b, a]
    h_m = _binary(hr, hc, (n, n))
    parent_ids = sorted(parents)
    pr: list[int] = []
    pc: list[int] = []
    pv: list[float] = []
    for j, p in enumerate(parent_ids):
        kids = parents[p]
        for s in kids:
            pr.append(s)
            pc.append(j)
            pv.append(1.0 / math.sqrt(len(kids)))
    p_m = sp.csr_matrix((pv, (pr, pc)), shape=(n, len(parent_ids)))
    return Adjacency(R=r_m, H=h_m, P=p_m, PT=sp.csr_matrix(p_m.T), parent_ids=parent_ids)


def _binary(rows: list[int], cols: list[int], shape: tuple[int, int]) -> sp.csr_matrix:
    m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    m.data[:] = 1.0  # duplicates summed: back to 1
    return m


def adjacency_scores(ix: Index, adj: Adjacency, given: list[int]) -> FloatArray:
    """Adjacency score of every skill to the set ``given`` (the given skills included)."""
    n = ix.n_skills
    f = np.zeros(n)
    if not given:
        return f
    f[np.asarray(given, dtype=np.int64)] = 1.0
    roles = (ix.B @ f) > 0
    n_roles = int(roles.sum())
    score = np.zeros(n)
    if n_roles:
        co = ix.BT @ roles.astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.where(ix.df > 0, co / np.sqrt(np.maximum(ix.df, 1) * n_roles), 0.0)
    score = score + RELATED_WEIGHT * (adj.R @ f) + HIERARCHY_WEIGHT * (adj.H @ f)
    sib = adj.P @ (adj.PT @ f)
    score = score + SIBLING_WEIGHT * np.minimum(sib, 1.0)
    out: FloatArray = score
    return out


def adjacency_rows(ix: Index, adj: Adjacency, given: FloatArray, rows: IntArray) -> FloatArray:
    """``adjacency_scores`` of the skills at ``rows`` only (``given``: 0/1 per skill)."""
    out = np.zeros(len(rows))
    if not len(rows) or not given.any():
        return out
    roles = ((ix.B @ given) > 0).astype(np.float64)
    n_roles = int(roles.sum())
    if n_roles:
        co = _rows_dot(ix.BT, rows, roles)
        df = ix.df[rows]
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(df > 0, co / np.sqrt(np.maximum(df, 1) * n_roles), 0.0)
    out = out + RELATED_WEIGHT * _rows_dot(adj.R, rows, given)
    out = out + HIERARCHY_WEIGHT * _rows_dot(adj.H, rows, given)
    sib = _rows_dot(adj.P, rows, adj.PT @ given)
    result: FloatArray = out + SIBLING_WEIGHT * np.minimum(sib, 1.0)
    return result


def _rows_dot(m: sp.csr_matrix, rows: IntArray, v: FloatArray) -> FloatArray:
    """``(m @ v)[rows]`` without computing the other rows."""
    starts = m.indptr[rows].astype(np.int64)
    lens = m.indptr[rows + 1].astype(np.int64) - starts
    total = int(lens.sum())
    if not total:
        return np.zeros(len(rows))
    offsets = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(total)
    vals = m.data[offsets] * v[m.indices[offsets]]
    out = np.bincount(np.repeat(np.arange(len(rows)), lens), weights=vals, minlength=len(rows))
    return np.asarray(out, dtype=np.float64)


def adjacent_skills(g: SkillGraph, skills: str | Iterable[str], k: int = 10) -> list[Match]:
    """The ``k`` skills most adjacent to ``skills``, best first (ties by id).

    The given skills are excluded. Each match's ``shared`` lists the given skills it connects
    to; ``evidence`` says how (co-required in N roles, related, broader/narrower, sibling).

    Raises:
        NotFoundError: a skill cannot be resolved.
        InvalidValueError: ``k`` is negative.
    """
    check_k(k)
    ix = index(g)
    adj = adjacency(g)
    given = resolve_skills(g, ix, skills)
    scores = adjacency_scores(ix, adj, given)
    if given:
        scores[np.asarray(given, dtype=np.int64)] = -1.0
    best = top_k(scores, k)
    best = best[scores[best] > 0]
    return [_match(g, ix, adj, given, int(j), float(scores[j])) for j in best]


def _match(
    g: SkillGraph, ix: Index, adj: Adjacency, given: list[int], j: int, score: float
) -> Match:
    roles_j = set(ix.BT.indices[ix.BT.indptr[j] : ix.BT.indptr[j + 1]].tolist())
    rel = set(adj.R.indices[adj.R.indptr[j] : adj.R.indptr[j + 1]].tolist())
    hier = set(adj.H.indices[adj.H.indptr[j] : adj.H.indptr[j + 1]].tolist())
    my_parents = set(adj.P.indices[adj.P.indptr[j] : adj.P.indptr[j + 1]].tolist())
    skills = g.skills
    shared: list[str] = []
    evidence: list[str] = []
    for s in given:
        sid = ix.skill_ids[s]
        label = skills[sid].label
        why: list[str] = []
        both = len(roles_j & set(ix.BT.indices[ix.BT.indptr[s] : ix.BT.indptr[s + 1]].tolist()))
        if both:
            why.append(f"co-required with {label} in {both} role{'s' if both > 1 else ''}")
        if s in rel:
            why.append(f"declared related to {label}")
        if s in hier:
            why.append(f"broader or narrower than {label}")
        common = my_parents & set(adj.P.indices[adj.P.indptr[s] : adj.P.indptr[s + 1]].tolist())
        if common:
            parent = adj.parent_ids[min(common)]
            why.append(f"sibling of {label} under {g.label(parent)}")
        if why:
            shared.append(sid)
            if len(evidence) < _EVIDENCE_MAX:
                evidence.append("; ".join(why))
    sid = ix.skill_ids[j]
    return Match(id=sid, label=skills[sid].label, score=score, shared=shared, evidence=evidence)


def _neighbours(ix: Index, adj: Adjacency, f: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(declared, co-required) neighbour indicators of the skills marked in ``f``."""
    declared = adj.R @ f + adj.H @ f + adj.P @ (adj.PT @ f)
    co = ix.BT @ (ix.B @ f)
    return declared, co


def skill_path(g: SkillGraph, source: str, target: str) -> list[str]:
    """A shortest path of skill ids from ``source`` to ``target`` (both included).

    Edges: declared related skills, direct broader/narrower skills, siblings under a common
    parent, and skills co-required by one role. Among equally short paths, each step back
    from the target prefers a declared edge, then the lowest id.

    Raises:
        NotFoundError: a skill cannot be resolved, or no path joins them.
    """
    ix = index(g)
    adj = adjacency(g)
    a = resolve_skills(g, ix, [source])[0]
    b = resolve_skills(g, ix, [target])[0]
    if a == b:
        return [ix.skill_ids[a]]
    n = ix.n_skills
    dist = np.full(n, -1, dtype=np.int64)
    dist[a] = 0
    frontier = np.zeros(n)
    frontier[a] = 1.0
    d = 0
    while dist[b] < 0:
        declared, co = _neighbours(ix, adj, frontier)
        new = ((declared > 0) | (co > 0)) & (dist < 0)
        if not new.any():
            raise NotFoundError(
                f"no skill path joins {ix.skill_ids[a]!r} and {ix.skill_ids[b]!r}",
                query=f"{source} -> {target}",
            )
        d += 1
        dist[new] = d
        frontier = new.astype(np.float64)
    path = [b]
    cur = b
    while d > 0:
        one = np.zeros(n)
        one[cur] = 1.0
        declared, co = _neighbours(ix, adj, one)
        prev_level = dist == d - 1
        cand: npt.NDArray[np.int64] = np.flatnonzero((declared > 0) & prev_level)
        if not len(cand):
            cand = np.flatnonzero((co > 0) & prev_level)
        cur = int(cand[0])
        path.append(cur)
        d -= 1
    return [ix.skill_ids[s] for s in reversed(path)]
