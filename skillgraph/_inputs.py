"""What the inputs of a query named: the ``inputs`` report of a result (`InputReport`):
the skills a ``have`` input matched and did not, and the roles named by another's
alternative label."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, Field

from ._result import Result

if TYPE_CHECKING:
    from .graph import SkillGraph

__all__ = ["InputMatch", "InputRejected", "InputReport", "with_inputs"]


class InputMatch(Result):
    """How one piece of a lenient ``have`` input was matched to a skill.

    ``how`` is ``exact`` (an id or label), or the field of the label that matched the text
    (``label``, ``alt_label``, ``description``...).
    """

    text: str
    id: str
    label: str
    score: float
    how: str


class InputRejected(Result):
    """A skill a piece of a lenient ``have`` input seemed to name but that is not credited
    ("did you mean"): ``reason`` says why (`skillgraph.text.match_skills`' acceptance rule)."""

    text: str
    id: str
    label: str
    score: float
    reason: str


class InputReport(Result):
    """What the inputs of a query named: the skills a ``have`` input matched
    (``matched``), the parts that named none, the skills they seemed to name that are not
    credited (``rejected``), and the role arguments named by another role's alternative
    label (``aliases``: ``text`` the argument, ``id`` and ``label`` the role used, ``how``
    ``alt_label`` or ``hidden_label``; ESCO "teacher" is an alt label of politics
    lecturer)."""

    matched: list[InputMatch] = Field(default_factory=list)
    unmatched: list[str] = Field(default_factory=list)
    rejected: list[InputRejected] = Field(default_factory=list)
    aliases: list[InputMatch] = Field(default_factory=list)

    def ids(self) -> list[str]:
        """The node ids the report names (matched, aliases, then rejected)."""
        found = [m.id for m in [*self.matched, *self.aliases]]
        return found + [r.id for r in self.rejected]


R = TypeVar("R", bound=BaseModel)


def with_inputs(g: SkillGraph, result: R, report: InputReport | None) -> R:
    """``result`` with ``report`` as its ``inputs`` (unchanged for None), and the labels of
    the ids the report names added to its ``labels`` when it has them."""
    if report is None:
        return result
    update: dict[str, object] = {"inputs": report}
    labels = getattr(result, "labels", None)
    if isinstance(labels, dict):
        named = {**labels, **{i: g.label(i) for i in report.ids()}}
        update["labels"] = dict(sorted(named.items()))
    return result.model_copy(update=update)
