"""Typed, JSON-serialisable results of the analysis queries.

Every list in a result is in a stable, documented order, so the same query on the same
graph always serialises to the same JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Literal

from pydantic import Field

from ._escape import dot_label, mermaid_label
from ._inputs import InputMatch, InputRejected, InputReport
from ._learning_plan import LearningGroup, LearningItem, LearningPlan
from ._result import Result

__all__ = [
    "Gap",
    "GapItem",
    "InputMatch",
    "InputRejected",
    "InputReport",
    "LearningGroup",
    "LearningItem",
    "LearningPlan",
    "LevelRaise",
    "Match",
    "Move",
    "MoveKind",
    "Plan",
    "SkillHop",
    "Step",
    "Viability",
]


_LABELS = "label of every node id the result names (id -> label)"

Growth = Literal["family", "promotion", "line", "field-manager"]
"""How an upskilling plan grows (``Plan.growth``): up inside the start's job family, a
viable promotion inside its occupational group into another family, a step up its own
line into another family (a supervisor or manager of its line, a more senior role of its
group), or into the management of its own field in another family."""


def _ids(report: InputReport | None) -> list[str]:
    return [] if report is None else report.ids()


class MoveKind(StrEnum):
    """What a move between two roles is.

    ``UPSKILLING``: up the ladder of one job family (a higher seniority); ``LATERAL``:
    sideways (or down) inside one family; ``RESKILLING``: into another family.
    """

    UPSKILLING = "upskilling"
    RESKILLING = "reskilling"
    LATERAL = "lateral"


class Viability(Result):
    """Whether one move from ``source`` to ``target`` is viable, and the figures behind it.

    Viable: ``similarity >= threshold`` (calibrated on the graph) and
    ``|seniority_jump| <= 1``, onto a role with requirements and within the education bar;
    or a promotion: one seniority step up inside the source's occupational group (ISCO-08
    minor group, SOC broad group) with similarity at least ``PROMOTION_SHARE`` of the
    threshold (see docs/concepts.md). ``explanation`` says which applied.
    """

    source: str
    target: str
    viable: bool
    similarity: float
    threshold: float
    source_seniority: int
    target_seniority: int
    seniority_jump: int
    source_family: str
    target_family: str
    same_family: bool
    explanation: str


class GapItem(Result):
    """One requirement of a role, matched or missing."""

    skill: str
    label: str
    essential: bool
    importance: float
    weight: float = Field(
        description="importance x rarity weight used for coverage (technology titles: "
        "the rarity of their tool class, x 1.5 when hot, the class's weight shared, at "
        "most a set share of the role)"
    )
    covered_by: str | None = Field(
        default=None,
        description="the held title of its tool class that covers it when it is not held itself",
    )
    note: str = Field(default="", description='e.g. "covered by Microsoft Excel (same tool class)"')


class Gap(Result):
    """What a person has and misses for a role.

    ``matched`` and ``missing`` are skill ids, essential skills first, then by decreasing
    weight, then by id. ``coverage`` is the weighted share of the role's requirements held,
    in [0, 1] (a technology title counts as held when a title of its tool class is held);
    ``essential_coverage`` the same over essential requirements only (None when
    the role has no essential requirement).
    """

    role: str
    label: str
    matched: list[str]
    missing: list[str]
    coverage: float
    essential_coverage: float | None
    details: list[GapItem] = Field(description="every requirement, in matched-then-missing order")
    inputs: InputReport | None = Field(
        default=None,
        description="how the have input was matched (strict=False; the CLI: every input)",
    )
    labels: dict[str, str] = Field(default_factory=dict, description=_LABELS)

    def named(self) -> set[str]:
        """Every node id this result names."""
        return {self.role, *self.matched, *self.missing, *_ids(self.inputs)}


class Match(Result):
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


class SkillHop(Result):
    """One hop of ``explain_skill_path``: from skill ``source`` to skill ``target``.

    ``relation``: ``related`` (declared), ``broader`` (``target`` is broader than ``source``),
    ``narrower``, ``sibling`` (a common parent, ``via``) or ``co-required`` (by one role,
    ``via``: the lowest-id role requiring both; ``roles``: how many roles require both).
    ``cost``: the hop's relation cost plus the hub penalty of entering ``target`` (0 for the
    path's last skill).
    """

    source: str
    target: str
    relation: Literal["related", "broader", "narrower", "sibling", "co-required"]
    via: str | None = None
    roles: int | None = Field(
        default=None, description="co-required: how many roles require both skills"
    )
    cost: float


class LevelRaise(Result):
    """A skill to learn that a role held so far rates (O*NET: under the importance cut of
    a requirement): raise it from level ``held`` (as ``rated_by`` rates it; None: rated
    without a level) to ``needed`` (the requirement's level; None: not published). A
    skill rated at the level needed or above is held, not to learn: never a raise."""

    skill: str
    held: float | None
    needed: float | None
    rated_by: str


class Step(Result):
    """One move of a plan, onto ``role``.

    ``transferable``: skills of ``role`` already covered (by the start role, the person's
    own skills or earlier steps, or rated by one of those roles at the level ``role``
    requires: ``analysis._gap_levels``); ``learn``: skills of ``role`` still to acquire, as a
    learning order; ``cost``: weighted share of ``role``'s requirements not yet covered;
    ``viable``: the move into ``role`` from the previous role is viable (``similarity`` to
    it, ``family`` and ``seniority`` of ``role``); ``raises``: the skills of ``learn`` a
    role held so far rates, to raise rather than acquire (``analysis._gap_levels``).
    """

    role: str
    label: str
    cluster: str | None
    level: int | None
    transferable: list[str]
    learn: list[str]
    cost: float
    learning_plan: LearningPlan | None = None
    viable: bool = True
    similarity: float | None = None
    family: str | None = None
    seniority: int | None = None
    raises: list[LevelRaise] = Field(default_factory=list)


class Plan(Result):
    """A path of steps from ``start`` to ``target``; ``cost`` is the sum of step costs.

    ``reachable`` is False when no path of viable steps reaches the target within the
    search's ``max_steps``; ``steps`` then lead to the closest viable stepping stone
    (possibly none), and ``target`` is the role, cluster or industry asked for. A
    reachable reskilling plan may be one near-viable direct step (``viable=False``).
    """

    kind: MoveKind
    start: str
    target: str
    steps: list[Step]
    cost: float
    explanation: str = ""
    reachable: bool = True
    inputs: InputReport | None = Field(
        default=None,
        description="how the have input was matched (strict=False; the CLI: every input)",
    )
    labels: dict[str, str] = Field(default_factory=dict, description=_LABELS)
    direct: Step | None = Field(
        default=None,
        description="reskilling: the direct move from the start onto the plan's last role "
        "(or the target role), as one step, viable or not, to compare the learning with",
    )
    growth: Growth | None = Field(
        default=None,
        description="upskilling: how the plan grows (family: up inside the start's job "
        "family; promotion: a viable promotion inside its occupational group, into another "
        "family; line: a step up its own line into another family; field-manager: into the "
        "management of its own field, another family); None for other plans (and in JSON "
        "written before the field)",
    )

    @property
    def learning(self) -> int:
        """How many skills the steps ask to learn, summed over the steps."""
        return sum(len(s.learn) for s in self.steps)

    def named(self) -> set[str]:
        """Every node id this plan names (roles, their clusters, skills)."""
        out = {self.start, self.target, *_ids(self.inputs)}
        for step in [*self.steps, *([self.direct] if self.direct is not None else [])]:
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
        lines.append(f'    n0["{mermaid_label(name(self.start))}"]')
        for i, step in enumerate(self.steps, start=1):
            lines.append(f'    n{i}["{mermaid_label(step.label)}"]')
        prev = "n0"
        for i, step in enumerate(self.steps, start=1):
            learn = ", ".join(map(name, step.learn[:4])) + (" …" if len(step.learn) > 4 else "")
            text = f"cost {step.cost:.2f}" + (f"; learn {learn}" if learn else "")
            text += "" if step.viable else "; not viable"
            lines.append(f'    {prev} -->|"{mermaid_label(text)}"| n{i}')
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
        lines.append(f'  n0 [label="{dot_label(name(self.start))}"];')
        for i, step in enumerate(self.steps, start=1):
            lines.append(f'  n{i} [label="{dot_label(step.label)}"];')
        for i, step in enumerate(self.steps, start=1):
            learn = ", ".join(map(name, step.learn[:4])) + (" …" if len(step.learn) > 4 else "")
            text = f"cost {step.cost:.2f}" + (f"\\nlearn {dot_label(learn)}" if learn else "")
            text += "" if step.viable else "\\nnot viable"
            lines.append(f'  n{i - 1} -> n{i} [label="{text}"];')
        lines.append("}")
        return "\n".join(lines) + "\n"


class Move(Result):
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
    suits: str = ""
    """Who the move suits."""
    application: str = ""
    """The query that plans it."""
    outcome: str = ""
    """What that query returns."""
    viability: Viability | None = None
    """The single move's viability (similarity, threshold, seniority, families)."""
    source_family_label: str = ""
    """The label of the source's job family, as the kind was decided (a declared cluster's
    label, or a detected family's id and its most connected member)."""
    target_family_label: str = ""
    """The label of the target's job family, as the kind was decided."""
    inputs: InputReport | None = None
    """The CLI: what each ``--have`` resolved to."""
    raises: list[LevelRaise] = Field(default_factory=list)
    """The skills of ``acquire`` the source rates: to raise, not to acquire (see Step)."""

    def named(self) -> set[str]:
        """Every node id this move names."""
        clusters = {c for c in (self.source_cluster, self.target_cluster) if c is not None}
        ends = {self.source, self.target, *clusters, *_ids(self.inputs)}
        return ends | {*self.transferred, *self.acquire}

    def _ends(self) -> list[tuple[str, str, str | None]]:
        """The diagram node (``a``, ``b``), role and cluster box of each end; the target's
        box is None when it has no cluster or shares the source's."""
        target_box = None if self.target_cluster == self.source_cluster else self.target_cluster
        return [("a", self.source, self.source_cluster), ("b", self.target, target_box)]

    def to_mermaid(self, label: Callable[[str], str] | None = None) -> str:
        """This move as a Mermaid flowchart: each role inside its cluster, one labelled edge.

        Args:
            label: names roles and clusters; by default the labels the move carries.
        """
        name = label or self._label
        lines = ["flowchart LR"]
        for n, role, box in self._ends():
            if box is not None:
                lines.append(f'    subgraph c{n}["{mermaid_label(name(box))}"]')
            lines.append(f'    {n}["{mermaid_label(name(role))}"]')
            if box is not None:
                lines.append("    end")
        text = f"{self.kind.value}; cost {self.cost:.2f}; acquire {len(self.acquire)}"
        lines.append(f'    a -->|"{mermaid_label(text)}"| b')
        return "\n".join(lines) + "\n"

    def to_dot(self, label: Callable[[str], str] | None = None) -> str:
        """This move as a Graphviz DOT digraph (clusters as subgraphs).

        Args:
            label: names roles and clusters; by default the labels the move carries.
        """
        name = label or self._label
        lines = ["digraph move {", "  rankdir=LR;"]
        for n, role, box in self._ends():
            if box is not None:
                lines.append(f'  subgraph cluster_{n} {{ label="{dot_label(name(box))}"; {n}; }}')
            lines.append(f'  {n} [label="{dot_label(name(role))}"];')
        text = f"{self.kind.value}\\ncost {self.cost:.2f}; acquire {len(self.acquire)}"
        lines.append(f'  a -> b [label="{text}"];')
        lines.append("}")
        return "\n".join(lines) + "\n"

    def _label(self, node_id: str) -> str:
        return self.labels.get(node_id, node_id)
