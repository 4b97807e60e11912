"""Query commands: gap, upskill, reskill, classify, similar, adjacent and path.

Roles and skills are given by id or label; a miss prints the library's "Did you mean"
message. Output is a table by default, the library's result models with ``--json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ._app import CliError, json_option, load_ontology, ontology_option
from ._escape import printable

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["adjacent", "classify", "gap", "path", "reskill", "similar", "upskill"]

_HAVE = click.option(
    "--have",
    "-s",
    "have",
    multiple=True,
    metavar="SKILL",
    help="A skill the person already has (id or label); repeat for several.",
)


def _role(g: SkillGraph, ref: str) -> str:
    return g.resolve(ref, "role")


def _skills(g: SkillGraph, refs: tuple[str, ...]) -> list[str]:
    return [g.resolve(s, "skill") for s in refs]


def _target(g: SkillGraph, ref: str) -> str:
    """The id of the role, cluster or industry ``ref`` names (in that order, as the library).

    Raises:
        NotFoundError: none matches ``ref``.
        AmbiguousError: ``ref`` matches several nodes of the first type it matches.
        CliError: ``ref`` names a node of another type (a skill).
    """
    from ..errors import AmbiguousError, NotFoundError

    first: NotFoundError | None = None
    for kind in ("role", "cluster", "industry"):
        try:
            return g.resolve(ref, kind)
        except AmbiguousError:
            raise
        except NotFoundError as exc:
            first = first or exc
    assert first is not None
    try:
        node = g.find(ref)
    except NotFoundError:
        raise first from None
    raise CliError(
        f"{ref!r} is a {node.node_type.value} ({node.id}); --to takes a role, cluster or industry"
    )


@click.command(
    short_help="Skills a person misses for a role.",
    epilog="""\b
Example:
  skillgraph gap --role "marketing analyst" --have "copywriting" --have "campaign management"
""",
)
@click.option("--role", "-r", required=True, metavar="ROLE", help="Target role (id or label).")
@_HAVE
@ontology_option
@json_option
def gap(role: str, have: tuple[str, ...], ontology: str, as_json: bool) -> None:
    """What someone holding --have skills misses for --role, weighted by importance."""
    from ._render import gap_text, model_json

    g = load_ontology(ontology)
    result = g.gap(_role(g, role), _skills(g, have))
    click.echo(model_json(result) if as_json else gap_text(g, result))


@click.command(
    short_help="Moves up inside the role's cluster.",
    epilog="""\b
Example:
  skillgraph upskill --role "junior software engineer" --have python -k 3
""",
)
@click.option("--role", "-r", required=True, metavar="ROLE", help="Current role (id or label).")
@_HAVE
@click.option(
    "-k", default=5, show_default=True, type=click.IntRange(min=1), help="How many plans."
)
@click.option(
    "--max-steps",
    default=2,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most steps in one plan.",
)
@ontology_option
@json_option
def upskill(
    role: str, have: tuple[str, ...], k: int, max_steps: int, ontology: str, as_json: bool
) -> None:
    """Short moves up inside --role's cluster (job family), cheapest first."""
    from ._render import model_json, plans_text

    g = load_ontology(ontology)
    rid = _role(g, role)
    plans = g.upskill(rid, _skills(g, have) or None, k, max_steps=max_steps)
    click.echo(model_json(plans) if as_json else plans_text(g, rid, plans))


@click.command(
    short_help="Cheapest path into another cluster.",
    epilog="""\b
Examples:
  skillgraph reskill --from "retail sales assistant" --to "digital marketing specialist"
  skillgraph reskill -f "retail sales assistant" -t demo:cluster/software-development --mermaid
""",
)
@click.option(
    "--from", "-f", "from_", required=True, metavar="ROLE", help="Current role (id or label)."
)
@click.option(
    "--to",
    "-t",
    "to",
    required=True,
    metavar="TARGET",
    help="Target role, cluster or industry (id or label).",
)
@_HAVE
@click.option(
    "--max-steps",
    default=4,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most steps (bridge roles + 1).",
)
@click.option("--mermaid", is_flag=True, help="Print the plan as a Mermaid flowchart.")
@ontology_option
@json_option
def reskill(
    from_: str,
    to: str,
    have: tuple[str, ...],
    max_steps: int,
    mermaid: bool,
    ontology: str,
    as_json: bool,
) -> None:
    """The cheapest path from --from to a role, cluster or industry in another cluster."""
    from ._render import model_json, plan_text

    g = load_ontology(ontology)
    plan = g.reskill(_role(g, from_), _target(g, to), _skills(g, have) or None, max_steps=max_steps)
    if as_json:
        click.echo(model_json(plan))
    elif mermaid:
        click.echo(plan.to_mermaid(lambda i: printable(g.label(i))), nl=False)
    else:
        click.echo(plan_text(g, plan))


@click.command(
    short_help="Is a move upskilling or reskilling?",
    epilog="""\b
Example:
  skillgraph classify --from "software engineer" --to "data scientist"
""",
)
@click.option("--from", "-f", "from_", required=True, metavar="ROLE", help="Current role.")
@click.option("--to", "-t", "to", required=True, metavar="ROLE", help="Target role.")
@_HAVE
@ontology_option
@json_option
def classify(from_: str, to: str, have: tuple[str, ...], ontology: str, as_json: bool) -> None:
    """Whether moving from --from to --to is upskilling or reskilling, and why."""
    from ._render import model_json, move_text

    g = load_ontology(ontology)
    move = g.classify(_role(g, from_), _role(g, to), _skills(g, have) or None)
    click.echo(model_json(move) if as_json else move_text(g, move))


@click.command(
    short_help="Roles with the closest skill profiles.",
    epilog="""\b
Example:
  skillgraph similar --role "software engineer" -k 5
""",
)
@click.option("--role", "-r", required=True, metavar="ROLE", help="Role (id or label).")
@click.option(
    "-k", default=10, show_default=True, type=click.IntRange(min=1), help="How many roles."
)
@ontology_option
@json_option
def similar(role: str, k: int, ontology: str, as_json: bool) -> None:
    """The roles whose weighted skill profiles are closest to --role."""
    from ._render import matches_text, model_json

    g = load_ontology(ontology)
    rid = _role(g, role)
    matches = g.similar_roles(rid, k)
    title = f"Roles most similar to {g.label(rid)} ({rid}); score 1 = same weighted skills"
    click.echo(model_json(matches) if as_json else matches_text(title, matches, roles=True))


@click.command(
    short_help="Skills next to the given ones.",
    epilog="""\b
Example:
  skillgraph adjacent --skill python --skill sql -k 5
""",
)
@click.option(
    "--skill",
    "-s",
    "skills",
    required=True,
    multiple=True,
    metavar="SKILL",
    help="A skill (id or label); repeat for several.",
)
@click.option(
    "-k", default=10, show_default=True, type=click.IntRange(min=1), help="How many skills."
)
@ontology_option
@json_option
def adjacent(skills: tuple[str, ...], k: int, ontology: str, as_json: bool) -> None:
    """The skills next to --skill ones: co-required by roles, related or in the same group."""
    from ._render import matches_text, model_json

    g = load_ontology(ontology)
    ids = list(dict.fromkeys(_skills(g, skills)))  # a skill named twice is one skill
    matches = g.adjacent_skills(ids, k)
    names = ", ".join(g.label(i) for i in ids)
    title = f"Skills adjacent to {names}"
    click.echo(model_json(matches) if as_json else matches_text(title, matches, roles=False))


@click.command(
    short_help="Shortest chain between two skills.",
    epilog="""\b
Example:
  skillgraph path --from python --to "machine learning"
""",
)
@click.option("--from", "-f", "from_", required=True, metavar="SKILL", help="Start skill.")
@click.option("--to", "-t", "to", required=True, metavar="SKILL", help="End skill.")
@ontology_option
@json_option
def path(from_: str, to: str, ontology: str, as_json: bool) -> None:
    """The shortest chain of adjacent skills from --from to --to."""
    from ._render import model_json, path_text

    g = load_ontology(ontology)
    steps = g.skill_path(g.resolve(from_, "skill"), g.resolve(to, "skill"))
    click.echo(model_json(steps) if as_json else path_text(g, steps))
