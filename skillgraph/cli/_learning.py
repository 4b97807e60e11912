"""The learner's commands: plan (resources and a dated schedule), progress and advise.

``--catalogue FILE`` names the learning resources (a CSV or JSON catalogue); left out,
the graph's own resources are used when it has some, else (on the bundled demo ontology)
the demo's catalogue.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ._app import CliError, json_option, prepare
from ._options import (
    GraphSource,
    command,
    count_option,
    graph_options,
    have_options,
    many_option,
    target_option,
)

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ..learning import Catalogue, Preferences, ResourcePlan
    from ..learning.planning import Route
    from ..results import InputMatch

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["advise", "plan", "progress"]


def _graph(source: GraphSource) -> SkillGraph:
    g: SkillGraph = source.load()
    prepare(g, analysis=True, quiet=source.quiet)
    return g


def pace_options(f: F) -> F:
    """``--catalogue``, ``--hours-per-week`` and ``--start``; the command gets ``pace``."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kw: Any) -> Any:
        pace = {k: kw.pop(k) for k in ("catalogue", "hours_per_week", "start")}
        return f(*args, pace=pace, **kw)

    out: Any = click.option(
        "--start",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        metavar="YYYY-MM-DD",
        help="First day of learning: dates the schedule.",
    )(wrapper)
    out = click.option(
        "--hours-per-week",
        default=5.0,
        show_default=True,
        type=click.FloatRange(min=0, min_open=True, max=168),
        metavar="N",
        help="Learning hours a week.",
    )(out)
    out = click.option(
        "--catalogue",
        "-c",
        metavar="FILE",
        help="Learning resources: a CSV or JSON catalogue (default: the graph's own "
        "resources, else the demo's on the demo).",
    )(out)
    return out  # type: ignore[no-any-return]


def _catalogue(g: SkillGraph, source: GraphSource, path: str | None) -> Catalogue:
    from ..learning import bundled_catalogue, read_catalogue, resources

    if path is not None:
        return read_catalogue(path, g)
    if g.resources:  # the graph's own learning resources
        return resources.Catalogue.from_graph(g)
    if source.ontology == "demo":
        return bundled_catalogue(g)
    raise CliError("--catalogue FILE is needed for an ontology other than the bundled demo")


def _start(pace: dict[str, Any]) -> Any:
    return pace["start"].date() if pace["start"] is not None else None


def preference_options(f: F) -> F:
    """``--kind``, ``--delivery``, ``--language``, ``--budget`` and ``--by``; the command
    gets ``preferences``."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kw: Any) -> Any:
        from ..errors import InvalidValueError
        from ..learning import Preferences

        try:
            prefs = Preferences(
                kinds=frozenset(kw.pop("kinds")),
                delivery=frozenset(kw.pop("delivery")),
                languages=frozenset(kw.pop("languages")),
                budget=kw.pop("budget"),
                weight=kw.pop("by"),
            )
        except InvalidValueError as exc:  # what click's types let through (--budget nan)
            field = exc.field or "budget"
            name = field.split(".")[0].replace("weight", "by").replace("_", "-")
            raise CliError(f"--{name}: {exc.reason}") from None
        return f(*args, preferences=prefs, **kw)

    kinds = ["course", "microlearning", "mentoring", "on-the-job", "certification", "assessment"]
    out: Any = click.option(
        "--by",
        type=click.Choice(["hours", "cost"]),
        default="hours",
        show_default=True,
        help="What to keep small: learning hours or money.",
    )(wrapper)
    out = click.option(
        "--budget", type=click.FloatRange(min=0), metavar="AMOUNT", help="Most money to spend."
    )(out)
    out = many_option(
        "--resource-language",
        "languages",
        metavar="LANG",
        help="Only resources in this language; repeat for several.",
    )(out)
    out = many_option(
        "--delivery",
        type=click.Choice(["online", "in-person", "blended"]),
        help="Only resources delivered so; repeat for several.",
    )(out)
    out = many_option(
        "--kind",
        "kinds",
        type=click.Choice(kinds),
        help="Only resources of this kind; repeat for several.",
    )(out)
    return out  # type: ignore[no-any-return]


@command(
    "Learning resources and a dated schedule for a move.",
    'skillgraph plan --from "retail sales assistant" --to "digital marketing specialist" \\\n'
    "      --hours-per-week 5 --start 2026-01-05",
    'skillgraph plan --to "marketing analyst" --have spreadsheets --kind course --mermaid',
)
@target_option("Target role (or a cluster or industry, with --from).")
@click.option("--from", "-f", "from_", metavar="ROLE", help="Current role (id or label).")
@have_options
@pace_options
@preference_options
@click.option(
    "--route",
    type=click.Choice(["auto", "steps", "direct"]),
    default="auto",
    show_default=True,
    help="With --from across clusters: learn the route's steps, the direct retraining, or "
    "(auto) the steps unless no viable route reaches --to or it asks over twice the direct "
    "retraining.",
)
@click.option("--mermaid", is_flag=True, help="Print the schedule as a Mermaid Gantt chart.")
@graph_options
@json_option
def plan(
    to: str,
    from_: str | None,
    have: tuple[str, ...],
    pace: dict[str, Any],
    preferences: Preferences,
    route: Route,
    mermaid: bool,
    source: GraphSource,
    as_json: bool,
) -> None:
    """Resources that teach what --to needs, scheduled at --hours-per-week.

    With --from, the skills of the reskilling plan (or, inside the same cluster, of the
    gap; the start role's skills count as held); otherwise the gap between --have and --to.
    """
    from .._inputs import InputReport, with_inputs
    from ..errors import InvalidValueError
    from ..learning import plan_resources
    from ._query import role_arg, target_arg
    from ._render import model_json

    if mermaid and as_json:
        raise click.UsageError("--json and --mermaid exclude each other: one output a call")
    if route != "auto" and from_ is None:  # review s25: it was ignored silently
        raise click.UsageError("--route applies to a reskilling plan: give --from")
    g = _graph(source)
    aliases: list[InputMatch] = []
    ids = [g.resolve(s, "skill") for s in have]
    catalogue = _catalogue(g, source, pace["catalogue"])
    basis: Any
    held = ids
    if from_ is not None:
        start_role = role_arg(g, from_, aliases)
        goal = target_arg(g, to, aliases)
        try:
            basis = g.reskill(start_role, goal, ids)
        except InvalidValueError:  # same cluster: the gap, counting the start role's skills
            # (for the resources' prerequisites too: red team s25)
            held = sorted({r.skill for r in g.requirements(start_role)} | set(ids))
            basis = g.gap(g.resolve(goal, "role"), held)
    else:
        basis = g.gap(role_arg(g, to, aliases), ids)
    result = plan_resources(
        g,
        basis,
        catalogue,
        have=held,
        hours_per_week=pace["hours_per_week"],
        start=_start(pace),
        preferences=preferences,
        route=route,
    )
    if aliases:
        result = with_inputs(g, result, InputReport(aliases=aliases))
    if as_json:
        click.echo(model_json(result))
    elif mermaid:
        click.echo(result.to_mermaid(), nl=False)
    else:
        click.echo(schedule_text(g, result))


#: the option that sets each preference field
_OPTION = {
    "kinds": "--kind",
    "delivery": "--delivery",
    "languages": "--resource-language",
    "exclude": "excluded resources",
}


def schedule_text(g: SkillGraph, result: ResourcePlan) -> str:
    """A resource plan as a table of resources with their weeks or dates, then totals."""
    from .._escape import printable as _p
    from ._render import labelled, table

    dated = result.start is not None
    rows = [
        [
            n,
            item.label,
            item.kind.value,
            item.hours,
            item.cost,
            (
                f"{item.start} → {item.end}"
                if dated
                else f"week {item.start_week + 1}"
                + ("" if item.end_week == item.start_week else f"–{item.end_week + 1}")
            ),
            ", ".join(g.label(s) for s in item.covers + item.unlocks) or "-",
        ]
        for n, item in enumerate(result.items, start=1)
    ]
    lines = [
        f"Learning plan at {result.hours_per_week:g} h/week",
        _p(result.explanation),
        "",
        table(["#", "resource", "kind", "hours", "cost", "when", "teaches"], rows),
        "",
        f"Total {result.total_hours:g} hours, {result.total_cost:g} {result.currency}, "
        f"{result.weeks} week{'' if result.weeks == 1 else 's'}"
        + (f", done {result.end}" if result.end else ""),
    ]
    steps = [m for m in result.milestones if m.kind == "step"]
    for m in steps:
        lines.append(
            f"Milestone: {_p(m.label)}" + (f" on {m.date}" if m.date else f" (week {m.week + 1})")
        )
    if result.untaught:
        lines.append(f"No resource teaches: {labelled(g, result.untaught)}")
    if result.filtered:
        used = {f for fs in result.filtered.values() for f in fs}
        by = [option for f, option in _OPTION.items() if f in used]
        lines.append(
            f"Filtered out by your options ({', '.join(by)}): " + labelled(g, list(result.filtered))
        )
    if result.unmet:
        lines.append(f"Prerequisites cannot be met: {labelled(g, result.unmet)}")
    if result.over_budget:
        lines.append(f"Left out by the budget: {labelled(g, result.over_budget)}")
    return "\n".join(lines)


@command(
    "Coverage of a target role over a profile history.",
    'skillgraph progress history.json --target "digital marketing specialist"',
)
@click.argument("history_file", metavar="HISTORY.json")
@click.option("--target", "-t", required=True, metavar="ROLE", help="Target role (id or label).")
@pace_options
@graph_options
@json_option
def progress(
    history_file: str, target: str, pace: dict[str, Any], source: GraphSource, as_json: bool
) -> None:
    """Coverage of --target at each snapshot of HISTORY.json, the skills acquired, the pace
    and the projected completion date.

    With --catalogue (or on the demo), the milestones of a plan made at the first
    snapshot at --hours-per-week are checked: late ones are listed.
    """
    from ..learning import plan_resources, read_history
    from ..learning import progress as measure
    from ._render import model_json

    read_history(history_file)  # a malformed file fails before the graph is loaded
    g = _graph(source)
    hist = read_history(history_file, g)  # unknown skills named with their line
    from ._query import role_arg

    role = role_arg(g, target)
    first = hist.snapshots[0]
    schedule = None
    if pace["catalogue"] is not None or source.ontology == "demo" or g.resources:
        catalogue = _catalogue(g, source, pace["catalogue"])
        schedule = plan_resources(
            g,
            g.gap(role, first.have()),
            catalogue,
            hours_per_week=pace["hours_per_week"],
            start=_start(pace) or first.as_of,
        )
    result = measure(g, hist, role, plan=schedule)
    if as_json:
        click.echo(model_json(result))
        return
    click.echo(progress_text(g, result))


def progress_text(g: SkillGraph, result: Any) -> str:
    """A progress report: coverage per snapshot, skills acquired, pace and projection."""
    from .._escape import printable as _p
    from ._render import pct, table

    lines = [
        f"Progress of {_p(result.person)} towards {_p(result.label)}",
        _p(result.explanation),
        "",
        table(
            ["date", "coverage", "essential", "held", "missing"],
            [
                [str(p.date), pct(p.coverage), pct(p.essential_coverage), p.held, len(p.missing)]
                for p in result.points
            ],
        ),
    ]
    sections = [
        (
            "Skills acquired",
            ["skill", "evidence", "dated", "seen"],
            [[a.label, a.evidence.value, str(a.date), str(a.seen)] for a in result.acquired],
        ),
        (
            "Late milestones",
            ["milestone", "due", "days late", "missing"],
            [
                [m.label, str(m.due), m.days_late, ", ".join(g.label(s) for s in m.missing)]
                for m in result.late
            ],
        ),
    ]
    for title, headers, rows in sections:
        if rows:
            lines += ["", title, table(headers, rows)]
    lines.append("")
    lines.append(
        f"Pace {result.pace:.1%} of the role a week; "
        + (
            f"reached on {result.reached}"
            if result.reached
            else f"projected completion {result.projected}"
            if result.projected
            else "no projected completion (coverage is not rising)"
        )
    )
    return "\n".join(lines)


@command(
    "Upskilling or reskilling plans for a profile's aspiration.",
    "skillgraph advise profile.json --aspiration grow",
    'skillgraph advise profile.json --aspiration change --to "digital marketing specialist"',
)
@click.argument("profile_file", metavar="PROFILE.json")
@click.option(
    "--aspiration",
    "-a",
    type=click.Choice(["grow", "change", "declining"]),
    default="grow",
    show_default=True,
    help="Grow in the role, change career, or leave a declining role.",
)
@click.option(
    "--to", "-t", "to", metavar="TARGET", help="With change: a role, cluster or industry."
)
@many_option(
    "--avoid",
    metavar="CLUSTER",
    help="A cluster (job family) not to move into; repeat for several.",
)
@count_option("-k", default=3, help="How many plans.")
@click.option(
    "--demand",
    metavar="FILE",
    help="Demand table (CSV: id, job_ads, growth, earnings, ...): rank options by demand.",
)
@pace_options
@graph_options
@json_option
def advise(
    profile_file: str,
    aspiration: str,
    to: str | None,
    avoid: tuple[str, ...],
    k: int,
    demand: str | None,
    pace: dict[str, Any],
    source: GraphSource,
    as_json: bool,
) -> None:
    """Plans fitting PROFILE.json's aspiration, each with its purpose, objective, who it
    suits, application and outcome, and (with a catalogue) resources and hours."""
    from ..learning import advise as advise_
    from ..learning import read_profile
    from ..workforce import DemandSignals
    from ._render import model_json

    if aspiration == "grow" and to is not None:
        raise click.UsageError("--to goes with --aspiration change or declining, not grow")
    if avoid and (aspiration == "grow" or to is not None):
        raise click.UsageError(
            "--avoid goes with --aspiration change or declining without --to "
            "(it chooses the other families)"
        )
    read_profile(profile_file)  # a malformed file fails before the graph is loaded
    g = _graph(source)
    profile = read_profile(profile_file, g)  # unknown skills named with their line
    catalogue = None
    if pace["catalogue"] is not None or source.ontology == "demo" or g.resources:
        catalogue = _catalogue(g, source, pace["catalogue"])
    result = advise_(
        g,
        profile,
        aspiration,
        target=to,
        avoid=avoid,
        k=k,
        catalogue=catalogue,
        hours_per_week=pace["hours_per_week"],
        start=_start(pace),
        demand=None if demand is None else DemandSignals.from_graph(g, demand),
    )
    if as_json:
        click.echo(model_json(result))
        return
    click.echo(advice_text(g, result))


def advice_text(g: SkillGraph, result: Any) -> str:
    """Each advised plan with its reasoning and, when planned, hours and weeks."""
    from .._escape import printable as _p

    lines = [_p(result.explanation)]
    for n, o in enumerate(result.options, start=1):
        route = " -> ".join(_p(g.label(r)) for r in o.plan.roles)
        if not o.reachable:
            route += f" (stepping stones; {_p(o.label)} not reached)"
        lines += [
            "",
            f"#{n} {o.kind}: {route} (cost {o.cost:.2f})",
            f"  purpose:     {_p(o.purpose)}",
            f"  objective:   {_p(o.objective)}",
            f"  suits:       {_p(o.suits)}",
            f"  application: {_p(o.application)}",
            f"  outcome:     {_p(o.outcome)}",
            f"  why:         {_p(o.reasoning)}",
        ]
    return "\n".join(lines)
