"""Near-viable direct moves: a direct retraining the viability bar refuses by a little
and that asks far less learning than any viable route.

The least-learning viable route (``_cheapest``) can ask many times the direct move's
learning when the direct move misses the viability threshold by a hair (an ESCO pair:
a 24-skill direct move at similarity .204 under the threshold .231 against a six-step
route of 149 skills). A direct move onto a goal is **near-viable** when it fails the
similarity bar only (no seniority jump, education climb or promotion floor in the way,
the goal has requirements) with a similarity of at least ``NEAR_SHARE`` of the threshold.
When the route asks more than ``NEAR_BOUND`` times its learning, or no viable route
reaches a goal within ``max_steps`` (``_near_offer``), ``reskill`` offers that direct move
as the plan, one step marked not viable, and says why. Both bars are relative
(to the calibrated threshold, to the direct learning), so the rule reads the same on
every taxonomy.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ..graph import SkillGraph
from ..results import Step
from ._gap_credit import GapIndex
from ._index import Index, IntArray
from .explain import cluster_label
from .viability import MAX_EDUCATION_STEP, MAX_SENIORITY_JUMP, Mobility

__all__ = [
    "NEAR_BOUND",
    "NEAR_CANDIDATES",
    "NEAR_SHARE",
    "near_direct",
    "near_head",
    "near_text",
    "route_learning",
]

NEAR_SHARE = 0.85
"""A near-viable direct move's similarity: at least this share of the threshold."""
NEAR_BOUND = 2.0
"""The route must ask more than this many times the direct move's learning."""
NEAR_CANDIDATES = 8
"""Goals (those of the least direct learning) tried for a near-viable direct move."""

Mask = npt.NDArray[np.bool_]


def near_direct(
    ix: Index,
    gi: GapIndex,
    mob: Mobility,
    start: int,
    covered: Mask,
    goals: IntArray,
    route_learning: float,
) -> tuple[int, float] | None:
    """(goal position, similarity) of the near-viable direct move of the least learning
    (module docstring; learning as ``GapIndex.counts`` counts it from ``covered``) that
    ``route_learning`` exceeds ``NEAR_BOUND`` times, else None. Reads the similarity
    profiles only when the route's learning is over the bound for some goal."""
    goals = np.unique(np.asarray(goals, dtype=np.int64))
    goals = goals[goals != start]
    if not len(goals):
        return None
    need = gi.count_matrix.rows(goals).dot((~covered).astype(np.float64))
    over = route_learning > NEAR_BOUND * np.maximum(need, 1.0)
    if not over.any():
        return None
    order = np.lexsort((goals, need))
    order = order[over[order]][:NEAR_CANDIDATES]
    sims = None
    for i in order.tolist():
        b = int(goals[i])
        if mob.similarity(start, b) is not None or not _bars_only_similarity(ix, mob, start, b):
            continue
        if sims is None:
            sims = ix.similarities(start)
        sim = float(np.float32(sims[b]))
        if sim >= NEAR_SHARE * mob.threshold:
            return b, sim
    return None


def _bars_only_similarity(ix: Index, mob: Mobility, a: int, b: int) -> bool:
    """Whether ``a -> b`` passes every bar of a viable move but similarity: ``b`` has
    requirements, the seniority jump and the education climb are within bounds, and it
    is no promotion (whose floor is a different bar)."""
    if ix.totals[b] <= 0 or abs(mob.jump(a, b)) > MAX_SENIORITY_JUMP:
        return False
    ea, eb = int(mob.education[a]), int(mob.education[b])
    if ea and eb and eb - ea > MAX_EDUCATION_STEP:
        return False
    return not mob.promotion(a, b)


def route_learning(ix: Index, gi: GapIndex, covered: Mask, path: list[int]) -> float:
    """The learning of the route ``path`` from ``covered``, as ``near_direct`` counts it."""
    total = 0.0
    cov = covered
    for r in path:
        total += float(gi.count_matrix.rows(np.asarray([r])).dot((~cov).astype(np.float64))[0])
        cov = gi.learnt(cov, r, ix)
    return total


def near_head(
    g: SkillGraph,
    start: tuple[str, str | None],
    step: Step,
    threshold: float,
    target: tuple[str, str],
) -> str:
    """The opening of a near-viable offer's explanation, up to "offered because " (the
    move, its similarity and the threshold; arguments as ``near_text``'s)."""
    sid, cluster = start
    kind, tid = target
    sim = step.similarity if step.similarity is not None else 0.0
    text = (
        f"Reskilling: {g.label(sid)} ({cluster_label(g, cluster)}) -> {step.label} "
        f"({cluster_label(g, step.cluster)}) as a direct retraining"
    )
    if kind != "role":
        text += f", the role of {kind} {g.label(tid)} with the near-viable direct move"
    return text + (
        f"; not viable as one move: similarity {sim:.3f} under the threshold "
        f"{threshold:.3f}, at least {NEAR_SHARE:g} x it (every other bar of a viable move "
        "passes); offered because "
    )


def near_text(
    g: SkillGraph,
    start: tuple[str, str | None],
    step: Step,
    threshold: float,
    route: list[Step],
    target: tuple[str, str],
) -> str:
    """The explanation of a near-viable direct move offered as the plan (``start``: the
    start role and its cluster; ``route``: the least-learning viable route it replaces;
    ``target``: its kind and id)."""
    need, asks = len(step.learn), sum(len(st.learn) for st in route)
    via = ", ".join(st.label for st in route[:-1])
    text = near_head(g, start, step, threshold, target) + (
        f"it asks {need} skill{'s' * (need != 1)} to learn against "
        f"{asks} for the least-learning viable route, {len(route)} step"
        f"{'s' * (len(route) != 1)} onto {route[-1].label}"
        + (f" through {via}" if via else "")
        + f" (more than {NEAR_BOUND:g}x); {len(step.transferable)} of its skills transfer."
    )
    return text
