"""The compact analysis index of a graph: integer positions, sparse role x skill matrices.

Built once per graph version (``g._cached``) and shared by every query. Roles and skills are
numbered in id order, so sorting by position is sorting by id.

Weights:

- ``rarity[s]``: a smoothed IDF, ``(log((1 + R) / (1 + df)) + 1) / (log(1 + R) + 1)``, in
  (0, 1]; halved for transversal skills, which say little about fit.
- ``W[r, s]`` (cost weight): ``importance x rarity``, used by gap coverage and transition costs.
- ``X[r, s]`` (skill vectors): ``importance x essential factor x rarity ** IDF_POWER``,
  each row scaled to unit length, so ``X @ X[r]`` is cosine similarity of skill profiles.

Role similarity (``Index.similarities``) mixes two cosines, both computed from skills only:

- a sparse profile ``Z = [X, ANCESTOR_WEIGHT x H]`` (unit rows), where ``H`` spreads each
  role's skill weights to the broader skills and skill groups above them (the skill
  hierarchy, IDF-weighted over roles), so two roles needing different narrow skills of one
  group still meet;
- a latent profile ``L``: the rows of ``Z`` projected on its top `LATENT_DIM` singular
  vectors (LSA; seeded randomized SVD, so deterministic), which links skills that occur in
  the same roles. Graphs with at most ``LATENT_DIM`` roles or features keep the full rank,
  where the latent cosine equals the sparse one.

``score = (1 - LATENT_MIX) x cos_Z + LATENT_MIX x max(cos_L, 0)``, and only roles sharing at
least one required skill are scored. See docs/benchmarks.md for the measured effect on ESCO.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..errors import InvalidValueError, NotFoundError
from ..graph import SkillGraph
from ..model import NodeType, ReuseLevel

__all__ = [
    "INDEX_FORMAT_VERSION",
    "Index",
    "check_k",
    "covered_mask",
    "index",
    "resolve_role",
    "resolve_skills",
    "top_k",
]

TRANSVERSAL_FACTOR = 0.5
"""Rarity multiplier of transversal skills."""
OPTIONAL_FACTOR = 0.8
"""Similarity weight of an optional requirement relative to an essential one."""
IDF_POWER = 1.0
"""Exponent of the rarity weight in similarity vectors."""
ANCESTOR_WEIGHT = 0.5
"""Weight of the skill-hierarchy block of the sparse role profile (its rows are unit length)."""
LATENT_DIM = 200
"""Rank of the latent (LSA) role profile."""
LATENT_MIX = 0.5
"""Share of the latent cosine in role similarity."""
LATENT_SEED = 0
"""Seed of the randomized SVD."""
INDEX_FORMAT_VERSION = 1
"""Version of the layout ``Index.to_state`` returns; part of the snapshot cache key (bump it
whenever the index's arrays or weights change)."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(eq=False)
class Index:
    """Integer-indexed view of a graph's roles, skills and requirements."""

    role_ids: list[str]
    role_pos: dict[str, int]
    skill_ids: list[str]
    skill_pos: dict[str, int]
    rarity: FloatArray
    """Per skill, in (0, 1]."""
    df: IntArray
    """Per skill: how many roles require it."""
    W: sp.csr_matrix
    """Role x skill cost weights (importance x rarity)."""
    X: sp.csr_matrix
    """Role x skill unit-length similarity vectors."""
    Z: sp.csr_matrix
    """Role x (skill + hierarchy feature) unit-length sparse profiles."""
    L: FloatArray
    """Role x latent dimension unit-length profiles (dense)."""
    B: sp.csr_matrix
    """Role x skill binary requirement matrix."""
    BT: sp.csr_matrix
    """Skill x role binary matrix (transpose of ``B``)."""
    totals: FloatArray
    """Per role: the sum of its cost weights (``math.fsum``)."""
    role_skills: list[IntArray]
    """Per role: its required skill positions, ascending."""
    role_weights: list[FloatArray]
    """Per role: the cost weights of ``role_skills``."""
    role_essential: list[npt.NDArray[np.bool_]]
    levels: list[int | None]
    declared_cluster: list[str | None]
    _knn: dict[int, tuple[int, IntArray, FloatArray]] = field(default_factory=dict)

    @property
    def n_roles(self) -> int:
        """Number of roles."""
        return len(self.role_ids)

    @property
    def n_skills(self) -> int:
        """Number of skills."""
        return len(self.skill_ids)

    def similarities(self, r: int) -> FloatArray:
        """Similarity of role ``r`` to every role (itself included), in [0, 1].

        The mix of sparse and latent cosines described in the module docstring; 0 for roles
        sharing no required skill with ``r``.
        """
        row = self.Z[r]
        dense = np.zeros(self.Z.shape[1])
        dense[row.indices] = row.data
        sparse_cos: FloatArray = self.Z @ dense
        # einsum, not BLAS: a threaded gemv stalls on a busy machine for this small product
        latent = np.maximum(np.einsum("ij,j->i", self.L, self.L[r]), 0.0)
        out: FloatArray = (1.0 - LATENT_MIX) * sparse_cos + LATENT_MIX * latent
        shares = np.zeros(self.n_roles, dtype=bool)
        skills = self.role_skills[r]
        if skills.size:
            shares[np.unique(self.BT[skills].indices)] = True
        out[~shares] = 0.0
        out = np.clip(out, 0.0, 1.0)
        return out

    def neighbours(self, r: int, m: int) -> tuple[IntArray, FloatArray]:
        """The ``m`` roles most similar to ``r`` (itself excluded, score > 0), best first.

        Memoised per role (for the largest ``m`` asked so far).
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

    # -------------------------------------------------------------- snapshot (see cache)
    _MATRICES = ("W", "X", "Z", "B", "BT")

    def to_state(self) -> tuple[dict[str, npt.NDArray[np.generic]], dict[str, object]]:
        """The index as plain arrays and JSON metadata, for a snapshot (no pickle needed).

        The graph's role and skill ids are not included: ``from_state`` takes them from
        the graph the index belongs to.
        """
        arrays: dict[str, npt.NDArray[np.generic]] = {
            "rarity": self.rarity,
            "df": self.df,
            "totals": self.totals,
            "L": self.L,
            "essential": np.concatenate([np.zeros(0, dtype=bool), *self.role_essential]),
        }
        for name in self._MATRICES:
            m = getattr(self, name)
            arrays.update({f"{name}.data": m.data, f"{name}.indices": m.indices})
            arrays[f"{name}.indptr"] = m.indptr
        shapes = {name: list(getattr(self, name).shape) for name in self._MATRICES}
        meta: dict[str, object] = {"format": INDEX_FORMAT_VERSION, "shapes": shapes}
        return arrays, meta

    @classmethod
    def from_state(
        cls, graph: SkillGraph, arrays: dict[str, npt.NDArray[np.generic]], meta: dict[str, object]
    ) -> Index:
        """The index ``to_state`` described, for ``graph`` (which must be the same content).

        Raises:
            ValueError: the state is of another format version or does not fit the graph.
        """
        role_ids, skill_ids = sorted(graph.roles), sorted(graph.skills)
        shapes = meta.get("shapes")
        if meta.get("format") != INDEX_FORMAT_VERSION or not isinstance(shapes, dict):
            raise ValueError(f"index state of another format: {meta.get('format')!r}")
        mats = {
            name: sp.csr_matrix(
                (arrays[f"{name}.data"], arrays[f"{name}.indices"], arrays[f"{name}.indptr"]),
                shape=tuple(shapes[name]),
            )
            for name in cls._MATRICES
        }
        w = mats["W"]
        if w.shape != (len(role_ids), len(skill_ids)) or len(arrays["essential"]) != w.nnz:
            raise ValueError(f"index state of shape {w.shape} does not fit the graph")
        cuts = w.indptr[1:-1]
        roles = graph.roles
        return cls(
            role_ids=role_ids,
            role_pos={r: i for i, r in enumerate(role_ids)},
            skill_ids=skill_ids,
            skill_pos={s: i for i, s in enumerate(skill_ids)},
            rarity=np.asarray(arrays["rarity"], dtype=np.float64),
            df=np.asarray(arrays["df"], dtype=np.int64),
            totals=np.asarray(arrays["totals"], dtype=np.float64),
            L=np.asarray(arrays["L"], dtype=np.float64),
            role_skills=np.split(w.indices.astype(np.int64), cuts),
            role_weights=np.split(w.data.astype(np.float64), cuts),
            role_essential=np.split(np.asarray(arrays["essential"], dtype=bool), cuts),
            levels=[roles[r].level for r in role_ids],
            declared_cluster=[roles[r].cluster for r in role_ids],
            **mats,
        )


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
    return g._cached("analysis_index", _build)


def _build(g: SkillGraph) -> Index:
    role_ids = sorted(g.roles)
    skill_ids = sorted(g.skills)
    role_pos = {r: i for i, r in enumerate(role_ids)}
    skill_pos = {s: i for i, s in enumerate(skill_ids)}
    n_r, n_s = len(role_ids), len(skill_ids)
    rows: list[int] = []
    cols: list[int] = []
    imp: list[float] = []
    ess: list[bool] = []
    for req in g.iter_requirements():
        rows.append(role_pos[req.role])
        cols.append(skill_pos[req.skill])
        imp.append(req.importance)
        ess.append(req.essential)
    r_arr = np.asarray(rows, dtype=np.int64)
    c_arr = np.asarray(cols, dtype=np.int64)
    imp_arr = np.asarray(imp, dtype=np.float64)
    ess_arr = np.asarray(ess, dtype=bool)
    df = np.bincount(c_arr, minlength=n_s).astype(np.int64)
    rarity = (np.log((1.0 + n_r) / (1.0 + df)) + 1.0) / (math.log(1.0 + n_r) + 1.0)
    skills = g.skills
    transversal = np.asarray(
        [skills[s].reuse is ReuseLevel.TRANSVERSAL for s in skill_ids], dtype=bool
    )
    rarity = np.where(transversal, rarity * TRANSVERSAL_FACTOR, rarity)
    w = imp_arr * rarity[c_arr] if len(c_arr) else np.zeros(0)
    shape = (n_r, n_s)
    w_m = sp.csr_matrix((w, (r_arr, c_arr)), shape=shape)
    w_m.sort_indices()
    sim = imp_arr * np.where(ess_arr, 1.0, OPTIONAL_FACTOR)
    if len(c_arr):
        sim = sim * rarity[c_arr] ** IDF_POWER
    x_m = sp.csr_matrix((sim, (r_arr, c_arr)), shape=shape)
    norms = np.sqrt(np.asarray(x_m.multiply(x_m).sum(axis=1)).ravel())
    scale = np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 0.0)
    x_m = sp.csr_matrix(sp.diags(scale) @ x_m)
    x_m.sort_indices()
    z_m = _profiles(g, skill_ids, x_m)
    latent = _latent(z_m, LATENT_DIM, LATENT_SEED)
    b_m = sp.csr_matrix((np.ones(len(r_arr)), (r_arr, c_arr)), shape=shape)
    b_m.sort_indices()
    bt_m = sp.csr_matrix(b_m.T)
    bt_m.sort_indices()
    role_skills: list[IntArray] = []
    role_weights: list[FloatArray] = []
    role_essential: list[npt.NDArray[np.bool_]] = []
    totals = np.zeros(n_r)
    ess_by_pair = dict(zip(zip(rows, cols, strict=True), ess, strict=True))
    for i in range(n_r):
        lo, hi = w_m.indptr[i], w_m.indptr[i + 1]
        idx = w_m.indices[lo:hi].astype(np.int64)
        role_skills.append(idx)
        role_weights.append(w_m.data[lo:hi].astype(np.float64))
        role_essential.append(np.asarray([ess_by_pair[(i, int(j))] for j in idx], dtype=bool))
        totals[i] = math.fsum(w_m.data[lo:hi].tolist())
    roles = g.roles
    return Index(
        role_ids=role_ids,
        role_pos=role_pos,
        skill_ids=skill_ids,
        skill_pos=skill_pos,
        rarity=rarity.astype(np.float64),
        df=df,
        W=w_m,
        X=x_m,
        Z=z_m,
        L=latent,
        B=b_m,
        BT=bt_m,
        totals=totals,
        role_skills=role_skills,
        role_weights=role_weights,
        role_essential=role_essential,
        levels=[roles[r].level for r in role_ids],
        declared_cluster=[roles[r].cluster for r in role_ids],
    )


def _unit_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    scale = np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 0.0)
    out = sp.csr_matrix(sp.diags(scale) @ m)
    out.sort_indices()
    return out


def _profiles(g: SkillGraph, skill_ids: list[str], x_m: sp.csr_matrix) -> sp.csr_matrix:
    """``[X, ANCESTOR_WEIGHT x H]`` with unit rows: skills plus their skill-hierarchy ancestors.

    ``H[r, a]`` sums role ``r``'s skill weights over its skills below ancestor ``a`` (a
    broader skill or a skill group), times the ancestor's IDF over roles; rows unit length.
    """
    pos: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, sid in enumerate(skill_ids):
        for a in sorted(g.ancestors(sid)):
            rows.append(i)
            cols.append(pos.setdefault(a, len(pos)))
    n_r = x_m.shape[0]
    if not pos:
        return x_m
    up = sp.csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows), np.asarray(cols))), shape=(len(skill_ids), len(pos))
    )
    h = sp.csr_matrix(x_m @ up)
    df = np.bincount(h.indices, minlength=len(pos)).astype(np.float64)
    idf = np.log((1.0 + n_r) / (1.0 + df)) + 1.0
    h = _unit_rows(sp.csr_matrix(h @ sp.diags(idf)))
    return _unit_rows(sp.csr_matrix(sp.hstack([x_m, ANCESTOR_WEIGHT * h])))


def _latent(z_m: sp.csr_matrix, dim: int, seed: int) -> FloatArray:
    """Unit-length rows of ``z_m`` projected on its top ``dim`` singular vectors.

    Randomized SVD (Halko et al., four power iterations, seeded); with ``dim`` at or above
    the matrix rank the projection is exact. Zero rows stay zero.
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
        for _ in range(4):
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
