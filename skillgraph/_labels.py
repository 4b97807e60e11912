"""Labels told apart: where two nodes named together share a label ("Mathematics", an O*NET
skill and a knowledge area), each gets its skill kind, else its id."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .graph import SkillGraph

__all__ = ["distinct_labels"]


def distinct_labels(graph: SkillGraph, ids: Sequence[str]) -> dict[str, str]:
    """The label of each of ``ids``, told apart where two share one: by the skill's kind
    ("Mathematics (knowledge)", "Mathematics (skill)"), else by the id."""
    labels = {i: graph.label(i) for i in ids}
    counts = Counter(labels.values())
    for i, label in labels.items():
        if counts[label] > 1:
            node = graph.skills.get(i)
            labels[i] = f"{label} ({node.kind.value})" if node is not None else f"{label} ({i})"
    counts = Counter(labels.values())
    return {i: f"{graph.label(i)} ({i})" if counts[lb] > 1 else lb for i, lb in labels.items()}
