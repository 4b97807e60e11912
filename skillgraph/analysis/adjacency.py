"""Skills adjacent to a set of skills, and shortest paths between two skills.

Adjacency combines four signals over the skills graph (``skill_path`` walks the same four
relations, cheapest first; see its docstring):

- **co-requirement**: ``adjacent_skills`` (``specific_scores``) takes the share of the
  roles requiring any of the given skills that also require a candidate, weighted by the
  candidate's inverse role frequency (TF-IDF-like), so a skill nearly every role requires
  scores about 0 whatever its count; ``adjacency_scores`` and ``adjacency_rows`` (the order
  of a learning plan) keep the plain cosine between the two role sets;
- **related**: declared related edges (either direction);
- **hierarchy**: a direct broader/narrower skill;
- **siblings**: skills under a common broader skill or skill group (a parent with ``n``
  children contributes ``1 / sqrt(n)``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

import numpy as np

from .._store import cached, store_of
from ..errors import NotFoundError
from ..graph import SkillGraph
from ..results import Match, SkillHop
from ._alternatives import alternatives
from ._csr import Csr
from ._hops import Hops, cheapest, cheapest_of, csr_arrays, lower_bounds
from ._index import FloatArray, Index, IntArray, check_k, index, resolve_skills
from ._select import spread_top_k

__all__ = [
    "Adjacency",
    "adjacency",
    "adjacency_rows",
    "adjacency_scores",
    "adjacent_skills",
    "explain_skill_path",
    "skill_path",
    "specific_scores",
]

CO_REQUIRED_WEIGHT = 1.5
"""Weight of the co-requirement part of ``specific_scores`` (at most this much), against
the declared parts (related 0.5, hierarchy 0.3, siblings 0.2); tuned on held-out
requirements (``benchmarks/bench_adjacent.py``)."""
RELATED_WEIGHT = 0.5
HIERARCHY_WEIGHT = 0.3
SIBLING_WEIGHT = 0.2
_EVIDENCE_MAX = 6
ALTERNATIVES_MAX = 3
"""At most this many skills of one parent (broader skill or skill group) before any skill
ranked after them in ``adjacent_skills`` (the given ones not counted); the others are
deferred, not dropped (tool classes: ``_alternatives.TOOL_CLASS_MAX``). ESCO lists the
programming languages as optional skills of the same occupations, so each co-occurs with
every other: without the cap the top 10 of Python is ten languages. Tuned on held-out
requirements (``benchmarks/bench_adjacent.py``, seeds 196-200 and 206-210; 2-4 tried)."""

RELATED_COST = 1.0
"""Path cost of a hop along a declared related edge."""
HIERARCHY_COST = 1.0
"""Path cost of a hop to a direct broader or narrower skill."""
SIBLING_COST = 1.5
"""Path cost of a hop to a skill under a common parent of two children; a parent of ``n``
children costs ``SIBLING_COST + SIBLING_SIZE_COST * log(n / 2)``."""
SIBLING_SIZE_COST = 0.5
"""How much a sibling hop costs more for each factor ``e`` of children of its parent: a
skill group of 156 skills says little about two of them (3.68, more than a co-required
hop), a broader skill of 2 much (1.5)."""
CO_REQUIRED_COST = 3.0
"""Path cost of a hop to a skill some role requires with this one."""
_EPS = 1e-12

if TYPE_CHECKING:
    import scipy.sparse as sp

Relation: TypeAlias = Literal["related", "broader", "narrower", "sibling", "co-required"]


@dataclass(eq=False)
class Adjacency:
    """Sparse skill x skill declared adjacency (related, hierarchy) and skill x parent."""

    r: Csr
    """Related edges, symmetric, 1 per pair."""
    h: Csr
    """Direct skill-to-skill broader/narrower edges, symmetric."""
    p: Csr
    """Skill x parent (broader skill or group) incidence, scaled by 1 / sqrt(children)."""
    pt: Csr
    """Transpose of ``p``."""
    parent_ids: list[str]

    @property
    def R(self) -> sp.csr_matrix:  # noqa: N802 - the matrix names of the docs
        """``r`` as a scipy matrix."""
        return self.r.matrix()

    @property
    def H(self) -> sp.csr_matrix:  # noqa: N802
        """``h`` as a scipy matrix."""
        return self.h.matrix()

    @property
    def P(self) -> sp.csr_matrix:  # noqa: N802
        """``p`` as a scipy matrix."""
        return self.p.matrix()

    @property
    def PT(self) -> sp.csr_matrix:  # noqa: N802
        """``pt`` as a scipy matrix."""
        return self.pt.matrix()


def adjacency(g: SkillGraph) -> Adjacency:
    """The declared adjacency matrices of ``g`` (built once per graph version)."""
    return cached(g, "analysis_adjacency", _build)


def _build(g: SkillGraph) -> Adjacency:
    import scipy.sparse as sp

    from ._core import broader_pairs

    ix = index(g, profiles=False)
    n = ix.n_skills
    pos = ix.skill_pos
    store = store_of(g)
    # related: one 1 a pair, both ways (the edges' order does not matter: a binary matrix)
    ends = [(pos[s], pos[r]) for s in store.skills_with_related() for r in store.related_of(s)]
    a, b = _columns(ends)
    r_m = _binary(np.concatenate([a, b]), np.concatenate([b, a]), (n, n))
    # hierarchy: (narrower, broader) pairs of a skill, each once (broader_of is a set)
    kids: list[int] = []
    above: list[str] = []
    for narrower, broader in broader_pairs(g):
        p = pos.get(narrower)
        if p is not None:
            kids.append(p)
            above.append(broader)
    kid = np.asarray(kids, dtype=np.int64)
    both = [(k, pos[u]) for k, u in zip(kids, above, strict=True) if u in pos]
    a, b = _columns(both)
    h_m = _binary(np.concatenate([a, b]), np.concatenate([b, a]), (n, n))
    parent_ids = sorted(set(above))
    column = {p: j for j, p in enumerate(parent_ids)}
    col = np.fromiter(map(column.__getitem__, above), dtype=np.int64, count=len(above))
    children = np.bincount(col, minlength=len(parent_ids)).astype(np.float64)
    # a parent with k children: 1 / sqrt(k) for each (correctly rounded either way)
    p_m = sp.csr_matrix((1.0 / np.sqrt(children[col]), (kid, col)), shape=(n, len(parent_ids)))
    return Adjacency(
        r=Csr.of(r_m),
        h=Csr.of(h_m),
        p=Csr.of(p_m),
        pt=Csr.of(sp.csr_matrix(p_m.T)),
        parent_ids=parent_ids,
    )


def _columns(pairs: list[tuple[int, int]]) -> tuple[IntArray, IntArray]:
    """The first and second items of ``pairs`` as two arrays."""
    out = np.asarray(pairs, dtype=np.int64).reshape(len(pairs), 2)
    return out[:, 0], out[:, 1]


def _binary(rows: IntArray, cols: IntArray, shape: tuple[int, int]) -> sp.csr_matrix:
    import scipy.sparse as sp

    m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    m.data[:] = 1.0  # duplicates summed: back to 1
    return m


def adjacency_scores(ix: Index, adj: Adjacency, given: list[int]) -> FloatArray:
    """Adjacency score of every skill to the set ``given`` (the given skills included),
    co-requirement as the plain cosine of the role sets."""
    f = _indicator(ix, given)
    if not given:
        return f
    roles = ix.csr("B").dot(f) > 0
    n_roles = int(roles.sum())
    score = np.zeros(ix.n_skills)
    if n_roles:
        co = ix.csr("BT").dot(roles.astype(np.float64))
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.where(ix.df > 0, co / np.sqrt(np.maximum(ix.df, 1) * n_roles), 0.0)
    return score + _declared(adj, f)


def specific_scores(ix: Index, adj: Adjacency, given: list[int]) -> FloatArray:
    """Adjacency score of every skill to the set ``given`` (the given skills included),
    co-requirement weighted by how rare the candidate is.

    With ``N`` roles requiring any skill, ``n`` of them requiring a given skill, ``d`` a
    candidate and ``c`` both, the co-requirement part is
    ``CO_REQUIRED_WEIGHT * (c / n) * log(N / d) / max(log(N / n), 1)``: the share of the
    given skills' roles that require the candidate, times the candidate's inverse role
    frequency (in [0, 1] before the weight; 1 for a candidate required by exactly the given
    skills' roles). A skill every role requires scores 0 however many roles it shares; of
    two candidates with the same count the rarer scores higher.
    """
    f = _indicator(ix, given)
    if not given:
        return f
    roles = ix.csr("B").dot(f) > 0
    n = float(roles.sum())
    total = float(_n_requiring(ix))
    score = np.zeros(ix.n_skills)
    if n:
        co = ix.csr("BT").dot(roles.astype(np.float64))
        d = ix.df.astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            idf = np.where(d > 0, np.log(total / np.maximum(d, 1.0)), 0.0)
        score = CO_REQUIRED_WEIGHT * (co / n) * idf / max(np.log(total / n), 1.0)
    return score + _declared(adj, f)


def _indicator(ix: Index, given: list[int]) -> FloatArray:
    """1 at the skills ``given``, 0 elsewhere."""
    f = np.zeros(ix.n_skills)
    if given:
        f[np.asarray(given, dtype=np.int64)] = 1.0
    return f


def _declared(adj: Adjacency, f: FloatArray) -> FloatArray:
    """The related, hierarchy and sibling parts of the score of every skill to ``f``."""
    out = RELATED_WEIGHT * adj.r.dot(f) + HIERARCHY_WEIGHT * adj.h.dot(f)
    sib = adj.p.dot(adj.pt.dot(f))
    result: FloatArray = out + SIBLING_WEIGHT * np.minimum(sib, 1.0)
    return result


def _n_requiring(ix: Index) -> int:
    """How many roles require at least one skill."""
    return int(np.count_nonzero(np.diff(ix.csr("B").indptr)))


def adjacency_rows(ix: Index, adj: Adjacency, given: FloatArray, rows: IntArray) -> FloatArray:
    """``adjacency_scores`` of the skills at ``rows`` only (``given``: 0/1 per skill)."""
    out = np.zeros(len(rows))
    if not len(rows) or not given.any():
        return out
    roles = (ix.csr("B").dot(given) > 0).astype(np.float64)
    n_roles = int(roles.sum())
    if n_roles:
        co = _rows_dot(ix.csr("BT"), rows, roles)
        df = ix.df[rows]
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(df > 0, co / np.sqrt(np.maximum(df, 1) * n_roles), 0.0)
    out = out + RELATED_WEIGHT * _rows_dot(adj.r, rows, given)
    out = out + HIERARCHY_WEIGHT * _rows_dot(adj.h, rows, given)
    sib = _rows_dot(adj.p, rows, adj.pt.dot(given))
    result: FloatArray = out + SIBLING_WEIGHT * np.minimum(sib, 1.0)
    return result


def _row_offsets(m: Csr, rows: IntArray) -> tuple[IntArray, IntArray]:
    """Positions in ``m.data`` / ``m.indices`` of the entries at ``rows``, and each row's
    entry count."""
    starts = m.indptr[rows].astype(np.int64)
    lens = m.indptr[rows + 1].astype(np.int64) - starts
    total = int(lens.sum())
    offsets: IntArray = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(total)
    return offsets, lens


def _rows_dot(m: Csr, rows: IntArray, v: FloatArray) -> FloatArray:
    """``(m @ v)[rows]`` without computing the other rows."""
    offsets, lens = _row_offsets(m, rows)
    if not len(offsets):
        return np.zeros(len(rows))
    vals = m.data[offsets] * v[m.indices[offsets]]
    out = np.bincount(np.repeat(np.arange(len(rows)), lens), weights=vals, minlength=len(rows))
    return np.asarray(out, dtype=np.float64)


def adjacent_skills(g: SkillGraph, skills: str | Iterable[str], k: int = 10) -> list[Match]:
    """The ``k`` skills most adjacent to ``skills``, best first (ties by id).

    The given skills are excluded. Exchangeable alternatives crowd each other out: a skill is
    taken, best first, only while each of its parents (broader skills, skill groups) holds
    fewer than ``ALTERNATIVES_MAX`` (3) taken skills, and its tool class (O*NET's
    ``commodity_title``) fewer than ``TOOL_CLASS_MAX`` (2) given or taken ones; the skills
    passed over follow, best first, when no other skill is left (ESCO lists some forty
    programming languages as optional skills of the same occupations: without the cap they
    fill Python's top 10).
    Each match's ``shared`` lists the given skills it connects
    to; ``evidence`` says how (co-required in N roles and how many times more often than
    chance, related, broader/narrower, sibling). Co-requirement is weighted by how rare the
    candidate is (``specific_scores``): a skill every role requires ranks by its declared
    relations only.

    Raises:
        NotFoundError: a skill cannot be resolved.
        InvalidValueError: ``k`` is negative.
    """
    check_k(k)
    ix = index(g, profiles=False)
    adj = adjacency(g)
    given = resolve_skills(g, ix, skills)
    scores = specific_scores(ix, adj, given)
    if given:
        scores[np.asarray(given, dtype=np.int64)] = -1.0
    alt = alternatives(g, adj.p)
    best = spread_top_k(scores, k, alt.ptr, alt.sets, alt.cap(ALTERNATIVES_MAX), alt.held(given))
    return [_match(g, ix, adj, given, int(j), float(scores[j])) for j in best]


def _match(
    g: SkillGraph, ix: Index, adj: Adjacency, given: list[int], j: int, score: float
) -> Match:
    bt = ix.csr("BT")
    roles_j = set(bt.indices[bt.indptr[j] : bt.indptr[j + 1]].tolist())
    total = _n_requiring(ix)
    rel = set(adj.r.indices[adj.r.indptr[j] : adj.r.indptr[j + 1]].tolist())
    hier = set(adj.h.indices[adj.h.indptr[j] : adj.h.indptr[j + 1]].tolist())
    my_parents = set(adj.p.indices[adj.p.indptr[j] : adj.p.indptr[j + 1]].tolist())
    skills = g.skills
    shared: list[str] = []
    evidence: list[str] = []
    for s in given:
        sid = ix.skill_ids[s]
        label = skills[sid].label
        why: list[str] = []
        both = len(roles_j & set(bt.indices[bt.indptr[s] : bt.indptr[s + 1]].tolist()))
        if both:
            lift = both * total / (len(roles_j) * int(ix.df[s]))
            why.append(
                f"co-required with {label} in {both} role{'s' if both > 1 else ''}, "
                f"{_times(lift)} chance"
            )
        if s in rel:
            why.append(f"declared related to {label}")
        if s in hier:
            why.append(f"broader or narrower than {label}")
        common = my_parents & set(adj.p.indices[adj.p.indptr[s] : adj.p.indptr[s + 1]].tolist())
        if common:
            parent = adj.parent_ids[min(common)]
            why.append(f"sibling of {label} under {g.label(parent)}")
        if why:
            shared.append(sid)
            if len(evidence) < _EVIDENCE_MAX:
                evidence.append("; ".join(why))
    sid = ix.skill_ids[j]
    return Match(id=sid, label=skills[sid].label, score=score, shared=shared, evidence=evidence)


def _times(lift: float) -> str:
    """``lift`` (observed over expected co-requirement) in words."""
    if lift >= 1.05:
        return f"{lift:.1f} times as often as"
    if lift > 0.95:
        return "about as often as"
    return f"{lift:.2f} times as often as"


def _hub_penalty(g: SkillGraph) -> FloatArray:
    """Per skill: ``log1p(roles requiring it / median over required skills)``."""
    return cached(g, "analysis_hub_penalty", _build_hub_penalty)


def _build_hub_penalty(g: SkillGraph) -> FloatArray:
    df = index(g, profiles=False).df.astype(np.float64)
    required = df[df > 0]
    median = float(np.median(required)) if len(required) else 1.0
    out: FloatArray = np.log1p(df / max(median, 1.0))
    return out


def _row(m: Csr, i: int) -> IntArray:
    out: IntArray = m.indices[m.indptr[i] : m.indptr[i + 1]].astype(np.int64)
    return out


def hops(g: SkillGraph) -> Hops:
    """The hop arrays of ``skill_path`` for ``g`` (built once per graph version)."""
    return cached(g, "analysis_skill_hops", _build_hops)


def _build_hops(g: SkillGraph) -> Hops:
    ix = index(g, profiles=False)
    adj = adjacency(g)
    near_ptr, near, near_cost = cheapest_of(
        [(adj.R, RELATED_COST), (adj.H, HIERARCHY_COST)], ix.n_skills
    )
    return Hops(
        near_ptr,
        near,
        near_cost,
        *csr_arrays(adj.P),
        *csr_arrays(adj.PT),
        *csr_arrays(ix.BT),
        *csr_arrays(ix.B),
        penalty=_hub_penalty(g),
        sibling_cost=sibling_costs(adj),
        co_required_cost=CO_REQUIRED_COST,
    )


def sibling_costs(adj: Adjacency) -> FloatArray:
    """Per parent of ``adj``: the path cost of a hop between two of its children."""
    n = np.maximum(np.diff(adj.pt.indptr), 2).astype(np.float64)
    out: FloatArray = SIBLING_COST + SIBLING_SIZE_COST * np.log(n / 2.0)
    return out


def _cheapest_path(g: SkillGraph, source: str, target: str) -> tuple[Index, list[int]]:
    ix = index(g, profiles=False)
    a = resolve_skills(g, ix, [source])[0]
    b = resolve_skills(g, ix, [target])[0]
    if a == b:
        return ix, [a]
    h = hops(g)
    pred = cheapest(h, a, b, lower_bounds(h, b, min(RELATED_COST, HIERARCHY_COST)), _EPS)
    if pred is None:
        raise NotFoundError(
            f"no skill path joins {ix.skill_ids[a]!r} and {ix.skill_ids[b]!r}",
            query=f"{source} -> {target}",
        )
    path = [b]
    while path[-1] != a:
        path.append(int(pred[path[-1]]))
    return ix, path[::-1]


def skill_path(g: SkillGraph, source: str, target: str) -> list[str]:
    """The cheapest path of skill ids from ``source`` to ``target`` (both included).

    A hop costs by its relation: declared related ``RELATED_COST`` (1), direct
    broader/narrower ``HIERARCHY_COST`` (1), siblings under a common parent of ``n``
    children ``SIBLING_COST + SIBLING_SIZE_COST * log(n / 2)`` (1.5 for two, 3.68 for a
    group of 156: more than a shared role), co-required by one role ``CO_REQUIRED_COST``
    (3). Entering a skill
    other than the target adds its hub penalty, ``log1p(n / median)`` for a skill required by
    ``n`` roles (``median``: over the skills some role requires), so paths go through
    declared relations and the hierarchy and avoid skills nearly every role requires.
    A* search with a consistent lower bound (exact; hops that cannot beat the best path
    found so far are pruned); among equally cheap paths the one settled first (lowest
    estimate, then lowest id) wins.
    ``explain_skill_path`` gives the hops.

    Raises:
        NotFoundError: a skill cannot be resolved, or no path joins them.
    """
    ix, path = _cheapest_path(g, source, target)
    return [ix.skill_ids[s] for s in path]


def explain_skill_path(g: SkillGraph, source: str, target: str) -> list[SkillHop]:
    """The hops of ``skill_path(g, source, target)``: relation, what joins them, cost.

    Each hop names its cheapest relation (``related``, ``broader``, ``narrower``,
    ``sibling`` via the cheapest common parent (the one of fewest children, the lowest id of
    equals), ``co-required`` via the lowest-id role
    requiring both); the costs sum to the path's cost. Empty when source is target.

    Raises:
        NotFoundError: a skill cannot be resolved, or no path joins them.
    """
    ix, path = _cheapest_path(g, source, target)
    adj = adjacency(g)
    penalty = _hub_penalty(g)
    sib = sibling_costs(adj)
    hops: list[SkillHop] = []
    for x, y in itertools.pairwise(path):
        sx, sy = ix.skill_ids[x], ix.skill_ids[y]
        extra = 0.0 if y == path[-1] else float(penalty[y])
        via: str | None = None
        shared: int | None = None
        relation: Relation
        if y in _row(adj.r, x):
            relation, base = "related", RELATED_COST
        elif y in _row(adj.h, x):
            relation = "broader" if sy in g.broader_of(sx) else "narrower"
            base = HIERARCHY_COST
        else:
            common = np.intersect1d(_row(adj.p, x), _row(adj.p, y))
            best = int(common[np.argmin(sib[common])]) if len(common) else -1
            roles = np.intersect1d(_row(ix.csr("BT"), x), _row(ix.csr("BT"), y))
            if best >= 0 and (sib[best] <= CO_REQUIRED_COST or not len(roles)):
                relation, base = "sibling", float(sib[best])
                via = adj.parent_ids[best]
            else:
                relation, base = "co-required", CO_REQUIRED_COST
                via, shared = ix.role_ids[int(roles[0])], len(roles)
        hops.append(
            SkillHop(
                source=sx, target=sy, relation=relation, via=via, roles=shared, cost=base + extra
            )
        )
    return hops
