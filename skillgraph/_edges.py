"""The edges of a skills graph: requirement, broader, related, prerequisite, progression.

Part of the model (``skillgraph.model`` re-exports every edge): frozen pydantic models
that validate on construction and raise `InvalidValueError` naming the edge and the field.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar, TypeVar

from pydantic import field_validator, model_validator

from .model import FrozenModel, check_id, number_only, truth_only

__all__ = ["Broader", "Edge", "Prerequisite", "Progression", "Related", "Requirement"]


class Edge(FrozenModel):
    """Base of the edges: two node ids in a direction (`ends`)."""

    _ends: ClassVar[tuple[str, str]]

    @classmethod
    def _ident(cls, data: dict[str, Any]) -> str:
        a, b = cls._ends
        return f"{data.get(a, '?')} -> {data.get(b, '?')}"

    @property
    def ends(self) -> tuple[str, str]:
        """The two node ids the edge joins, in its direction."""
        a, b = self._ends
        return getattr(self, a), getattr(self, b)


_E = TypeVar("_E", bound=Edge)


def _distinct_ends(message: str) -> Any:
    """The model validator of an edge whose ends must be valid ids of two different nodes;
    ``message`` (``"field: reason"``) is the error when they are one node."""

    def check(edge: _E) -> _E:
        first, second = edge._ends
        a, b = getattr(edge, first), getattr(edge, second)
        check_id(a)
        check_id(b)
        if a == b:
            raise ValueError(message)
        return edge

    return model_validator(mode="after")(check)


class Requirement(Edge):
    """Role **requires** skill.

    ``importance`` is in [0, 1]; ``level`` an optional proficiency level on ``scale``;
    ``source`` and ``scale`` record provenance (e.g. ``"Skills.txt"``, ``"IM"``).
    """

    _ends: ClassVar[tuple[str, str]] = ("role", "skill")
    role: str
    skill: str
    essential: bool = True
    importance: float = 1.0
    level: float | None = None
    source: str | None = None
    scale: str | None = None

    _valid_end: ClassVar[Any] = field_validator("role", "skill")(check_id)

    _number_only: ClassVar[Any] = field_validator("importance", "level", mode="before")(
        number_only("must be a number")
    )
    _flag_only: ClassVar[Any] = field_validator("essential", mode="before")(truth_only)

    @field_validator("importance")
    @classmethod
    def _valid_importance(cls, value: float) -> float:
        if math.isnan(value) or not 0.0 <= value <= 1.0:
            raise ValueError("importance must be in [0, 1]")
        return float(value)

    @field_validator("level")
    @classmethod
    def _valid_level(cls, value: float | None) -> float | None:
        if value is not None and (math.isnan(value) or math.isinf(value)):
            raise ValueError("level must be a finite number")
        return value


class Broader(Edge):
    """Skill (or group) **broader** skill (or group): ``narrower`` sits under ``broader``."""

    _ends: ClassVar[tuple[str, str]] = ("narrower", "broader")
    narrower: str
    broader: str

    _no_self_loop: ClassVar[Any] = _distinct_ends(
        "broader: a concept cannot be broader than itself"
    )


class Related(Edge):
    """Skill **related** skill (declared adjacency, ``essential`` or optional as in ESCO)."""

    _ends: ClassVar[tuple[str, str]] = ("skill", "related")
    skill: str
    related: str
    essential: bool = False

    _flag_only: ClassVar[Any] = field_validator("essential", mode="before")(truth_only)
    _no_self_loop: ClassVar[Any] = _distinct_ends("related: a skill cannot be related to itself")


class Prerequisite(Edge):
    """Skill ``prerequisite`` should be learned before skill ``skill``."""

    _ends: ClassVar[tuple[str, str]] = ("prerequisite", "skill")
    prerequisite: str
    skill: str

    _no_self_loop: ClassVar[Any] = _distinct_ends(
        "prerequisite: a skill cannot be its own prerequisite"
    )


class Progression(Edge):
    """Role ``source`` **progresses to** role ``target`` (a declared career-ladder step)."""

    _ends: ClassVar[tuple[str, str]] = ("source", "target")
    source: str
    target: str

    _no_self_loop: ClassVar[Any] = _distinct_ends("target: a role cannot progress to itself")
