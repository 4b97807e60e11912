"""What a reskilling plan reports about its route: the target skills each bridge brings
first, and the stepping stone of an unreachable plan."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ._index import Index, IntArray
from .search import Space

__all__ = ["STONE_GOALS", "gains", "stone"]

STONE_GOALS = 256
"""Goal roles (by id) whose similarity ranks the stepping stones of an unreachable plan."""

Mask = npt.NDArray[np.bool_]


def gains(ix: Index, covered: Mask, path: list[int]) -> list[list[str]]:
    """Per bridge of ``path`` (every role but its last): the skills of the last role it is
    the first on the path to require (not in ``covered``, the start's), in skill order."""
    target = np.zeros(ix.n_skills, dtype=np.bool_)
    target[ix.role_skills[path[-1]]] = True
    held = covered.copy()
    out = []
    for r in path[:-1]:
        idx = np.sort(ix.role_skills[r])
        new = idx[target[idx] & ~held[idx]]
        out.append([ix.skill_ids[j] for j in new.tolist()])
        held[idx] = True
    return out


def stone(ix: Index, space: Space, goals: IntArray) -> tuple[int, float]:
    """The reached role most similar to the goals (fewer steps, then id, on ties)."""
    reached = np.flatnonzero(space.dist > 0)
    if not len(reached):
        return -1, 0.0
    rows = np.sort(goals)[:STONE_GOALS]
    if len(rows) == 1:  # similarity is symmetric: one row of the goal
        sims = ix.similarities(int(rows[0]))[reached]
    else:
        sims = ix.similarity_rows(rows)[:, reached].max(axis=0)
    best = min(
        range(len(reached)),
        key=lambda i: (-round(float(sims[i]), 12), int(space.dist[reached[i]]), int(reached[i])),
    )
    return int(reached[best]), float(sims[best])
