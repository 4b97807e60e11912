"""Query commands: gap, upskill, reskill, classify, similar, adjacent and path.

Roles and skills are given by id or label; a miss prints the library's "Did you mean"
message. Output is a table by default, the library's result models with ``--json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ._app import CliError, json_option, prepare
from ._options import (
    GraphSource,
    command,
    count_option,
    diagram_options,
    ends_options,
    graph_options,
    have_options,
    many_option,
    target_option,
)
from ._text import have_inputs, have_text_option, inputs_text, say_alias

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ..results import InputMatch

__all__ = [
    "adjacent",
    "classify",
    "gap",
    "path",
    "reskill",
    "role_arg",
    "similar",
    "target_arg",
    "upskill",
]


def _graph(source: GraphSource, *, analysis: bool = True, profiles: bool = True) -> SkillGraph:
    """The graph of ``--ontology``, its indices ready (progress on stderr meanwhile); with
    ``profiles=False`` without the similarity profiles (a query comparing no roles)."""
    g: SkillGraph = source.load()
    prepare(g, analysis=analysis, quiet=source.quiet, profiles=profiles)
    return g


def _diagram(result: Any, diagram: str | None) -> str | None:
    if diagram == "mermaid":
        return str(result.to_mermaid())
    if diagram == "dot":
        return str(result.to_dot())
    return None


def role_arg(g: SkillGraph, ref: str, aliases: list[InputMatch] | None = None) -> str:
    """The id of the role ``ref`` names (`say_alias` when by an alternative label).

    Raises:
        NotFoundError: no role matches ``ref``.
        AmbiguousError: ``ref`` matches several roles.
    """
    rid = g.resolve(ref, "role")
    say_alias(g, ref, rid, aliases)
    return rid


def _skills(g: SkillGraph, refs: tuple[str, ...], *, notice: bool = False) -> list[str]:
    """The ids of the skills ``refs`` name; ``notice``: `say_alias` for each named by an
    alternative label (red team s25: adjacent and path took them silently)."""
    ids = [g.resolve(s, "skill") for s in refs]
    if notice:
        for ref, sid in zip(refs, ids, strict=True):
            say_alias(g, ref, sid)
    return ids


def target_arg(g: SkillGraph, ref: str, aliases: list[InputMatch]) -> str:
    """The id of the role, cluster or industry ``ref`` names (in that order, as the library).

    Raises:
        NotFoundError: none matches ``ref``.
        AmbiguousError: ``ref`` matches several nodes of the first type it matches.
        CliError: ``ref`` names a node of another type (a skill).
    """
    from .._lookup import find_target
    from ..errors import NotFoundError

    found = find_target(g, ref)
    if found is not None:
        say_alias(g, ref, found.id, aliases)
        return found.id
    try:
        node = g.find(ref)
    except NotFoundError:
        g.resolve(ref, "role")  # raises the role lookup's error, with its suggestions
        raise
    raise CliError(
        f"{ref!r} is a {node.node_type.value} ({node.id}); --to takes a role, cluster or industry"
    )


@command(
    "Skills a person misses for a role.",
    'skillgraph gap --role "marketing analyst" --have "copywriting" --have "campaign management"',
)
@click.option("--role", "-r", required=True, metavar="ROLE", help="Target role (id or label).")
@have_options
@have_text_option
@graph_options
@json_option
def gap(
    role: str, have: tuple[str, ...], have_text: str | None, source: GraphSource, as_json: bool
) -> None:
    """What someone holding --have skills misses for --role, weighted by importance."""
    from .._inputs import with_inputs
    from ._render import gap_text, model_json

    g = _graph(source, profiles=False)
    aliases: list[InputMatch] = []
    rid = role_arg(g, role, aliases)
    ids, report = have_inputs(g, have, have_text, aliases)
    result = with_inputs(g, g.gap(rid, ids or []), report)
    if as_json:
        click.echo(model_json(result))
        return
    required = {d.skill for d in result.details}
    extra = [g.label(i) for i in ids or [] if i not in required]
    unused = f"Held but not required by this role: {', '.join(extra)}\n" if extra else ""
    click.echo(inputs_text(report, len(have), have_text is not None) + unused + gap_text(g, result))


@command(
    "Moves up inside the role's job family, or a promotion.",
    'skillgraph upskill --role "junior software engineer" --have python -k 3',
)
@click.option("--role", "-r", required=True, metavar="ROLE", help="Current role (id or label).")
@have_options
@have_text_option
@count_option("-k", default=5, help="How many plans.")
@count_option("--max-steps", default=2, help="Most steps in one plan.")
@diagram_options
@graph_options
@json_option
def upskill(
    role: str,
    have: tuple[str, ...],
    have_text: str | None,
    k: int,
    max_steps: int,
    diagram: str | None,
    source: GraphSource,
    as_json: bool,
) -> None:
    """Short moves up inside --role's job family, or a viable promotion one step up inside
    its occupational group, cheapest first.

    With --mermaid or --dot, one diagram a plan, cheapest first.
    """
    from .._inputs import with_inputs
    from ._render import model_json, plans_text

    g = _graph(source, profiles=False)  # completed if the moves need them
    aliases: list[InputMatch] = []
    rid = role_arg(g, role, aliases)
    ids, report = have_inputs(g, have, have_text, aliases)
    plans = [with_inputs(g, p, report) for p in g.upskill(rid, ids, k, max_steps=max_steps)]
    if as_json:
        click.echo(model_json(plans))
    elif diagram is not None:
        click.echo("\n".join(str(_diagram(p, diagram)) for p in plans), nl=False)
    else:
        click.echo(
            inputs_text(report, len(have), have_text is not None) + plans_text(g, rid, plans)
        )


@command(
    "Least-learning viable path into another job family, beside the direct move.",
    'skillgraph reskill --from "retail sales assistant" --to "digital marketing specialist"',
    'skillgraph reskill -f "retail sales assistant" -t demo:cluster/software-development --mermaid',
)
@click.option(
    "--from", "-f", "from_", required=True, metavar="ROLE", help="Current role (id or label)."
)
@target_option("Target role, cluster or industry (id or label).")
@have_options
@have_text_option
@count_option("--max-steps", default=6, help="Most steps (bridge roles + 1).")
@diagram_options
@graph_options
@json_option
def reskill(
    from_: str,
    to: str,
    have: tuple[str, ...],
    have_text: str | None,
    max_steps: int,
    diagram: str | None,
    source: GraphSource,
    as_json: bool,
) -> None:
    """The path of viable steps from --from to a role, cluster or industry of another family
    that asks the least learning, shown beside the direct move (its skills to learn and
    whether it is viable on its own)."""
    from .._inputs import with_inputs
    from ..errors import InvalidValueError
    from ._render import model_json, plan_text

    g = _graph(source, profiles=False)  # completed if the moves need them
    aliases: list[InputMatch] = []
    start, goal = role_arg(g, from_, aliases), target_arg(g, to, aliases)
    ids, report = have_inputs(g, have, have_text, aliases)
    try:
        plan = with_inputs(g, g.reskill(start, goal, ids, max_steps=max_steps), report)
    except InvalidValueError as exc:
        raise CliError(_upskill_hint(str(exc), g.label(start), source)) from None
    if as_json:
        click.echo(model_json(plan))
    elif diagram is not None:
        click.echo(_diagram(plan, diagram), nl=False)
    else:
        click.echo(inputs_text(report, len(have), have_text is not None) + plan_text(g, plan))


def _upskill_hint(message: str, label: str, source: GraphSource) -> str:
    """``message`` with the library's ``use upskill(...)`` hint as the CLI command to run."""
    import re
    import shlex

    where = "" if source.ontology == "demo" else f" --ontology {shlex.quote(source.ontology)}"
    command = f"skillgraph upskill --role {shlex.quote(label)}{where}"
    return re.sub(r"use upskill\((['\"]).*?\1\)", f"use `{command}`", message)


@command(
    "Is a move upskilling or reskilling?",
    'skillgraph classify --from "software engineer" --to "data scientist"',
)
@ends_options("ROLE", "Current role.", "Target role.")
@have_options
@diagram_options
@graph_options
@json_option
def classify(
    from_: str,
    to: str,
    have: tuple[str, ...],
    diagram: str | None,
    source: GraphSource,
    as_json: bool,
) -> None:
    """Whether moving from --from to --to is upskilling or reskilling, and why."""
    from .._inputs import with_inputs
    from ._render import model_json, move_text

    g = _graph(source)
    aliases: list[InputMatch] = []
    start, goal = role_arg(g, from_, aliases), role_arg(g, to, aliases)
    ids, report = have_inputs(g, have, None, aliases)
    move = with_inputs(g, g.classify(start, goal, ids), report)
    if as_json:
        click.echo(model_json(move))
    elif diagram is not None:
        click.echo(_diagram(move, diagram), nl=False)
    else:
        click.echo(inputs_text(report, len(have), False) + move_text(g, move))


@command(
    "Roles with the closest skill profiles.",
    'skillgraph similar --role "software engineer" -k 5',
)
@click.option("--role", "-r", required=True, metavar="ROLE", help="Role (id or label).")
@count_option("-k", default=10, help="How many roles.")
@graph_options
@json_option
def similar(role: str, k: int, source: GraphSource, as_json: bool) -> None:
    """The roles whose weighted skill profiles are closest to --role."""
    from ._render import matches_text, model_json

    g = _graph(source)
    rid = role_arg(g, role)
    matches = g.similar_roles(rid, k)
    title = f"Roles most similar to {g.label(rid)}; score 1 = same weighted skills"
    click.echo(model_json(matches) if as_json else matches_text(title, matches, roles=True))


@command(
    "Skills next to the given ones.",
    "skillgraph adjacent --skill python --skill sql -k 5",
)
@many_option(
    "--skill",
    "--have",
    "-s",
    "skills",
    required=True,
    metavar="SKILL",
    help="A skill (id or label); repeat for several (--have is the same option).",
)
@count_option("-k", default=10, help="How many skills.")
@graph_options
@json_option
def adjacent(skills: tuple[str, ...], k: int, source: GraphSource, as_json: bool) -> None:
    """The skills next to --skill ones: co-required by roles, related or in the same group."""
    from ._render import matches_text, model_json

    g = _graph(source, profiles=False)
    ids = list(dict.fromkeys(_skills(g, skills, notice=True)))  # named twice: one skill
    matches = g.adjacent_skills(ids, k)
    names = ", ".join(g.label(i) for i in ids)
    title = f"Skills adjacent to {names}"
    click.echo(model_json(matches) if as_json else matches_text(title, matches, roles=False))


@command(
    "Shortest chain between two skills.",
    'skillgraph path --from python --to "machine learning"',
)
@ends_options("SKILL", "Start skill.", "End skill.")
@graph_options
@json_option
def path(from_: str, to: str, source: GraphSource, as_json: bool) -> None:
    """The shortest chain of adjacent skills from --from to --to."""
    from ._render import model_json, path_text

    g = _graph(source, profiles=False)
    a, b = _skills(g, (from_, to), notice=True)
    if as_json:
        click.echo(model_json(g.skill_path(a, b)))
    else:
        click.echo(path_text(g, a, g.explain_skill_path(a, b)))
