"""Whether moving a person from one role to another is viable: the one place the workforce
analyses judge it.

Every workforce answer that speaks of viability calls `viability`, which asks the graph's
calibrated viability (`SkillGraph.viable_move`, see docs/concepts.md): a move A -> B is
viable when B's similarity to A reaches the threshold calibrated on the graph's job
families and the seniority changes by at most one. A person already in the role is a
viable candidate for it (reported with the graph's threshold, from
`skillgraph.analysis.viability.mobility`, without judging a move).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..analysis.viability import mobility
from ..graph import SkillGraph
from ..model import NodeType

__all__ = ["Viability", "viability"]


class Viability(BaseModel):
    """The verdict on one move: ``viable``, the ``similarity`` and ``threshold`` it was
    judged by, the ``seniority_jump`` (target minus source) and a ``reason``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    viable: bool
    similarity: float
    threshold: float
    seniority_jump: int
    reason: str


def viability(g: SkillGraph, source: str, target: str) -> Viability:
    """Whether moving from role ``source`` to role ``target`` (ids) is viable, and why.

    Raises:
        NotFoundError: a role id is not in the graph.
    """
    if source == target:
        g.resolve(source, NodeType.ROLE)  # an unknown role is an error here too
        return Viability(
            viable=True,
            similarity=1.0,
            threshold=mobility(g).threshold,
            seniority_jump=0,
            reason="same role",
        )
    v = g.viable_move(source, target)
    return Viability(
        viable=v.viable,
        similarity=round(v.similarity, 6),
        threshold=v.threshold,
        seniority_jump=v.seniority_jump,
        reason=v.explanation,
    )
