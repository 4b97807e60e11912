"""The compact analysis index of a graph: integer positions, sparse role x skill matrices.

Built once per graph version (``_store.cached``) and shared by every query. Roles and skills are
numbered in id order, so sorting by position is sorting by id. The index holds only named
numpy arrays and plain lists (see ``Index.to_state``), so it can be saved and loaded.

Cost weights (gap coverage, transition costs):

- ``rarity[s]``: a smoothed IDF, ``(log((1 + R) / (1 + df)) + 1) / (log(1 + R) + 1)``, in
  (0, 1]; halved for transversal skills, which say little about fit.
- ``W[r, s]``: ``importance x rarity``.

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

BLAS runs on one thread inside the build (``threadpoolctl``): threaded BLAS stalls for
seconds when the other cores are busy, and the products here are too small to gain from
threads.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from .._store import cached
from ..errors import InvalidValueError, NotFoundError
from ..graph import SkillGraph
from ..model import NodeType, ReuseLevel, SkillKind
from ._features import parse_ratings, rating_profiles, set_profiles, text_profiles, unit_rows

__all__ = [
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "INDEX_FORMAT_VERSION",
    "NOISE",
    "Index",
    "check_k",
    "check_weights",
    "covered_mask",
    "index",
    "resolve_role",
    "resolve_skills",
    "top_k",
]

INDEX_FORMAT_VERSION = 2
"""Version of the layout ``Index.to_state`` writes; bumped whenever it changes."""

COMPONENTS = ("ratings", "skills", "hierarchy", "latent", "text", "tools")
"""Similarity components, in reporting order."""
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "ratings": 1.0,
    "skills": 1.0,
    "hierarchy": 0.25,
    "latent": 0.5,
    "text": 1.25,
    "tools": 0.25,
}
"""Default weight of each similarity component (see the module docstring)."""

TRANSVERSAL_FACTOR = 0.5
"""Rarity multiplier of transversal skills."""
OPTIONAL_FACTOR = 0.8
"""Similarity weight of an optional requirement relative to an essential one."""
TOOL_CLASS_WEIGHT = 0.5
"""Weight of a technology's tool class relative to the technology itself in ``tools``."""
LATENT_DIM = 200
"""Rank of the latent (LSA) role profile."""
LATENT_SEED = 0
"""Seed of the randomized SVD."""
LATENT_POWER_ITERATIONS = 2
"""Power iterations of the randomized SVD."""
HIERARCHY_MAX_SHARE = 0.25
"""Skill-hierarchy features held by more than this share of roles are left out of
``hierarchy``: they say little about fit and make every query slow."""
NOISE = 1e-9
"""Cosines below this count as 0 (the latent products leave rounding noise on unrelated
roles)."""
RATINGS_ATTRIBUTE = "ratings"
"""Role attribute holding a rated profile (``<skill id>=<importance>[/<level>]`` items)."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Profile: TypeAlias = sp.csr_matrix | npt.NDArray[np.floating[Any]]


@dataclass(eq=False)
class Index:
    """Integer-indexed view of a graph's roles, skills, requirements and role profiles."""

    role_ids: list[str]
    skill_ids: list[str]
    rarity: FloatArray
    """Per skill, in (0, 1]."""
    df: IntArray
    """Per skill: how many roles require it."""
    W: sp.csr_matrix
    """Role x skill cost weights (importance x rarity)."""
    E: sp.csr_matrix
    """Role x skill: 1 where the requirement is essential (same pattern as ``W``)."""
    B: sp.csr_matrix
    """Role x skill binary requirement matrix."""
    BT: sp.csr_matrix
    """Skill x role binary matrix (transpose of ``B``)."""
    totals: FloatArray
    """Per role: the sum of its cost weights (``math.fsum``)."""
    levels: list[int | None]
    declared_cluster: list[str | None]
    profiles: dict[str, Profile]
    """Per component: role x feature unit-row profile (sparse CSR or dense)."""
    role_pos: dict[str, int] = field(init=False)
    skill_pos: dict[str, int] = field(init=False)
    role_skills: list[IntArray] = field(init=False)
    """Per role: its required skill positions, ascending."""
    role_weights: list[FloatArray] = field(init=False)
    """Per role: the cost weights of ``role_skills``."""
    role_essential: list[npt.NDArray[np.bool_]] = field(init=False)
    has: dict[str, npt.NDArray[np.bool_]] = field(init=False)
    """Per component: which roles have a non-zero profile."""
    _transposed: dict[str, sp.csr_matrix] = field(init=False)
    _knn: dict[int, tuple[int, IntArray, FloatArray]] = field(init=False)

    def __post_init__(self) -> None:
        self.role_pos = {r: i for i, r in enumerate(self.role_ids)}
        self.skill_pos = {s: i for i, s in enumerate(self.skill_ids)}
        w, e = self.W, self.E
        self.role_skills = [
            w.indices[w.indptr[i] : w.indptr[i + 1]].astype(np.int64) for i in range(self.n_roles)
        ]
        self.role_weights = [
            w.data[w.indptr[i] : w.indptr[i + 1]].astype(np.float64) for i in range(self.n_roles)
        ]
        self.role_essential = [
            e.data[e.indptr[i] : e.indptr[i + 1]] > 0 for i in range(self.n_roles)
        ]
        self.has = {}
        self._transposed = {}
        for name, m in self.profiles.items():
            if isinstance(m, sp.csr_matrix):
                self.has[name] = np.diff(m.indptr) > 0
                t = sp.csr_matrix(m.T)
                t.sort_indices()
                self._transposed[name] = t
            else:
                self.has[name] = np.abs(m).sum(axis=1) > 0
        self._knn = {}

    @property
    def n_roles(self) -> int:
        """Number of roles."""
        return len(self.role_ids)

    @property
    def n_skills(self) -> int:
        """Number of skills."""
        return len(self.skill_ids)

    # ------------------------------------------------------------ similarity
    def component_scores(self, r: int) -> dict[str, FloatArray]:
        """Per component role ``r`` has data for: its cosine with every role (itself included).

        Components ``r`` has no profile in are left out.
        """
        out: dict[str, FloatArray] = {}
        for name in COMPONENTS:
            m = self.profiles.get(name)
            if m is None or not self.has[name][r]:
                continue
            if isinstance(m, sp.csr_matrix):
                lo, hi = m.indptr[r], m.indptr[r + 1]
                cols, vals = m.indices[lo:hi], m.data[lo:hi]
                sub = self._transposed[name][cols]
                out[name] = np.asarray(sub.T @ vals, dtype=np.float64)
            else:
                # einsum, not BLAS: a threaded gemv stalls on a busy machine
                out[name] = np.einsum("ij,j->i", m, m[r]).astype(np.float64)
        return out

    def similarities(self, r: int, weights: Mapping[str, float] | None = None) -> FloatArray:
        """Similarity of role ``r`` to every role (itself included), in [0, 1].

        The weighted mix of component cosines described in the module docstring
        (``weights`` default to ``DEFAULT_WEIGHTS``).
        """
        return self.mix(r, self.component_scores(r), weights)[0]

    def mix(
        self,
        r: int,
        scores: Mapping[str, FloatArray],
        weights: Mapping[str, float] | None = None,
    ) -> tuple[FloatArray, FloatArray]:
        """``(score, denominator)`` per role of the component ``scores`` of role ``r``.

        A component's contribution to role ``o`` is ``w_c x scores[c][o] / denominator[o]``.
        """
        w = DEFAULT_WEIGHTS if weights is None else weights
        num = np.zeros(self.n_roles)
        den = np.zeros(self.n_roles)
        for name, cos in scores.items():
            wc = float(w.get(name, 0.0))
            if wc <= 0:
                continue
            num += wc * _clean(cos)
            den += wc * self.has[name]
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)
        return np.clip(out, 0.0, 1.0), den

    def similarity_rows(
        self, rows: IntArray, weights: Mapping[str, float] | None = None
    ) -> FloatArray:
        """Similarities of several roles to every role at once (``len(rows)`` x roles).

        The same mix as ``similarities``, computed with matrix products (equal up to
        floating-point rounding).
        """
        w = DEFAULT_WEIGHTS if weights is None else weights
        k = len(rows)
        num = np.zeros((k, self.n_roles))
        den = np.zeros((k, self.n_roles))
        for name in COMPONENTS:
            m = self.profiles.get(name)
            wc = float(w.get(name, 0.0))
            if m is None or wc <= 0 or not self.has[name].any():
                continue
            if isinstance(m, sp.csr_matrix):
                cos = np.asarray((m[rows] @ self._transposed[name]).toarray())
            else:
                cos = np.asarray(m[rows] @ m.T, dtype=np.float64)
            num += wc * _clean(cos)
            den += wc * np.outer(self.has[name][rows], self.has[name])
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)
        return np.clip(out, 0.0, 1.0)

    def all_neighbours(
        self, m: int, weights: Mapping[str, float] | None = None, block: int = 256
    ) -> list[tuple[IntArray, FloatArray]]:
        """The ``m`` nearest roles of every role, as ``neighbours`` gives them.

        Computed in blocks of rows with BLAS on one thread; ``weights`` as in
        ``similarities``.
        """
        from threadpoolctl import threadpool_limits

        out: list[tuple[IntArray, FloatArray]] = []
        with threadpool_limits(limits=1, user_api="blas"):
            for lo in range(0, self.n_roles, block):
                rows = np.arange(lo, min(lo + block, self.n_roles))
                sims = self.similarity_rows(rows, weights)
                for i, r in enumerate(rows.tolist()):
                    scores = sims[i]
                    scores[r] = -1.0
                    best = top_k(scores, m)
                    best = best[scores[best] > 0]
                    out.append((best, scores[best]))
        return out

    def neighbours(self, r: int, m: int) -> tuple[IntArray, FloatArray]:
        """The ``m`` roles most similar to ``r`` (itself excluded, score > 0), best first.

        Memoised per role (for the largest ``m`` asked so far), default weights.
        """
        hit = self._knn.get(r)
        if hit is not None and hit[0] >= m:
            return hit[1][:m], hit[2][:m]
        scores = self.similarities(r)
        scores[r] = -1.0
        best = top_k(scores, m)
        best = best[scores[best] > 0]
        self._knn[r] = (m, best, scores[best])
        return best, scores[best]

    # ------------------------------------------------------------ costs
    def uncovered(self, covered: npt.NDArray[np.bool_]) -> FloatArray:
        """Per role, the share of its cost weight not in ``covered`` (0 for weightless roles)."""
        u: FloatArray = self.W @ (~covered).astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(self.totals > 0, u / np.where(self.totals > 0, self.totals, 1), 0.0)
        out: FloatArray = np.clip(share, 0.0, 1.0)
        return out

    def step_cost(self, r: int, covered: npt.NDArray[np.bool_]) -> float:
        """Weighted share of role ``r``'s requirements not in ``covered``, in [0, 1]."""
        total = float(self.totals[r])
        if total <= 0:
            return 0.0
        idx = self.role_skills[r]
        missing = math.fsum(self.role_weights[r][~covered[idx]].tolist())
        return min(1.0, max(0.0, missing / total))

    # ------------------------------------------------------------ state
    def to_state(self) -> tuple[dict[str, npt.NDArray[Any]], dict[str, Any]]:
        """The index as named numpy arrays and JSON-serialisable metadata.

        ``Index.from_state(*ix.to_state())`` rebuilds an equal index; the metadata holds
        ``format`` = ``INDEX_FORMAT_VERSION``.
        """
        arrays: dict[str, npt.NDArray[Any]] = {
            "rarity": self.rarity,
            "df": self.df,
            "totals": self.totals,
        }
        sparse: list[str] = []
        dense: list[str] = []

        def put(name: str, m: sp.csr_matrix) -> None:
            arrays[f"{name}.data"] = m.data
            arrays[f"{name}.indices"] = m.indices
            arrays[f"{name}.indptr"] = m.indptr
            arrays[f"{name}.shape"] = np.asarray(m.shape, dtype=np.int64)

        for name in ("W", "E", "B", "BT"):
            put(name, getattr(self, name))
        for name, m in self.profiles.items():
            if isinstance(m, sp.csr_matrix):
                put(f"profile.{name}", m)
                sparse.append(name)
            else:
                arrays[f"profile.{name}"] = m
                dense.append(name)
        meta: dict[str, Any] = {
            "format": INDEX_FORMAT_VERSION,
            "role_ids": list(self.role_ids),
            "skill_ids": list(self.skill_ids),
            "levels": list(self.levels),
            "declared_cluster": list(self.declared_cluster),
            "sparse_profiles": sparse,
            "dense_profiles": dense,
        }
        return arrays, meta

    @classmethod
    def from_state(
        cls,
        arrays: Mapping[str, npt.NDArray[Any]],
        meta: Mapping[str, Any],
        *,
        graph: SkillGraph | None = None,
    ) -> Index:
        """The index ``to_state`` described; with ``graph``, checked to be that graph's.

        Raises:
            InvalidValueError: ``meta`` has another format version, an array is missing, or
                the state's roles and skills are not those of ``graph``.
        """
        if meta.get("format") != INDEX_FORMAT_VERSION:
            raise InvalidValueError(
                f"index state has format {meta.get('format')!r}, expected {INDEX_FORMAT_VERSION}",
                field="format",
            )
        if graph is not None and (
            list(meta.get("role_ids", ())) != sorted(graph.roles)
            or list(meta.get("skill_ids", ())) != sorted(graph.skills)
        ):
            raise InvalidValueError(
                "index state does not fit the graph: its roles or skills differ", field="meta"
            )

        def get(name: str) -> sp.csr_matrix:
            try:
                shape = tuple(int(x) for x in arrays[f"{name}.shape"])
                return sp.csr_matrix(
                    (arrays[f"{name}.data"], arrays[f"{name}.indices"], arrays[f"{name}.indptr"]),
                    shape=shape,
                )
            except KeyError as exc:
                raise InvalidValueError(
                    f"index state lacks array {exc.args[0]!r}", field="arrays"
                ) from None

        profiles: dict[str, Profile] = {}
        for name in meta["sparse_profiles"]:
            profiles[name] = get(f"profile.{name}")
        for name in meta["dense_profiles"]:
            profiles[name] = np.asarray(arrays[f"profile.{name}"])
        return cls(
            role_ids=list(meta["role_ids"]),
            skill_ids=list(meta["skill_ids"]),
            rarity=np.asarray(arrays["rarity"], dtype=np.float64),
            df=np.asarray(arrays["df"], dtype=np.int64),
            W=get("W"),
            E=get("E"),
            B=get("B"),
            BT=get("BT"),
            totals=np.asarray(arrays["totals"], dtype=np.float64),
            levels=list(meta["levels"]),
            declared_cluster=list(meta["declared_cluster"]),
            profiles=profiles,
        )


def _clean(cos: FloatArray) -> FloatArray:
    """Cosines with negatives and rounding noise (below ``NOISE``) set to 0."""
    out: FloatArray = np.where(cos > NOISE, cos, 0.0)
    return out


def check_k(k: int) -> None:
    """Refuse a negative result count.

    Raises:
        InvalidValueError: ``k`` is negative.
    """
    if k < 0:
        raise InvalidValueError(f"k must be >= 0 (got {k})", field="k")


def top_k(scores: FloatArray, k: int) -> IntArray:
    """Positions of the ``k`` highest scores, best first, ties by position (= by id)."""
    n = len(scores)
    if k <= 0 or n == 0:
        return np.zeros(0, dtype=np.int64)
    if k < n:
        part = np.argpartition(-scores, k - 1)[:k]
        # include every position tied with the k-th score, so ties resolve by id
        kth = scores[part].min()
        part = np.flatnonzero(scores >= kth)
    else:
        part = np.arange(n)
    order = np.lexsort((part, -scores[part]))
    out: IntArray = part[order][:k].astype(np.int64)
    return out


def index(g: SkillGraph) -> Index:
    """The analysis index of ``g`` (built once per graph version)."""
    return cached(g, "analysis_index", _build)


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """The full component weights: ``DEFAULT_WEIGHTS`` updated with ``weights``.

    Raises:
        InvalidValueError: a name is not a component, or a weight is not a finite number
            >= 0.
    """
    out = dict(DEFAULT_WEIGHTS)
    if weights is None:
        return out
    if not isinstance(weights, Mapping):
        raise InvalidValueError(
            f"weights must be a mapping of component name to weight (got {weights!r})",
            field="weights",
        )
    for name, value in weights.items():
        if name not in DEFAULT_WEIGHTS:
            raise InvalidValueError(
                f"weights: unknown similarity component {name!r} (expected one of "
                f"{', '.join(COMPONENTS)})",
                field="weights",
            )
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            raise InvalidValueError(
                f"weights[{name!r}] must be a finite number >= 0 (got {value!r})",
                field="weights",
            )
        out[name] = float(value)
    return out


def _build(g: SkillGraph) -> Index:
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _build_index(g)


def _build_index(g: SkillGraph) -> Index:
    role_ids = sorted(g.roles)
    skill_ids = sorted(g.skills)
    role_pos = {r: i for i, r in enumerate(role_ids)}
    skill_pos = {s: i for i, s in enumerate(skill_ids)}
    n_r, n_s = len(role_ids), len(skill_ids)
    roles, skills = g.roles, g.skills
    rows: list[int] = []
    cols: list[int] = []
    imp: list[float] = []
    ess: list[bool] = []
    lvl: list[float] = []
    for req in g.iter_requirements():
        rows.append(role_pos[req.role])
        cols.append(skill_pos[req.skill])
        imp.append(req.importance)
        ess.append(req.essential)
        lvl.append(math.nan if req.level is None else req.level)
    r_arr = np.asarray(rows, dtype=np.int64)
    c_arr = np.asarray(cols, dtype=np.int64)
    imp_arr = np.asarray(imp, dtype=np.float64)
    ess_arr = np.asarray(ess, dtype=bool)
    df = np.bincount(c_arr, minlength=n_s).astype(np.int64)
    rarity = (np.log((1.0 + n_r) / (1.0 + df)) + 1.0) / (math.log(1.0 + n_r) + 1.0)
    transversal = np.asarray(
        [skills[s].reuse is ReuseLevel.TRANSVERSAL for s in skill_ids], dtype=bool
    )
    rarity = np.where(transversal, rarity * TRANSVERSAL_FACTOR, rarity)
    shape = (n_r, n_s)
    w = imp_arr * rarity[c_arr] if len(c_arr) else np.zeros(0)
    w_m = sp.csr_matrix((w, (r_arr, c_arr)), shape=shape)
    w_m.sort_indices()
    e_m = sp.csr_matrix((np.where(ess_arr, 1.0, 0.0), (r_arr, c_arr)), shape=shape)
    e_m.sort_indices()
    b_m = sp.csr_matrix((np.ones(len(r_arr)), (r_arr, c_arr)), shape=shape)
    b_m.sort_indices()
    bt_m = sp.csr_matrix(b_m.T)
    bt_m.sort_indices()
    totals = np.asarray(
        [math.fsum(w_m.data[w_m.indptr[i] : w_m.indptr[i + 1]].tolist()) for i in range(n_r)]
    )

    technology = np.asarray([skills[s].kind is SkillKind.TECHNOLOGY for s in skill_ids], bool)
    ratings, rated = _ratings(g, role_ids, skill_pos, r_arr, c_arr, imp_arr, np.asarray(lvl))
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
    profiles["latent"] = _latent(base, LATENT_DIM, LATENT_SEED).astype(np.float32)
    profiles["text"] = text_profiles(
        [(roles[r].label, *roles[r].alt_labels) for r in role_ids],
        [roles[r].description for r in role_ids],
    )
    profiles["tools"] = _tools(g, skill_ids, r_arr, c_arr, imp_arr, rarity, technology, n_r)
    return Index(
        role_ids=role_ids,
        skill_ids=skill_ids,
        rarity=rarity.astype(np.float64),
        df=df,
        W=w_m,
        E=e_m,
        B=b_m,
        BT=bt_m,
        totals=totals,
        levels=[roles[r].level for r in role_ids],
        declared_cluster=[roles[r].cluster for r in role_ids],
        profiles=profiles,
    )


def _ratings(
    g: SkillGraph,
    role_ids: list[str],
    skill_pos: dict[str, int],
    r_arr: IntArray,
    c_arr: IntArray,
    imp_arr: FloatArray,
    lvl_arr: FloatArray,
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """The ``ratings`` profiles and the mask of rated skills.

    A skill is rated when some role's ``ratings`` attribute names it; each rated skill gives
    two features, importance and level. Cells the attribute lacks are filled from the role's
    requirement on that skill, when there is one.
    """
    rated = np.zeros(len(skill_pos), dtype=bool)
    parsed: list[list[tuple[int, float, float | None]]] = []
    for rid in role_ids:
        text = g.roles[rid].attributes.get(RATINGS_ATTRIBUTE)
        items = []
        if isinstance(text, str):
            for sid, im, lv in parse_ratings(text):
                pos = skill_pos.get(sid)
                if pos is not None:
                    items.append((pos, im, lv))
                    rated[pos] = True
        parsed.append(items)
    cols = np.flatnonzero(rated)
    n = len(role_ids)
    if cols.size == 0:
        return np.zeros((n, 0)), rated
    col_of = np.full(len(skill_pos), -1, dtype=np.int64)
    col_of[cols] = np.arange(cols.size)
    m = cols.size
    values = np.zeros((n, 2 * m))
    known = np.zeros((n, 2 * m), dtype=bool)
    for i, items in enumerate(parsed):
        for pos, im, lv in items:
            j = int(col_of[pos])
            values[i, j], known[i, j] = im, True
            if lv is not None:
                values[i, m + j], known[i, m + j] = lv, True
    # requirements fill the cells the attribute lacks
    if len(c_arr):
        sel = rated[c_arr]
        for i, pos, im, lv in zip(
            r_arr[sel].tolist(),
            c_arr[sel].tolist(),
            imp_arr[sel].tolist(),
            lvl_arr[sel].tolist(),
            strict=True,
        ):
            j = int(col_of[pos])
            if not known[i, j]:
                values[i, j], known[i, j] = im, True
            if not known[i, m + j] and not math.isnan(lv):
                values[i, m + j], known[i, m + j] = lv, True
    return rating_profiles(values[:, :m], values[:, m:], known[:, :m], known[:, m:]), rated


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
        title = skills[skill_ids[s]].attributes.get("commodity_title")
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
    parents: dict[str, list[str]] = {}
    for edge in g.iter_broader():
        parents.setdefault(edge.narrower, []).append(edge.broader)
    if not parents:
        return None
    memo: dict[str, frozenset[str]] = {}

    def above(node: str) -> frozenset[str]:
        # iterative post-order (the graph rejects hierarchy cycles; a parent already on
        # the stack is skipped all the same, so a cycle cannot loop forever)
        stack = [node]
        on_stack = {node}
        while stack:
            n = stack[-1]
            todo = [p for p in parents.get(n, ()) if p not in memo and p not in on_stack]
            if todo:
                stack.extend(todo)
                on_stack.update(todo)
                continue
            stack.pop()
            on_stack.discard(n)
            if n not in memo:
                acc: set[str] = set()
                for p in parents.get(n, ()):
                    acc.add(p)
                    acc |= memo.get(p, frozenset())
                memo[n] = frozenset(acc)
        return memo[node]

    pos: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, sid in enumerate(skill_ids):
        for a in sorted(above(sid)):
            rows.append(i)
            cols.append(pos.setdefault(a, len(pos)))
    n_r = x_m.shape[0]
    if not pos:
        return None
    up = sp.csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows), np.asarray(cols))), shape=(len(skill_ids), len(pos))
    )
    h = sp.csr_matrix(x_m @ up)
    df = np.bincount(h.indices, minlength=len(pos)).astype(np.float64)
    idf = np.log((1.0 + n_r) / (1.0 + df)) + 1.0
    idf[df > HIERARCHY_MAX_SHARE * n_r] = 0.0
    return unit_rows(sp.csr_matrix(h @ sp.diags(idf)))


def _latent(z_m: sp.csr_matrix, dim: int, seed: int) -> FloatArray:
    """Unit-length rows of ``z_m`` projected on its top ``dim`` singular vectors.

    Randomized SVD (Halko et al., ``LATENT_POWER_ITERATIONS`` power iterations, seeded);
    with ``dim`` at or above the matrix rank the projection is exact. Zero rows stay zero.
    """
    n, m = z_m.shape
    full = min(n, m)
    if full == 0:
        return np.zeros((n, 0))
    if dim >= full:
        gram = np.asarray((z_m @ z_m.T).toarray()) if n <= m else None
        if gram is not None:
            evals, vecs = _eigh(gram)
            lat = vecs * np.sqrt(np.clip(evals, 0.0, None))
        else:
            lat = z_m.toarray()
    else:
        rng = np.random.default_rng(seed)
        y = z_m @ rng.standard_normal((m, min(full, dim + 20)))
        for _ in range(LATENT_POWER_ITERATIONS):
            y = z_m @ (z_m.T @ _orthonormal(y))
        q = _orthonormal(y)
        small = np.asarray(z_m.T @ q)  # m x width
        evals, vecs = _eigh(small.T @ small)
        top = np.argsort(-evals, kind="stable")[:dim]
        lat = q @ (vecs[:, top] * np.sqrt(np.clip(evals[top], 0.0, None)))
    norms = np.linalg.norm(lat, axis=1)
    out: FloatArray = lat / np.where(norms > 0, norms, 1.0)[:, None]
    return out


def _eigh(a: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Eigenvalues (ascending) and eigenvectors of the symmetric matrix ``a``.

    LAPACK's plain ``syev`` driver: on small matrices numpy's default (``syevd``) stalls for
    up to a second in threaded OpenBLAS on a busy machine; ``syev`` takes milliseconds.
    """
    import scipy.linalg

    evals, vecs = scipy.linalg.eigh(a, driver="ev")
    return np.asarray(evals, dtype=np.float64), np.asarray(vecs, dtype=np.float64)


def _orthonormal(y: FloatArray) -> FloatArray:
    """An orthonormal basis of the columns of ``y`` (via the eigenvectors of ``y.T @ y``).

    Cheaper than a QR factorisation here; near-null directions are dropped.
    """
    evals, vecs = _eigh(y.T @ y)
    keep = evals > evals.max(initial=0.0) * 1e-12
    out: FloatArray = (y @ vecs[:, keep]) / np.sqrt(evals[keep])
    return out


def resolve_role(g: SkillGraph, ix: Index, ref: str, field: str = "role") -> int:
    """The position of the role ``ref`` names (id, label, ...).

    Raises:
        NotFoundError: no role matches ``ref``.
    """
    pos = ix.role_pos.get(ref)
    if pos is not None:
        return pos
    try:
        rid = g.resolve(ref, NodeType.ROLE)
    except NotFoundError as exc:
        exc.args = (f"{field}: {exc.args[0]}",)
        raise
    return ix.role_pos[rid]


def resolve_skills(g: SkillGraph, ix: Index, refs: str | Iterable[str] | None) -> list[int]:
    """Positions of the skills ``refs`` names, in first-seen order, without repeats.

    Raises:
        NotFoundError: an item names no skill.
    """
    if refs is None:
        return []
    if isinstance(refs, str):
        refs = [refs]
    out: list[int] = []
    seen: set[int] = set()
    for ref in refs:
        pos = ix.skill_pos.get(ref)
        if pos is None:
            pos = ix.skill_pos[g.resolve(ref, NodeType.SKILL)]
        if pos not in seen:
            seen.add(pos)
            out.append(pos)
    return out


def covered_mask(ix: Index, positions: Iterable[int]) -> npt.NDArray[np.bool_]:
    """A boolean skill mask with ``positions`` set."""
    mask = np.zeros(ix.n_skills, dtype=bool)
    pos = list(positions)
    if pos:
        mask[np.asarray(pos, dtype=np.int64)] = True
    return mask
