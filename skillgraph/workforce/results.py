"""Typed, JSON-serialisable answers of the workforce analyses (stable, documented order)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .._result import Result
from .people import UnknownSkill

__all__ = [
    "Candidate",
    "ReskillingOption",
    "ReskillingTarget",
    "RoleCoverage",
    "TrainingNeed",
    "WorkforceReport",
]


class RoleCoverage(Result):
    """How the workforce covers one needed role.

    ``team_coverage`` is the coverage of the pooled skills of everyone; ``best_person`` the
    person who covers it best alone (ties by id; None for an empty workforce);
    ``uncovered`` the role's skills nobody has, in ``g.gap``'s order (essential first, then
    by weight); ``holders`` how many people hold the role now.
    """

    role: str
    label: str
    team_coverage: float
    best_person: str | None
    best_coverage: float
    holders: int
    uncovered: list[str]
    uncovered_labels: list[str]


class Candidate(Result):
    """A person who could move into an open role.

    ``coverage`` is the person's coverage of the role (as ``g.gap``); ``learn`` the
    skills they miss (``g.gap``'s order); ``viable`` the move from their current role
    (None when they have none) with its ``similarity``, ``seniority_jump`` and ``reason``;
    ``desirable`` viable and keeping 75 % of the earnings where known; ``assumed`` the
    person is credited with their current role's requirements (`WorkforceReport.assumed`).
    """

    person: str
    current_role: str | None
    assumed: bool = False
    coverage: float
    essential_coverage: float | None
    learn: list[str]
    viable: bool | None
    desirable: bool | None
    similarity: float | None
    seniority_jump: int | None
    reason: str


class TrainingNeed(Result):
    """A skill the workforce must learn for the needed roles.

    ``people`` need it (ids, sorted), for ``roles`` (ids, sorted); ``gain`` is the summed
    coverage it adds (each person's share of the role's weight); ``demand`` the skill's
    demand score (None when unknown); ``priority = sum over (person, role) of gain x
    weight(role) x weight(skill)``, where weight = 1 + demand score (1 when unknown).
    """

    skill: str
    label: str
    people: list[str]
    roles: list[str]
    gain: float
    demand: float | None
    priority: float


class ReskillingTarget(Result):
    """A viable role a person of an at-risk role could move to."""

    role: str
    label: str
    coverage: float
    learn: list[str]
    similarity: float
    seniority_jump: int
    desirable: bool
    demand: float | None
    score: float = Field(description="coverage x demand weight of the target: the ranking key")


class ReskillingOption(Result):
    """The viable targets (best first) of one person in an at-risk role: roles one viable
    move away; ``targets`` is empty when none exists among the similar roles searched
    (``advise`` for a declining role also plans routes of several moves); ``assumed`` the
    person is credited with their role's requirements (`WorkforceReport.assumed`)."""

    person: str
    role: str
    assumed: bool = False
    targets: list[ReskillingTarget]


def _columns() -> dict[str, list[str]]:
    cand = [f for f in Candidate.model_fields if f != "learn"]
    target = [f for f in ReskillingTarget.model_fields if f != "learn"]
    return {
        "coverage": [
            *(f for f in RoleCoverage.model_fields if f not in ("uncovered", "uncovered_labels")),
            "uncovered",
        ],
        "candidates": ["role", "rank", *cand, "learn"],
        "training": [
            *(f for f in TrainingNeed.model_fields if f not in ("people", "roles")),
            "people",
            "roles",
        ],
        "reskilling": ["person", "role", "assumed", "rank", *target, "learn"],
    }


class WorkforceReport(Result):
    """Everything `Workforce.report` answers, for the CLI and JSON export.

    ``role_skills`` is the `Workforce`'s mode of crediting a person with their current
    role's requirements; ``assumed`` the people so credited (ids, in file order): their
    coverage counts requirements of their role that they do not list.
    """

    people: int
    roles: list[str]
    coverage: list[RoleCoverage]
    candidates: dict[str, list[Candidate]]
    training: list[TrainingNeed]
    reskilling: list[ReskillingOption]
    unknown: list[UnknownSkill]
    role_skills: str = "if-none-listed"
    assumed: list[str] = Field(default_factory=list)
    labels: dict[str, str] = Field(default_factory=dict)

    @staticmethod
    def columns() -> dict[str, list[str]]:
        """The columns of each table of `tables`, in order."""
        return _columns()

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """The report as flat rows per table (coverage, candidates, training, reskilling)."""
        cands = [
            {
                "role": r,
                "rank": i + 1,
                **c.model_dump(exclude={"learn"}),
                "learn": ";".join(c.learn),
            }
            for r, cs in self.candidates.items()
            for i, c in enumerate(cs)
        ]
        return {
            "coverage": [
                {
                    **c.model_dump(exclude={"uncovered", "uncovered_labels"}),
                    "uncovered": ";".join(c.uncovered),
                }
                for c in self.coverage
            ],
            "candidates": cands,
            "training": [
                {
                    **t.model_dump(exclude={"people", "roles"}),
                    "people": ";".join(t.people),
                    "roles": ";".join(t.roles),
                }
                for t in self.training
            ],
            "reskilling": [
                {
                    "person": o.person,
                    "role": o.role,
                    "assumed": o.assumed,
                    "rank": i + 1,
                    **t.model_dump(exclude={"learn"}),
                    "learn": ";".join(t.learn),
                }
                for o in self.reskilling
                for i, t in enumerate(o.targets)
            ],
        }
