"""Typed nodes and edges of a skills graph (pydantic v2 models) and their enums.

Every model validates its fields on construction and raises
`InvalidValueError` (never pydantic's ``ValidationError``) with a
message naming the node or edge id and the field.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    WrapSerializer,
    field_validator,
    model_validator,
)

from ._kinds import ID_SPACE as _SPACE
from ._kinds import NodeType, ReuseLevel, SkillKind
from ._lang import canonical_language, is_language
from .errors import InvalidValueError

__all__ = [
    "ROLE_LEVELS",
    "Broader",
    "Cluster",
    "Delivery",
    "Edge",
    "Industry",
    "Node",
    "NodeType",
    "Prerequisite",
    "Proficiency",
    "Progression",
    "Related",
    "Requirement",
    "Resource",
    "ResourceKind",
    "ResourcePrerequisite",
    "ReuseLevel",
    "Role",
    "Skill",
    "SkillGroup",
    "SkillKind",
    "Teaching",
    "Translation",
]

AttributeValue = str | int | float | bool

_V = TypeVar("_V")

#: the value of every empty read-only mapping field (one shared, immutable object)
EMPTY_MAP: Mapping[str, Any] = MappingProxyType({})


def read_only(value: Mapping[str, _V]) -> Mapping[str, _V]:
    """``value`` as a read-only mapping (a view of a private dict; empty ones are shared)."""
    if type(value) is MappingProxyType:
        return value
    if not value:
        return EMPTY_MAP
    return MappingProxyType(value if type(value) is dict else dict(value))


def _empty_map() -> Mapping[str, Any]:
    return EMPTY_MAP


def _dump_map(value: Mapping[str, Any], handler: SerializerFunctionWrapHandler) -> Any:
    return handler(dict(value))


#: validator marking the read-only mapping fields (bulk importers look for it, see io/_build)
READ_ONLY = AfterValidator(read_only)
_ReadOnlyMap = Annotated[Mapping[str, _V], READ_ONLY, WrapSerializer(_dump_map)]


def _describe(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "value"


def first_error(exc: ValidationError) -> tuple[str, str]:
    """The field path and message of the first error of ``exc``, for InvalidValueError."""
    err = exc.errors(include_url=False)[0]
    field = _describe(tuple(err["loc"]))
    msg = str(err["msg"]).removeprefix("Value error, ")
    if not err["loc"] and ": " in msg:  # model validators say "field: reason"
        field, msg = msg.split(": ", 1)
        return field, msg
    if "input" in err and err["type"] not in ("missing",):
        shown = repr(err["input"])
        if len(shown) > 80:
            shown = shown[:77] + "..."
        msg = f"{msg} (got {shown})"
    return field, msg


class FrozenModel(BaseModel):
    """Frozen pydantic base whose validation errors become InvalidValueError."""

    # defer_build: each model's validator is built on its first use, not at import, so
    # ``import skillgraph.graph`` does not pay for the schemas of kinds it never builds
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True
    )
    _what: ClassVar[str] = "value"

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            field, msg = first_error(exc)
            ident = self._ident(data)
            raise InvalidValueError(
                f"{type(self).__name__} {ident!r}: field {field!r}: {msg}",
                id=ident,
                field=field,
                reason=msg,
            ) from None

    @classmethod
    def _ident(cls, data: dict[str, Any]) -> str:
        return str(data.get("id", "?"))


def check_id(value: str) -> str:
    """``value`` if it is a valid node id (non-empty, no white space), else ValueError."""
    if not value or not value.strip():
        raise ValueError("must be a non-empty string")
    if _SPACE.search(value) is not None:
        raise ValueError("must not contain white space")
    return value


def number_only(message: str) -> Callable[[Any], Any]:
    """A before-validator that refuses True, False and text with ``message`` and passes any
    other value on (pydantic would read True as 1 and ``"0.5"`` as 0.5).
    """

    def check(value: Any) -> Any:
        if isinstance(value, bool | str | bytes):
            raise ValueError(message)
        return value

    return check


def truth_only(value: Any) -> Any:
    """``value`` unless it is a number or text: a flag is True or False (pydantic would read
    1, 0.0, ``"yes"`` and ``"off"`` as flags).

    Raises:
        ValueError: it is a number or text.
    """
    if not isinstance(value, bool) and isinstance(value, int | float | str | bytes):
        raise ValueError("must be true or false")
    return value


class Translation(FrozenModel):
    """Labels and description of a node in one language other than the graph's default.

    At least one of them must be given: an empty translation says nothing, and no RDF
    output could keep it.
    """

    label: str | None = None
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    description: str | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Translation:
        if (
            self.label is None
            and not self.alt_labels
            and not self.hidden_labels
            and self.description is None
        ):
            raise ValueError(
                "label: an empty translation (give a label, alt/hidden labels or a description)"
            )
        return self


class Node(FrozenModel):
    """Fields shared by every node type.

    ``label``, ``alt_labels``, ``hidden_labels`` and ``description`` are in the graph's
    default language (English unless the graph says otherwise); ``translations`` maps other
    language tags (BCP 47, e.g. ``"de"``, ``"pt-PT"``; kept in that conventional case, so
    ``"DE"`` becomes ``"de"``) to their labels. ``translations``
    and ``attributes`` are read-only mappings (assigning to them raises ``TypeError``), so
    a node shared by several graphs (see `SkillGraph.copy`) cannot change under them;
    they dump, pickle and compare as dicts.
    """

    node_type: ClassVar[NodeType]
    _maps: ClassVar[tuple[str, str]] = ("translations", "attributes")

    id: str
    label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    description: str = ""
    translations: _ReadOnlyMap[Translation] = Field(default_factory=_empty_map)
    attributes: _ReadOnlyMap[AttributeValue] = Field(default_factory=_empty_map)

    def __hash__(self) -> int:
        # Equal nodes share type and id; the read-only maps are not hashable themselves.
        return hash((type(self), self.id))

    _valid_id: ClassVar[Any] = field_validator("id")(check_id)

    @field_validator("translations", mode="before")
    @classmethod
    def _one_spelling_a_language(cls, value: Any) -> Any:
        """Language tags in their conventional case (``"DE"`` -> ``"de"``), each once."""
        if not value or not isinstance(value, Mapping):
            return value  # empty, or of a type pydantic reports
        out: dict[Any, Any] = {}
        spelled: dict[str, str] = {}
        for tag, tr in value.items():
            if not isinstance(tag, str):
                return value
            if not is_language(tag):
                raise ValueError(
                    f"translation tag {tag!r} is not a language tag (expected like 'de' or 'pt-PT')"
                )
            key = canonical_language(tag)
            if key in spelled:
                raise ValueError(f"{spelled[key]!r} and {tag!r} are one language tag")
            spelled[key] = tag
            out[key] = tr
        return out

    @field_validator("label")
    @classmethod
    def _valid_label(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must be a non-empty string")
        return value

    @field_validator("attributes")
    @classmethod
    def _finite_attributes(cls, value: Mapping[str, AttributeValue]) -> Any:
        """NaN and infinities have no JSON form: an attribute holding one could not be read back."""
        for key, item in value.items():
            if isinstance(item, float) and not math.isfinite(item):
                raise ValueError(f"attribute {key!r} is {item!r}: expected a finite number")
        return value

    def __getstate__(self) -> dict[Any, Any]:
        state = super().__getstate__()
        fields = dict(state["__dict__"])
        for name in self._maps:
            if name in fields:
                fields[name] = dict(fields[name])
        state["__dict__"] = fields
        return state

    def __setstate__(self, state: dict[Any, Any]) -> None:
        super().__setstate__(state)
        fields = self.__dict__
        for name in self._maps:
            if name in fields:
                fields[name] = read_only(fields[name])

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Node:
        new = type(self).__new__(type(self))
        new.__setstate__(copy.deepcopy(self.__getstate__(), memo))
        return new

    def label_in(self, language: str) -> str:
        """The preferred label in ``language``, falling back to the default label."""
        tr = self.translations.get(language)
        return tr.label if tr is not None and tr.label else self.label


class Skill(Node):
    """A skill, competence, knowledge area or technology."""

    node_type: ClassVar[NodeType] = NodeType.SKILL
    kind: SkillKind = SkillKind.SKILL
    reuse: ReuseLevel | None = None
    tags: tuple[str, ...] = ()


class SkillGroup(Node):
    """A broader concept grouping skills (ESCO skill groups); not a member of ``g.skills``."""

    node_type: ClassVar[NodeType] = NodeType.GROUP
    code: str | None = None


ROLE_LEVELS: tuple[int, int] = (0, 99)
"""The lowest and highest ``Role.level`` (ESCO's ISCO-08 skill levels are 1-4, O*NET's Job
Zones 1-5; a declared grade scale fits too)."""


class Role(Node):
    """A role (occupation, job).

    ``cluster`` is the id of its job family; ``level`` a seniority or preparation level
    (higher is more senior), comparable only inside one graph: a whole number from
    0 to 99 (`ROLE_LEVELS`; ESCO's ISCO-08 skill levels are 1-4, O*NET's Job Zones 1-5).
    """

    node_type: ClassVar[NodeType] = NodeType.ROLE
    cluster: str | None = None
    industries: tuple[str, ...] = ()
    level: int | None = None
    code: str | None = None

    _level_not_bool: ClassVar[Any] = field_validator("level", mode="before")(
        number_only("must be a whole number")
    )

    @field_validator("level")
    @classmethod
    def _valid_level(cls, value: int | None) -> int | None:
        lo, hi = ROLE_LEVELS
        if value is not None and not lo <= value <= hi:
            raise ValueError(
                f"level must be a whole number from {lo} to {hi} (a seniority or preparation "
                f"level: ESCO's are 1-4, O*NET's Job Zones 1-5)"
            )
        return value

    @field_validator("cluster")
    @classmethod
    def _valid_cluster(cls, value: str | None) -> str | None:
        return None if value is None else check_id(value)

    @field_validator("industries")
    @classmethod
    def _valid_industries(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for v in value:
            check_id(v)
        if len(set(value)) != len(value):
            raise ValueError("must not repeat an industry")
        return value


class Industry(Node):
    """An industry or sector."""

    node_type: ClassVar[NodeType] = NodeType.INDUSTRY
    code: str | None = None


class Cluster(Node):
    """A job family: ISCO group, O*NET job family or one you declare.

    ``broader`` is the id of a coarser cluster, if any.
    """

    node_type: ClassVar[NodeType] = NodeType.CLUSTER
    broader: str | None = None
    code: str | None = None

    @model_validator(mode="after")
    def _not_own_broader(self) -> Cluster:
        if self.broader is not None:
            check_id(self.broader)
            if self.broader == self.id:
                raise ValueError("broader: a cluster cannot be broader than itself")
        return self


# edges, then learning resources and their edges: their own modules, part of the model
from ._edges import (  # noqa: E402 - they build on FrozenModel and check_id above
    Broader,
    Edge,
    Prerequisite,
    Progression,
    Related,
    Requirement,
)
from ._learning_model import (  # noqa: E402 - it builds on Node and Edge
    Delivery,
    Proficiency,
    Resource,
    ResourceKind,
    ResourcePrerequisite,
    Teaching,
)

#: the one map of node kinds: each `NodeType` to its model class
NODE_CLASSES: dict[NodeType, type[Node]] = {
    NodeType.SKILL: Skill,
    NodeType.ROLE: Role,
    NodeType.INDUSTRY: Industry,
    NodeType.CLUSTER: Cluster,
    NodeType.GROUP: SkillGroup,
    NodeType.RESOURCE: Resource,
}

#: the names a node kind may be given by (``g.find(text, kind="roles")``), to its `NodeType`
KIND_NAMES: Mapping[str, NodeType] = MappingProxyType(
    {
        **{t.value: t for t in NodeType},
        "skills": NodeType.SKILL,
        "roles": NodeType.ROLE,
        "occupation": NodeType.ROLE,
        "industries": NodeType.INDUSTRY,
        "clusters": NodeType.CLUSTER,
        "groups": NodeType.GROUP,
        "skill_group": NodeType.GROUP,
        "resources": NodeType.RESOURCE,
    }
)
