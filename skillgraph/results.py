"""Typed, JSON-serialisable results of the analysis queries.

Every list in a result is in a stable, documented order, so the same query on the same
graph always serialises to the same JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Gap",
    "GapItem",
    "InputMatch",
    "InputReport",
    "LearningPlan",
    "Match",
    "Move",
    "MoveKind",
    "Plan",
    "Step",
]


_LABELS = "label of every node id the result names (id -> label)"


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_json(self, *, indent: int | None = 2) -> str:
        """This result as JSON text."""
        return self.model_dump_json(indent=indent)


class MoveKind(StrEnum):
    """Whether a move keeps the role family (upskilling) or changes it (reskilling)."""

    UPSKILLING = "upskilling"
    RESKILLING = "reskilling"


class InputMatch(_Result):
    """How one piece of a lenient ``have`` input was matched to a skill.

    ``how`` is ``exact`` (an id or label), or the field of the label that matched the text
    (``label``, ``alt_label``, ``description``...).
    """

    text: str
    id: str
    label: str
    score: float
    how: str


class InputReport(_Result):
    """What a lenient ``have`` input named: matched skills, and the parts that named none."""

    matched: list[InputMatch] = Field(default_factory=list)
    unmatched: list[str] = Field(default_factory=list)


class GapItem(_Result):
    """One requirement of a role, matched or missing."""

    skill: str
    label: str
    essential: bool
    importance: float
    weight: float = Field(description="importance x rarity weight used for coverage")


class Gap(_Result):
    """What a person has and misses for a role.

    ``matched`` and ``missing`` are skill ids, essential skills first, then by decreasing
    weight, then by id. ``coverage`` is the weighted share of the role's requirements held,
    in [0, 1]; ``essential_coverage`` the same over essential requirements only.
    """

    role: str
    label: str
    matched: list[str]
    missing: list[str]
    coverage: float
    essential_coverage: float
    details: list[GapItem] = Field(description="every requirement, in matched-then-missing order")
    inputs: InputReport | None = Field(
        default=None, description="with strict=False: how the have input was matched"
    )
    labels: dict[str, str] = Field(default_factory=dict, description=_LABELS)

    def named(self) -> set[str]:
        """Every node id this result names."""
        return {self.role, *self.matched, *self.missing}


class Match(_Result):
    """A ranked answer of ``similar_roles`` or ``adjacent_skills``.

    ``shared`` lists the ids that support the match (skills in common, or the given skills
    it is adjacent to); ``missing`` what the match needs that the query lacks (roles only);
    ``evidence`` short human-readable reasons; ``components`` (roles only) how much each
    similarity component contributed to ``score``.
    """

    id: str
    label: str
    score: float
    shared: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)
    components: dict[str, float] = Field(default_factory=dict)
    """Roles only: each similarity component's contribution to ``score`` (they sum to it)."""


class LearningPlan(_Result):
    """Skills to learn, grouped into stages.

    Every prerequisite of a skill sits in an earlier stage than the skill (unless the two
    are on a reported prerequisite cycle). Within a stage, skills adjacent to what the
    person has come first.
    """

    stages: list[list[str]]
    cycles: list[list[str]] = Field(default_factory=list)
    inputs: InputReport | None = Field(
        default=None, description="with strict=False: how the have input was matched"
    )

    @property
    def order(self) -> list[str]:
        """All skills in learning order."""
        return [s for stage in self.stages for s in stage]


class Step(_Result):
    """One move of a plan, onto ``role``.

    ``transferable``: skills of ``role`` already covered (by the start role, the person's
    own skills or earlier steps); ``learn``: skills of ``role`` still to acquire, as a
    learning order; ``cost``: weighted share of ``role``'s requirements not yet covered.
    """

    role: str
    label: str
    cluster: str | None
    level: int | None
    transferable: list[str]
    learn: list[str]
    cost: float
    learning_plan: LearningPlan | None = None


class Plan(_Result):
    """A path of steps from ``start`` to ``target``; ``cost`` is the sum of step costs."""

    kind: MoveKind
    start: str
    target: str
    steps: list[Step]
    cost: float
    explanation: str = ""
    inputs: InputReport | None = Field(
        default=None, description="with strict=False: how the have input was matched"
    )
    labels: dict[str, str] = Field(default_factory=dict, description=_LABELS)

    def named(self) -> set[str]:
        """Every node id this plan names (roles, their clusters, skills)."""
        out = {self.start, self.target}
        for step in self.steps:
            out.update([step.role, *step.transferable, *step.learn])
            if step.cluster is not None:
                out.add(step.cluster)
        return out

    @property
    def roles(self) -> list[str]:
        """Role ids along the path, start included."""
        return [self.start, *(s.role for s in self.steps)]

    def _label(self, node_id: str) -> str:
        return self.labels.get(node_id, node_id)

    @property
    def bridges(self) -> list[str]:
        """Intermediate roles (all but the last step)."""
        return [s.role for s in self.steps[:-1]]

    def to_mermaid(self, label: Callable[[str], str] | None = None) -> str:
        """This plan as a Mermaid flowchart (left to right).

        Args:
            label: names the start role and the skills to learn (e.g. ``graph.label``);
                by default the labels the plan carries (ids where it has none).
        """
        name = label or self._label
        lines = ["flowchart LR"]
        lines.append(f'    n0["{_esc(name(self.start))}"]')
        for i, step in enumerate(self.steps, start=1):
            lines.append(f'    n{i}["{_esc(step.label)}"]')
        prev = "n0"
        for i, step in enumerate(self.steps, start=1):
            learn = ", ".join(map(name, step.learn[:4])) + (" …" if len(step.learn) > 4 else "")
            text = f"cost {step.cost:.2f}" + (f"; learn {learn}" if learn else "")
            lines.append(f'    {prev} -->|"{_esc(text)}"| n{i}')
            prev = f"n{i}"
        return "\n".join(lines) + "\n"

    def to_dot(self, label: Callable[[str], str] | None = None) -> str:
        """This plan as a Graphviz DOT digraph.

        Args:
            label: names the start role and the skills to learn (e.g. ``graph.label``);
                by default the labels the plan carries (ids where it has none).
        """
        name = label or self._label
        lines = ["digraph plan {", "  rankdir=LR;"]
        lines.append(f'  n0 [label="{_esc(name(self.start))}"];')
        for i, step in enumerate(self.steps, start=1):
            lines.append(f'  n{i} [label="{_esc(step.label)}"];')
        for i, step in enumerate(self.steps, start=1):
            learn = ", ".join(map(name, step.learn[:4])) + (" …" if len(step.learn) > 4 else "")
            text = f"cost {step.cost:.2f}" + (f"\\nlearn {_esc(learn)}" if learn else "")
            lines.append(f'  n{i - 1} -> n{i} [label="{text}"];')
        lines.append("}")
        return "\n".join(lines) + "\n"


class Move(_Result):
    """The classification of a move between two roles, with its explanation."""

    kind: MoveKind
    source: str
    target: str
    source_cluster: str | None
    target_cluster: str | None
    purpose: str
    objective: str
    transferred: list[str]
    acquire: list[str]
    cost: float
    explanation: str
    labels: dict[str, str] = Field(default_factory=dict, description=_LABELS)

    def named(self) -> set[str]:
        """Every node id this move names."""
        clusters = {c for c in (self.source_cluster, self.target_cluster) if c is not None}
        return {self.source, self.target, *clusters, *self.transferred, *self.acquire}

    def to_mermaid(self, label: Callable[[str], str] | None = None) -> str:
        """This move as a Mermaid flowchart: each role inside its cluster, one labelled edge.

        Args:
            label: names roles and clusters; by default the labels the move carries.
        """
        name = label or self._label
        lines = ["flowchart LR"]
        for n, role, cluster in (
            ("a", self.source, self.source_cluster),
            ("b", self.target, self.target_cluster),
        ):
            if cluster is not None and (n == "a" or cluster != self.source_cluster):
                lines.append(f'    subgraph c{n}["{_esc(name(cluster))}"]')
            lines.append(f'    {n}["{_esc(name(role))}"]')
            if cluster is not None and (n == "a" or cluster != self.source_cluster):
                lines.append("    end")
        text = f"{self.kind.value}; cost {self.cost:.2f}; acquire {len(self.acquire)}"
        lines.append(f'    a -->|"{_esc(text)}"| b')
        return "\n".join(lines) + "\n"

    def to_dot(self, label: Callable[[str], str] | None = None) -> str:
        """This move as a Graphviz DOT digraph (clusters as subgraphs).

        Args:
            label: names roles and clusters; by default the labels the move carries.
        """
        name = label or self._label
        lines = ["digraph move {", "  rankdir=LR;"]
        for n, role, cluster in (
            ("a", self.source, self.source_cluster),
            ("b", self.target, self.target_cluster),
        ):
            if cluster is not None and (n == "a" or cluster != self.source_cluster):
                lines.append(f'  subgraph cluster_{n} {{ label="{_esc(name(cluster))}"; {n}; }}')
            lines.append(f'  {n} [label="{_esc(name(role))}"];')
        text = f"{self.kind.value}\\ncost {self.cost:.2f}; acquire {len(self.acquire)}"
        lines.append(f'  a -> b [label="{text}"];')
        lines.append("}")
        return "\n".join(lines) + "\n"

    def _label(self, node_id: str) -> str:
        return self.labels.get(node_id, node_id)


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', "'")
