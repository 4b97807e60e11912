"""Resource plans: which learning resources cover the skills a plan needs, and when.

`plan_resources` picks a small set of resources by weighted greedy set cover (hours or
cost per newly covered skill), never before the learner holds a resource's prerequisite
skills (from what they have or from a resource scheduled earlier), and schedules them one
after another at the learner's pace into dated milestones.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from .._escape import gantt_label
from .._inputs import InputReport
from .._result import Result as _Model
from .._validate import check_float, shown
from ..analysis.tool_classes import class_mates
from ..errors import InvalidValueError
from ._cover import FILTERS, schedule_order, select_resources, why_uncovered
from ._needs import ROUTE_BOUND, ROUTES, Needs, Route, needs_of
from ._preferences import Preferences, preferences_of
from .resources import Catalogue, LearningResource, ResourceKind

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = [
    "ROUTES",
    "ROUTE_BOUND",
    "Milestone",
    "Preferences",
    "ResourcePlan",
    "Route",
    "ScheduledResource",
    "plan_resources",
    "select_resources",
]


class ScheduledResource(_Model):
    """One resource of a plan, in schedule order.

    ``covers``: the needed skills it is the first to teach; ``unlocks``: prerequisite
    skills it teaches for a later resource; ``start_hour``/``end_hour``: cumulative
    learning hours at its start and end; ``start``/``end``: their dates, when dated.
    """

    resource: str
    label: str
    kind: ResourceKind
    provider: str
    hours: float
    cost: float
    covers: list[str]
    unlocks: list[str] = Field(default_factory=list)
    requires: list[str] = Field(default_factory=list)
    start_hour: float
    end_hour: float
    start_week: int = Field(description="0-based week it starts in")
    end_week: int = Field(description="0-based week it ends in")
    start: dt.date | None = None
    end: dt.date | None = None


class Milestone(_Model):
    """A dated point of the schedule: a resource finished, or a plan step's skills all
    scheduled (``role`` then names the step's role). ``skills``: the needed skills held
    once it is reached."""

    kind: Literal["resource", "step", "done"]
    label: str
    hour: float
    week: int
    date: dt.date | None = None
    resource: str | None = None
    role: str | None = None
    skills: list[str] = Field(default_factory=list)


class ResourcePlan(_Model):
    """Resources chosen to cover ``needed`` skills, scheduled at ``hours_per_week``.

    ``uncovered``: needed skills no acceptable resource teaches (or whose resources'
    prerequisites cannot be met), split by why into ``untaught`` (no resource of the
    catalogue teaches it), ``filtered`` (resources would reach it, but the preferences
    refuse one on every way there; each with the preference fields that do) and
    ``unmet`` (its resources ask prerequisites no resource gives); ``over_budget``:
    needed skills left out because the budget ran out. Totals are over ``items``.
    """

    needed: list[str]
    covered: list[str]
    uncovered: list[str]
    over_budget: list[str] = Field(default_factory=list)
    items: list[ScheduledResource]
    milestones: list[Milestone]
    total_hours: float
    total_cost: float
    currency: str = "EUR"
    hours_per_week: float
    weeks: int
    start: dt.date | None = None
    end: dt.date | None = None
    explanation: str = ""
    labels: dict[str, str] = Field(default_factory=dict)
    untaught: list[str] = Field(default_factory=list)
    filtered: dict[str, list[str]] = Field(default_factory=dict)
    class_covered: dict[str, str] = Field(default_factory=dict)
    """Needed skills covered as a title of a tool class (O*NET technology) of which the
    learner holds, or a resource teaches, another title -> that title, as ``gap`` counts
    them (needed order); covered through a taught title, it is in ``covered`` and the
    ``covers`` of the resource teaching it; through a held title, in neither (nothing
    to learn)."""
    unmet: list[str] = Field(default_factory=list)
    target: str | None = Field(
        default=None, description="the role (cluster or industry) the planned move leads to"
    )
    reachable: bool = Field(
        default=True,
        description="False when the plan was a reskilling plan no chain of viable moves "
        "completes: ``target`` is then not reached by a viable route",
    )
    direct: bool = Field(
        default=False,
        description="the resources teach the direct gap onto ``target`` (the plan's route "
        "not reaching it) rather than the skills of its stepping stones",
    )
    inputs: InputReport | None = None
    """The CLI: what the role arguments resolved to when named by an alternative label."""

    def week_hours(self) -> list[float]:
        """Learning hours in each week of the schedule (each at most ``hours_per_week``)."""
        out = [0.0] * self.weeks
        h = self.hours_per_week
        for item in self.items:
            a, b = item.start_hour, item.end_hour
            w = int(a // h)
            while a < b - 1e-9 and w < self.weeks:
                upto = min(b, (w + 1) * h)
                out[w] += upto - a
                a = upto
                w += 1
        return [round(x, 6) for x in out]

    def to_mermaid(self) -> str:
        """The schedule as a Mermaid Gantt chart (dated when the plan has a start date,
        else in hours from 0: each bar from its first to its last hour)."""
        lines = ["gantt", "    title Learning plan", "    dateFormat YYYY-MM-DD"]
        if self.start is None:
            lines[2] = "    dateFormat X"
            lines.append("    axisFormat %s")
        section = None
        for i, item in enumerate(self.items):
            kind = item.kind.value
            if kind != section:
                lines.append(f"    section {kind}")
                section = kind
            name = gantt_label(item.label)
            if item.start is not None and item.end is not None:
                days = max(1, (item.end - item.start).days)
                lines.append(f"    {name} :r{i}, {item.start.isoformat()}, {days}d")
            else:
                # in dateFormat X a bare number is an end time, not a duration
                begin = round(item.start_hour)
                lines.append(f"    {name} :r{i}, {begin}, {begin + max(1, round(item.hours))}")
        return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------ the plan
def plan_resources(
    g: SkillGraph,
    plan: Any,
    catalogue: Catalogue | None = None,
    *,
    have: Iterable[str] = (),
    hours_per_week: float = 5.0,
    start: dt.date | str | None = None,
    preferences: Preferences | dict[str, Any] | None = None,
    route: Route = "auto",
) -> ResourcePlan:
    """Learning resources covering what ``plan`` needs, scheduled at the learner's pace.

    Args:
        g: the graph the plan and catalogue refer to.
        plan: a result of ``g.reskill`` or one plan of ``g.upskill`` (the skills its steps
            learn; the start role's and transferable skills count as held), a
            ``g.learning_plan`` result, a ``g.gap`` result (its missing skills), or skills
            (ids or labels). A reskilling plan whose route does not reach its target
            role (``reachable=False``), or whose route asks more than twice the direct
            move's learning (`ROUTE_BOUND`), plans the direct gap onto the target instead
            (its ``direct`` step): the result says so (``reachable``, ``direct``).
        catalogue: the resources to choose from (checked against ``g``); None: the
            graph's own learning resources (``Catalogue.from_graph(g)``).
        have: skills the learner already holds (ids or labels).
        hours_per_week: learning time a week (> 0).
        start: the first day; dates the schedule (a `date` or ISO text).
        preferences: a `Preferences` or its fields as a dict.
        route: for a reskilling plan, ``"auto"`` (as above), ``"steps"`` (the skills of
            its steps, even of a route that does not reach the target) or ``"direct"``
            (the direct gap onto the target).

    Raises:
        InvalidValueError: a bad argument, or a catalogue naming skills ``g`` lacks.
        NotFoundError: a skill of ``plan`` or ``have`` cannot be resolved.
    """
    if catalogue is None:
        catalogue = Catalogue.from_graph(g)
    if not isinstance(catalogue, Catalogue):
        raise InvalidValueError(
            f"catalogue must be a Catalogue, got {shown(catalogue)}", field="catalogue"
        )
    pace = check_float("hours_per_week", hours_per_week, minimum=0.0)
    if pace <= 0 or pace > 168:
        raise InvalidValueError(
            f"hours_per_week must be in (0, 168], got {hours_per_week}", field="hours_per_week"
        )
    day = _date("start", start)
    prefs = preferences_of(preferences)
    catalogue.check(g)
    if route not in ROUTES:
        raise InvalidValueError(
            f"route must be one of {', '.join(map(repr, ROUTES))}, got {shown(route)}",
            field="route",
        )
    needs = needs_of(g, plan, route)
    if isinstance(have, str):
        have = [have]
    needs.held.update(g.resolve(s, "skill") for s in have)
    taught = {s for r in catalogue.resources for s in r.skills}
    mates = class_mates(g, [*needs.needed, *sorted(needs.held), *sorted(taught)], needs.needed)
    picked, uncovered, over, unlocks = select_resources(
        needs.needed, needs.held, catalogue, prefs, mates
    )
    order = schedule_order(picked, {s: i for i, s in enumerate(needs.needed)}, needs.held)
    why = why_uncovered(uncovered, needs.held, catalogue, prefs)
    return _schedule(
        g, needs, order, (uncovered, over, why), unlocks, (pace, day), catalogue, mates
    )


def _date(name: str, value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidValueError(
        f"{name} must be a date or ISO date text (YYYY-MM-DD), got {shown(value)}", field=name
    )


def day_of(start: dt.date, hour: float, pace: float) -> dt.date:
    """The date cumulative learning ``hour`` is reached, learning ``pace`` hours a week
    spread evenly over its seven days from ``start``.

    Raises:
        InvalidValueError: that date is past the last the calendar has (9999-12-31): the
            pace is named (field ``hours_per_week``) when no start date could fit it.
    """
    days = hour / pace * 7
    if days > (dt.date.max - dt.date.min).days:
        raise InvalidValueError(
            f"hours_per_week: {hour:g} learning hours at {pace:g} h/week take "
            f"{days / 365.25:,.0f} years, more than the calendar holds; learn more hours a week",
            field="hours_per_week",
        )
    try:
        return start + dt.timedelta(days=math.ceil(round(days, 9)))
    except OverflowError:
        raise InvalidValueError(
            f"start: {hour:g} learning hours at {pace:g} h/week from {start} end after "
            f"{dt.date.max}; start earlier",
            field="start",
        ) from None


def _at(
    item: ScheduledResource,
    kind: Literal["resource", "step"],
    label: str,
    skills: list[str],
    **ref: str,
) -> Milestone:
    """A milestone reached when ``item`` ends (``ref``: its resource or role)."""
    return Milestone(
        kind=kind,
        label=label,
        hour=item.end_hour,
        week=item.end_week,
        date=item.end,
        skills=skills,
        **ref,
    )


def _schedule(
    g: SkillGraph,
    needs: Needs,
    order: list[LearningResource],
    left: tuple[list[str], list[str], tuple[list[str], dict[str, list[str]], list[str]]],
    unlocks: dict[str, list[str]],
    when: tuple[float, dt.date | None],
    catalogue: Catalogue,
    mates: Mapping[str, Sequence[str]],
) -> ResourcePlan:
    needed, held, steps = needs.needed, needs.held, needs.steps
    uncovered, over, (untaught, filtered, unmet) = left
    pace, day = when
    items: list[ScheduledResource] = []
    milestones: list[Milestone] = []
    if day is not None:  # the whole plan's end is checked first: the error names its hours
        day_of(day, round(sum(r.duration_hours for r in order), 6), pace)
    via: dict[str, str] = {}  # a needed skill -> the title of its tool class covering it
    known = set(held)
    for h in sorted(held):
        for m in mates.get(h, ()):
            if m not in known:
                known.add(m)
                via[m] = h
    owned = set(via)  # covered by a title the learner holds: no resource's doing
    at = 0.0
    step_left = [(role, {s for s in learn if s not in known}) for role, learn in steps]
    needed_set = set(needed)
    for r in order:
        end = at + r.duration_hours
        covers = [s for s in r.skills if s in needed_set and s not in known]
        known.update(r.skills)
        for t in r.skills:
            for m in mates.get(t, ()):
                if m not in known:
                    known.add(m)
                    via[m] = t
                    covers.append(m)
        items.append(
            ScheduledResource(
                resource=r.id,
                label=r.label,
                kind=r.kind,
                provider=r.provider,
                hours=r.duration_hours,
                cost=r.cost,
                covers=covers,
                unlocks=unlocks.get(r.id, []),
                requires=list(r.requires),
                start_hour=round(at, 6),
                end_hour=round(end, 6),
                start_week=int(at // pace),
                end_week=max(int(at // pace), math.ceil(round(end / pace, 9)) - 1),
                start=day_of(day, at, pace) if day else None,
                end=day_of(day, end, pace) if day else None,
            )
        )
        milestones.append(_at(items[-1], "resource", f"finish {r.label}", covers, resource=r.id))
        for i, (role, rest) in enumerate(step_left):
            if rest and rest <= known:
                ready = f"ready for {g.label(role)}"
                milestones.append(_at(items[-1], "step", ready, sorted(rest), role=role))
                step_left[i] = (role, set())
        at = end
    total_hours = round(sum(r.duration_hours for r in order), 6)
    weeks = math.ceil(round(total_hours / pace, 9)) if total_hours else 0
    end_day = day_of(day, total_hours, pace) if day else None
    covered = [s for s in needed if s in known and s not in held and s not in owned]
    by_class = sum(1 for s in covered if s in via)
    if order:
        milestones.append(
            Milestone(
                kind="done",
                label="every coverable skill learned",
                hour=total_hours,
                week=max(0, weeks - 1),
                date=end_day,
                skills=covered,
            )
        )
    total_cost = round(sum(r.cost for r in order), 2)
    named = {
        *needed,
        *via.values(),
        *(s for r in order for s in r.requires),
        *(role for role, _ in steps),
    }
    labels = {n: g.label(n) for n in sorted(named) if n in g}
    text = (
        f"{len(order)} resources cover {len(covered)} of {len(needed)} skills to learn in "
        f"{total_hours:g} hour{'' if total_hours == 1 else 's'} "
        f"({weeks} week{'' if weeks == 1 else 's'} at {pace:g} h/week"
        + (f", {day.isoformat()} to {end_day.isoformat()}" if day and end_day else "")
        + f"), cost {total_cost:g} {catalogue.currency}"
    )
    if by_class:
        text += f" ({by_class} of them as a title of a tool class another covers)"
    if owned:
        text += f"; {len(owned)} covered by a title of their tool class the learner holds"
    if untaught:
        text += f"; no resource teaches {len(untaught)}"
    if filtered:
        by = sorted({f for fs in filtered.values() for f in fs}, key=FILTERS.index)
        text += f"; {len(filtered)} filtered out by the preferences ({', '.join(by)})"
    if unmet:
        text += f"; {len(unmet)} taught only by resources whose prerequisites cannot be met"
    if over:
        text += f"; {len(over)} left out by the budget"
    if needs.asked and needs.target is not None:
        goal = g.label(needs.target) if needs.target in g else needs.target
        unreached = "" if needs.reachable else " (no viable route reaches it)"
        text = f"Planned is the direct retraining onto {goal}, as asked{unreached}. " + text
    elif needs.route is not None and needs.target is not None:
        goal = g.label(needs.target) if needs.target in g else needs.target
        text = (
            f"The route to {goal} asks {needs.route} skills, "
            f"{needs.route / max(len(needed), 1):.1f}x the direct retraining onto it "
            f"({len(needed)}): planned is the direct retraining (ask for route 'steps' to plan "
            "the route). " + text
        )
    elif not needs.reachable and needs.target is not None:
        goal = g.label(needs.target) if needs.target in g else needs.target
        text = (
            f"No viable route reaches {goal}: "
            + (
                f"planned is the direct retraining onto it ({len(needed)} skills), "
                "not the stepping stones. "
                if needs.direct
                else "planned are the skills of the stepping stones towards it. "
            )
            + text
        )
    return ResourcePlan(
        needed=needed,
        covered=covered,
        uncovered=uncovered,
        over_budget=over,
        items=items,
        milestones=milestones,
        total_hours=total_hours,
        total_cost=total_cost,
        currency=catalogue.currency,
        hours_per_week=pace,
        weeks=weeks,
        start=day,
        end=end_day,
        explanation=text + ".",
        labels=labels,
        untaught=untaught,
        filtered=filtered,
        class_covered={s: via[s] for s in needed if s in via},
        unmet=unmet,
        target=needs.target,
        reachable=needs.reachable,
        direct=needs.direct,
    )
