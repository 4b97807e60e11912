"""Learning resources (courses, microlearning, mentoring...) and catalogues of them.

A `LearningResource` teaches skills (optionally up to a proficiency) and may require
others first. A `Catalogue` holds resources whose skills are ids of one graph; it is read
from a simple CSV (skills by id or label, resolved through the graph) or from JSON.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .._learning_model import (
    Delivery,
    DeliveryField,
    KindField,
    LevelField,
    Number,
    Proficiency,
    ResourceKind,
    UrlField,
)
from ..errors import FormatError, InvalidValueError
from ._json import line_of, parse_model, read_text

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = [
    "Catalogue",
    "CatalogueLookup",
    "Delivery",
    "LearningResource",
    "Proficiency",
    "ResourceKind",
    "Teaches",
    "bundled_catalogue",
    "read_catalogue",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Teaches(_Frozen):
    """A ``teaches`` edge: the resource teaches ``skill``, up to ``proficiency`` if given."""

    skill: str = Field(min_length=1)
    proficiency: Proficiency | None = None


MAX_HOURS = 100_000
"""The longest resource (learner hours): more than a working life of full-time study is a
data error, not a course (1e308 hours printed a 300-digit week count)."""


class LearningResource(_Frozen):
    """A course, microlearning unit, mentoring, on-the-job assignment, certification or
    assessment that teaches skills.

    ``teaches`` and ``requires`` hold skill ids; ``duration_hours`` is the learner's time,
    ``cost`` its price in the catalogue's currency (0 for free).
    """

    id: str = Field(min_length=1)
    label: str = Field(min_length=1)
    provider: str = ""
    url: UrlField = None
    kind: KindField
    duration_hours: Number = Field(
        gt=0, le=MAX_HOURS, description=f"learner time in hours (> 0, <= {MAX_HOURS:,})"
    )
    cost: Number = Field(default=0.0, ge=0, description="price in the catalogue's currency")
    level: LevelField = Field(default=None, description="the level it is taught at")
    language: str = Field(default="en", min_length=2, max_length=35)
    delivery: DeliveryField = Delivery.ONLINE
    teaches: list[Teaches] = Field(min_length=1)
    requires: list[str] = Field(default_factory=list, description="prerequisite skill ids")

    @field_validator("requires")
    @classmethod
    def _unique_requires(cls, value: list[str]) -> list[str]:
        if any(not s for s in value):
            raise ValueError("a prerequisite skill id is empty")
        if len(set(value)) != len(value):
            raise ValueError("lists a prerequisite skill twice")
        return value

    @model_validator(mode="after")
    def _edges(self) -> LearningResource:
        taught = [t.skill for t in self.teaches]
        if len(set(taught)) != len(taught):
            raise ValueError(f"resource {self.id!r} teaches a skill twice")
        both = sorted(set(taught) & set(self.requires))
        if both:
            raise ValueError(f"resource {self.id!r} both teaches and requires {both[0]!r}")
        return self

    @property
    def skills(self) -> list[str]:
        """The ids of the skills it teaches."""
        return [t.skill for t in self.teaches]


@dataclass(frozen=True)
class CatalogueLookup:
    """A catalogue as parallel tuples by resource position (catalogue order).

    ``teachers`` maps a skill id to the positions of the resources teaching it, in id
    order; ``named`` holds every skill id taught or required.
    """

    ids: tuple[str, ...]
    teaches: tuple[tuple[str, ...], ...]
    requires: tuple[tuple[str, ...], ...]
    hours: tuple[float, ...]
    cost: tuple[float, ...]
    teachers: dict[str, tuple[int, ...]]
    named: frozenset[str]
    #: (weak reference to a graph, its version) the catalogue was last checked against
    checked: list[tuple[Any, int]] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def build(cls, resources: Sequence[LearningResource]) -> CatalogueLookup:
        """The lookup of ``resources``."""
        teaches = tuple(tuple(t.skill for t in r.teaches) for r in resources)
        requires = tuple(tuple(r.requires) for r in resources)
        ids = tuple(r.id for r in resources)
        by_skill: dict[str, list[int]] = {}
        for i in sorted(range(len(ids)), key=ids.__getitem__):
            for s in teaches[i]:
                by_skill.setdefault(s, []).append(i)
        named = {s for ts in teaches for s in ts} | {s for rs in requires for s in rs}
        return cls(
            ids=ids,
            teaches=teaches,
            requires=requires,
            hours=tuple(r.duration_hours for r in resources),
            cost=tuple(r.cost for r in resources),
            teachers={s: tuple(v) for s, v in by_skill.items()},
            named=frozenset(named),
        )


class Catalogue(_Frozen):
    """Learning resources, unique by id, in a stable order (as read)."""

    skillgraph_catalogue: Literal[1] = 1
    currency: str = Field(default="EUR", min_length=1, max_length=8)
    resources: list[LearningResource] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> Catalogue:
        seen: set[str] = set()
        for i, r in enumerate(self.resources):
            if r.id in seen:
                raise ValueError(f"duplicate resource id {r.id!r} (resources[{i}])")
            seen.add(r.id)
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy (see pydantic's ``model_copy``); its lookups are built afresh."""
        copy = super().model_copy(update=update, deep=deep)
        for name in _CACHED:
            copy.__dict__.pop(name, None)
        return copy

    def __len__(self) -> int:
        return len(self.resources)

    def __iter__(self) -> Iterator[LearningResource]:  # type: ignore[override]
        return iter(self.resources)

    def __getitem__(self, resource_id: str) -> LearningResource:
        try:
            return self.by_id[resource_id]
        except KeyError:
            from ..errors import NotFoundError

            raise NotFoundError(
                f"no resource {resource_id!r} in the catalogue", query=resource_id
            ) from None

    @cached_property
    def by_id(self) -> dict[str, LearningResource]:
        """Resource id -> resource."""
        return {r.id: r for r in self.resources}

    @cached_property
    def teaching(self) -> dict[str, list[str]]:
        """Skill id -> ids of the resources that teach it, in catalogue order."""
        out: dict[str, list[str]] = {}
        for r in self.resources:
            for t in r.teaches:
                out.setdefault(t.skill, []).append(r.id)
        return out

    @cached_property
    def lookup(self) -> CatalogueLookup:
        """Plain arrays over the resources (by position), for the planners' hot loops."""
        return CatalogueLookup.build(self.resources)

    def skills(self) -> set[str]:
        """Every skill id a resource teaches or requires."""
        return set(self.lookup.named)

    def check(self, graph: SkillGraph) -> None:
        """Check that every skill named is a skill of ``graph``.

        Raises:
            DanglingReferenceError: a resource names a skill ``graph`` does not have.
        """
        import weakref

        from ..errors import DanglingReferenceError

        done = self.lookup.checked
        if done and done[0][0]() is graph and done[0][1] == graph.version:
            return
        known = graph.skills
        if all(s in known for s in self.lookup.named):
            done[:] = [(weakref.ref(graph), graph.version)]
            return
        for r in self.resources:
            for name, refs in (("teaches", r.skills), ("requires", r.requires)):
                for s in refs:
                    if s not in known:
                        raise DanglingReferenceError(
                            f"resource {r.id!r} {name} {s!r}, which is not a skill of the graph",
                            id=r.id,
                            field=name,
                        )

    @classmethod
    def from_graph(cls, graph: SkillGraph, *, currency: str | None = None) -> Catalogue:
        """The learning resources of ``graph`` (its ``resources`` nodes and their edges).

        Resources come by id, what each teaches and requires by skill id; ``currency``
        defaults to the one the resources name (EUR when none does).

        Raises:
            InvalidValueError: ``graph`` is not a graph, a resource teaches nothing or
                teaches a skill it requires, or the resources name several currencies.
        """
        from ..graph import SkillGraph
        from ._catalogue_graph import from_graph

        if not isinstance(graph, SkillGraph):
            raise InvalidValueError(
                f"graph must be a SkillGraph, got {type(graph).__name__}", field="graph"
            )
        return from_graph(graph, currency)

    def add_to(self, graph: SkillGraph) -> None:
        """Add the resources to ``graph``: `Resource` nodes, ``teaches`` and ``requires``
        edges (``Catalogue.from_graph`` reads them back).

        Raises:
            InvalidValueError: ``graph`` is not a graph.
            DuplicateIdError: a resource id is already a node of ``graph``.
            DanglingReferenceError: a resource names a skill ``graph`` lacks (nothing is
                added).
        """
        from ..graph import SkillGraph
        from ._catalogue_graph import add_to

        if not isinstance(graph, SkillGraph):
            raise InvalidValueError(
                f"graph must be a SkillGraph, got {type(graph).__name__}", field="graph"
            )
        add_to(self, graph)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The catalogue as JSON text (the format `read_catalogue` reads back)."""
        return self.model_dump_json(indent=indent, exclude_defaults=False)

    @classmethod
    def from_json(cls, text: str, *, source: str = "<input>") -> Catalogue:
        """A catalogue from its JSON text.

        Raises:
            FormatError: not JSON, or not a catalogue; names ``source``, line and field.
        """
        _check_text(text)
        catalogue: Catalogue = _parse_catalogue(text, source)
        return catalogue

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of the catalogue format."""
        schema = cls.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "skillgraph learning catalogue"
        return schema

    def write(self, path: str | Path) -> None:
        """Write the catalogue as JSON to ``path`` (whole or not at all).

        Raises:
            OutputError: the file cannot be written.
        """
        _write_atomic(Path(path), self.to_json() + "\n")


#: the cached properties of a catalogue, dropped by `Catalogue.model_copy`
_CACHED = ("by_id", "teaching", "lookup")


def _check_text(text: Any) -> None:
    if not isinstance(text, str):
        raise InvalidValueError(f"text must be a str, got {type(text).__name__}", field="text")


def _parse_catalogue(text: str, source: str) -> Catalogue:
    import json

    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        data = None  # parse_model reports it
    if isinstance(data, dict) and isinstance(data.get("resources"), list):
        seen: dict[str, int] = {}
        for i, item in enumerate(data["resources"]):
            rid = item.get("id") if isinstance(item, dict) else None
            if isinstance(rid, str):
                if rid in seen:
                    raise FormatError(
                        f"duplicate resource id {rid!r} (first at resources[{seen[rid]}])",
                        source=source,
                        line=line_of(text, ["resources", i, "id"]),
                        column=f"resources[{i}].id",
                    )
                seen[rid] = i
    catalogue: Catalogue = parse_model(Catalogue, text, source)
    return catalogue


def _write_atomic(path: Path, text: str) -> None:
    import os
    import tempfile

    from ..errors import OutputError

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None


def read_catalogue(
    path: str | Path, graph: SkillGraph | None = None, *, currency: str = "EUR"
) -> Catalogue:
    """A catalogue from a CSV (``.csv``, ``.tsv``) or JSON file.

    CSV: one row per resource; columns ``id, label, provider, url, kind, hours`` (or
    ``duration_hours``), ``cost, level, language, delivery, teaches, requires`` and
    ``currency`` (one for the whole catalogue; without it, ``currency``).
    ``teaches`` and ``requires`` list skills separated by ``;``, each an id or a label
    that ``graph.find`` resolves; a taught skill may end in ``@level`` (``Python@advanced``).
    With ``graph``, every skill is resolved and checked against it.

    Raises:
        FormatError: the file is malformed: an unknown or ambiguous skill, a bad kind or
            delivery, negative or missing hours, a duplicate id...; the message names the
            file, the line and the field.
        InvalidValueError: ``path`` is not a path.
    """
    if not isinstance(path, str | Path):
        raise InvalidValueError(f"path must be a str or Path, got {type(path).__name__}")
    name = str(path)
    text = read_text(path)
    if Path(name).suffix.lower() == ".json":
        catalogue = _parse_catalogue(text, name)
        if graph is not None:
            _check_json(catalogue, graph, text, name)
        return catalogue
    from ._catalogue_csv import read_csv

    return read_csv(text, name, graph, currency)


def _check_json(catalogue: Catalogue, graph: SkillGraph, text: str, source: str) -> None:
    known = graph.skills
    for i, r in enumerate(catalogue.resources):
        for name, refs in (("teaches", r.skills), ("requires", r.requires)):
            for j, s in enumerate(refs):
                if s not in known:
                    loc: list[int | str] = ["resources", i, name, j]
                    raise FormatError(
                        f"resource {r.id!r}: {s!r} is not a skill of the graph",
                        source=source,
                        line=line_of(text, loc),
                        column=f"resources[{i}].{name}",
                    )


def bundled_catalogue(graph: SkillGraph | None = None) -> Catalogue:
    """The learning catalogue shipped for the demo ontology (checked against ``graph``).

    Raises:
        FormatError: the shipped file is damaged, or names a skill ``graph`` lacks.
    """
    from importlib import resources

    candidates = [
        Path(str(resources.files("skillgraph"))) / "ontologies" / "catalogues" / "demo.csv",
        Path(__file__).resolve().parents[2] / "ontologies" / "catalogues" / "demo.csv",
    ]
    path = next((p for p in candidates if p.is_file()), candidates[-1])
    return read_catalogue(path, graph)
