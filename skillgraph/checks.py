"""Checks of a graph's content: typed problems with location, severity and a fix hint.

``check_graph(g)`` finds what makes a graph incomplete or doubtful (undeclared clusters and
industries, roles without requirements or cluster, orphan skills, shared role labels,
requirements of importance 0). Each `Problem` names the node or edge id and field, its
severity (``"error"`` or ``"warning"``) and a short hint; ``skillgraph validate`` adds the
problems of reading a file and the file and line of each.

    import skillgraph as sg
    g = sg.load("demo")
    errors = [p for p in sg.check_graph(g) if p.severity == "error"]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from . import _text
from .errors import InvalidValueError

if TYPE_CHECKING:
    from .graph import SkillGraph

__all__ = ["Problem", "Severity", "check_graph"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding of a check: where (file, line, node or edge id, field), how bad, how to fix.

    ``check`` names the check that found it (``"undeclared-cluster"``, ``"orphan-skill"``,
    ...). Problems of a graph in memory have no file or line.
    """

    severity: Severity
    message: str
    hint: str
    file: str = ""
    line: int | None = None
    column: int | str | None = None
    id: str | None = None
    field: str | None = None
    check: str = ""

    def location(self) -> str:
        """``file:line`` (or ``file``, or nothing in memory), then the id and field when known."""
        where = self.file + (f":{self.line}" if self.line is not None else "")
        if isinstance(self.column, int):
            where += f":{self.column}"
        parts = [where] if where else []
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


def check_graph(g: SkillGraph) -> Iterator[Problem]:
    """Checks on a graph (file and line left blank), in a fixed order.

    Errors: clusters or industries referenced but never declared (``g.undeclared``).
    Warnings: roles without requirements or cluster, skills never required and outside any
    hierarchy, roles sharing a label, requirements of importance 0.

    Raises:
        InvalidValueError: ``g`` is not a SkillGraph.
    """
    from .graph import SkillGraph

    if not isinstance(g, SkillGraph):
        raise InvalidValueError(
            f"check_graph() takes a SkillGraph, got {type(g).__name__}", field="g"
        )
    return _checks(g)


def _checks(g: SkillGraph) -> Iterator[Problem]:
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
    undeclared = g.undeclared
    for what, nodes in (("cluster", g.clusters), ("industry", g.industries)):
        for node in nodes.values():
            if node.id not in undeclared:
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
