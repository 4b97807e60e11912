"""The checks behind ``skillgraph validate``: read errors, read warnings and graph checks.

Each `Problem` names where it is (file, line when known, node or edge id, field),
its severity and a short fix hint. Lines of graph-level problems are the first line of the
input text that mentions the id (text formats only).
"""

from __future__ import annotations

import bisect
import re
import warnings
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from .. import _text
from ..errors import (
    FormatError,
    ResourceLimitError,
    SkillGraphError,
    UnsafeInputError,
    UnsupportedFormatError,
)

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ..io._source import Source

__all__ = ["Problem", "check_graph", "validate_source"]

Severity = Literal["error", "warning"]

#: Text inputs larger than this are not scanned for the line of an id.
_MAX_SCAN_BYTES = 256 * 1024**2


@dataclass(frozen=True)
class Problem:
    """One finding of ``validate``."""

    severity: Severity
    message: str
    hint: str
    file: str
    line: int | None = None
    column: int | str | None = None
    id: str | None = None
    field: str | None = None
    check: str = ""

    def location(self) -> str:
        """``file:line`` (or ``file``), then the id and field when known."""
        where = self.file + (f":{self.line}" if self.line is not None else "")
        if isinstance(self.column, int):
            where += f":{self.column}"
        parts = [where]
        if self.id:
            parts.append(self.id)
        field = self.field if self.field is not None else self.column
        if isinstance(field, str):
            parts.append(f"field {field!r}")
        return ": ".join(parts)

    def text(self) -> str:
        """One line: location, severity, message, hint."""
        return f"{self.location()}: {self.severity}: {self.message} (fix: {self.hint})"

    def as_dict(self) -> dict[str, Any]:
        """The problem as a JSON-ready dict."""
        return asdict(self)


def _read_hint(exc: SkillGraphError) -> str:
    if isinstance(exc, UnsupportedFormatError):
        return "name the format with --from (see `skillgraph formats`)"
    if isinstance(exc, UnsafeInputError):
        return "remove the remote context or external entity; inputs are read offline"
    if isinstance(exc, ResourceLimitError):
        return "split the input or check it is not corrupt"
    if isinstance(exc, FormatError):
        return "correct the input at this location (is the file truncated or mistyped?)"
    return "correct the value named here"


def validate_source(source: Source, fmt: Any) -> tuple[SkillGraph | None, list[Problem]]:
    """Read ``source`` as ``fmt`` (a registry Format), then check the graph.

    Returns the graph (None if it could not be read) and every problem found, read errors
    and warnings first, then graph checks in a fixed order.
    """
    from ..io import read

    problems: list[Problem] = []
    graph: SkillGraph | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            graph = read(source, fmt.name)
        except FormatError as exc:
            problems.append(
                Problem(
                    "error",
                    exc.reason,
                    _read_hint(exc),
                    exc.source or source.name,
                    exc.line,
                    exc.column,
                    check="read",
                )
            )
        except SkillGraphError as exc:
            problems.append(
                Problem(
                    "error",
                    str(exc),
                    _read_hint(exc),
                    source.name,
                    id=getattr(exc, "id", None),
                    field=getattr(exc, "field", None),
                    check="read",
                )
            )
    for w in caught:
        if issubclass(w.category, DeprecationWarning | PendingDeprecationWarning):
            continue
        problems.append(
            Problem(
                "warning",
                str(w.message),
                "check the input rows or values this warning names",
                source.name,
                check="read-warning",
            )
        )
    if graph is not None:
        lines = _LineFinder(source, fmt.name)
        problems += [
            Problem(
                p.severity,
                p.message,
                p.hint,
                source.name,
                lines.line_of(p.id),
                None,
                p.id,
                p.field,
                p.check,
            )
            for p in check_graph(graph)
        ]
    return graph, problems


#: Ids looked up by a plain text search before the token index is built.
_DIRECT = 200
#: A quoted string, an <IRI>, or a bare word (CURIEs, prefixed names).
_TOKEN = re.compile(r'"((?:[^"\\\n]|\\.)*)"|<([^<>\s]*)>|[^\s"<>(),;\[\]{}]+')


class _LineFinder:
    """The first line of a text input mentioning a given id."""

    def __init__(self, source: Source, fmt_name: str) -> None:
        self._text: str | None = None
        self._starts: list[int] = []
        self._looked_up = 0
        self._index: dict[str, int] | None = None
        if fmt_name in ("esco", "onet") or source.is_dir:
            return
        try:
            if source.path is not None and source.path.stat().st_size > _MAX_SCAN_BYTES:
                return
            self._text = source.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            return
        self._starts = [0] + [m.end() for m in re.finditer("\n", self._text)]

    def line_of(self, node_id: str | None) -> int | None:
        """The line of the first mention of ``node_id`` (searched directly for the first
        `_DIRECT` ids, then in an index of the text's tokens built once: 200,000
        problems must not scan the text 200,000 times)."""
        if self._text is None or not node_id:
            return None
        key = node_id.split(" -> ", 1)[0]
        if self._looked_up < _DIRECT:
            self._looked_up += 1
            pos = self._text.find(key)
        else:
            if self._index is None:
                self._index = {}
                for m in _TOKEN.finditer(self._text):
                    token = m.group(1) if m.group(1) is not None else m.group(2) or m.group(0)
                    self._index.setdefault(token, m.start())
            pos = self._index.get(key, -1)
        if pos < 0:
            return None
        return bisect.bisect_right(self._starts, pos)


def check_graph(g: SkillGraph) -> Iterator[Problem]:
    """Checks on a loaded graph (file and line left blank), in a fixed order.

    Errors: clusters or industries referenced but never declared. Warnings: roles without
    requirements or cluster, skills never required and outside any hierarchy, roles sharing
    a label, requirements of importance 0.
    """
    yield from _undeclared(g)
    for role in g.roles.values():
        if not g.requirements(role.id):
            yield Problem(
                "warning",
                f"role {role.label!r} requires no skill",
                "add the skills this role requires, or remove the role",
                "",
                id=role.id,
                field="requires",
                check="role-without-requirements",
            )
        if role.cluster is None:
            yield Problem(
                "warning",
                f"role {role.label!r} has no cluster (upskill and reskill need one)",
                "set its cluster to a declared cluster (job family)",
                "",
                id=role.id,
                field="cluster",
                check="role-without-cluster",
            )
    for skill in g.skills.values():
        if not g.roles_requiring(skill.id) and not (
            g.broader_of(skill.id) or g.narrower_of(skill.id)
        ):
            yield Problem(
                "warning",
                f"skill {skill.label!r} is required by no role and sits in no hierarchy",
                "require it from a role, place it under a broader skill or group, or remove it",
                "",
                id=skill.id,
                field="id",
                check="orphan-skill",
            )
    by_label: dict[str, list[str]] = {}
    for role in g.roles.values():
        by_label.setdefault(_text.normalize(role.label), []).append(role.id)
    for ids in by_label.values():
        if len(ids) > 1:  # one warning a label: N roles sharing one would give N x N ids
            ids = sorted(ids)
            shown = ", ".join(ids[:10]) + (f" (+{len(ids) - 10} more)" if len(ids) > 10 else "")
            yield Problem(
                "warning",
                f"role label {g.label(ids[0])!r} is shared by {len(ids)} roles: {shown}; "
                "lookups by this label are ambiguous",
                "give each role a distinct label",
                "",
                id=ids[0],
                field="label",
                check="duplicate-role-label",
            )
    for req in g.iter_requirements():
        if req.importance == 0:
            yield Problem(
                "warning",
                f"requirement {req.role} -> {req.skill} has importance 0 and counts for nothing",
                "set an importance above 0, or remove the requirement",
                "",
                id=f"{req.role} -> {req.skill}",
                field="importance",
                check="zero-importance",
            )


def _undeclared(g: SkillGraph) -> Iterator[Problem]:
    users: dict[str, list[str]] = {}
    for role in g.roles.values():
        for ref in ([role.cluster] if role.cluster else []) + list(role.industries):
            users.setdefault(ref, []).append(role.id)
    for cluster in g.clusters.values():
        if cluster.broader:
            users.setdefault(cluster.broader, []).append(cluster.id)
    for what, nodes in (("cluster", g.clusters), ("industry", g.industries)):
        for node in nodes.values():
            if node.label != node.id:
                continue
            refs = sorted(users.get(node.id, []))
            shown = ", ".join(refs[:3]) + (f" (+{len(refs) - 3} more)" if len(refs) > 3 else "")
            yield Problem(
                "error",
                f"{what} {node.id!r} is referenced"
                + (f" by {shown}" if refs else "")
                + " but never declared",
                f"declare the {what} with a label, or correct the reference",
                "",
                id=node.id,
                field="id",
                check=f"undeclared-{what}",
            )
