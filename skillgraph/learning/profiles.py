"""A person's profile (role, and skills with proficiency and dated evidence) and its history.

Profiles and histories are JSON documents with a JSON Schema (`Profile.json_schema`,
`ProfileHistory.json_schema`). No date may lie in the future: evidence and snapshots
record what has happened.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .._learning_model import enum_value
from ..errors import FormatError, InvalidValueError
from ._json import line_of, parse_model, read_text
from .resources import Proficiency

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = [
    "EvidenceKind",
    "HeldSkill",
    "Profile",
    "ProfileHistory",
    "read_history",
    "read_profile",
]


class EvidenceKind(StrEnum):
    """What shows that a person holds a skill, strongest first."""

    CERTIFICATION = "certification"
    ASSESSMENT = "assessment"
    PROJECT = "project"
    SELF_DECLARED = "self-declared"


def _today() -> dt.date:
    return dt.date.today()


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_json(self, *, indent: int | None = 2) -> str:
        """This document as JSON text."""
        return self.model_dump_json(indent=indent, exclude_none=True)


def _not_future(value: dt.date) -> dt.date:
    if value > _today():
        raise ValueError(f"date {value.isoformat()} is in the future")
    return value


class HeldSkill(_Model):
    """A skill a person holds: the proficiency, the kind of evidence and its date, an
    optional note (the certificate, project or assessment) and the resource it came from."""

    skill: str = Field(min_length=1)
    proficiency: Proficiency = Proficiency.BASIC
    evidence: EvidenceKind = EvidenceKind.SELF_DECLARED
    date: dt.date
    note: str = ""
    resource: str | None = None

    @field_validator("proficiency", "evidence", mode="before")
    @classmethod
    def _normalise(cls, value: Any) -> Any:
        return enum_value(value)

    @field_validator("date")
    @classmethod
    def _past(cls, value: dt.date) -> dt.date:
        return _not_future(value)


class Profile(_Model):
    """A person at one date: their current role and the skills they hold.

    ``as_of`` is the date of the snapshot; no evidence may be later than it, and neither
    may lie in the future. A skill appears at most once.
    """

    skillgraph_profile: Literal[1] = 1
    person: str = Field(min_length=1)
    name: str = ""
    role: str | None = None
    as_of: dt.date
    skills: list[HeldSkill] = Field(default_factory=list)

    @field_validator("as_of")
    @classmethod
    def _past(cls, value: dt.date) -> dt.date:
        return _not_future(value)

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        seen: set[str] = set()
        for i, s in enumerate(self.skills):
            if s.skill in seen:
                raise ValueError(f"skill {s.skill!r} listed twice (skills[{i}])")
            if s.date > self.as_of:
                raise ValueError(
                    f"skills[{i}] ({s.skill!r}) dated {s.date.isoformat()}, after the profile's "
                    f"as_of {self.as_of.isoformat()}"
                )
            seen.add(s.skill)
        return self

    def have(
        self,
        *,
        evidence: frozenset[EvidenceKind] | None = None,
        proficiency: Proficiency | None = None,
        on: dt.date | None = None,
    ) -> list[str]:
        """The skill ids held, optionally only with some kinds of evidence, at least some
        proficiency, or evidenced by a date."""
        return [
            s.skill
            for s in self.skills
            if (evidence is None or s.evidence in evidence)
            and (proficiency is None or s.proficiency.rank >= proficiency.rank)
            and (on is None or s.date <= on)
        ]

    def check(self, graph: SkillGraph) -> Profile:
        """This profile with every skill and the role resolved to ids of ``graph``.

        Raises:
            NotFoundError: a skill or the role is not in ``graph``.
        """
        role = graph.resolve(self.role, "role") if self.role is not None else None
        skills = [
            s.model_copy(update={"skill": graph.resolve(s.skill, "skill")}) for s in self.skills
        ]
        return self.model_copy(update={"role": role, "skills": skills})

    @classmethod
    def from_json(cls, text: str, *, source: str = "<input>") -> Profile:
        """A profile from JSON text.

        Raises:
            FormatError: not JSON, or not a profile (a future date, a skill listed twice...);
                the message names ``source``, the line and the field.
        """
        profile: Profile = _parse(cls, text, source)
        return profile

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of a profile document."""
        return _schema(cls, "skillgraph profile")


class ProfileHistory(_Model):
    """Profiles of one person over time, oldest first, each on a different date."""

    skillgraph_history: Literal[1] = 1
    person: str = Field(min_length=1)
    snapshots: list[Profile] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> ProfileHistory:
        for i, p in enumerate(self.snapshots):
            if p.person != self.person:
                raise ValueError(
                    f"snapshots[{i}].person: {p.person!r} in the history of {self.person!r}"
                )
            if i and p.as_of <= self.snapshots[i - 1].as_of:
                raise ValueError(
                    f"snapshots[{i}].as_of: {p.as_of.isoformat()}, not after the one before"
                )
        return self

    @property
    def latest(self) -> Profile:
        """The most recent snapshot."""
        return self.snapshots[-1]

    def check(self, graph: SkillGraph) -> ProfileHistory:
        """This history with every snapshot resolved against ``graph`` (see `Profile.check`).

        Raises:
            NotFoundError: a skill or role is not in ``graph``.
        """
        return self.model_copy(update={"snapshots": [p.check(graph) for p in self.snapshots]})

    @classmethod
    def from_json(cls, text: str, *, source: str = "<input>") -> ProfileHistory:
        """A history from JSON text (a profile alone reads as a one-snapshot history).

        Raises:
            FormatError: not JSON, or not a history; names ``source``, line and field.
        """
        history: ProfileHistory = _parse(cls, text, source)
        return history

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of a profile history document."""
        return _schema(cls, "skillgraph profile history")


def _schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def _parse(model: type[BaseModel], text: Any, source: str) -> Any:
    if not isinstance(text, str):
        raise InvalidValueError(f"text must be a str, got {type(text).__name__}", field="text")
    import json

    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        data = None  # parse_model reports it
    if isinstance(data, dict):
        for path in _skill_lists(data):
            _check_skills(data, path, text, source)
    return parse_model(model, text, source)


def _skill_lists(data: dict[str, Any]) -> list[list[int | str]]:
    if isinstance(data.get("snapshots"), list):
        return [["snapshots", i, "skills"] for i in range(len(data["snapshots"]))]
    return [["skills"]]


def _check_skills(data: Any, path: list[int | str], text: str, source: str) -> None:
    """Duplicate skills and future or late dates, with the line of the offending entry."""
    node: Any = data
    for part in path[:-1]:
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        else:
            return
    if not isinstance(node, dict) or not isinstance(node.get("skills"), list):
        return
    seen: set[str] = set()
    for i, item in enumerate(node["skills"]):
        if not isinstance(item, dict):
            continue
        loc = [*path, i]
        skill = item.get("skill")
        if isinstance(skill, str):
            if skill in seen:
                raise FormatError(
                    f"skill {skill!r} listed twice",
                    source=source,
                    line=line_of(text, [*loc, "skill"]),
                    column=_dotted([*loc, "skill"]),
                )
            seen.add(skill)
        raw = item.get("date")
        if isinstance(raw, str):
            try:
                day = dt.date.fromisoformat(raw)
            except ValueError:
                continue  # the model reports it
            if day > _today():
                raise FormatError(
                    f"date {raw} is in the future (evidence records what has happened)",
                    source=source,
                    line=line_of(text, [*loc, "date"]),
                    column=_dotted([*loc, "date"]),
                )


def _dotted(loc: list[int | str]) -> str:
    from ._json import field_path

    return field_path(loc)


def read_profile(path: str | Path, graph: SkillGraph | None = None) -> Profile:
    """The profile in the JSON file ``path``; with ``graph``, its skills and role resolved
    to ids of ``graph`` (see `Profile.check`).

    Raises:
        FormatError: unreadable, not JSON or not a profile, or (with ``graph``) a skill or
            role ``graph`` lacks; names the file, line and field.
    """
    text = read_text(path)
    profile = Profile.from_json(text, source=str(path))
    return profile if graph is None else _resolved(profile, graph, text, str(path), [])


def read_history(path: str | Path, graph: SkillGraph | None = None) -> ProfileHistory:
    """The profile history in the JSON file ``path`` (a single profile is a one-snapshot
    history); with ``graph``, every snapshot resolved against it (see `Profile.check`).

    Raises:
        FormatError: unreadable, not JSON or not a history, or (with ``graph``) a skill or
            role ``graph`` lacks; names the file, line and field.
    """
    text = read_text(path)
    import json

    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        data = None
    if isinstance(data, dict) and "snapshots" not in data and "as_of" in data:
        profile = Profile.from_json(text, source=str(path))
        if graph is not None:
            profile = _resolved(profile, graph, text, str(path), [])
        return ProfileHistory(person=profile.person, snapshots=[profile])
    history = ProfileHistory.from_json(text, source=str(path))
    if graph is None:
        return history
    snapshots = [
        _resolved(p, graph, text, str(path), ["snapshots", i])
        for i, p in enumerate(history.snapshots)
    ]
    return history.model_copy(update={"snapshots": snapshots})


def _resolved(
    profile: Profile, graph: SkillGraph, text: str, source: str, at: list[int | str]
) -> Profile:
    """``profile.check(graph)``, an unknown skill or role reported where the file names it.

    Raises:
        FormatError: naming ``source``, the line and the field.
    """
    from ..errors import NotFoundError

    try:
        return profile.check(graph)
    except NotFoundError as exc:
        loc = _unresolved(profile, graph, at)
        raise FormatError(
            f"unknown {loc[-1]}: {exc}",
            source=source,
            line=line_of(text, loc),
            column=_dotted(loc),
        ) from None


def _unresolved(profile: Profile, graph: SkillGraph, at: list[int | str]) -> list[int | str]:
    """Where in its document the first role or skill ``graph`` cannot resolve is."""
    from ..errors import NotFoundError

    refs: list[tuple[list[int | str], str, str]] = []
    if profile.role is not None:
        refs.append(([*at, "role"], profile.role, "role"))
    refs += [([*at, "skills", i, "skill"], h.skill, "skill") for i, h in enumerate(profile.skills)]
    for loc, ref, kind in refs:
        try:
            graph.resolve(ref, kind)
        except NotFoundError:
            return loc
    return [*at, "skills"]  # pragma: no cover - check() failed on one of them
