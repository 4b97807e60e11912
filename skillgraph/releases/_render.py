"""Counts, the compact summary, and the text / Markdown forms of a `DiffReport`."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .._escape import printable
from ..errors import InvalidValueError
from ..model import NodeType

if TYPE_CHECKING:
    from .report import DiffReport, FieldChange

__all__ = ["counts", "summary", "text"]

_MAX_VALUE = 80
_LEGACY_NAMES = {
    "broader": "broader",
    "related": "related",
    "prerequisite": "prerequisites",
    "progression": "progressions",
    "teaches": "teaches",
    "resource_requires": "resource_requires",
}
_RELATION_KINDS = tuple(_LEGACY_NAMES)


def counts(r: DiffReport) -> dict[str, dict[str, int]]:
    """Added / removed / changed counts by section (see ``DiffReport.counts``)."""
    out: dict[str, dict[str, int]] = {}

    def put(name: str, added: int, removed: int, changed: int) -> None:
        if added or removed or changed:
            out[name] = {"added": added, "removed": removed, "changed": changed}

    for t in NodeType:
        put(
            t.value,
            sum(n.type is t for n in r.nodes_added),
            sum(n.type is t for n in r.nodes_removed),
            sum(n.type is t for n in r.nodes_changed),
        )
    put(
        "requires",
        len(r.requirements_added),
        len(r.requirements_removed),
        len(r.requirements_changed),
    )
    for kind in _RELATION_KINDS:
        put(
            kind,
            sum(e.kind == kind for e in r.relations_added),
            sum(e.kind == kind for e in r.relations_removed),
            sum(e.kind == kind for e in r.relations_changed),
        )
    put("extra_triples", len(r.extra_triples_added), len(r.extra_triples_removed), 0)
    put("metadata", 0, 0, len(r.metadata) + (r.language is not None))
    return out


def summary(r: DiffReport) -> dict[str, Any]:
    """The compact form of ``SkillGraph.diff`` (see ``DiffReport.summary``)."""
    out: dict[str, Any] = {}
    for t in NodeType:
        part = {
            "added": [n.id for n in r.nodes_added if n.type is t],
            "removed": [n.id for n in r.nodes_removed if n.type is t],
            "changed": [n.id for n in r.nodes_changed if n.type is t],
        }
        if any(part.values()):
            out[t.value] = part
    c = counts(r)
    if "requires" in c:
        out["requires"] = c["requires"]
    for kind in _RELATION_KINDS:
        if kind in c:
            # an edge whose flag changed is one removed and one added edge here
            changed = c[kind]["changed"]
            out[_LEGACY_NAMES[kind]] = {
                "added": c[kind]["added"] + changed,
                "removed": c[kind]["removed"] + changed,
            }
    if "extra_triples" in c:
        out["extra_triples"] = {k: c["extra_triples"][k] for k in ("added", "removed")}
    if r.metadata or r.language is not None:
        out["metadata"] = True
    return out


def _value(v: Any) -> str:
    if v is None:
        return "(none)"
    shown = json.dumps(v, ensure_ascii=False, sort_keys=True)
    return shown if len(shown) <= _MAX_VALUE else shown[: _MAX_VALUE - 1] + "…"


def _change(c: FieldChange) -> str:
    if c.added is not None and c.removed is not None:
        if not c.added and not c.removed:
            return f"{c.field}: same items, reordered"
        parts = [f"+{_value(x)}" for x in c.added] + [f"−{_value(x)}" for x in c.removed]
        return f"{c.field}: " + ", ".join(parts)
    return f"{c.field}: {_value(c.old)} → {_value(c.new)}"


class _Doc:
    """Accumulates the lines of the report in plain text or Markdown."""

    def __init__(self, markdown: bool, limit: int) -> None:
        self.md = markdown
        self.limit = limit
        self.lines: list[str] = []

    def esc(self, s: str) -> str:
        s = printable(s)  # a label's control characters shown, never sent to the terminal
        if not self.md:
            return s
        for ch in "\\`*_[]<>|":
            s = s.replace(ch, "\\" + ch)
        return s

    def code(self, s: str) -> str:
        if self.md and "`" in s:  # no code span can hold it: escaped as text instead
            return self.esc(s)
        s = printable(s)
        return f"`{s}`" if self.md else s

    def heading(self, title: str, level: int = 2) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.append(f"{'#' * level} {title}" if self.md else title)
        if self.md:
            self.lines.append("")

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        cells = [[str(c) for c in row] for row in rows]
        if self.md:
            self.lines.append("| " + " | ".join(headers) + " |")
            self.lines.append("|" + "|".join("---" for _ in headers) + "|")
            self.lines += ["| " + " | ".join(self.esc(c) for c in row) + " |" for row in cells]
            return
        cells = [[printable(c) for c in row] for row in cells]
        widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]

        def line(row: Sequence[str]) -> str:
            parts = [
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ]
            return ("  " + "  ".join(parts)).rstrip()

        self.lines.append(line(headers))
        self.lines.append(line(["-" * w for w in widths]))
        self.lines += [line(row) for row in cells]

    def items(self, title: str, items: Sequence[Any], show: Callable[[Any], list[str]]) -> None:
        if not items:
            return
        self.heading(f"{title} ({len(items)})")
        for item in items[: self.limit]:
            first, *rest = show(item)
            self.lines.append(f"- {first}" if self.md else f"  {first}")
            self.lines += [f"    - {x}" if self.md else f"      {x}" for x in rest]
        hidden = len(items) - self.limit
        if hidden > 0:
            more = f"… and {hidden} more (the JSON form lists them all)"
            self.lines.append(f"- {more}" if self.md else f"  {more}")


def text(r: DiffReport, *, limit: int, markdown: bool) -> str:
    """The report as plain text or Markdown, with up to ``limit`` items a list.

    Raises:
        InvalidValueError: ``limit`` is negative or not an integer.
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise InvalidValueError(f"limit must be an integer >= 0, got {limit!r}", field="limit")
    d = _Doc(markdown, limit)
    e, c = d.esc, d.code
    d.heading(f"Changes from {e(r.old)} to {e(r.new)}", 1)
    table = counts(r)
    if r.empty and not r.prefixes:
        d.lines.append("No differences.")
        return "\n".join(d.lines) + "\n"
    if table:
        rows = [[k, v["added"], v["removed"], v["changed"]] for k, v in table.items()]
        d.table(["section", "added", "removed", "changed"], rows)

    def node(n: Any) -> list[str]:
        return [f"[{n.type.value}] {e(n.label)} ({c(n.id)})"]

    def changed(n: Any) -> list[str]:
        return [f"[{n.type.value}] {e(n.label)} ({c(n.id)})"] + [e(_change(x)) for x in n.changes]

    def req(q: Any) -> list[str]:
        flag = "essential" if q.essential else "optional"
        return [
            f"{e(q.role_label)} → {e(q.skill_label)} ({flag}, importance {q.importance:g}) "
            f"({c(q.role)} → {c(q.skill)})"
        ]

    def reweighted(q: Any) -> list[str]:
        return [
            f"{e(q.role_label)} → {e(q.skill_label)}: "
            + "; ".join(e(_change(x)) for x in q.changes)
        ]

    def rel(x: Any) -> list[str]:
        flag = "" if x.essential is None else (" (essential)" if x.essential else " (optional)")
        if x.proficiency is not None:
            flag = f" (up to {x.proficiency.value})"
        return [f"{x.kind}: {e(x.source_label)} → {e(x.target_label)}{flag}"]

    def rel_changed(x: Any) -> list[str]:
        return [
            f"{x.kind}: {e(x.source_label)} → {e(x.target_label)}: "
            + "; ".join(e(_change(y)) for y in x.changes)
        ]

    def meta(x: Any) -> list[str]:
        return [e(_change(x))]

    def triple(t: Any) -> list[str]:
        return [c(" ".join(t))]

    d.items(
        "Renamed labels",
        r.renamed,
        lambda x: [f"[{x.type.value}] {e(x.old_label)} → {e(x.new_label)} ({c(x.id)})"],
    )
    d.items(
        "Ids changed (a removed and an added node of one type and label)",
        r.reidentified,
        lambda x: [f"[{x.type.value}] {e(x.label)}: {c(x.old_id)} → {c(x.new_id)}"],
    )
    d.items(
        "Types changed",
        r.retyped,
        lambda x: [f"{e(x.label)} ({c(x.id)}): {x.old_type.value} → {x.new_type.value}"],
    )
    d.items("Nodes added", r.nodes_added, node)
    d.items("Nodes removed", r.nodes_removed, node)
    d.items("Nodes changed", r.nodes_changed, changed)
    d.items("Requirements added", r.requirements_added, req)
    d.items("Requirements removed", r.requirements_removed, req)
    d.items("Requirements re-weighted", r.requirements_changed, reweighted)
    d.items("Relations added", r.relations_added, rel)
    d.items("Relations removed", r.relations_removed, rel)
    d.items("Relations changed", r.relations_changed, rel_changed)
    if r.roles_most_changed:
        d.heading("Roles whose requirements changed most")
        d.table(
            ["role", "before", "after", "added", "removed", "re-weighted", "share"],
            [
                [x.label, x.before, x.after, x.added, x.removed, x.reweighted, f"{x.share:.0%}"]
                for x in r.roles_most_changed[:limit]
            ],
        )
    language = [r.language] if r.language is not None else []
    d.items("Language and metadata", language + r.metadata, meta)
    d.items("Prefixes", r.prefixes, meta)
    d.items("Extra RDF triples added", r.extra_triples_added, triple)
    d.items("Extra RDF triples removed", r.extra_triples_removed, triple)
    return "\n".join(d.lines) + "\n"
