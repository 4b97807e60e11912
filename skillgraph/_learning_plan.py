"""The learning list of a gap or a plan step: skills grouped into stages, marked and grouped.

Re-exported by `skillgraph.results`; import it from there.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import Field

from ._inputs import InputReport
from ._result import Result

__all__ = ["LearningGroup", "LearningItem", "LearningPlan"]


class LearningItem(Result):
    """One skill of a learning list: ``essential`` for the target role or optional, its
    ``value`` (higher first) and the ``group`` it belongs to (a broader skill, skill group
    or tool class; None when it has none)."""

    skill: str
    essential: bool
    value: float
    group: str | None = None


class LearningGroup(Result):
    """Skills of a learning list under one broader skill, skill group or tool class.

    ``alternatives``: a tool class, where knowing any one of ``skills`` usually does.
    """

    id: str
    label: str
    skills: list[str]
    essential: int
    alternatives: bool = False


class LearningPlan(Result):
    """Skills to learn, grouped into stages.

    Every prerequisite of a skill sits in an earlier stage than the skill. For a step of a
    plan, the stages of the target's essential skills (with their prerequisites) come
    before the optional ones, and within a stage skills of higher value come first;
    ``items`` mark each skill and ``groups`` gather them by hierarchy or tool class.
    Otherwise, within a stage, skills adjacent to what the person has come first.
    """

    stages: list[list[str]]
    inputs: InputReport | None = Field(
        default=None,
        description="how the have input was matched (strict=False; the CLI: every input)",
    )
    essential: list[str] = Field(default_factory=list)
    """The skills of the list essential for the role (plan steps only)."""
    values: dict[str, float] = Field(default_factory=dict)
    """Each skill's value (plan steps only; see docs/concepts.md)."""
    group_members: dict[str, list[str]] = Field(default_factory=dict)
    """Group id -> its skills of the list, in learning order (plan steps only)."""
    group_labels: dict[str, str] = Field(default_factory=dict)
    tool_classes: list[str] = Field(default_factory=list)
    """The groups that are tool classes (knowing any one of their skills usually does)."""

    @property
    def groups(self) -> list[LearningGroup]:
        """The groups of the list, largest first (then by id)."""
        essential = set(self.essential)
        tools = set(self.tool_classes)
        out = [
            LearningGroup(
                id=gid,
                label=self.group_labels.get(gid, gid),
                skills=members,
                essential=sum(1 for m in members if m in essential),
                alternatives=gid in tools,
            )
            for gid, members in self.group_members.items()
        ]
        out.sort(key=lambda grp: (-len(grp.skills), grp.id))
        return out

    @property
    def order(self) -> list[str]:
        """All skills in learning order."""
        return [s for stage in self.stages for s in stage]

    @property
    def items(self) -> list[LearningItem]:
        """Every skill in learning order, marked essential or optional, with value and group."""
        essential = set(self.essential)
        group = {s: gid for gid, members in self.group_members.items() for s in members}
        return [
            LearningItem(
                skill=s,
                essential=s in essential,
                value=self.values.get(s, 0.0),
                group=group.get(s),
            )
            for s in self.order
        ]

    def first(self, n: int) -> list[LearningItem]:
        """The first ``n`` items in learning order."""
        return self.items[: max(0, n)]

    def summary(self, first: int = 10, label: Callable[[str], str] | None = None) -> str:
        """The first ``first`` skills, then the rest summarised by group.

        Args:
            first: how many skills to name one by one.
            label: names skills (e.g. ``graph.label``); ids by default.
        """
        name = label or (lambda s: s)
        order = self.order
        head = order[: max(0, first)]
        essential = set(self.essential)
        text = "; ".join(
            f"{name(s)} ({'essential' if s in essential else 'optional'})" for s in head
        )
        rest = order[len(head) :]
        if not rest:
            return text or "nothing to learn"
        shown = set(head)
        n_ess = sum(1 for s in rest if s in essential)
        parts = []
        for grp in self.groups:
            left = [s for s in grp.skills if s not in shown]
            if len(left) < 2:
                continue
            names = ", ".join(map(name, left[:3])) + (" …" if len(left) > 3 else "")
            how = "any of" if grp.alternatives else f"{len(left)} skills:"
            parts.append(f"{grp.label}: {how} {names}")
        text += f"; then {len(rest)} more ({n_ess} essential, {len(rest) - n_ess} optional)"
        return text + (" in groups " + "; ".join(parts[:5]) if parts else "")
