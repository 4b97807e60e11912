"""The compact analysis index of a graph: integer positions, sparse role x skill matrices.

Built once per graph version (``_store.cached``) and shared by every query. Roles and skills are
numbered in id order, so sorting by position is sorting by id. The index holds only named
numpy arrays and plain lists (see ``Index.to_state``), so it can be saved and loaded.

How the weights and profiles are made: ``analysis._build``.


BLAS runs on one thread inside the build (``threadpoolctl``): threaded BLAS stalls for
seconds when the other cores are busy, and the products here are too small to gain from
threads.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import numpy.typing as npt

from .._store import cached
from ..errors import InvalidValueError, NotFoundError
from ..graph import SkillGraph
from ..model import NodeType
from ._csr import Csr
from ._select import COMPONENTS, DEFAULT_WEIGHTS, check_k, check_weights, nearest_of, top_k
from ._state_checks import check_shapes

if TYPE_CHECKING:
    import scipy.sparse as sp

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

NOISE = 1e-9
"""Cosines below this count as 0 (the latent products leave rounding noise on unrelated
roles)."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Profile: TypeAlias = "sp.csr_matrix | npt.NDArray[np.floating[Any]]"
_Stored: TypeAlias = "Csr | npt.NDArray[np.floating[Any]]"
_MATRICES = ("W", "E", "B", "BT")


class Index:
    """Integer-indexed view of a graph's roles, skills, requirements and role profiles.

    Fields: ``role_ids``, ``skill_ids``; per skill ``rarity`` (in (0, 1]) and ``df`` (how
    many roles require it); the role x skill matrices ``W`` (cost weights: importance x
    rarity), ``E`` (1 where the requirement is essential, the pattern of ``W``), ``B``
    (binary requirements) and its transpose ``BT``; per role ``totals`` (the sum of its
    cost weights, ``math.fsum``), ``levels`` and ``declared_cluster``; ``profiles``, per
    component a role x feature unit-row profile (sparse CSR or dense).

    The sparse matrices are kept as their arrays and made scipy matrices on first use:
    the queries that only read rows and products with a vector (similar roles, gaps)
    never import scipy.
    """

    def __init__(
        self,
        *,
        role_ids: list[str],
        skill_ids: list[str],
        rarity: FloatArray,
        df: IntArray,
        W: sp.csr_matrix | Csr,  # noqa: N803 - the matrix names of the docs
        E: sp.csr_matrix | Csr,  # noqa: N803
        B: sp.csr_matrix | Csr,  # noqa: N803
        BT: sp.csr_matrix | Csr,  # noqa: N803
        totals: FloatArray,
        levels: list[int | None],
        declared_cluster: list[str | None],
        profiles: Mapping[str, Profile | Csr],
    ) -> None:
        self.role_ids = role_ids
        self.skill_ids = skill_ids
        self.rarity = rarity
        self.df = df
        self.totals = totals
        self.levels = levels
        self.declared_cluster = declared_cluster
        self._csr: dict[str, Csr] = {
            name: Csr.of(m) for name, m in zip(_MATRICES, (W, E, B, BT), strict=True)
        }
        self._profiles: dict[str, _Stored] = {
            name: m if isinstance(m, np.ndarray) else Csr.of(m) for name, m in profiles.items()
        }
        self.role_pos: dict[str, int] = {r: i for i, r in enumerate(role_ids)}
        self.skill_pos: dict[str, int] = {s: i for i, s in enumerate(skill_ids)}
        w, e = self._csr["W"], self._csr["E"]
        #: per role: its required skill positions, ascending
        self.role_skills: list[IntArray] = [
            w.indices[w.indptr[i] : w.indptr[i + 1]].astype(np.int64) for i in range(self.n_roles)
        ]
        #: per role: the cost weights of ``role_skills``
        self.role_weights: list[FloatArray] = [
            w.data[w.indptr[i] : w.indptr[i + 1]].astype(np.float64) for i in range(self.n_roles)
        ]
        self.role_essential: list[npt.NDArray[np.bool_]] = [
            e.data[e.indptr[i] : e.indptr[i + 1]] > 0 for i in range(self.n_roles)
        ]
        #: per component: which roles have a non-zero profile
        self.has: dict[str, npt.NDArray[np.bool_]] = {}
        for name, m in self._profiles.items():
            if isinstance(m, Csr):
                self.has[name] = m.nonempty_rows()
            else:
                self.has[name] = np.abs(m).sum(axis=1) > 0
        self._transposed: dict[str, sp.csr_matrix] = {}
        self._scipy_profiles: dict[str, Profile] | None = None
        self._knn: dict[int, tuple[int, IntArray, FloatArray]] = {}

    @property
    def W(self) -> sp.csr_matrix:  # noqa: N802 - the matrix names of the docs
        """Role x skill cost weights (importance x rarity)."""
        return self._csr["W"].matrix()

    @property
    def E(self) -> sp.csr_matrix:  # noqa: N802
        """Role x skill: 1 where the requirement is essential (same pattern as ``W``)."""
        return self._csr["E"].matrix()

    @property
    def B(self) -> sp.csr_matrix:  # noqa: N802
        """Role x skill binary requirement matrix."""
        return self._csr["B"].matrix()

    @property
    def BT(self) -> sp.csr_matrix:  # noqa: N802
        """Skill x role binary matrix (transpose of ``B``)."""
        return self._csr["BT"].matrix()

    def csr(self, name: str) -> Csr:
        """The role x skill matrix ``name`` (``W``, ``E``, ``B`` or ``BT``) as its arrays:
        rows and products with a vector, without scipy.

        Raises:
            KeyError: not one of those names.
        """
        return self._csr[name]

    @property
    def profiles(self) -> dict[str, Profile]:
        """Per component: role x feature unit-row profile (scipy CSR or dense; made once)."""
        if self._scipy_profiles is None:
            self._scipy_profiles = {
                name: m.matrix() if isinstance(m, Csr) else m for name, m in self._profiles.items()
            }
        return self._scipy_profiles

    def transposed(self, name: str) -> sp.csr_matrix:
        """The feature x role transpose of the sparse profile ``name`` (made on first use)."""
        import scipy.sparse as sp

        found = self._transposed.get(name)
        if found is None:
            stored = self._profiles[name]
            if not isinstance(stored, Csr):
                raise TypeError(f"profile {name!r} is dense")
            found = sp.csr_matrix(stored.matrix().T)
            found.sort_indices()
            self._transposed[name] = found
        return found

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
            m = self._profiles.get(name)
            if m is None or not self.has[name][r]:
                continue
            if isinstance(m, Csr):
                out[name] = m.row_products(r)
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
            m = self._profiles.get(name)
            wc = float(w.get(name, 0.0))
            if m is None or wc <= 0 or not self.has[name].any():
                continue
            if isinstance(m, Csr):
                cos = np.asarray((m.matrix()[rows] @ self.transposed(name)).toarray())
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
                out.extend(nearest_of(self.similarity_rows(rows, weights), rows, m))
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
        u: FloatArray = self._csr["W"].dot((~covered).astype(np.float64))
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

        def put(name: str, m: Csr) -> None:
            arrays[f"{name}.data"] = m.data
            arrays[f"{name}.indices"] = m.indices
            arrays[f"{name}.indptr"] = m.indptr
            arrays[f"{name}.shape"] = np.asarray(m.shape, dtype=np.int64)

        for name in _MATRICES:
            put(name, self._csr[name])
        for name, m in self._profiles.items():
            if isinstance(m, Csr):
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

        def get(name: str) -> Csr:
            try:
                return Csr.checked(
                    arrays[f"{name}.data"],
                    arrays[f"{name}.indices"],
                    arrays[f"{name}.indptr"],
                    arrays[f"{name}.shape"],
                    name,
                )
            except KeyError as exc:
                raise InvalidValueError(
                    f"index state lacks array {exc.args[0]!r}", field="arrays"
                ) from None

        n_roles, n_skills = len(meta["role_ids"]), len(meta["skill_ids"])
        matrices = {name: get(name) for name in _MATRICES}
        profiles: dict[str, Profile | Csr] = {}
        for name in meta["sparse_profiles"]:
            profiles[name] = get(f"profile.{name}")
        for name in meta["dense_profiles"]:
            profiles[name] = np.asarray(arrays[f"profile.{name}"])
        check_shapes(arrays, matrices, profiles, n_roles, n_skills)
        return cls(
            role_ids=list(meta["role_ids"]),
            skill_ids=list(meta["skill_ids"]),
            rarity=np.asarray(arrays["rarity"], dtype=np.float64),
            df=np.asarray(arrays["df"], dtype=np.int64),
            W=matrices["W"],
            E=matrices["E"],
            B=matrices["B"],
            BT=matrices["BT"],
            totals=np.asarray(arrays["totals"], dtype=np.float64),
            levels=list(meta["levels"]),
            declared_cluster=list(meta["declared_cluster"]),
            profiles=profiles,
        )


def _clean(cos: FloatArray) -> FloatArray:
    """Cosines with negatives and rounding noise (below ``NOISE``) set to 0."""
    out: FloatArray = np.where(cos > NOISE, cos, 0.0)
    return out


def index(g: SkillGraph) -> Index:
    """The analysis index of ``g`` (built once per graph version)."""
    return cached(g, "analysis_index", _build)


def _build(g: SkillGraph) -> Index:
    # scipy.linalg loads its own BLAS: it must be loaded before the limit is set, which
    # applies to the libraries loaded at that moment only (else eigh runs threaded)
    import scipy.linalg  # noqa: F401
    from threadpoolctl import threadpool_limits

    from ._build import build_index

    with threadpool_limits(limits=1, user_api="blas"):
        return build_index(g)


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
