"""People of a workforce: id, current role and skills, from code, CSV or JSON.

Skills and roles are named by id or by anything ``g.find`` resolves (labels, alt labels,
case and accents forgiven). A skill that resolves to nothing (or to several skills equally
well) is an `UnknownSkill`: reported with the file, line and field it came from (or raised,
with ``strict=True``). A role that resolves to nothing is always an error.

CSV layouts (UTF-8, comma or tab separated, header row required):

- *wide*: columns ``id``, ``role`` (optional, may be empty) and ``skills`` (the skills
  separated by ``;`` or ``|``);
- *long*: columns ``id``, ``role`` and ``skill``, one row per skill; rows of one person
  repeat the id (and the role, which must not change).

JSON: a list of objects ``{"id": ..., "role": ..., "skills": [...]}`` (or an object with
such a list under ``"people"``), or JSON Lines (one object a line).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..errors import FormatError, InvalidValueError, NotFoundError
from ..graph import SkillGraph
from ..model import NodeType
from ._csv import csv_rows, header_of, read_table

__all__ = ["PeopleFile", "Person", "UnknownSkill", "read_people", "resolve_people"]

_SPLIT = re.compile(r"[;|]")


class Person(BaseModel):
    """One person of a workforce: ``skills`` are skill ids, ``role`` a role id or None."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    role: str | None = None
    skills: tuple[str, ...] = ()


class UnknownSkill(BaseModel):
    """A skill named in the people input that names no skill of the graph.

    ``source``/``line``/``field`` say where it was read (``line`` 1-based; None for people
    given in code); ``suggestions`` are close matches ``(id, label)``, best first.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    person: str
    text: str
    source: str | None = None
    line: int | None = None
    field: str = "skills"
    reason: str = "no skill matches"
    suggestions: list[tuple[str, str]] = Field(default_factory=list)


class PeopleFile(BaseModel):
    """People read from a file (or given in code) and the skills that matched nothing."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    people: list[Person]
    unknown: list[UnknownSkill] = Field(default_factory=list)


class _Raw:
    """A person as read, before resolution, with where each value came from."""

    __slots__ = ("id", "line", "role", "role_line", "skills")

    def __init__(self, pid: str, role: str | None, line: int | None) -> None:
        self.id = pid
        self.role = role
        self.line = line
        self.role_line = line
        self.skills: list[tuple[str, int | None]] = []


def _fail(msg: str, source: str | None, line: int | None, field: str | None) -> FormatError:
    return FormatError(msg, source=source, line=line, column=field)


def _text(value: Any, source: str | None, line: int | None, field: str) -> str:
    if not isinstance(value, str):
        raise _fail(f"expected a string, got {type(value).__name__}", source, line, field)
    return value.strip()


def _from_csv(text: str, source: str) -> list[_Raw]:
    header: list[str] | None = None
    people: dict[str, _Raw] = {}
    long = False
    for line, row in csv_rows(text, source):
        if header is None:
            header = header_of(row, source, line)
            if "id" not in header:
                raise _fail(
                    "no 'id' column (expected a header with id, role and skills or skill)",
                    source,
                    line,
                    "id",
                )
            if "skills" not in header and "skill" not in header:
                raise _fail(
                    "no 'skills' or 'skill' column (expected skills separated by ';', "
                    "or one skill a row)",
                    source,
                    line,
                    "skills",
                )
            long = "skill" in header and "skills" not in header
            continue
        if len(row) > len(header):
            raise _fail(f"{len(row)} values for {len(header)} columns", source, line, header[-1])
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        pid = cells.get("id", "")
        if not pid:
            raise _fail("empty id (every person needs an id)", source, line, "id")
        role = cells.get("role") or None
        person = people.get(pid)
        if person is None:
            person = people[pid] = _Raw(pid, role, line)
        elif not long:
            raise _fail(
                f"person {pid!r} is listed twice (first on line {person.line})",
                source,
                line,
                "id",
            )
        elif role is not None and person.role is not None and role != person.role:
            raise _fail(
                f"person {pid!r} has role {person.role!r} on line {person.line} and {role!r} here",
                source,
                line,
                "role",
            )
        elif role is not None and person.role is None:
            person.role, person.role_line = role, line
        if long:
            skill = cells.get("skill", "")
            if skill:
                person.skills.append((skill, line))
        else:
            for s in _SPLIT.split(cells.get("skills", "")):
                if s.strip():
                    person.skills.append((s.strip(), line))
    if header is None:
        raise _fail("empty file (expected a header row and one row a person)", source, 1, None)
    return list(people.values())


def _json_items(text: str, source: str) -> Iterator[tuple[Any, int]]:
    """The people objects of a JSON or JSON Lines text, each with its 1-based line."""
    dec = json.JSONDecoder()

    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    def skip(pos: int) -> int:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        return pos

    def decode(pos: int) -> tuple[Any, int]:
        try:
            return dec.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise _fail(f"invalid JSON: {exc.msg}", source, exc.lineno, None) from None

    pos = skip(0)
    if pos == len(text):
        raise _fail("empty file (expected a list of people)", source, 1, None)
    wrapped = text[pos] == "{"
    if wrapped:
        match = re.compile(r'\{\s*"people"\s*:\s*\[').match(text, pos)
        if match is None:  # JSON Lines: one object a line
            while pos < len(text):
                obj, end = decode(pos)
                yield obj, line_of(pos)
                pos = skip(end)
            return
        pos = match.end() - 1
    if text[pos] != "[":
        raise _fail(
            "expected a list of people (or an object with 'people')", source, line_of(pos), None
        )
    pos = skip(pos + 1)
    while not (pos < len(text) and text[pos] == "]"):
        obj, end = decode(pos)
        yield obj, line_of(pos)
        pos = skip(end)
        if pos < len(text) and text[pos] == ",":
            pos = skip(pos + 1)
            continue
        if pos < len(text) and text[pos] == "]":
            break
        raise _fail("expected ',' or ']' after a person", source, line_of(pos), None)
    pos = skip(pos + 1)
    if wrapped:  # red team s25 (18.10): other fields beside 'people' were ignored silently
        if not (pos < len(text) and text[pos] == "}"):
            raise _fail(
                "expected '}' after the people list (an object with 'people' has no other field)",
                source,
                line_of(pos),
                None,
            )
        pos = skip(pos + 1)
    if pos < len(text):
        raise _fail("unexpected text after the people list", source, line_of(pos), None)


def _from_json(text: str, source: str) -> list[_Raw]:
    people: dict[str, _Raw] = {}
    for obj, line in _json_items(text, source):
        if not isinstance(obj, dict):
            raise _fail(f"expected an object, got {type(obj).__name__}", source, line, None)
        extra = sorted(set(obj) - {"id", "role", "skills"})
        if extra:
            raise _fail("unknown field (expected id, role, skills)", source, line, extra[0])
        pid = _text(obj.get("id", ""), source, line, "id")
        if not pid:
            raise _fail("missing or empty id", source, line, "id")
        if pid in people:
            raise _fail(
                f"person {pid!r} is listed twice (first on line {people[pid].line})",
                source,
                line,
                "id",
            )
        role = obj.get("role")
        person = _Raw(pid, _text(role, source, line, "role") or None if role else None, line)
        skills = obj.get("skills", [])
        if isinstance(skills, str):
            skills = [s for s in _SPLIT.split(skills) if s.strip()]
        if not isinstance(skills, list):
            raise _fail("expected a list of skills", source, line, "skills")
        for s in skills:
            text_s = _text(s, source, line, "skills")
            if text_s:
                person.skills.append((text_s, line))
        people[pid] = person
    return list(people.values())


def _resolver(g: SkillGraph, kind: NodeType) -> Any:
    cache: dict[str, str | NotFoundError] = {}
    nodes = g.skills if kind is NodeType.SKILL else g.roles

    def resolve(text: str) -> str | NotFoundError:
        if text in nodes:
            return text
        hit = cache.get(text)
        if hit is None:
            try:
                hit = g.resolve(text, kind)
            except NotFoundError as exc:
                hit = exc
            cache[text] = hit
        return hit

    return resolve


def _resolve(g: SkillGraph, raws: Iterable[_Raw], source: str | None, strict: bool) -> PeopleFile:
    skill_of = _resolver(g, NodeType.SKILL)
    role_of = _resolver(g, NodeType.ROLE)
    people: list[Person] = []
    unknown: list[UnknownSkill] = []
    for raw in raws:
        role: str | None = None
        if raw.role is not None:
            hit = role_of(raw.role)
            if isinstance(hit, NotFoundError):
                raise _fail(str(hit), source, raw.role_line, "role")
            role = hit
        skills: dict[str, None] = {}
        for text, line in raw.skills:
            hit = skill_of(text)
            if isinstance(hit, NotFoundError):
                if strict:
                    raise _fail(str(hit), source, line, "skills")
                unknown.append(
                    UnknownSkill(
                        person=raw.id,
                        text=text,
                        source=source,
                        line=line,
                        reason=str(hit),
                        suggestions=hit.suggestions[:5],
                    )
                )
                continue
            skills[hit] = None
        people.append(Person(id=raw.id, role=role, skills=tuple(skills)))
    return PeopleFile(people=people, unknown=unknown)


def resolve_people(
    g: SkillGraph,
    people: Iterable[Person | Mapping[str, Any] | Sequence[Any]],
    *,
    strict: bool = False,
) -> PeopleFile:
    """People given in code, with their roles and skills resolved against ``g``.

    Each item is a `Person`, a mapping with ``id``, ``role`` (optional) and ``skills``, or
    an ``(id, role, skills)`` tuple.

    Raises:
        InvalidValueError: an item has the wrong shape, an empty or repeated id.
        NotFoundError: a role cannot be resolved, or (``strict``) a skill.
    """
    raws: list[_Raw] = []
    seen: set[str] = set()
    for n, item in enumerate(people):
        pid: Any
        role: Any
        skills: Any
        if isinstance(item, Person):
            pid, role, skills = item.id, item.role, list(item.skills)
        elif isinstance(item, Mapping):
            pid, role, skills = item.get("id"), item.get("role"), item.get("skills", ())
        elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 3:
            pid, role, skills = item
        else:
            raise InvalidValueError(
                f"people[{n}]: expected a Person, a mapping or an (id, role, skills) tuple "
                f"(got {item!r:.80})",
                field="people",
            )
        if not isinstance(pid, str) or not pid.strip():
            raise InvalidValueError(f"people[{n}]: id must be a non-empty string", field="id")
        if pid in seen:
            raise InvalidValueError(f"people[{n}]: person {pid!r} is listed twice", field="id")
        seen.add(pid)
        if role is not None and not isinstance(role, str):
            raise InvalidValueError(f"people[{n}]: role must be a string or None", field="role")
        if isinstance(skills, str) or not isinstance(skills, Iterable):
            raise InvalidValueError(
                f"people[{n}]: skills must be a list of skill ids or labels", field="skills"
            )
        raw = _Raw(pid, role or None, None)
        for s in skills:
            if not isinstance(s, str):
                raise InvalidValueError(
                    f"people[{n}]: every skill must be a string (got {s!r:.40})", field="skills"
                )
            raw.skills.append((s, None))
        raws.append(raw)
    try:
        return _resolve(g, raws, None, strict)
    except FormatError as exc:  # from code: no file, so a NotFoundError naming the field
        raise NotFoundError(f"{exc.column}: {exc.reason}", query=str(exc.column)) from None


def read_people(g: SkillGraph, path: str | Path, *, strict: bool = False) -> PeopleFile:
    """The people of a CSV, JSON or JSON Lines file (by suffix; else sniffed).

    Raises:
        FormatError: the file is malformed, a role names no role, or (``strict``) a skill
            names no skill; the message names the file, line and field (a file that
            cannot be read is a FormatError too).
        ResourceLimitError: the file holds more than the input size limit
            (``SKILLGRAPH_MAX_INPUT_BYTES``, 4 GiB by default).
    """
    p = Path(path)
    source = str(path)
    text = read_table(p, "people file")
    suffix = p.suffix.lower()
    is_json = suffix in {".json", ".jsonl", ".ndjson"} or (
        suffix not in {".csv", ".tsv", ".txt"} and text.lstrip()[:1] in {"[", "{"}
    )
    raws = _from_json(text, source) if is_json else _from_csv(text, source)
    return _resolve(g, raws, source, strict)
