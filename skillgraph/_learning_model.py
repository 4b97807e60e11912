"""The learning-resource node and its two edges (part of the model; see ``model.py``).

A `Resource` is a node of type ``resource``: a course, microlearning unit, mentoring,
on-the-job assignment, certification or assessment. It **teaches** skills (`Teaching`,
optionally up to a proficiency) and **requires** skills first (`ResourcePrerequisite`).
Re-exported from ``skillgraph.model``.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BeforeValidator, Field, field_validator

from ._edges import Edge
from .model import Node, NodeType, check_id, number_only

__all__ = [
    "Delivery",
    "Proficiency",
    "Resource",
    "ResourceKind",
    "ResourcePrerequisite",
    "Teaching",
]


class Proficiency(StrEnum):
    """How well a skill is held or taught, lowest first."""

    BASIC = "basic"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    EXPERT = "expert"

    @property
    def rank(self) -> int:
        """0 for basic up to 3 for expert."""
        return list(Proficiency).index(self)


class ResourceKind(StrEnum):
    """The form a learning resource takes."""

    COURSE = "course"
    MICROLEARNING = "microlearning"
    MENTORING = "mentoring"
    ON_THE_JOB = "on-the-job"
    CERTIFICATION = "certification"
    ASSESSMENT = "assessment"


class Delivery(StrEnum):
    """How a learning resource is delivered."""

    ONLINE = "online"
    IN_PERSON = "in-person"
    BLENDED = "blended"


def enum_value(value: Any) -> Any:
    """``"In person"``, ``"on the job"`` as their enum values (case, spaces, underscores)."""
    if isinstance(value, str):
        return "-".join(value.strip().lower().replace("_", " ").split())
    return value


def check_url(value: str | None) -> str | None:
    """``value`` when it is None or an http(s) URL.

    Raises:
        ValueError: it is not.
    """
    if value is not None and not value.startswith(("https://", "http://")):
        raise ValueError("must be an http(s) URL")
    return value


_number_only = number_only("must be a number")


def check_number(value: Any) -> Any:
    """``value`` unless it is True/False, text (`skillgraph.model.number_only`), or a NaN or
    infinity (checked before pydantic's own number checks, which would read ``"3"`` as 3).

    Raises:
        ValueError: it is.
    """
    value = _number_only(value)
    if isinstance(value, int | float) and not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


#: a resource model's fields, checked alike in `Resource` (the graph node) and
#: ``learning.LearningResource`` (the catalogue record)
KindField = Annotated[ResourceKind, BeforeValidator(enum_value)]
DeliveryField = Annotated[Delivery, BeforeValidator(enum_value)]
LevelField = Annotated[Proficiency | None, BeforeValidator(enum_value)]
Number = Annotated[float, BeforeValidator(check_number)]
UrlField = Annotated[str | None, AfterValidator(check_url)]


class Resource(Node):
    """A learning resource in a graph; what it teaches and requires are edges.

    ``duration_hours`` is the learner's time (> 0), ``cost`` its price (0 for free) in
    ``currency`` when given, ``level`` the level it is taught at.
    """

    node_type: ClassVar[NodeType] = NodeType.RESOURCE
    kind: KindField = ResourceKind.COURSE
    provider: str = ""
    url: UrlField = None
    duration_hours: Number = Field(default=1.0, gt=0)
    cost: Number = Field(default=0.0, ge=0)
    currency: str | None = Field(default=None, min_length=1, max_length=8)
    level: LevelField = None
    language: str = Field(default="en", min_length=2, max_length=35)
    delivery: DeliveryField = Delivery.ONLINE


class Teaching(Edge):
    """Resource **teaches** skill, up to ``proficiency`` when given."""

    _ends: ClassVar[tuple[str, str]] = ("resource", "skill")
    resource: str
    skill: str
    proficiency: Proficiency | None = None

    _valid_end: ClassVar[Any] = field_validator("resource", "skill")(check_id)

    @field_validator("proficiency", mode="before")
    @classmethod
    def _normalise(cls, value: Any) -> Any:
        return enum_value(value)


class ResourcePrerequisite(Edge):
    """Resource ``resource`` **requires** skill ``skill`` before it is taken."""

    _ends: ClassVar[tuple[str, str]] = ("resource", "skill")
    resource: str
    skill: str

    _valid_end: ClassVar[Any] = field_validator("resource", "skill")(check_id)
