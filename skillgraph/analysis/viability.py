"""Viable moves: which single career moves a person can actually make.

A move from role A to role B is **viable** when

1. B has requirements (a role without any is no target),
2. the two are similar enough: their role similarity (``similar_roles``, the calibrated mix
   of ``docs/concepts.md``) is at least the graph's **viability threshold**, and
3. the seniority jump is small: ``|jump(A, B)| <= MAX_SENIORITY_JUMP`` (seniority as
   ``skillgraph.analysis.families.seniority``: ISCO skill level or Job Zone, managerial
   variants and declared progressions; the jump as ``families.seniority_jump``, where a
   managerial variant one level up counts once), and
4. the education the target usually requires is at most ``MAX_EDUCATION_STEP`` categories
   above the source's, where both roles declare one (``attributes["education_level"]``,
   1-12 on O*NET's scale, which the O*NET reader fills from the required level of
   education): a registered nurse (a bachelor's degree) cannot step into anaesthesiology
   (post-doctoral training) however similar the skills.

A **promotion** is viable below the threshold: a move one seniority step up (jump +1)
inside the role's occupational group (``promotion_group``: the ISCO-08 minor group of
ESCO's ``attributes["isco_code"]``, the SOC broad group of an O*NET-SOC ``code``), onto a
role with requirements, within the education bar, whose similarity is at least
``PROMOTION_SHARE`` of the threshold. Generic skills many professions share lift
unrelated roles over the threshold while a shop assistant and the shop supervisor of the
same ISCO group can fall under it; the taxonomy's own grouping says the step is a career
ladder. Its explanation names the rule and the group.

The threshold is calibrated on the graph itself, as Nesta's *Mapping Career Causeways* does
with its similarity threshold: take, for every role, its similarity to its
``FAMILY_NEIGHBOURS`` most similar roles of its own family (the moves people make inside a
family); the threshold is the ``VIABLE_QUANTILE`` quantile of all those similarities. A
cross-family move is viable when it is as close as three quarters of the close
within-family moves. ``MIN_THRESHOLD`` is a floor for graphs with very loose families.

The viable moves of every role are computed once per graph version and family method (in
blocks of similarity rows), so path searches read them as sparse arrays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from .._kinds import EDUCATION_ATTRIBUTE, EDUCATION_NAMES
from .._store import cached
from ..graph import SkillGraph
from ..results import Viability
from ._csr import Csr
from ._index import FloatArray, Index, IntArray, index, resolve_role
from ._select import nearest_of
from .clusters import KNN, neighbour_lists
from .families import FAMILY_METHODS, seniority_jump, seniority_parts
from .families import families as family_map

if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ = [
    "FAMILY_NEIGHBOURS",
    "MAX_EDUCATION_STEP",
    "MAX_SENIORITY_JUMP",
    "MIN_THRESHOLD",
    "PROMOTION_SHARE",
    "VIABLE_QUANTILE",
    "Mobility",
    "mobility",
    "promotion_group",
    "viable_move",
]

FAMILY_NEIGHBOURS = 10
"""Most similar family members per role whose similarities calibrate the threshold."""
VIABLE_QUANTILE = 0.15
"""Quantile of the within-family similarities taken as the viability threshold."""
MIN_THRESHOLD = 0.05
"""Lowest threshold the calibration may give."""
MAX_SENIORITY_JUMP = 1
"""Largest seniority change of a viable move (up or down)."""
MAX_EDUCATION_STEP = 2
"""Most categories of required education a viable move climbs (bachelor's -> master's)."""
PROMOTION_SHARE = 0.65
"""Share of the threshold a promotion inside an occupational group must reach (chosen on
tuning seeds: 0.5 let newly connected pairs take long routes whose bridges do not
progress; 0.7 left shop assistant -> shop supervisor on ESCO, 0.70 x, just under)."""
_SOC = re.compile(r"\d\d-\d{4}")
_BLOCK = 256
KEEP_BUDGET = 256 * 2**20
"""Bytes of similarity rows (float32, roles x roles) the mobility build keeps between its
passes; a graph with more roles than fit computes them again in each pass."""

Families = str | Mapping[str, str]


@dataclass(eq=False)
class Mobility:
    """The viable-move structure of a graph under one family choice (plain arrays)."""

    family_ids: list[str]
    """Per role position: its family id."""
    family: IntArray
    """Per role position: its family number (families numbered by id)."""
    seniority: IntArray
    level: IntArray
    """Per role position: its level as ranked (``families.seniority_parts``)."""
    managerial: IntArray
    """Per role position: 1 for a managerial variant, else 0."""
    education: IntArray
    """Per role position: its usual required education (1-12), 0 when not declared."""
    threshold: float
    group: list[str | None]
    """Per role position: its occupational group (``promotion_group``), None when none."""
    a: Csr
    """Role x role: similarity of every viable move (row: from, column: to), as arrays."""
    at: Csr
    """Transpose of ``a`` (row: to, column: from), as arrays."""

    @property
    def A(self) -> sp.csr_matrix:  # noqa: N802 - the matrix names of the docs
        """Role x role: similarity of every viable move (row: from, column: to)."""
        return self.a.matrix()

    @property
    def AT(self) -> sp.csr_matrix:  # noqa: N802
        """Transpose of ``A`` (row: to, column: from)."""
        return self.at.matrix()

    def viable_from(self, r: int) -> tuple[IntArray, FloatArray]:
        """The roles viable from ``r`` (ascending positions) and their similarities."""
        lo, hi = self.a.indptr[r], self.a.indptr[r + 1]
        return self.a.indices[lo:hi].astype(np.int64), self.a.data[lo:hi].astype(np.float64)

    def jump(self, a: int, b: int) -> int:
        """The seniority jump of the move ``a -> b`` (``families.seniority_jump``)."""
        return seniority_jump(self._parts(a), self._parts(b))

    def _parts(self, r: int) -> tuple[int, int, bool]:
        return int(self.seniority[r]), int(self.level[r]), bool(self.managerial[r])

    def promotion(self, a: int, b: int) -> bool:
        """Whether ``a -> b`` is one seniority step up inside one occupational group."""
        ga = self.group[a]
        return ga is not None and ga == self.group[b] and self.jump(a, b) == 1

    def viable_promotion(self, a: int, b: int) -> bool:
        """Whether ``a -> b`` is a `promotion` and a viable move (growth in one's role:
        ``moves`` calls it upskilling whatever the job families)."""
        return self.promotion(a, b) and self.similarity(a, b) is not None

    def promotions(self, a: int) -> IntArray:
        """The roles of the viable promotions from ``a`` (`viable_promotion`), ascending."""
        cols, _ = self.viable_from(a)
        return np.asarray([b for b in cols.tolist() if self.promotion(a, b)], dtype=np.int64)

    def similarity(self, a: int, b: int) -> float | None:
        """The similarity of the viable move ``a -> b``, or None when it is not viable."""
        lo, hi = self.a.indptr[a], self.a.indptr[a + 1]
        cols = self.a.indices[lo:hi]
        i = int(np.searchsorted(cols, b))
        return float(self.a.data[lo + i]) if i < len(cols) and cols[i] == b else None


def mobility(g: SkillGraph, families: Families = "auto") -> Mobility:
    """The viable moves of ``g`` with ``families`` (cached per graph version for named methods).

    Raises:
        InvalidValueError: ``families`` is not a known method or a mapping.
    """
    if isinstance(families, str):
        if families not in FAMILY_METHODS:
            family_map(g, families)  # raises the error naming the methods
        return cached(
            g,
            f"analysis_mobility:{families}",
            lambda h: _build(h, families),
        )
    return _build(g, families)


def _build(g: SkillGraph, families: Families) -> Mobility:
    ix = index(g)
    blocks = _Blocks(g, ix)  # first: the pass also gives family detection its neighbours
    fam = family_map(g, families)
    ids = ix.role_ids
    family_ids = [fam[r] for r in ids]
    names = {f: i for i, f in enumerate(sorted(set(family_ids)))}
    family = np.asarray([names[f] for f in family_ids], dtype=np.int64)
    parts = seniority_parts(g, families)
    roles = g.roles
    # per role: seniority, level, managerial (0/1), required education (0 when undeclared)
    steps = np.asarray(
        [(*parts[r], _education_of(roles[r].attributes)) for r in ids], dtype=np.int64
    ).reshape(len(ids), 4)
    sen, lev, man, edu = (steps[:, i].copy() for i in range(4))
    threshold = _calibrate(blocks, family)
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []
    target_ok = ix.totals > 0
    # seniority parts and education as codes, and which pairs of codes are near enough:
    # one lookup a cell
    kinds, code = np.unique(steps, axis=0, return_inverse=True)
    code = code.reshape(-1)
    tuples = [(int(t), int(lv), bool(m), int(e)) for t, lv, m, e in kinds]
    near = np.asarray([[_near(x, y) for y in tuples] for x in tuples], dtype=bool).reshape(
        len(tuples), len(tuples)
    )
    up = np.asarray(
        [[seniority_jump(x[:3], y[:3]) == 1 for y in tuples] for x in tuples], dtype=bool
    ).reshape(len(tuples), len(tuples))
    group = [promotion_group(roles[r].attributes, roles[r].code) for r in ids]
    group_names = {x: i for i, x in enumerate(sorted({x for x in group if x is not None}))}
    group_no = np.asarray([group_names[x] if x else -1 for x in group], dtype=np.int64)
    at_least = np.float64(threshold)  # float64: float32 cells compared exactly as float64
    promotion_floor = np.float64(PROMOTION_SHARE * threshold)
    for lo, sims in blocks:
        here = np.arange(lo, lo + sims.shape[0])
        ok = sims >= at_least
        same = (group_no[here][:, None] == group_no[None, :]) & (group_no[here] >= 0)[:, None]
        ok |= same & up[code[here]][:, code] & (sims >= promotion_floor)
        ok &= target_ok[None, :]
        ok &= near[code[here]][:, code]
        ok[np.arange(len(here)), here] = False
        i, js = np.nonzero(ok)  # row by row, columns ascending
        rows.append(i.astype(np.int64) + lo)
        cols.append(js.astype(np.int64))
        vals.append(sims[i, js].astype(np.float64))
    import scipy.sparse as sp

    n = ix.n_roles
    a_m = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    )
    a_m.sort_indices()
    at = sp.csr_matrix(a_m.T)
    at.sort_indices()
    return Mobility(
        family_ids=family_ids,
        family=family,
        seniority=sen,
        level=lev,
        managerial=man,
        education=edu,
        threshold=threshold,
        group=group,
        a=Csr.of(a_m),
        at=Csr.of(at),
    )


def promotion_group(attributes: Mapping[str, object], code: str | None) -> str | None:
    """A role's occupational group for promotions: ``"ISCO 522"`` (the minor group of an
    ``isco_code`` of at least three digits), else ``"SOC 41-2010"`` (the broad group of an
    O*NET-SOC ``code``), else None."""
    isco = attributes.get("isco_code")
    if isinstance(isco, str) and len(isco) >= 3 and isco[:3].isascii() and isco[:3].isdigit():
        return f"ISCO {isco[:3]}"
    if code is not None and _SOC.match(code):
        return f"SOC {code[:6]}0"
    return None


def _education_of(attributes: Mapping[str, object]) -> int:
    """A role's declared ``education_level`` (1-12), 0 when it has none or not 1-12."""
    value = str(attributes.get(EDUCATION_ATTRIBUTE, ""))
    return int(value) if value.isascii() and value.isdigit() and 1 <= int(value) <= 12 else 0


def _near(a: tuple[int, int, bool, int], b: tuple[int, int, bool, int]) -> bool:
    """Whether a move between roles of these seniority parts and education may be viable."""
    if abs(seniority_jump(a[:3], b[:3])) > MAX_SENIORITY_JUMP:
        return False
    return not _schooling_too_far(a[3], b[3])


def _schooling_too_far(source: int, target: int) -> bool:
    """Whether a move climbs more than ``MAX_EDUCATION_STEP`` levels of required education
    (0: not declared, no bar)."""
    return bool(source and target and target - source > MAX_EDUCATION_STEP)


class _Blocks:
    """The similarity rows of every role, in blocks (start position, block x roles), float32.

    The first pass gives every role's nearest roles (``clusters.neighbour_lists``, which
    family detection reads), so a cold graph computes the similarity matrix once. The rows
    are kept for the later passes (threshold, viable moves) while all of them fit in
    `KEEP_BUDGET` bytes; a larger graph computes them again in each pass (the same rows:
    same blocks, one BLAS thread) instead of holding roles² floats.
    """

    def __init__(self, g: SkillGraph, ix: Index) -> None:
        self._ix = ix
        keep = 4 * ix.n_roles * ix.n_roles <= KEEP_BUDGET
        kept: list[tuple[int, npt.NDArray[np.float32]]] = []
        near: list[tuple[IntArray, FloatArray]] = []
        for lo, sims in self._compute():
            if keep:
                kept.append((lo, sims.astype(np.float32)))
            near.extend(nearest_of(sims, np.arange(lo, lo + sims.shape[0]), KNN))
        neighbour_lists(g, lambda: near)
        self._kept = kept if keep else None

    def __iter__(self) -> Iterator[tuple[int, npt.NDArray[np.float32]]]:
        if self._kept is not None:
            return iter(self._kept)
        return ((lo, sims.astype(np.float32)) for lo, sims in self._compute())

    def _compute(self) -> Iterator[tuple[int, FloatArray]]:
        """One pass over the blocks (float64 rows, as the index gives them)."""
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):  # BLAS rounds by thread count
            yield from self._ix.similarity_blocks(_BLOCK)


def _calibrate(blocks: Iterable[tuple[int, npt.NDArray[np.float32]]], family: IntArray) -> float:
    """The ``VIABLE_QUANTILE`` of each role's similarities to its closest family members."""
    # per family, its members (padded with -1 to the largest family): a row reads those
    by_family = np.argsort(family, kind="stable")
    names, first, size = np.unique(family[by_family], return_index=True, return_counts=True)
    width = int(size.max()) if len(size) else 0
    members = np.full((len(names), width), -1, dtype=np.int64)
    which = np.repeat(np.arange(len(names)), size)
    members[which, np.arange(len(by_family)) - first[which]] = by_family
    inside: list[FloatArray] = []
    for lo, sims in blocks:
        here = np.arange(lo, lo + sims.shape[0])
        cols = members[np.searchsorted(names, family[here])]
        mine = (cols < 0) | (cols == here[:, None])  # padding and the role itself
        cols[mine] = here[np.nonzero(mine)[0]]
        s = np.take_along_axis(sims, cols, axis=1)
        s[mine] = 0.0
        # each row's FAMILY_NEIGHBOURS largest, the positive ones (the quantile reads the
        # values only)
        if width > FAMILY_NEIGHBOURS:
            s = np.partition(s, width - FAMILY_NEIGHBOURS, axis=1)[:, width - FAMILY_NEIGHBOURS :]
        inside.append(s[s > 0].astype(np.float64))
    every = np.concatenate(inside) if inside else np.zeros(0)
    if not len(every):
        return MIN_THRESHOLD
    return max(MIN_THRESHOLD, float(np.quantile(every, VIABLE_QUANTILE, method="lower")))


def viable_move(
    g: SkillGraph, source: str, target: str, *, families: Families = "auto"
) -> Viability:
    """Whether the single move from role ``source`` to role ``target`` is viable, and why.

    The result gives the similarity, the graph's threshold, both seniorities and families.

    Raises:
        NotFoundError: a role cannot be resolved.
        InvalidValueError: ``families`` is not a known method or a mapping.
    """
    ix = index(g)
    a = resolve_role(g, ix, source, field="source")
    b = resolve_role(g, ix, target, field="target")
    return judge(g, ix, mobility(g, families), a, b)


def judge(g: SkillGraph, ix: Index, mob: Mobility, a: int, b: int) -> Viability:
    """`viable_move` on role positions."""
    sim = mob.similarity(a, b)
    viable = sim is not None
    if sim is None:
        sim = float(np.float32(ix.similarities(a)[b])) if a != b else 1.0
    jump = mob.jump(a, b)
    reasons: list[str] = []
    if a == b:
        reasons.append("the same role")
    if ix.totals[b] <= 0:
        reasons.append("the target role has no requirements")
    promotion = a != b and mob.promotion(a, b)
    floor = PROMOTION_SHARE * mob.threshold
    if sim < mob.threshold and promotion:
        reasons.append(
            f"a promotion inside {mob.group[a]} with similarity {sim:.3f} below "
            f"{PROMOTION_SHARE:g} x the threshold ({floor:.3f})"
        )
    elif sim < mob.threshold:
        reasons.append(f"similarity {sim:.3f} is below the threshold {mob.threshold:.3f}")
    if abs(jump) > MAX_SENIORITY_JUMP:
        reasons.append(f"a seniority jump of {jump:+d} (at most ±{MAX_SENIORITY_JUMP})")
    ea, eb = int(mob.education[a]), int(mob.education[b])
    if _schooling_too_far(ea, eb):
        reasons.append(
            f"the target usually requires {EDUCATION_NAMES[eb]} and the source "
            f"{EDUCATION_NAMES[ea]}: {eb - ea} levels of education up "
            f"(at most {MAX_EDUCATION_STEP})"
        )
    if viable:
        if sim < mob.threshold:
            why = (
                f"viable: a promotion inside {mob.group[a]} (one seniority step up in the same "
                f"occupational group): similarity {sim:.3f} below the threshold "
                f"{mob.threshold:.3f} but at least {PROMOTION_SHARE:g} x it ({floor:.3f}), "
                f"seniority {jump:+d}"
            )
        else:
            why = f"viable: similarity {sim:.3f} >= threshold {mob.threshold:.3f}, "
            why += f"seniority {jump:+d}"
        if jump != int(mob.seniority[b] - mob.seniority[a]):
            why += " (a managerial variant one level up counts once)"
    else:
        why = "not viable: " + "; ".join(reasons or ["not among the viable moves"])
    return Viability(
        source=ix.role_ids[a],
        target=ix.role_ids[b],
        viable=viable,
        similarity=sim,
        threshold=mob.threshold,
        source_seniority=int(mob.seniority[a]),
        target_seniority=int(mob.seniority[b]),
        seniority_jump=jump,
        source_family=mob.family_ids[a],
        target_family=mob.family_ids[b],
        same_family=mob.family_ids[a] == mob.family_ids[b],
        explanation=why,
    )
