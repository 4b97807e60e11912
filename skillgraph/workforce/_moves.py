"""Whether moving a person from one role to another is viable: the one place the workforce
analyses judge it.

Every workforce answer that speaks of viability calls `viability` and nothing else, so
the calibrated viability of the career-moves work (issue 14) can replace it here with a
one-line change.

Until then a move A -> B is viable when both hold:

- **similar enough**: the role similarity of B to A (``g.similar_roles``' score, read from
  the analysis index) is at least the graph's calibrated threshold, the median over all
  roles of the score of their `CALIBRATION_RANK`-th most similar role (so roughly each
  role has that many viable neighbours, on any taxonomy);
- **a small seniority jump**: B's seniority in its job family (``g.seniority()``) is at
  most `MAX_JUMP` above A's (moving down or sideways is never refused for seniority).

A move to the same role is viable with similarity 1.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..graph import SkillGraph
from ._memo import memo

__all__ = ["CALIBRATION_RANK", "MAX_JUMP", "Viability", "viability"]

CALIBRATION_RANK = 10
"""The threshold is the median score of every role's this-many-th most similar role."""
MAX_JUMP = 1
"""Largest rise in seniority a single viable move may take."""
CACHED_ROWS = 256
"""Similarity rows (one a source role) kept between calls."""


class Viability(BaseModel):
    """The verdict on one move: ``viable``, the ``similarity`` and ``threshold`` it was
    judged by, the ``seniority_jump`` (target minus source) and a ``reason``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    viable: bool
    similarity: float
    threshold: float
    seniority_jump: int
    reason: str


class _Calibration:
    def __init__(self, g: SkillGraph) -> None:
        from ..analysis._index import index

        self.ix = index(g)
        n = self.ix.n_roles
        kth = []
        for r in range(n):
            _, scores = self.ix.neighbours(r, CALIBRATION_RANK)
            kth.append(float(scores[-1]) if len(scores) == CALIBRATION_RANK else 0.0)
        self.threshold = float(np.median(kth)) if kth else 0.0
        self.seniority = g.seniority()
        self.rows: dict[int, np.ndarray] = {}

    def similarity(self, a: int, b: int) -> float:
        row = self.rows.get(a)
        if row is None:
            if len(self.rows) >= CACHED_ROWS:
                self.rows.clear()
            row = self.rows[a] = self.ix.similarities(a)
        return float(row[b])


def _calibration(g: SkillGraph) -> _Calibration:
    return memo(g, "viability", _Calibration)


def threshold(g: SkillGraph) -> float:
    """The calibrated similarity threshold of ``g``."""
    return _calibration(g).threshold


def viability(g: SkillGraph, source: str, target: str) -> Viability:
    """Whether moving from role ``source`` to role ``target`` (ids) is viable, and why.

    Raises:
        KeyError: a role id is not in the graph (callers pass resolved ids).
    """
    cal = _calibration(g)
    a, b = cal.ix.role_pos[source], cal.ix.role_pos[target]
    jump = cal.seniority.get(target, 0) - cal.seniority.get(source, 0)
    if a == b:
        return Viability(
            viable=True,
            similarity=1.0,
            threshold=cal.threshold,
            seniority_jump=0,
            reason="same role",
        )
    sim = round(cal.similarity(a, b), 6)
    similar = sim >= cal.threshold
    small = jump <= MAX_JUMP
    if similar and small:
        reason = f"similarity {sim:.2f} >= {cal.threshold:.2f}, seniority {jump:+d}"
    elif not similar:
        reason = f"similarity {sim:.2f} below the threshold {cal.threshold:.2f}"
    else:
        reason = f"seniority jump {jump:+d} above {MAX_JUMP:+d}"
    return Viability(
        viable=similar and small,
        similarity=sim,
        threshold=cal.threshold,
        seniority_jump=jump,
        reason=reason,
    )
