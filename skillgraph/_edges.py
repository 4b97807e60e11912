"""The edges of a skills graph: requirement, broader, related, prerequisite, progression.

Part of the model (``skillgraph.model`` re-exports every edge): frozen pydantic models
that validate on construction and raise `InvalidValueError` naming the edge and the field.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

from pydantic import field_validator, model_validator

from .model import FrozenModel, check_id

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

    @field_validator("role", "skill")
    @classmethod
    def _valid_end(cls, value: str) -> str:
        return check_id(value)

    @field_validator("importance", "level", mode="before")
    @classmethod
    def _number_not_bool(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("must be a number, not True or False")
        return value

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

    @model_validator(mode="after")
    def _no_self_loop(self) -> Broader:
        check_id(self.narrower)
        check_id(self.broader)
        if self.narrower == self.broader:
            raise ValueError("broader: a concept cannot be broader than itself")
        return self


class Related(Edge):
    """Skill **related** skill (declared adjacency, ``essential`` or optional as in ESCO)."""

    _ends: ClassVar[tuple[str, str]] = ("skill", "related")
    skill: str
    related: str
    essential: bool = False

    @model_validator(mode="after")
    def _no_self_loop(self) -> Related:
        check_id(self.skill)
        check_id(self.related)
        if self.skill == self.related:
            raise ValueError("related: a skill cannot be related to itself")
        return self


class Prerequisite(Edge):
    """Skill ``prerequisite`` should be learned before skill ``skill``."""

    _ends: ClassVar[tuple[str, str]] = ("prerequisite", "skill")
    prerequisite: str
    skill: str

    @model_validator(mode="after")
    def _no_self_loop(self) -> Prerequisite:
        check_id(self.prerequisite)
        check_id(self.skill)
        if self.prerequisite == self.skill:
            raise ValueError("prerequisite: a skill cannot be its own prerequisite")
        return self


class Progression(Edge):
    """Role ``source`` **progresses to** role ``target`` (a declared career-ladder step)."""

    _ends: ClassVar[tuple[str, str]] = ("source", "target")
    source: str
    target: str

    @model_validator(mode="after")
    def _no_self_loop(self) -> Progression:
        check_id(self.source)
        check_id(self.target)
        if self.source == self.target:
            raise ValueError("target: a role cannot progress to itself")
        return self
