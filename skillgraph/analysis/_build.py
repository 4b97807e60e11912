"""Building the similarity profiles of the analysis index (``analysis._profiles``).

The core the profiles start from (positions, rarity, requirements) is ``analysis._core``.
Role similarity mixes the components of ``COMPONENTS``, each a unit-row role profile
(so a dot product is a cosine; see ``_features``):

- ``ratings``: rated profiles (O*NET's importance and level of every element, including the
  ratings below the reader's ``min_importance``, from the role's ``ratings`` attribute),
  compared as whole vectors after standardising each rating over the rated roles;
- ``skills``: the set of required skills that are neither rated nor technology (ESCO's
  essential/optional skills), weighed by importance, essential flag and rarity;
- ``hierarchy``: the broader skills and skill groups above those skills (IDF-weighted);
- ``latent``: the ``skills`` + ``hierarchy`` profile projected on its top ``LATENT_DIM``
  singular vectors (LSA, seeded randomized SVD), linking skills that occur together;
- ``text``: TF-IDF of title words, title character n-grams and description words (label,
  alternative labels, description);
- ``tools``: technology skills (rarity-weighted) and their tool classes
  (``commodity_title``), kept out of the skill profile so thousands of software titles
  cannot drown it.

``score(r, o) = sum_c w_c cos_c(r, o) / sum_c w_c [r and o both have component c]``: a
component a role has no data for (a technology-only O*NET role has no ratings) drops out of
the denominator, so similarity falls back on what both roles have. ISCO/SOC codes, clusters
and the occupation hierarchy are never inputs.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..graph import SkillGraph
from ..model import SkillKind
from ._core import TRANSVERSAL_FACTOR, broader_pairs, requirements
from ._features import rating_profiles, set_profiles, text_profiles, unit_rows
from ._latent import LATENT_DIM, LATENT_POWER_ITERATIONS, LATENT_SEED, latent
from ._ratings import RATINGS_ATTRIBUTE, parse_ratings
from .tool_classes import TOOL_CLASS

if TYPE_CHECKING:
    from ._index import Index
    from ._profiles import Profile

__all__ = [
    "HIERARCHY_MAX_SHARE",
    "LATENT_DIM",
    "LATENT_POWER_ITERATIONS",
    "LATENT_SEED",
    "OPTIONAL_FACTOR",
    "TOOL_CLASS_WEIGHT",
    "TRANSVERSAL_FACTOR",
    "broader_pairs",
    "build_profiles",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

OPTIONAL_FACTOR = 0.8
"""Similarity weight of an optional requirement relative to an essential one."""
TOOL_CLASS_WEIGHT = 0.5
"""Weight of a technology's tool class relative to the technology itself in ``tools``."""
HIERARCHY_MAX_SHARE = 0.25
"""Skill-hierarchy features held by more than this share of roles are left out of
``hierarchy``: they say little about fit and make every query slow."""


def build_profiles(g: SkillGraph, core: Index) -> dict[str, Profile]:
    """The similarity profiles of ``g``, whose core index is ``core`` (BLAS threads: the
    caller's)."""
    role_ids, skill_ids = core.role_ids, core.skill_ids
    skill_pos = core.skill_pos
    n_r, n_s = len(role_ids), len(skill_ids)
    roles, skills = g.roles, g.skills
    # the requirements as the core holds them (by role, then skill): not read again
    w, e = core.csr("W"), core.csr("E")
    r_arr = np.repeat(np.arange(n_r, dtype=np.int64), np.diff(w.indptr))
    c_arr = w.indices.astype(np.int64)
    imp_arr = np.asarray(core.importance, dtype=np.float64)
    ess_arr = e.data > 0
    rarity = core.rarity
    shape = (n_r, n_s)
    technology = np.asarray([skills[s].kind is SkillKind.TECHNOLOGY for s in skill_ids], bool)
    ratings, rated = _ratings(g, role_ids, skill_pos, r_arr, c_arr, imp_arr)
    in_set = ~(rated[c_arr] | technology[c_arr]) if len(c_arr) else np.zeros(0, bool)
    sim = imp_arr * np.where(ess_arr, 1.0, OPTIONAL_FACTOR)
    if len(c_arr):
        sim = sim * rarity[c_arr]
    x_m = set_profiles(r_arr[in_set], c_arr[in_set], sim[in_set], shape)
    profiles: dict[str, Profile] = {"ratings": ratings, "skills": x_m}
    h_m = _hierarchy(g, skill_ids, x_m)
    if h_m is not None:
        profiles["hierarchy"] = h_m
    base = x_m if h_m is None else unit_rows(sp.csr_matrix(sp.hstack([x_m, 0.5 * h_m])))
    # float32: a query reads the whole dense block, half the memory traffic
    profiles["latent"] = latent(base, LATENT_DIM, LATENT_SEED).astype(np.float32)
    profiles["text"] = text_profiles(
        [(roles[r].label, *roles[r].alt_labels) for r in role_ids],
        [roles[r].description for r in role_ids],
    )
    profiles["tools"] = _tools(g, skill_ids, r_arr, c_arr, imp_arr, rarity, technology, n_r)
    return profiles


def _ratings(
    g: SkillGraph,
    role_ids: list[str],
    skill_pos: dict[str, int],
    r_arr: IntArray,
    c_arr: IntArray,
    imp_arr: FloatArray,
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """The ``ratings`` profiles and the mask of rated skills.

    A skill is rated when some role's ``ratings`` attribute names it; each rated skill gives
    two features, importance and level. Cells the attribute lacks are filled from the role's
    requirement on that skill, when there is one.
    """
    rated = np.zeros(len(skill_pos), dtype=bool)
    at_role: list[int] = []
    at_skill: list[int] = []
    imps: list[float] = []
    lvls: list[float] = []  # NaN: no level
    roles, position = g.roles, skill_pos.get
    for i, rid in enumerate(role_ids):
        text = roles[rid].attributes.get(RATINGS_ATTRIBUTE)
        if isinstance(text, str):
            for sid, im, lv in parse_ratings(text):
                pos = position(sid)
                if pos is not None:
                    at_role.append(i)
                    at_skill.append(pos)
                    imps.append(im)
                    lvls.append(math.nan if lv is None else lv)
    rated[np.asarray(at_skill, dtype=np.int64)] = True
    cols = np.flatnonzero(rated)
    n = len(role_ids)
    if cols.size == 0:
        return np.zeros((n, 0)), rated
    col_of = np.full(len(skill_pos), -1, dtype=np.int64)
    col_of[cols] = np.arange(cols.size)
    m = cols.size
    values = np.zeros((n, 2 * m))
    known = np.zeros((n, 2 * m), dtype=bool)
    rows = np.asarray(at_role, dtype=np.int64)
    js = col_of[np.asarray(at_skill, dtype=np.int64)]
    im_v, lv_v = np.asarray(imps, dtype=np.float64), np.asarray(lvls, dtype=np.float64)
    # a role naming a skill twice: its last item gives the cell (its last with a level, the
    # level cell), as writing the items in turn would
    last = _last_of(rows * m + js)
    values[rows[last], js[last]] = im_v[last]
    known[rows[last], js[last]] = True
    with_level = np.flatnonzero(~np.isnan(lv_v))
    last = with_level[_last_of(rows[with_level] * m + js[with_level])]
    values[rows[last], m + js[last]] = lv_v[last]
    known[rows[last], m + js[last]] = True
    # requirements (one a role and skill) fill the cells the attribute lacks
    if len(c_arr):
        sel = rated[c_arr]
        lvl_arr = requirements(g).level[sel]  # in the order of the core's, by role then skill
        ri, rj, rim = r_arr[sel], col_of[c_arr[sel]], imp_arr[sel]
        free = ~known[ri, rj]
        values[ri[free], rj[free]] = rim[free]
        known[ri[free], rj[free]] = True
        free = ~known[ri, m + rj] & ~np.isnan(lvl_arr)
        values[ri[free], m + rj[free]] = lvl_arr[free]
        known[ri[free], m + rj[free]] = True
    return rating_profiles(values[:, :m], values[:, m:], known[:, :m], known[:, m:]), rated


def _last_of(keys: IntArray) -> IntArray:
    """The position of the last occurrence of each distinct value of ``keys``."""
    _, first_from_end = np.unique(keys[::-1], return_index=True)
    out: IntArray = len(keys) - 1 - first_from_end
    return out


def _tools(
    g: SkillGraph,
    skill_ids: list[str],
    r_arr: IntArray,
    c_arr: IntArray,
    imp_arr: FloatArray,
    rarity: FloatArray,
    technology: npt.NDArray[np.bool_],
    n_r: int,
) -> sp.csr_matrix:
    """``tools`` profiles: rarity-weighted technology skills plus their tool classes."""
    n_s = len(skill_ids)
    classes: dict[str, int] = {}
    class_of = np.full(n_s, -1, dtype=np.int64)
    skills = g.skills
    for s in np.flatnonzero(technology).tolist():
        title = skills[skill_ids[s]].attributes.get(TOOL_CLASS)
        if isinstance(title, str) and title:
            class_of[s] = classes.setdefault(title, len(classes))
    sel = technology[c_arr] if len(c_arr) else np.zeros(0, bool)
    rows, cols, vals = r_arr[sel], c_arr[sel], imp_arr[sel] * rarity[c_arr[sel]]
    tech = sp.csr_matrix((vals, (rows, cols)), shape=(n_r, n_s))
    has_class = class_of[cols] >= 0
    cls = sp.csr_matrix(
        (np.ones(int(has_class.sum())), (rows[has_class], class_of[cols[has_class]])),
        shape=(n_r, max(len(classes), 1)),
    )
    cls.data = np.ones_like(cls.data)
    cdf = np.bincount(cls.indices, minlength=cls.shape[1]).astype(np.float64)
    cls = unit_rows(sp.csr_matrix(cls @ sp.diags(np.log((1.0 + n_r) / (1.0 + cdf)) + 1.0)))
    return unit_rows(sp.csr_matrix(sp.hstack([unit_rows(tech), TOOL_CLASS_WEIGHT * cls])))


def _hierarchy(g: SkillGraph, skill_ids: list[str], x_m: sp.csr_matrix) -> sp.csr_matrix | None:
    """``hierarchy`` profiles: skills' broader skills and skill groups; None without any.

    ``H[r, a]`` sums role ``r``'s skill weights over its skills below ancestor ``a`` (a
    broader skill or a skill group), times the ancestor's IDF over roles; rows unit length.
    """
    rows, cols, width = _ancestors(broader_pairs(g), skill_ids)
    n_r = x_m.shape[0]
    if not width:
        return None
    up = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(skill_ids), width))
    h = sp.csr_matrix(x_m @ up)
    df = np.bincount(h.indices, minlength=width).astype(np.float64)
    idf = np.log((1.0 + n_r) / (1.0 + df)) + 1.0
    idf[df > HIERARCHY_MAX_SHARE * n_r] = 0.0
    return unit_rows(sp.csr_matrix(h @ sp.diags(idf)))


def _ancestors(
    pairs: list[tuple[str, str]], skill_ids: list[str]
) -> tuple[IntArray, IntArray, int]:
    """(skill position, ancestor column) of every ancestor of every skill (the broader
    nodes above it, transitively), and the number of ancestor columns.

    Row by row in skill order, each skill's ancestors by id; ancestors are numbered in the
    order they are first met so. A node is not its own ancestor (the graph rejects
    hierarchy cycles; one would only be kept finite).
    """
    empty = np.zeros(0, dtype=np.int64)
    if not pairs:
        return empty, empty, 0
    below, up = zip(*pairs, strict=True)
    nodes = sorted(set(below).union(up, skill_ids))
    number = dict(zip(nodes, range(len(nodes)), strict=True))  # by id: rows in id order
    m = len(nodes)
    narrower = np.fromiter(map(number.__getitem__, below), dtype=np.int64, count=len(pairs))
    broader = np.fromiter(map(number.__getitem__, up), dtype=np.int64, count=len(pairs))
    step = sp.csr_matrix((np.ones(len(pairs)), (narrower, broader)), shape=(m, m))
    above = step.copy()
    while True:  # one more level each round, until no new ancestor appears
        grown = above + above @ step
        grown.data[:] = 1.0
        if grown.nnz == above.nnz:
            break
        above = grown
    coo = above.tocoo()
    off = coo.row != coo.col
    above = sp.csr_matrix((coo.data[off], (coo.row[off], coo.col[off])), shape=(m, m))
    above.sort_indices()
    mine = above[np.fromiter(map(number.__getitem__, skill_ids), np.int64, len(skill_ids))]
    rows = np.repeat(np.arange(len(skill_ids), dtype=np.int64), np.diff(mine.indptr))
    met = mine.indices.astype(np.int64)
    seen, first = np.unique(met, return_index=True)
    column = np.empty(len(seen), dtype=np.int64)
    column[np.argsort(first, kind="stable")] = np.arange(len(seen))
    return rows, column[np.searchsorted(seen, met)], len(seen)
