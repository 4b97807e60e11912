"""Learning resources (courses, microlearning, mentoring...) and catalogues of them.

A `LearningResource` teaches skills (optionally up to a proficiency) and may require
others first. A `Catalogue` holds resources whose skills are ids of one graph; it is read
from a simple CSV (skills by id or label, resolved through the graph) or from JSON.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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


def _enum_value(value: Any) -> Any:
    """``"In person"``, ``"on the job"`` as their enum values (case, spaces, underscores)."""
    if isinstance(value, str):
        return "-".join(value.strip().lower().replace("_", " ").split())
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Teaches(_Frozen):
    """A ``teaches`` edge: the resource teaches ``skill``, up to ``proficiency`` if given."""

    skill: str = Field(min_length=1)
    proficiency: Proficiency | None = None


class LearningResource(_Frozen):
    """A course, microlearning unit, mentoring, on-the-job assignment, certification or
    assessment that teaches skills.

    ``teaches`` and ``requires`` hold skill ids; ``duration_hours`` is the learner's time,
    ``cost`` its price in the catalogue's currency (0 for free).
    """

    id: str = Field(min_length=1)
    label: str = Field(min_length=1)
    provider: str = ""
    url: str | None = None
    kind: ResourceKind
    duration_hours: float = Field(gt=0, description="learner time in hours (> 0)")
    cost: float = Field(default=0.0, ge=0, description="price in the catalogue's currency")
    level: Proficiency | None = Field(default=None, description="the level it is taught at")
    language: str = Field(default="en", min_length=2, max_length=35)
    delivery: Delivery = Delivery.ONLINE
    teaches: list[Teaches] = Field(min_length=1)
    requires: list[str] = Field(default_factory=list, description="prerequisite skill ids")

    @field_validator("kind", "delivery", "level", mode="before")
    @classmethod
    def _normalise(cls, value: Any) -> Any:
        return _enum_value(value)

    @field_validator("duration_hours", "cost")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError(f"must be an http(s) URL, got {value!r}")
        return value

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


# ----------------------------------------------------------------------------- CSV
#: CSV column -> field; ``hours`` is accepted for ``duration_hours``
_COLUMNS = {
    "id": "id",
    "label": "label",
    "provider": "provider",
    "url": "url",
    "kind": "kind",
    "duration_hours": "duration_hours",
    "hours": "duration_hours",
    "cost": "cost",
    "level": "level",
    "language": "language",
    "delivery": "delivery",
    "teaches": "teaches",
    "requires": "requires",
}
_REQUIRED = ("id", "label", "kind", "duration_hours", "teaches")


def read_catalogue(
    path: str | Path, graph: SkillGraph | None = None, *, currency: str = "EUR"
) -> Catalogue:
    """A catalogue from a CSV (``.csv``, ``.tsv``) or JSON file.

    CSV: one row per resource; columns ``id, label, provider, url, kind, hours`` (or
    ``duration_hours``), ``cost, level, language, delivery, teaches, requires``.
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
    return _read_csv(text, name, graph, currency)


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


def _read_csv(text: str, source: str, graph: SkillGraph | None, currency: str) -> Catalogue:
    import csv
    import io

    from pydantic import ValidationError

    first = text.split("\n", 1)[0]
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise FormatError(f"malformed CSV: {exc}", source=source, line=1) from None
    if header is None or not any(h.strip() for h in header):
        raise FormatError("empty catalogue (expected a header row)", source=source, line=1)
    columns: list[str | None] = []
    for h in header:
        key = h.strip().lower().replace(" ", "_")
        if key and key not in _COLUMNS:
            raise FormatError(
                f"unknown column {h.strip()!r}; expected some of {', '.join(sorted(_COLUMNS))}",
                source=source,
                line=1,
                column=h.strip(),
            )
        columns.append(_COLUMNS.get(key))
    for need in _REQUIRED:
        if need not in columns:
            raise FormatError(f"missing column {need!r}", source=source, line=1)
    resources: list[LearningResource] = []
    seen: dict[str, int] = {}
    end = reader.line_num
    while True:
        line = end + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise FormatError(f"malformed CSV: {exc}", source=source, line=line) from None
        end = reader.line_num
        if row is None:
            break
        if not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) > len(columns):
            raise FormatError(
                f"{len(row)} cells, the header has {len(columns)}", source=source, line=line
            )
        raw = {col: cell.strip() for col, cell in zip(columns, row, strict=False) if col}
        rid = raw.get("id", "")
        if rid in seen:
            raise FormatError(
                f"duplicate resource id {rid!r} (first on line {seen[rid]})",
                source=source,
                line=line,
                column="id",
            )
        fields = _csv_fields(raw, graph, source, line)
        try:
            resources.append(LearningResource.model_validate(fields))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = err["loc"]
            field = str(loc[0]) if loc else "teaches"
            shown = "hours" if field == "duration_hours" and "hours" not in raw else field
            value = raw.get(field, "")
            raise FormatError(
                f"{err['msg']} (value {value!r})" if value else err["msg"],
                source=source,
                line=line,
                column=shown if loc else None,
            ) from None
        seen[rid] = line
    if not resources:
        raise FormatError("no resource listed", source=source)
    return Catalogue(currency=currency, resources=resources)


def _csv_fields(
    raw: dict[str, str], graph: SkillGraph | None, source: str, line: int
) -> dict[str, Any]:
    fields: dict[str, Any] = {k: v for k, v in raw.items() if v != ""}
    for col in ("duration_hours", "cost"):
        if col in fields:
            try:
                fields[col] = float(fields[col])
            except ValueError:
                raise FormatError(
                    f"expected a number, got {fields[col]!r}",
                    source=source,
                    line=line,
                    column="hours" if col == "duration_hours" else col,
                ) from None
    teaches = []
    for ref in _split(raw.get("teaches", "")):
        skill, level = _level_suffix(ref)
        teaches.append({"skill": _skill(graph, skill, source, line, "teaches"), "level": level})
    fields["teaches"] = [
        {"skill": t["skill"], "proficiency": t["level"]} if t["level"] else {"skill": t["skill"]}
        for t in teaches
    ]
    fields["requires"] = [
        _skill(graph, ref, source, line, "requires") for ref in _split(raw.get("requires", ""))
    ]
    return fields


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _level_suffix(ref: str) -> tuple[str, str | None]:
    head, sep, tail = ref.rpartition("@")
    if sep and _enum_value(tail) in {p.value for p in Proficiency}:
        return head.strip(), str(_enum_value(tail))
    return ref, None


def _skill(graph: SkillGraph | None, ref: str, source: str, line: int, field: str) -> str:
    if graph is None:
        return ref
    from ..errors import NotFoundError

    try:
        return graph.resolve(ref, "skill")
    except NotFoundError as exc:
        raise FormatError(f"unknown skill: {exc}", source=source, line=line, column=field) from None


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
