"""Resource plans: which learning resources cover the skills a plan needs, and when.

`plan_resources` picks a small set of resources by weighted greedy set cover (hours or
cost per newly covered skill), never before the learner holds a resource's prerequisite
skills (from what they have or from a resource scheduled earlier), and schedules them one
after another at the learner's pace into dated milestones.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .._validate import check_float, shown
from ..errors import InvalidValueError
from .resources import Catalogue, Delivery, LearningResource, ResourceKind

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = [
    "Milestone",
    "Preferences",
    "ResourcePlan",
    "ScheduledResource",
    "plan_resources",
    "select_resources",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_json(self, *, indent: int | None = 2) -> str:
        """This result as JSON text."""
        return self.model_dump_json(indent=indent)


class Preferences(_Model):
    """What a learner accepts: kinds, deliveries and languages (empty: any), a budget,
    resources to leave out, and what a resource costs them (``weight``: hours or cost)."""

    kinds: frozenset[ResourceKind] = frozenset()
    delivery: frozenset[Delivery] = frozenset()
    languages: frozenset[str] = frozenset()
    budget: float | None = Field(default=None, ge=0, description="most money to spend")
    exclude: frozenset[str] = frozenset()
    weight: Literal["hours", "cost"] = "hours"

    @field_validator("kinds", "delivery", mode="before")
    @classmethod
    def _normalise(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, Iterable):
            return [
                "-".join(v.strip().lower().replace("_", " ").split()) if isinstance(v, str) else v
                for v in value
            ]
        return value

    @field_validator("languages", "exclude", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def accepts(self, r: LearningResource) -> bool:
        """Whether ``r`` fits these preferences (the budget aside)."""
        return (
            r.id not in self.exclude
            and (not self.kinds or r.kind in self.kinds)
            and (not self.delivery or r.delivery in self.delivery)
            and (not self.languages or r.language in self.languages)
        )


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
    prerequisites cannot be met); ``over_budget``: needed skills left out because the
    budget ran out. Totals are over ``items``.
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
        else in hours from 0)."""
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
            name = _gantt_text(item.label)
            if item.start is not None and item.end is not None:
                days = max(1, (item.end - item.start).days)
                lines.append(f"    {name} :r{i}, {item.start.isoformat()}, {days}d")
            else:
                lines.append(
                    f"    {name} :r{i}, {round(item.start_hour)}, {max(1, round(item.hours))}"
                )
        return "\n".join(lines) + "\n"


def _gantt_text(text: str) -> str:
    return " ".join(text.replace(":", " -").replace("#", " ").replace(";", ",").split())


# ------------------------------------------------------------------------ selection
def select_resources(
    needed: Sequence[str],
    have: Iterable[str],
    catalogue: Catalogue,
    preferences: Preferences | None = None,
) -> tuple[list[LearningResource], list[str], list[str], dict[str, list[str]]]:
    """Weighted greedy set cover of ``needed`` by acceptable resources of ``catalogue``.

    Each round picks the resource of least weight (hours or cost) per needed skill it
    would newly teach among those whose prerequisites are all held, in ``have`` or taught
    by a resource picked before. When none teaches a needed skill, the wanted skills grow,
    layer by layer, by the missing prerequisites of the resources that do, and the best
    resource for those is picked. Ties go to the lower weight, then the lower id. A
    needed skill is coverable when some acceptable resource teaches it and the
    prerequisites of that resource are reachable from ``have``; every coverable skill is
    covered unless the budget runs out.

    Only resources teaching a needed skill or (transitively) a missing prerequisite of one
    are looked at; the greedy choice is evaluated lazily (a heap of ratios that can only
    grow), which picks exactly what the plain greedy would.

    Returns:
        The picked resources in a valid order, the needed skills no acceptable resource
        reaches, the needed skills left out by the budget, and for each picked resource
        the prerequisite skills it teaches for later ones.
    """
    prefs = preferences or Preferences()
    lk = catalogue.lookup
    teaches, requires, teachers = lk.teaches, lk.requires, lk.teachers
    filtered = bool(prefs.kinds or prefs.delivery or prefs.languages or prefs.exclude)
    resources = catalogue.resources
    known = set(have)
    need = [s for s in dict.fromkeys(needed) if s not in known]
    target = set(need)
    budget = prefs.budget
    by_cost = prefs.weight == "cost"
    # resources looked at so far: how many of their prerequisites are not held yet, and
    # which resources wait for each skill
    left: dict[int, int] = {}
    requiring: dict[str, list[int]] = {}
    refused: set[int] = set()
    heap: list[tuple[float, float, str, int]] = []
    picked: list[int] = []
    taken: set[int] = set()
    unlocks: dict[str, list[str]] = {}
    spent = 0.0

    def weight(i: int) -> float:
        return (lk.cost[i] + 1e-6 * lk.hours[i]) if by_cost else lk.hours[i]

    def push(i: int) -> None:
        gain = sum(1 for t in teaches[i] if t in target and t not in known)
        if gain:
            w = weight(i)
            heapq.heappush(heap, (w / gain, w, lk.ids[i], i))

    def index(i: int) -> bool:
        """Start tracking resource ``i``; False when the preferences refuse it."""
        if i in left:
            return True
        if i in refused or (filtered and not prefs.accepts(resources[i])):
            refused.add(i)
            return False
        missing = [p for p in requires[i] if p not in known]
        left[i] = len(missing)
        for p in missing:
            requiring.setdefault(p, []).append(i)
        return True

    def affordable(i: int) -> bool:
        return budget is None or spent + lk.cost[i] <= budget + 1e-9

    def take(i: int, wanted: set[str]) -> None:
        nonlocal spent
        spent += lk.cost[i]
        picked.append(i)
        taken.add(i)
        gained = [s for s in teaches[i] if s in wanted and s not in target and s not in known]
        if gained:
            unlocks[lk.ids[i]] = gained
        for s in teaches[i]:
            if s in known:
                continue
            known.add(s)
            for q in requiring.get(s, ()):
                left[q] -= 1
                if left[q] == 0 and q not in taken:
                    push(q)

    # the first heap, built in one go: every acceptable teacher of a needed skill
    ids, hours, costs = lk.ids, lk.hours, lk.cost
    for s in need:
        for i in teachers.get(s, ()):
            if i in left or i in refused:
                continue
            if filtered and not prefs.accepts(resources[i]):
                refused.add(i)
                continue
            missing = [p for p in requires[i] if p not in known]
            left[i] = len(missing)
            if missing:
                for p in missing:
                    requiring.setdefault(p, []).append(i)
                continue
            gain = 0
            for t in teaches[i]:
                if t in target and t not in known:
                    gain += 1
            if gain:
                w = (costs[i] + 1e-6 * hours[i]) if by_cost else hours[i]
                heap.append((w / gain, w, ids[i], i))
    heapq.heapify(heap)
    while target - known:
        chosen: int | None = None
        while heap:
            ratio, w, _, i = heapq.heappop(heap)
            if i in taken or not affordable(i):
                continue
            gain = sum(1 for t in teaches[i] if t in target and t not in known)
            if not gain:
                continue
            if w / gain > ratio + 1e-12:  # stale: its gain fell since it was pushed
                heapq.heappush(heap, (w / gain, w, lk.ids[i], i))
                continue
            chosen = i
            break
        if chosen is not None:
            take(chosen, target)
            continue
        # no feasible resource teaches a needed skill: grow the wanted skills by the
        # missing prerequisites of the resources that do, until a feasible one teaches some
        wanted = target - known
        best: int | None = None
        while best is None:
            best_key: tuple[float, float, str] | None = None
            grow: set[str] = set()
            for s in sorted(wanted):
                for i in teachers.get(s, ()):
                    if i in taken or not affordable(i) or not index(i):
                        continue
                    if left[i] == 0:
                        gain = sum(1 for t in teaches[i] if t in wanted)
                        key = (weight(i) / gain, weight(i), lk.ids[i])
                        if best_key is None or key < best_key:
                            best, best_key = i, key
                    else:
                        grow.update(p for p in requires[i] if p not in known)
            if best is None:
                if grow <= wanted:
                    break  # nothing affordable leads there
                wanted |= grow
        if best is None:
            break
        take(best, wanted)
    rest = [s for s in need if s not in known]
    if budget is None or not rest:  # without a budget, what is left is out of reach
        return [resources[i] for i in picked], rest, [], unlocks
    reach = _reachable(catalogue, prefs, set(have), rest)
    uncovered = [s for s in rest if s not in reach]
    over = [s for s in rest if s in reach]
    return [resources[i] for i in picked], uncovered, over, unlocks


def _reachable(
    catalogue: Catalogue, prefs: Preferences, have: set[str], skills: list[str]
) -> set[str]:
    """The skills among ``skills`` (and their prerequisites) some chain of acceptable
    resources teaches, starting from ``have``, money aside."""
    lk = catalogue.lookup
    relevant: set[int] = set()
    frontier, asked = set(skills), set(skills)
    while frontier:  # the teachers of the skills and, transitively, of their prerequisites
        nxt: set[str] = set()
        for s in frontier:
            for i in lk.teachers.get(s, ()):
                if i in relevant or not prefs.accepts(catalogue.resources[i]):
                    continue
                relevant.add(i)
                new = {p for p in lk.requires[i] if p not in have and p not in asked}
                asked |= new
                nxt |= new
        frontier = nxt
    reach = set(have)
    todo = sorted(relevant)
    changed = True
    while changed:
        changed = False
        for i in todo:
            if reach.issuperset(lk.requires[i]) and not reach.issuperset(lk.teaches[i]):
                reach.update(lk.teaches[i])
                changed = True
    return reach


def _schedule_order(
    picked: list[LearningResource], rank: dict[str, int], have: set[str]
) -> list[LearningResource]:
    """``picked`` reordered by learning order (the earliest needed skill it covers) while
    every resource still follows those teaching its prerequisites."""
    teaches_before: dict[str, set[str]] = {}
    first_teacher: dict[str, str] = {}
    for r in picked:  # picked order is valid: the first teacher of each skill
        for s in r.skills:
            first_teacher.setdefault(s, r.id)
    for r in picked:
        teaches_before[r.id] = {
            first_teacher[s] for s in r.requires if s not in have and s in first_teacher
        } - {r.id}
    by_id = {r.id: r for r in picked}
    pos = {r.id: i for i, r in enumerate(picked)}
    indeg = {rid: len(deps) for rid, deps in teaches_before.items()}
    after: dict[str, list[str]] = {rid: [] for rid in by_id}
    for rid, deps in teaches_before.items():
        for d in deps:
            after[d].append(rid)

    # a resource is as urgent as the most urgent resource waiting for it
    urgency = {
        r.id: min((rank.get(s, len(rank)) for s in r.skills), default=len(rank)) for r in picked
    }
    for r in reversed(picked):
        for d in teaches_before[r.id]:
            urgency[d] = min(urgency[d], urgency[r.id])

    def key(rid: str) -> tuple[int, int]:
        return (urgency[rid], pos[rid])

    heap = [(key(rid), rid) for rid, n in indeg.items() if n == 0]
    heapq.heapify(heap)
    out: list[LearningResource] = []
    while heap:
        _, rid = heapq.heappop(heap)
        out.append(by_id[rid])
        for nxt in after[rid]:
            indeg[nxt] -= 1
            if indeg[nxt] == 0:
                heapq.heappush(heap, (key(nxt), nxt))
    return out


# ------------------------------------------------------------------------ the plan
def _needs(g: SkillGraph, plan: Any) -> tuple[list[str], set[str], list[tuple[str, list[str]]]]:
    """Needed skills in learning order, skills the plan counts as held, and its steps."""
    from ..results import Gap, LearningPlan, Plan

    if isinstance(plan, Plan):
        held = {r.skill for r in g.requirements(plan.start)}
        steps = [(st.role, list(st.learn)) for st in plan.steps]
        for st in plan.steps:
            held.update(st.transferable)
        needed = [s for _, learn in steps for s in learn]
        return list(dict.fromkeys(needed)), held - set(needed), steps
    if isinstance(plan, LearningPlan):
        return list(plan.order), set(), []
    if isinstance(plan, Gap):
        return list(plan.missing), set(plan.matched), [(plan.role, list(plan.missing))]
    if isinstance(plan, str):
        plan = [plan]
    if isinstance(plan, Iterable):
        refs = list(plan)
        if not all(isinstance(s, str) for s in refs):
            raise InvalidValueError(
                "plan must be a Plan, LearningPlan, Gap or skills, got a list holding "
                + shown(next(s for s in refs if not isinstance(s, str))),
                field="plan",
            )
        ids = [g.resolve(s, "skill") for s in refs]
        return g.learning_plan(ids).order, set(), []
    raise InvalidValueError(
        f"plan must be a Plan, LearningPlan, Gap or skills, got {shown(plan)}", field="plan"
    )


def plan_resources(
    g: SkillGraph,
    plan: Any,
    catalogue: Catalogue,
    *,
    have: Iterable[str] = (),
    hours_per_week: float = 5.0,
    start: dt.date | str | None = None,
    preferences: Preferences | dict[str, Any] | None = None,
) -> ResourcePlan:
    """Learning resources covering what ``plan`` needs, scheduled at the learner's pace.

    Args:
        g: the graph the plan and catalogue refer to.
        plan: a result of ``g.reskill`` or one plan of ``g.upskill`` (the skills its steps
            learn; the start role's and transferable skills count as held), a
            ``g.learning_plan`` result, a ``g.gap`` result (its missing skills), or skills
            (ids or labels).
        catalogue: the resources to choose from (checked against ``g``).
        have: skills the learner already holds (ids or labels).
        hours_per_week: learning time a week (> 0).
        start: the first day; dates the schedule (a `date` or ISO text).
        preferences: a `Preferences` or its fields as a dict.

    Raises:
        InvalidValueError: a bad argument, or a catalogue naming skills ``g`` lacks.
        NotFoundError: a skill of ``plan`` or ``have`` cannot be resolved.
    """
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
    prefs = _preferences(preferences)
    catalogue.check(g)
    needed, held, steps = _needs(g, plan)
    if isinstance(have, str):
        have = [have]
    held.update(g.resolve(s, "skill") for s in have)
    picked, uncovered, over, unlocks = select_resources(needed, held, catalogue, prefs)
    rank = {s: i for i, s in enumerate(needed)}
    order = _schedule_order(picked, rank, held)
    return _schedule(g, needed, held, steps, order, uncovered, over, unlocks, pace, day, catalogue)


def _preferences(value: Any) -> Preferences:
    if value is None:
        return Preferences()
    if isinstance(value, Preferences):
        return value
    if isinstance(value, dict):
        from pydantic import ValidationError

        try:
            return Preferences.model_validate(value)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise InvalidValueError(
                f"preferences.{where}: {err['msg']}", field=f"preferences.{where}"
            ) from None
    raise InvalidValueError(
        f"preferences must be a Preferences or a dict, got {shown(value)}", field="preferences"
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
    spread evenly over its seven days from ``start``."""
    return start + dt.timedelta(days=math.ceil(round(hour / pace * 7, 9)))


def _schedule(
    g: SkillGraph,
    needed: list[str],
    held: set[str],
    steps: list[tuple[str, list[str]]],
    order: list[LearningResource],
    uncovered: list[str],
    over: list[str],
    unlocks: dict[str, list[str]],
    pace: float,
    day: dt.date | None,
    catalogue: Catalogue,
) -> ResourcePlan:
    items: list[ScheduledResource] = []
    milestones: list[Milestone] = []
    known = set(held)
    at = 0.0
    step_left = [(role, {s for s in learn if s not in held}) for role, learn in steps]
    needed_set = set(needed)
    got: list[str] = []
    for r in order:
        end = at + r.duration_hours
        covers = [s for s in r.skills if s in needed_set and s not in known]
        known.update(r.skills)
        got.extend(covers)
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
        milestones.append(
            Milestone(
                kind="resource",
                label=f"finish {r.label}",
                hour=round(end, 6),
                week=items[-1].end_week,
                date=items[-1].end,
                resource=r.id,
                skills=covers,
            )
        )
        for i, (role, rest) in enumerate(step_left):
            if rest and rest <= known:
                milestones.append(
                    Milestone(
                        kind="step",
                        label=f"ready for {g.label(role)}",
                        hour=round(end, 6),
                        week=items[-1].end_week,
                        date=items[-1].end,
                        role=role,
                        skills=sorted(rest),
                    )
                )
                step_left[i] = (role, set())
        at = end
    total_hours = round(sum(r.duration_hours for r in order), 6)
    weeks = math.ceil(round(total_hours / pace, 9)) if total_hours else 0
    end_day = day_of(day, total_hours, pace) if day else None
    covered = [s for s in needed if s in known and s not in held]
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
    named = {*needed, *(s for r in order for s in r.requires), *(role for role, _ in steps)}
    labels = {n: g.label(n) for n in sorted(named) if n in g}
    text = (
        f"{len(order)} resources cover {len(covered)} of {len(needed)} skills to learn in "
        f"{total_hours:g} hours ({weeks} weeks at {pace:g} h/week"
        + (f", {day.isoformat()} to {end_day.isoformat()}" if day and end_day else "")
        + f"), cost {total_cost:g} {catalogue.currency}"
    )
    if uncovered:
        text += f"; no resource teaches {len(uncovered)}"
    if over:
        text += f"; {len(over)} left out by the budget"
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
    )
