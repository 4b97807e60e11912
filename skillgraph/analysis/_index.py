"""The compact analysis index of a graph: integer positions, sparse role x skill matrices.

Built once per graph version (``_store.cached``) and shared by every query. Roles and skills are
numbered in id order, so sorting by position is sorting by id. Two parts, each its own
derived value of the graph and its own snapshot part:

- the core (``analysis._core``, numpy only): positions, rarity, the role x skill matrices
  and per-role totals, all a gap, a transition cost or a skill path reads;
- the similarity profiles (``analysis._profiles``, built by ``analysis._build``), which only
  the queries comparing roles read.

``index(g)`` gives both; ``index(g, profiles=False)`` the core alone, whose profiles are
completed on first use from the same graph (checked to be unchanged). Each part holds only
named numpy arrays and plain lists (``Index.to_state``, ``Profiles.to_state``), so it can
be saved and loaded.

BLAS runs on one thread inside the profile build (``threadpoolctl``): threaded BLAS stalls
for seconds when the other cores are busy, and the products here are too small to gain from
threads.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from .._store import cached, store_of
from ..errors import InvalidValueError, NotFoundError
from ..graph import SkillGraph
from ..model import NodeType
from ._csr import Csr
from ._profiles import NOISE, PROFILES_FORMAT_VERSION, Profile, Profiles
from ._select import COMPONENTS, DEFAULT_WEIGHTS, check_k, check_weights, top_k
from ._state_checks import check_shapes

if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ = [
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "INDEX_FORMAT_VERSION",
    "NOISE",
    "PROFILES_FORMAT_VERSION",
    "Index",
    "Profiles",
    "check_k",
    "check_weights",
    "covered_mask",
    "index",
    "resolve_role",
    "resolve_skills",
    "top_k",
]

INDEX_FORMAT_VERSION = 3
"""Version of the layout ``Index.to_state`` writes; bumped whenever it changes (3: the
profiles moved to their own part, ``Profiles.to_state``; the requirement importances)."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
_MATRICES = ("W", "E", "B", "BT")


class Index:
    """Integer-indexed view of a graph's roles, skills, requirements and role profiles.

    Fields: ``role_ids``, ``skill_ids``; per skill ``rarity`` (in (0, 1]) and ``df`` (how
    many roles require it); the role x skill matrices ``W`` (cost weights: importance x
    rarity), ``E`` (1 where the requirement is essential, the pattern of ``W``), ``B``
    (binary requirements) and its transpose ``BT``; per role ``totals`` (the sum of its
    cost weights, ``math.fsum``), ``levels`` and ``declared_cluster``; ``importance``, the
    requirement importance of each entry of ``W`` (in its order). The similarity
    profiles (``parts``: a ``Profiles``) are given, attached later, or completed on first
    use from the graph the index was made for (``index``).

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
        importance: FloatArray,
        profiles: Mapping[str, Profile | Csr] | Profiles | None = None,
    ) -> None:
        self.role_ids = role_ids
        self.skill_ids = skill_ids
        self.rarity = rarity
        self.df = df
        self.totals = totals
        self.levels = levels
        self.declared_cluster = declared_cluster
        self.importance = importance
        self._csr: dict[str, Csr] = {
            name: Csr.of(m) for name, m in zip(_MATRICES, (W, E, B, BT), strict=True)
        }
        self.role_pos: dict[str, int] = {r: i for i, r in enumerate(role_ids)}
        self.skill_pos: dict[str, int] = {s: i for i, s in enumerate(skill_ids)}
        w, e = self._csr["W"], self._csr["E"]
        bounds = w.indptr.tolist()
        w_idx = w.indices.astype(np.int64)
        w_val = w.data.astype(np.float64)
        ess = e.data > 0
        spans = list(itertools.pairwise(bounds))
        #: per role: its required skill positions, ascending
        self.role_skills: list[IntArray] = [w_idx[lo:hi] for lo, hi in spans]
        #: per role: the cost weights of ``role_skills``
        self.role_weights: list[FloatArray] = [w_val[lo:hi] for lo, hi in spans]
        self.role_essential: list[npt.NDArray[np.bool_]] = [ess[lo:hi] for lo, hi in spans]
        self._spans = spans
        self._parts: Profiles | None = None
        #: the graph (weakly) and its version the profiles are completed from
        self._source: tuple[weakref.ref[SkillGraph], int] | None = None
        if isinstance(profiles, Profiles):
            self._parts = profiles
        elif profiles is not None:
            self._parts = Profiles(profiles, len(role_ids))

    # ------------------------------------------------------------ profiles
    def attach(self, parts: Profiles) -> None:
        """Use ``parts`` as this index's similarity profiles.

        Raises:
            InvalidValueError: ``parts`` has another number of roles.
        """
        if parts.n_roles != self.n_roles:
            raise InvalidValueError(
                f"profiles of {parts.n_roles} roles do not fit an index of {self.n_roles}",
                field="profiles",
            )
        self._parts = parts

    def complete_from(self, g: SkillGraph) -> None:
        """Complete the profiles from ``g`` (held weakly) on first use, if ``g`` is then
        still at its current version."""
        self._source = (weakref.ref(g), store_of(g).version)

    @property
    def has_profiles(self) -> bool:
        """Whether the similarity profiles are at hand (given, attached or completed)."""
        return self._parts is not None

    @property
    def parts(self) -> Profiles:
        """The similarity profiles (completed from the graph on first use).

        Raises:
            InvalidValueError: the profiles are missing and the graph this index was made
                for is gone or has changed since.
        """
        found = self._parts
        if found is not None:
            return found
        g = self._source[0]() if self._source is not None else None
        if g is None or self._source is None:
            raise InvalidValueError(
                "this analysis index has no similarity profiles and no graph to build them from",
                field="profiles",
            )
        if store_of(g).version != self._source[1]:
            raise InvalidValueError(
                "the graph changed since this analysis index was built: take a new one "
                "with index(g)",
                field="profiles",
            )
        found = cached(g, "analysis_profiles", _build_profiles)
        self.attach(found)
        return found

    @property
    def has(self) -> dict[str, npt.NDArray[np.bool_]]:
        """Per component: which roles have a non-zero profile."""
        return self.parts.has

    @property
    def profiles(self) -> dict[str, Profile]:
        """Per component: role x feature unit-row profile (scipy CSR or dense; made once)."""
        return self.parts.matrices

    def transposed(self, name: str) -> sp.csr_matrix:
        """The feature x role transpose of the sparse profile ``name`` (made on first use).

        Raises:
            KeyError: no profile ``name``.
            TypeError: the profile ``name`` is dense.
        """
        return self.parts.transposed(name)

    def component_scores(self, r: int) -> dict[str, FloatArray]:
        """Per component role ``r`` has data for: its cosine with every role (itself included)."""
        return self.parts.component_scores(r)

    def similarities(self, r: int, weights: Mapping[str, float] | None = None) -> FloatArray:
        """Similarity of role ``r`` to every role (itself included), in [0, 1]."""
        return self.parts.similarities(r, weights)

    def mix(
        self,
        r: int,
        scores: Mapping[str, FloatArray],
        weights: Mapping[str, float] | None = None,
    ) -> tuple[FloatArray, FloatArray]:
        """``(score, denominator)`` per role of the component ``scores`` of role ``r``."""
        return self.parts.mix(r, scores, weights)

    def similarity_rows(
        self, rows: IntArray, weights: Mapping[str, float] | None = None
    ) -> FloatArray:
        """Similarities of several roles to every role at once (``len(rows)`` x roles)."""
        return self.parts.similarity_rows(rows, weights)

    def similarity_blocks(
        self, block: int = 256, weights: Mapping[str, float] | None = None
    ) -> Iterator[tuple[int, FloatArray]]:
        """Every role's similarity rows, in blocks of ``block`` rows (first position, rows)."""
        return self.parts.similarity_blocks(block, weights)

    def all_neighbours(
        self, m: int, weights: Mapping[str, float] | None = None, block: int = 256
    ) -> list[tuple[IntArray, FloatArray]]:
        """The ``m`` nearest roles of every role, as ``neighbours`` gives them."""
        return self.parts.all_neighbours(m, weights, block)

    def neighbours(self, r: int, m: int) -> tuple[IntArray, FloatArray]:
        """The ``m`` roles most similar to ``r`` (itself excluded, score > 0), best first."""
        return self.parts.neighbours(r, m)

    # ------------------------------------------------------------ matrices
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
    def n_roles(self) -> int:
        """Number of roles."""
        return len(self.role_ids)

    @property
    def n_skills(self) -> int:
        """Number of skills."""
        return len(self.skill_ids)

    def role_importance(self, r: int) -> FloatArray:
        """The requirement importance of each skill of ``role_skills[r]`` (no store read)."""
        lo, hi = self._spans[r]
        out: FloatArray = self.importance[lo:hi]
        return out

    # ------------------------------------------------------------ state
    def to_state(self) -> tuple[dict[str, npt.NDArray[Any]], dict[str, Any]]:
        """The core of the index as named numpy arrays and JSON-serialisable metadata (the
        profiles are ``parts.to_state()``).

        ``Index.from_state(*ix.to_state())`` rebuilds an equal core; the metadata holds
        ``format`` = ``INDEX_FORMAT_VERSION``.
        """
        arrays: dict[str, npt.NDArray[Any]] = {
            "rarity": self.rarity,
            "df": self.df,
            "totals": self.totals,
            "importance": self.importance,
        }
        for name in _MATRICES:
            m = self._csr[name]
            arrays[f"{name}.data"] = m.data
            arrays[f"{name}.indices"] = m.indices
            arrays[f"{name}.indptr"] = m.indptr
            arrays[f"{name}.shape"] = np.asarray(m.shape, dtype=np.int64)
        meta: dict[str, Any] = {
            "format": INDEX_FORMAT_VERSION,
            "role_ids": list(self.role_ids),
            "skill_ids": list(self.skill_ids),
            "levels": list(self.levels),
            "declared_cluster": list(self.declared_cluster),
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
        """The core ``to_state`` described; with ``graph``, checked to be that graph's (and
        its profiles completed from it on first use).

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
        check_shapes(arrays, matrices, {}, n_roles, n_skills)
        out = cls(
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
            importance=np.asarray(arrays["importance"], dtype=np.float64),
        )
        if graph is not None:
            out.complete_from(graph)
        return out


def index(g: SkillGraph, *, profiles: bool = True) -> Index:
    """The analysis index of ``g`` (each part built once per graph version).

    With ``profiles=False`` only the core is built now (what gaps, costs and skill paths
    read); the similarity profiles are completed on first use, from ``g`` as it is now.
    """
    ix = cached(g, "analysis_index", _build_core)  # built or loaded: completes from ``g``
    if profiles and not ix.has_profiles:
        ix.attach(cached(g, "analysis_profiles", _build_profiles))
    return ix


def _build_core(g: SkillGraph) -> Index:
    from ._core import build_core

    out = build_core(g)
    out.complete_from(g)
    return out


def _build_profiles(g: SkillGraph) -> Profiles:
    from threadpoolctl import threadpool_limits

    from ._build import build_profiles

    core = cached(g, "analysis_index", _build_core)
    with threadpool_limits(limits=1, user_api="blas"):
        return Profiles(build_profiles(g, core), core.n_roles)


def _build(g: SkillGraph) -> Index:
    """A new whole index of ``g`` (core and profiles), shared with nothing (benchmarks)."""
    from threadpoolctl import threadpool_limits

    from ._build import build_profiles
    from ._core import build_core

    out = build_core(g)
    with threadpool_limits(limits=1, user_api="blas"):
        out.attach(Profiles(build_profiles(g, out), out.n_roles))
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
    items = [refs] if isinstance(refs, str) else list(refs)
    get = ix.skill_pos.get
    found = [get(ref) for ref in items]  # ids, the common case, in one pass
    if None in found:
        found = [
            ix.skill_pos[g.resolve(ref, NodeType.SKILL)] if pos is None else pos
            for ref, pos in zip(items, found, strict=True)
        ]
    return list(dict.fromkeys(found))  # type: ignore[arg-type]  # no None left


def covered_mask(ix: Index, positions: Iterable[int]) -> npt.NDArray[np.bool_]:
    """A boolean skill mask with ``positions`` set."""
    mask = np.zeros(ix.n_skills, dtype=bool)
    pos = list(positions)
    if pos:
        mask[np.asarray(pos, dtype=np.int64)] = True
    return mask
