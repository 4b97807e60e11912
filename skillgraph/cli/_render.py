"""Plain-text rendering of query results for the terminal: tables and labelled id lists."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .._escape import json_safe
from .._escape import printable as _p
from .._labels import distinct_labels

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ..graph import SkillGraph
    from ..results import Gap, LevelRaise, Match, Move, Plan, SkillHop, Step

__all__ = [
    "gap_text",
    "matches_text",
    "model_json",
    "move_text",
    "path_text",
    "plan_text",
    "plans_text",
    "table",
]

_MAX_CELL = 48


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, indent: int = 2) -> str:
    """An aligned text table; numbers are right-aligned, long cells cut with ``…``."""
    raw = [list(row) for row in rows]
    body = [[_cell(v) for v in row] for row in raw]
    numeric = [
        bool(raw) and all(isinstance(r[i], int | float) and not isinstance(r[i], bool) for r in raw)
        for i in range(len(headers))
    ]
    widths = [max([len(h)] + [len(row[i]) for row in body]) for i, h in enumerate(headers)]
    pad = " " * indent

    def fmt(cells: Sequence[str]) -> str:
        parts = [
            c.rjust(w) if num else c.ljust(w)
            for c, w, num in zip(cells, widths, numeric, strict=True)
        ]
        return (pad + "  ".join(parts)).rstrip()

    lines = [fmt(headers), fmt(["-" * w for w in widths])]
    lines += [fmt(row) for row in body]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, float):
        text = f"{value:.2f}"
    elif value is None:
        text = "-"
    else:
        text = _p(str(value))
    text = " ".join(text.split())
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


#: the most items `summarised` lists before counting the rest
SUMMARY_ITEMS = 10


def summarised(items: Sequence[str], limit: int = SUMMARY_ITEMS) -> str:
    """``items`` joined by commas, the first ``limit`` only when there are more, with how
    many there are in all ("en, fr, ... and 99,990 more (100,000 in all)")."""
    if len(items) <= limit:
        return ", ".join(items)
    rest = len(items) - limit
    return f"{', '.join(items[:limit])} and {rest:,} more ({len(items):,} in all)"


def pct(x: float | None) -> str:
    """``0.4234`` as ``42%``; None (no share: nothing to count) as ``-``."""
    return "-" if x is None else f"{x * 100:.0f}%"


def labelled(graph: SkillGraph, ids: Sequence[str], limit: int = 12, *, fit: bool = False) -> str:
    """Comma-separated labels of ``ids``, the first ``limit`` of them, then ``… (+n more)``
    (two alike told apart, `distinct_labels`); with ``fit``, fewer when that keeps the text
    within a table cell, so the count is not cut off."""
    if not ids:
        return "none"
    names = distinct_labels(graph, ids[:limit])
    labels = [_p(names[i]) for i in ids[:limit]]

    def text(n: int) -> str:
        rest = len(ids) - n
        return ", ".join(labels[:n]) + (f", … (+{rest} more)" if rest else "")

    n = len(labels)
    while fit and n > 1 and len(" ".join(text(n).split())) > _MAX_CELL:
        n -= 1
    return text(n)


def node_ref(graph: SkillGraph, node_id: str | None) -> str:
    """``Label (id)``, or ``-`` for None."""
    if node_id is None:
        return "-"
    return f"{_p(graph.label(node_id))} ({_p(node_id)})"


def model_json(result: BaseModel | Sequence[BaseModel] | Sequence[str]) -> str:
    """A result model, or a list of models or ids, as indented JSON."""
    from pydantic import BaseModel as _Base

    if isinstance(result, _Base):
        return json_safe(result.model_dump_json(indent=2))
    items = [r.model_dump(mode="json") if isinstance(r, _Base) else r for r in result]
    return json_safe(json.dumps(items, indent=2, ensure_ascii=False))


def gap_text(graph: SkillGraph, gap: Gap) -> str:
    """The gap of one role: coverage, each requirement held or missing (and the held title
    of its tool class that covers it), what to learn."""
    held = len(gap.matched)
    total = held + len(gap.missing)
    matched = set(gap.matched)
    names = distinct_labels(graph, [d.skill for d in gap.details])
    vital = gap.essential_coverage
    essential = "no essential ones" if vital is None else f"essential ones: {pct(vital)}"
    cover = (
        f"Coverage: {pct(gap.coverage)} of the role's weighted requirements "
        f"({essential}); {held} of {total} skills held."
        if total
        else "The role lists no requirements in this graph: there is nothing to cover "
        "(coverage 100% by definition)."
    )
    lines = [
        f"Skill gap for {_p(gap.label)} ({_p(gap.role)})",
        cover,
        "",
        table(
            ["status", "skill", "essential", "importance", "weight", "note"],
            [
                [
                    "have" if d.skill in matched else "missing",
                    names[d.skill],
                    d.essential,
                    d.importance,
                    d.weight,
                    _p(d.note),
                ]
                for d in gap.details
            ],
        ),
        "",
        f"To learn ({len(gap.missing)}), most important first: {labelled(graph, gap.missing)}",
        "Weight = importance x rarity: common (transversal) skills count for less; software "
        "titles of one tool class share one weight (any title held covers the class) and "
        "all technology counts for at most a quarter of a role.",
    ]
    return "\n".join(lines)


def _step_text(graph: SkillGraph, n: int, step: Step) -> list[str]:
    level = f", level {step.level}" if step.level is not None else ""
    sim = f", similarity {step.similarity:.2f}" if step.similarity is not None else ""
    return [
        f"  {n}. -> {_p(step.label)} ({_p(step.role)}), cluster "
        f"{node_ref(graph, step.cluster)}{level}; cost {step.cost:.2f}; "
        f"{'viable' if step.viable else 'not viable'}{sim}",
        f"     transferable ({len(step.transferable)}): {labelled(graph, step.transferable)}",
        f"     to learn ({len(step.learn)}), in learning order: {labelled(graph, step.learn)}",
        *_raises(graph, step.raises, "     "),
    ]


def _raises(graph: SkillGraph, raises: list[LevelRaise], indent: str) -> list[str]:
    """The line naming the skills to learn a role held so far rates (none: no line)."""
    if not raises:
        return []
    from ..analysis.explain import raise_names

    text = raise_names(graph, raises, 12)
    return [f"{indent}of which rated already (level held -> needed) ({len(raises)}): {_p(text)}"]


def plan_text(graph: SkillGraph, plan: Plan, title: str | None = None) -> str:
    """One plan: route, total cost, explanation, and each step's transferable/to-learn skills."""
    route = " -> ".join(_p(graph.label(r)) for r in plan.roles)
    costs = [s.cost for s in plan.steps]
    parts = ""  # the exact step costs when their 2-decimal figures do not add up to it
    if len(costs) > 1 and f"{sum(round(c, 2) for c in costs):.2f}" != f"{plan.cost:.2f}":
        parts = " = " + " + ".join(f"{c:.3f}" for c in costs)
    lines = [
        title or f"{plan.kind.value.capitalize()} plan: {route}",
        f"Total cost {plan.cost:.2f}{parts} (sum over steps of the weighted share of the new "
        "role's requirements not yet covered).",
    ]
    if not plan.reachable:
        lines.insert(
            0, f"No viable path to {_p(graph.label(plan.target))}; closest stepping stones:"
        )
    if plan.explanation:
        lines.append(f"Why: {_p(plan.explanation)}")
    if plan.growth is not None:
        lines.append(f"Growth: {_GROWTH[plan.growth]}.")
    if plan.bridges and plan.reachable:
        lines.append(f"Bridge roles: {labelled(graph, plan.bridges)}")
    if plan.direct is not None:
        lines.append(direct_line(plan))
    for n, step in enumerate(plan.steps, start=1):
        lines += _step_text(graph, n, step)
    return "\n".join(lines)


_GROWTH = {
    "family": "up inside the role's job family",
    "promotion": "a promotion inside the role's occupational group, into another job family",
    "line": "a step up the role's own line, into another job family",
    "field-manager": "into the management of the role's own field, in another job family",
}
"""How a plan grows (``Plan.growth``), in words."""


def direct_line(plan: Plan) -> str:
    """The direct move beside a reskilling plan: skills to learn and viability."""
    d = plan.direct
    assert d is not None
    sim = f", similarity {d.similarity:.2f}" if d.similarity is not None else ""
    return (
        f"Direct move to {_p(d.label)}: {len(d.learn)} skills to learn, "
        f"{'viable' if d.viable else 'not viable as one move'}{sim}; this plan: "
        f"{plan.learning} skills to learn over {len(plan.steps)} step"
        f"{'s' if len(plan.steps) != 1 else ''}."
    )


def plans_text(graph: SkillGraph, role: str, plans: Sequence[Plan]) -> str:
    """The upskilling plans from ``role``, cheapest first."""
    node = graph.roles[role]
    head = [
        f"Upskilling from {_p(node.label)} ({_p(role)}), cluster {node_ref(graph, node.cluster)}",
        "Upskilling stays inside the role's job family, in viable steps, towards more senior "
        "roles, or is a viable step up the role's own line or into the management of its "
        "field in another family (lateral moves, at the same seniority, are labelled so).",
    ]
    if not plans:
        return "\n".join([*head, "No upskilling move found inside this family or group."])
    body = [
        plan_text(graph, plan, f"\n#{i}: {' -> '.join(_p(graph.label(r)) for r in plan.roles)}")
        for i, plan in enumerate(plans, start=1)
    ]
    return "\n".join(head + body)


def matches_text(title: str, matches: Sequence[Match], *, roles: bool) -> str:
    """Ranked matches of ``similar`` (roles) or ``adjacent`` (skills)."""
    title = _p(title)
    if not matches:
        return f"{title}\nNo match."
    if roles:
        headers = ["#", "role", "id", "score", "shared", "missing", "why"]
        rows: list[list[Any]] = [
            [i, m.label, m.id, m.score, len(m.shared), len(m.missing), "; ".join(m.evidence)]
            for i, m in enumerate(matches, start=1)
        ]
    else:
        headers = ["#", "skill", "id", "score", "why"]
        rows = [
            [i, m.label, m.id, m.score, "; ".join(m.evidence)]
            for i, m in enumerate(matches, start=1)
        ]
    return f"{title}\n\n{table(headers, rows)}"


def path_text(graph: SkillGraph, source: str, hops: Sequence[SkillHop]) -> str:
    """A skill path from ``source``, one skill a line, each hop with why it is one (its
    relation) and its cost."""
    lines = [f"Skill path, {len(hops)} step(s):", f"     {_p(graph.label(source))} ({_p(source)})"]
    for hop in hops:
        lines.append(
            f"  -> {_p(graph.label(hop.target))} ({_p(hop.target)}): {_hop_reason(graph, hop)}; "
            f"cost {hop.cost:.2f}"
        )
    return "\n".join(lines)


def _hop_reason(graph: SkillGraph, hop: SkillHop) -> str:
    """Why a hop of a skill path joins its two skills, in words."""
    prev = _p(graph.label(hop.source))
    if hop.relation == "related":
        return f"declared related to {prev}"
    if hop.relation in ("broader", "narrower"):
        return f"{hop.relation} than {prev}"
    via = _p(graph.label(hop.via)) if hop.via else "?"
    if hop.relation == "sibling":
        n = len(graph.narrower_of(hop.via)) if hop.via else 0
        return f"sibling of {prev}: both under {via} ({n} narrower)"
    n = hop.roles or 1
    return f"co-required with {prev} by {n} role{'s' if n != 1 else ''} (e.g. {via})"


def move_text(graph: SkillGraph, move: Move) -> str:
    """The classification of a move: kind, clusters, purpose, skills and explanation."""
    return "\n".join(
        [
            f"{_p(graph.label(move.source))} -> {_p(graph.label(move.target))}: {move.kind.value}",
            f"  from family {_p(move.source_family_label)}",
            f"  to family   {_p(move.target_family_label)}",
            f"  purpose:   {_p(move.purpose)}",
            f"  objective: {_p(move.objective)}",
            f"  transferred ({len(move.transferred)}): {labelled(graph, move.transferred)}",
            f"  to acquire ({len(move.acquire)}): {labelled(graph, move.acquire)}",
            *_raises(graph, move.raises, "  "),
            f"  cost {move.cost:.2f}",
            *(
                [f"  viability: {_p(move.viability.explanation)}"]
                if move.viability is not None
                else []
            ),
            f"Why: {_p(move.explanation)}",
        ]
    )
