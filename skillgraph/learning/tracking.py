"""Progress of a person towards a target role over their profile history, and outcome
measures for a group (share who reached the target, median time, coverage gained)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import Field

from .._result import Result as _Model
from .._validate import check_float, shown
from ..errors import InvalidValueError
from .planning import ResourcePlan
from .profiles import EvidenceKind, ProfileHistory

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = [
    "Acquired",
    "LateMilestone",
    "Outcomes",
    "PersonOutcome",
    "Progress",
    "ProgressPoint",
    "outcomes",
    "progress",
]

#: coverage at or above this counts as the target reached (rounding aside)
_DONE = 1.0 - 1e-9


class ProgressPoint(_Model):
    """Coverage of the target at one snapshot."""

    date: dt.date
    coverage: float
    essential_coverage: float | None = Field(description="None: the target has no essential skill")
    held: int = Field(description="target skills held")
    missing: list[str]


class Acquired(_Model):
    """A target skill first held at snapshot ``seen``, with the evidence given for it."""

    skill: str
    label: str
    date: dt.date = Field(description="the evidence's date")
    seen: dt.date = Field(description="the first snapshot holding it")
    evidence: EvidenceKind
    resource: str | None = None


class LateMilestone(_Model):
    """A milestone of the plan whose date has passed with some of its skills not held."""

    label: str
    due: dt.date
    missing: list[str]
    days_late: int


class Progress(_Model):
    """How a person's coverage of ``target`` moved over their history.

    ``pace``: coverage gained per week (least squares over the snapshots); ``projected``:
    when coverage would reach 1 at that pace (None when it is not rising); ``reached``:
    the first snapshot covering the target fully.
    """

    person: str
    target: str
    label: str
    points: list[ProgressPoint]
    acquired: list[Acquired]
    gained: float
    pace: float
    projected: dt.date | None
    reached: dt.date | None
    late: list[LateMilestone] = Field(default_factory=list)
    explanation: str
    labels: dict[str, str] = Field(default_factory=dict)


def _evidence(kinds: Any) -> frozenset[EvidenceKind] | None:
    if kinds is None:
        return None
    if isinstance(kinds, str):
        kinds = [kinds]
    try:
        return frozenset(EvidenceKind(k) for k in kinds)
    except (ValueError, TypeError):
        raise InvalidValueError(
            f"evidence must list some of {', '.join(e.value for e in EvidenceKind)}, "
            f"got {shown(kinds)}",
            field="evidence",
        ) from None


def progress(
    g: SkillGraph,
    history: ProfileHistory,
    target: str,
    *,
    plan: ResourcePlan | None = None,
    evidence: Iterable[str] | None = None,
    today: dt.date | None = None,
) -> Progress:
    """Coverage of role ``target`` over ``history``: the points, skills acquired and by
    which evidence, the pace, the projected completion date, and (with ``plan``, the
    resource plan the person follows) the milestones that are late.

    Args:
        g: the graph the history's skills and ``target`` refer to.
        history: the person's snapshots.
        target: the target role (id or label).
        plan: a `ResourcePlan` with dates; its milestones due by ``today`` whose skills
            the latest snapshot lacks are late.
        evidence: count only skills with these kinds of evidence (default: all).
        today: the date milestones are judged at (default: the latest snapshot's date).

    Raises:
        InvalidValueError: a bad argument.
        NotFoundError: ``target`` or a skill of the history is not in ``g``.
    """
    if not isinstance(history, ProfileHistory):
        raise InvalidValueError(
            f"history must be a ProfileHistory, got {shown(history)}", field="history"
        )
    if plan is not None and not isinstance(plan, ResourcePlan):
        raise InvalidValueError(f"plan must be a ResourcePlan, got {shown(plan)}", field="plan")
    kinds = _evidence(evidence)
    if today is not None and not isinstance(today, dt.date):
        raise InvalidValueError(f"today must be a date, got {shown(today)}", field="today")
    role = g.resolve(target, "role")
    hist = history.check(g)
    points: list[ProgressPoint] = []
    first_seen: dict[str, tuple[dt.date, Any]] = {}
    for snap in hist.snapshots:
        have = snap.have(evidence=kinds)
        gap = g.gap(role, have)
        points.append(
            ProgressPoint(
                date=snap.as_of,
                coverage=round(gap.coverage, 6),
                essential_coverage=(
                    None if gap.essential_coverage is None else round(gap.essential_coverage, 6)
                ),
                held=len(gap.matched),
                missing=list(gap.missing),
            )
        )
        wanted = set(gap.matched)
        for s in snap.skills:
            if s.skill in wanted and s.skill not in first_seen and s.skill in have:
                first_seen[s.skill] = (snap.as_of, s)
    start_have = set(points[0].missing)
    acquired = [
        Acquired(
            skill=sid,
            label=g.label(sid),
            date=held.date,
            seen=seen,
            evidence=held.evidence,
            resource=held.resource,
        )
        for sid, (seen, held) in first_seen.items()
        if sid in start_have
    ]
    acquired.sort(key=lambda a: (a.seen, a.date, a.skill))
    pace = _slope([(p.date, p.coverage) for p in points])
    last = points[-1]
    reached = next((p.date for p in points if p.coverage >= _DONE), None)
    projected: dt.date | None
    if reached is not None:
        projected = reached
    elif pace > 1e-9:
        try:
            projected = last.date + dt.timedelta(days=round((1 - last.coverage) / pace * 7))
        except OverflowError:  # past the calendar's last day (9999-12-31): no date to give
            projected = None
    else:
        projected = None
    late = _late(plan, set(hist.latest.have(evidence=kinds)), today or last.date)
    gained = round(last.coverage - points[0].coverage, 6)
    label = g.label(role)
    n = len(acquired)
    text = (
        f"Coverage of {label} went from {points[0].coverage:.0%} to {last.coverage:.0%} over "
        f"{len(points)} snapshot{'s' * (len(points) > 1)} ({n} skill{'s' * (n != 1)} acquired"
        + (f": {_by_evidence(acquired)}" if acquired else "")
        + f"); pace {pace:.1%} a week"
    )
    if reached is not None:
        text += f"; target reached on {reached.isoformat()}"
    elif projected is not None:
        text += f"; at this pace complete by {projected.isoformat()}"
    else:
        text += "; no progress yet, so no projected date"
    if late:
        text += f"; {len(late)} milestone{'s' * (len(late) > 1)} late"
    named = {role, *(a.skill for a in acquired), *last.missing}
    return Progress(
        person=history.person,
        target=role,
        label=label,
        points=points,
        acquired=acquired,
        gained=gained,
        pace=round(pace, 6),
        projected=projected,
        reached=reached,
        late=late,
        explanation=text + ".",
        labels={n: g.label(n) for n in sorted(named)},
    )


def _by_evidence(acquired: list[Acquired]) -> str:
    counts: dict[str, int] = {}
    for a in acquired:
        counts[a.evidence.value] = counts.get(a.evidence.value, 0) + 1
    return ", ".join(f"{n} by {k}" for k, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))


def _slope(points: list[tuple[dt.date, float]]) -> float:
    """Least-squares coverage change per week (0 for fewer than two dates)."""
    if len(points) < 2:
        return 0.0
    xs = [(d - points[0][0]).days / 7 for d, _ in points]
    ys = [c for _, c in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    if den == 0:
        return 0.0
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den


def _late(plan: ResourcePlan | None, held: set[str], today: dt.date) -> list[LateMilestone]:
    if plan is None:
        return []
    out = []
    for m in plan.milestones:
        if m.date is None or m.date >= today or not m.skills:
            continue
        missing = [s for s in m.skills if s not in held]
        if missing:
            out.append(
                LateMilestone(
                    label=m.label, due=m.date, missing=missing, days_late=(today - m.date).days
                )
            )
    return out


# -------------------------------------------------------------------- group outcomes
class PersonOutcome(_Model):
    """One person's outcome: coverage at the first and latest snapshot, and when (and
    after how many days) they reached the target."""

    person: str
    target: str
    start: float
    latest: float
    gained: float
    reached: dt.date | None
    days: int | None


class Outcomes(_Model):
    """Outcome measures for a group: how many reached their target, how fast, and how much
    coverage they gained (medians over the group)."""

    people: int
    reached: int
    share_reached: float
    median_days: float | None = Field(description="median days to reach, over who reached")
    median_gained: float
    mean_gained: float
    rows: list[PersonOutcome]
    explanation: str


def outcomes(
    g: SkillGraph,
    histories: Iterable[ProfileHistory],
    target: str | Mapping[str, str],
    *,
    threshold: float = 1.0,
    evidence: Iterable[str] | None = None,
) -> Outcomes:
    """Outcome measures over ``histories`` for reporting.

    Args:
        g: the graph.
        histories: one history per person.
        target: the target role of everyone, or person -> target role.
        threshold: the coverage that counts as reaching the target, in (0, 1].
        evidence: count only these kinds of evidence (default: all).

    Raises:
        InvalidValueError: a bad argument (no history, a person without a target...).
        NotFoundError: a role or skill is not in ``g``.
    """
    level = check_float("threshold", threshold, minimum=0.0, maximum=1.0)
    if level <= 0:
        raise InvalidValueError("threshold must be above 0", field="threshold")
    kinds = _evidence(evidence)
    rows: list[PersonOutcome] = []
    for h in histories:
        if not isinstance(h, ProfileHistory):
            raise InvalidValueError(
                f"histories must hold ProfileHistory items, got {shown(h)}", field="histories"
            )
        if isinstance(target, str):
            goal = target
        elif isinstance(target, Mapping) and h.person in target:
            goal = target[h.person]
        else:
            raise InvalidValueError(f"no target for {h.person!r}", field="target")
        role = g.resolve(goal, "role")
        hist = h.check(g)
        cov = [(p.as_of, g.gap(role, p.have(evidence=kinds)).coverage) for p in hist.snapshots]
        hit = next((d for d, c in cov if c >= level - 1e-9), None)
        rows.append(
            PersonOutcome(
                person=h.person,
                target=role,
                start=round(cov[0][1], 6),
                latest=round(cov[-1][1], 6),
                gained=round(cov[-1][1] - cov[0][1], 6),
                reached=hit,
                days=(hit - cov[0][0]).days if hit is not None else None,
            )
        )
    if not rows:
        raise InvalidValueError("histories is empty", field="histories")
    done = [r.days for r in rows if r.days is not None]
    gains = [r.gained for r in rows]
    share = len(done) / len(rows)
    median_days = float(statistics.median(done)) if done else None
    text = f"{len(done)} of {len(rows)} reached their target ({share:.0%})"
    if median_days is not None:
        text += f" in a median {median_days:g} days"
    text += f"; median coverage gained {statistics.median(gains):.0%}"
    return Outcomes(
        people=len(rows),
        reached=len(done),
        share_reached=round(share, 6),
        median_days=median_days,
        median_gained=round(statistics.median(gains), 6),
        mean_gained=round(statistics.fmean(gains), 6),
        rows=sorted(rows, key=lambda r: r.person),
        explanation=text + ".",
    )
