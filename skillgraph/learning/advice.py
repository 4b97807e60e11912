"""Advice by aspiration: upskilling plans to grow in one's role, reskilling plans to
change career or to leave a declining role family, each with its reasoning."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import Field

from .._result import Result as _Model
from .._validate import check_int, shown
from ..analysis.families import cluster_line
from ..analysis.viability import PROMOTION_SHARE, mobility
from ..errors import InvalidValueError, NotFoundError
from ..workforce.demand import DemandSignals
from .planning import Preferences, ResourcePlan, plan_resources
from .profiles import Profile
from .resources import Catalogue

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ..results import Growth, MoveKind, Plan

__all__ = ["Advice", "AdviceOption", "Aspiration", "advise"]


class Aspiration(StrEnum):
    """What the person wants: grow in their role, change career, or leave a declining one."""

    GROW = "grow"
    CHANGE = "change"
    DECLINING = "declining"


class AdviceOption(_Model):
    """One advised plan with its reasoning: purpose, objective, who it suits, how it is
    applied, the outcome to expect, and why this plan was chosen; ``resources`` when a
    catalogue was given. ``reachable`` is False when no chain of viable moves reaches
    ``target``: the plan's steps then end at the closest stepping stone, and the
    resources teach the direct gap onto a target role."""

    kind: str
    target: str
    label: str
    cost: float
    purpose: str
    objective: str
    suits: str
    application: str
    outcome: str
    reasoning: str
    reachable: bool = True
    plan: Any = Field(description="the upskill or reskill Plan")
    resources: ResourcePlan | None = None


class Advice(_Model):
    """Plans advised to ``person`` in ``role`` for their ``aspiration``, best first."""

    person: str
    role: str
    label: str
    aspiration: Aspiration
    options: list[AdviceOption]
    explanation: str


#: the reasoning of each kind of move (the seed's table): purpose, who it suits,
#: application and outcome; the objective names the roles
_TABLE = {
    "upskilling": {
        "purpose": "Deepen and extend the skills of the current role family to perform "
        "better and take the next step in it.",
        "suits": "People who want to stay in their field and grow: more responsibility, a "
        "more senior role, or new tools of their trade.",
        "application": "Short courses, microlearning and mentoring alongside the job; what "
        "is learned is applied at once in the current role.",
        "outcome": "Higher performance and readiness for a more senior role in the same "
        "family; most current skills stay in use.",
    },
    "reskilling": {
        "purpose": "Acquire a new set of skills to move into a different role family.",
        "suits": "People who want a different career, or whose role is changing or disappearing.",
        "application": "Structured programmes, certifications and on-the-job placements, "
        "through bridge roles that carry transferable skills over.",
        "outcome": "Readiness for a new occupation, keeping the skills that transfer.",
    },
    "declining": {
        "purpose": "Leave a role family whose demand is falling for another family where "
        "the person's transferable skills count.",
        "suits": "People whose role is declining (a demand signal, or their own judgement) "
        "and who need a safer family rather than a step up in the same one.",
        "application": "Reskilling towards the closest other families first, so most skills "
        "transfer and the move is short; structured programmes and placements.",
        "outcome": "A role in a different family, reached through viable steps, with the "
        "transferable skills kept.",
    },
}


def advise(
    g: SkillGraph,
    profile: Profile,
    aspiration: Aspiration | str = Aspiration.GROW,
    *,
    target: str | None = None,
    avoid: Iterable[str] = (),
    k: int = 3,
    catalogue: Catalogue | None = None,
    hours_per_week: float = 5.0,
    start: dt.date | str | None = None,
    preferences: Preferences | dict[str, Any] | None = None,
    demand: DemandSignals | None = None,
) -> Advice:
    """Plans for ``profile`` that fit ``aspiration``, cheapest first, each explained.

    ``grow``: upskilling plans inside the current role's job family (or a viable
    promotion). ``change``: reskilling towards ``target`` (a role, cluster or industry),
    or else towards the ``k`` other job families (``g.families("auto")``) holding the most
    similar roles. ``declining``:
    reskilling towards other families: never the current cluster, a cluster above or below
    it, or one in ``avoid``. Without a ``target``, neither aspiration offers a job family
    that the role's own upskilling plans (``g.upskill(role, k=k)``) step into: a step up
    its line (shop assistant -> shop supervisor, whose family holds the shop managers) is
    growth, not a change. Only roles at least as similar as the
    lowest similarity any single move may have (``PROMOTION_SHARE`` x the graph's viability
    threshold) are targets: fewer than ``k`` options then, and the explanation says why.
    With ``catalogue``, each plan gets resources scheduled at ``hours_per_week``. With
    ``demand`` (`DemandSignals`), options are ranked desirable first (the target keeps at
    least 75% of the current earnings where both are known), then by cost divided by the
    target's demand weight (1 + its demand score), and the reasoning names the signal.

    Raises:
        InvalidValueError: a bad argument, a profile without a role, a ``target``
            inside the current cluster, a ``target`` with ``grow``, or ``avoid`` with
            ``grow`` or a ``target``.
        NotFoundError: the role, a skill or ``target`` is not in ``g``.
    """
    if not isinstance(profile, Profile):
        raise InvalidValueError(f"profile must be a Profile, got {shown(profile)}", field="profile")
    try:
        wish = Aspiration(aspiration)
    except ValueError:
        raise InvalidValueError(
            f"aspiration must be one of {', '.join(a.value for a in Aspiration)}, "
            f"got {aspiration!r}",
            field="aspiration",
        ) from None
    k = check_int("k", k, minimum=1)
    if demand is not None and not isinstance(demand, DemandSignals):
        raise InvalidValueError(
            f"demand must be DemandSignals or None, got {shown(demand)}", field="demand"
        )
    if profile.role is None:
        raise InvalidValueError("the profile names no current role", field="role")
    me = profile.check(g)
    role = me.role
    assert role is not None
    have = me.have()
    if isinstance(avoid, str):
        avoid = [avoid]
    avoid = list(avoid)
    if wish is Aspiration.GROW and target is not None:
        raise InvalidValueError(
            "target goes with aspiration change or declining; grow stays in the role's family",
            field="target",
        )
    if avoid and (wish is Aspiration.GROW or target is not None):
        raise InvalidValueError(
            "avoid goes with aspiration change or declining without a target: it is only "
            "used to choose the other families",
            field="avoid",
        )
    avoided = {g.resolve(c, "cluster") for c in avoid}
    plans: list[Plan]
    why: list[str]
    short = ""
    if wish is Aspiration.GROW:
        plans = g.upskill(role, have, k)
        # each plan says how it grows (Plan.growth, as upskill judged it); a plan without
        # it (JSON written before the field) by its last step's family
        home = g.families("auto").get(role)
        why = [
            _GROWTH[p.growth]
            if p.growth is not None
            else _UP_IN_FAMILY
            if p.steps[-1].family == home
            else _LINE_UP
            for p in plans
        ]
    elif target is not None:
        plans = [g.reskill(role, target, have)]
        why = [f"the target named: {g.label(plans[0].target)}"]
    else:
        # the families the role's own upskilling steps into (a step up its line, the
        # manager of its field): growth, not a change of career
        home = g.families("auto").get(role)
        grown = {st.family for p in g.upskill(role, have, k) for st in p.steps}
        grown -= {home, None}
        plans, why, short = _other_families(
            g, role, have, k, avoided, grown, strict=wish is Aspiration.DECLINING
        )
    key = wish.value if wish is Aspiration.DECLINING else None
    options = [
        _option(g, p, reason, key, catalogue, hours_per_week, start, preferences, have)
        for p, reason in zip(plans, why, strict=True)
    ]
    if demand is None:
        options.sort(key=lambda o: (not o.reachable, o.cost, o.target))
    else:
        options = [_with_demand(o, role, demand) for o in options]
        options.sort(
            key=lambda o: (
                not o.reachable,
                not demand.keeps_earnings(role, o.target),
                o.cost / demand.weight(o.target),
                o.target,
            )
        )
    label = g.label(role)
    text = (
        f"{len(options)} {'upskilling' if wish is Aspiration.GROW else 'reskilling'} "
        f"option{'s' * (len(options) != 1)} for {profile.name or profile.person} ({label}) "
        f"who wants to {_WISH[wish]}"
    )
    if options and options[0].reachable:
        text += f"; the cheapest leads to {options[0].label} (cost {options[0].cost:.2f})"
    elif options:
        text += f"; no viable route reaches {options[0].label}" + _stone(g, options[0].plan)
    stuck = sum(not o.reachable for o in options)
    if stuck and options[0].reachable:
        text += f"; {stuck} of them reach their target by no viable route"
    if short:
        text += f"; {short}"
    return Advice(
        person=profile.person,
        role=role,
        label=label,
        aspiration=wish,
        options=options,
        explanation=text + ".",
    )


_WISH = {
    Aspiration.GROW: "grow in their role",
    Aspiration.CHANGE: "change career",
    Aspiration.DECLINING: "leave a declining role",
}


_UP_IN_FAMILY = "a move up inside the current family"
_PROMOTION = (
    "a promotion one seniority step up inside the occupational group, into another job family"
)
_LINE_UP = (
    "a step up the role's own line into another job family, to a supervisor, manager or "
    "more senior role of its line"
)
_FIELD_UP = "a step up into the management of the role's own field, in another job family"
_GROWTH: dict[Growth, str] = {
    "family": _UP_IN_FAMILY,
    "promotion": _PROMOTION,
    "line": _LINE_UP,
    "field-manager": _FIELD_UP,
}
"""The reason of an upskilling option by its plan's ``growth``."""


def _other_families(
    g: SkillGraph,
    role: str,
    have: list[str],
    k: int,
    avoided: set[str],
    grown: set[str | None],
    *,
    strict: bool,
) -> tuple[list[Plan], list[str], str]:
    """Reskilling plans towards ``k`` other job families (``g.families("auto")``: the
    declared clusters when they look like families, else the detected ones), each through
    the role most similar to ``role`` in it. A family declared as a cluster is the target
    itself; never one in ``grown`` (the families the role's upskilling steps into) or
    whose role sits in a cluster of ``avoided`` (with ``strict``, nor in the current
    role's line, ``cluster_line``, nor a plan with a step in it).

    Only roles at least ``_floor`` similar count: the lowest similarity of any viable
    single move (a promotion's, ``PROMOTION_SHARE`` x the calibrated threshold). Below it
    the targets are mostly unreachable or reached by long chains (tuning seed 206, 60
    roles x 3 options: ESCO 15-26% unreachable under the floor against 3-5% from it to
    0.85 x; O*NET 83-100% against 11-20%). The third item says why there are fewer
    than ``k`` plans ("" when there are ``k``)."""
    fam = g.families("auto")
    skip = set(avoided)
    if strict:
        skip |= cluster_line(g, g.roles[role].cluster, role)
    threshold = mobility(g).threshold
    floor = PROMOTION_SHARE * threshold
    plans: list[Plan] = []
    why: list[str] = []
    seen = {fam.get(role)}
    for rank, m in enumerate(g.similar_roles(role, k=len(g.roles)), 1):
        if m.score < floor:
            break
        family = fam.get(m.id)
        if family in seen or family in grown or g.roles[m.id].cluster in skip:
            continue
        seen.add(family)
        dest = family if family is not None and family in g.clusters else m.id
        try:
            plan = g.reskill(role, dest, have)
        except (InvalidValueError, NotFoundError):
            continue
        if strict and any(g.roles[st.role].cluster in skip for st in plan.steps):
            continue  # a step (a stepping stone of an unreachable plan) stays in the line
        plans.append(plan)
        where = f"{g.label(dest)} holds {m.label}" if dest != m.id else f"{m.label} is"
        why.append(
            f"{where} in another job family, the role ranked {rank} by similarity to "
            f"{g.label(role)} (similarity {m.score:.3f}, the viability threshold "
            f"{threshold:.3f})"
        )
        if len(plans) == k:
            return plans, why, ""
    short = (
        f"no {'further ' if plans else ''}other job family{' left' if strict else ''} holds a role "
        f"at least {floor:.3f} similar to {g.label(role)}"
        + (" outside the families its own upskilling steps into" if grown else "")
        + (" whose plan leaves its line" if strict else "")
        + f" ({PROMOTION_SHARE:g} x the viability threshold {threshold:.3f}, the least "
        "similarity of any viable single move)"
    )
    return plans, why, short


def _outcome(g: SkillGraph, plan: Plan, outcome: str) -> str:
    """The outcome of ``plan`` as it is: the table's ``outcome`` for a chain of viable
    moves onto the target; else a direct retraining (a reachable plan whose last step is
    not viable), or the closest stepping stone of a plan reaching no target."""
    if plan.kind.value == "upskilling" or (plan.reachable and plan.steps[-1].viable):
        return outcome
    if plan.reachable:
        return (
            f"Readiness for {g.label(plan.target)}, a role in a different family, through a "
            "direct retraining just under the viability threshold (no chain of viable "
            "steps), with the transferable skills kept."
        )
    stone = (
        f"readiness for its closest viable stepping stone, {g.label(plan.steps[-1].role)}; "
        if plan.steps
        else ""
    )
    return (
        f"No chain of viable moves reaches {g.label(plan.target)}: {stone}the target itself "
        "asks the direct retraining beyond that, with the transferable skills kept."
    )


def _stone(g: SkillGraph, plan: Plan) -> str:
    """Where an unreachable ``plan``'s steps end: its closest viable stepping stone."""
    if not plan.steps:
        return "; no viable move leads towards it"
    return f"; the closest viable stepping stone is {g.label(plan.steps[-1].role)}" + (
        f", through {', '.join(g.label(r) for r in plan.bridges)}" if plan.bridges else ""
    )


def _with_demand(option: AdviceOption, role: str, demand: DemandSignals) -> AdviceOption:
    """``option`` with its target's demand signal added to the reasoning."""
    score = demand.score(option.target)
    if score is None:
        note = " No demand signal is known for the target."
    else:
        note = f" Demand for the target: {score:.2f} (0-1)."
    if not demand.keeps_earnings(role, option.target):
        note += " Not desirable: the target pays under 75% of the current earnings."
    return option.model_copy(update={"reasoning": option.reasoning + note})


def _option(
    g: SkillGraph,
    plan: Plan,
    reason: str,
    key: str | None,
    catalogue: Catalogue | None,
    hours_per_week: float,
    start: dt.date | str | None,
    preferences: Preferences | dict[str, Any] | None,
    have: list[str],
) -> AdviceOption:
    kind: MoveKind = plan.kind
    row = _TABLE[key or kind.value]
    target = plan.target
    label = g.label(target)
    start_label = g.label(plan.start)
    bridges = [g.label(r) for r in plan.bridges]
    if kind.value == "upskilling":
        objective = f"Grow from {start_label} to {label}" + (
            " in the same family." if reason == _UP_IN_FAMILY else ", a promotion."
        )
    elif plan.reachable and not plan.steps[-1].viable:  # a near-viable direct move
        objective = (
            f"Take up a new occupation: from {start_label} to {label} directly, a "
            "retraining just under the viability threshold that asks far less learning "
            "than any viable route."
        )
    elif plan.reachable:
        objective = f"Take up a new occupation: from {start_label} to {label}" + (
            f" through {', '.join(bridges)}." if bridges else "."
        )
    else:
        objective = (
            f"Take up a new occupation: {label}, which no chain of viable moves reaches "
            f"from {start_label}{_stone(g, plan)}."
        )
    learn = [s for st in plan.steps for s in st.learn]
    reasoning = (
        f"{reason[:1].upper()}{reason[1:]}. {plan.explanation or f'Cost {plan.cost:.2f}'}"
        + ("" if plan.explanation.endswith(".") else ".")
    )
    if not plan.reachable and plan.direct is not None:
        reasoning += f" The direct retraining onto {label} asks {len(plan.direct.learn)} skills" + (
            f" (the stepping stones {len(learn)})." if learn else "."
        )
    else:
        rated = sum(len(st.raises) for st in plan.steps)
        more = f" ({rated} of them rated already, to raise)" if rated else ""
        reasoning += f" {len(learn)} skills to learn{more}." if learn else " Nothing new to learn."
    resources = None
    if catalogue is not None:
        resources = plan_resources(
            g,
            plan,
            catalogue,
            have=have,
            hours_per_week=hours_per_week,
            start=start,
            preferences=preferences,
        )
        reasoning += " " + resources.explanation
    return AdviceOption(
        kind=kind.value,
        target=target,
        label=label,
        cost=round(plan.cost, 6),
        purpose=row["purpose"],
        objective=objective,
        suits=row["suits"],
        application=row["application"],
        outcome=_outcome(g, plan, row["outcome"]),
        reasoning=reasoning,
        reachable=plan.reachable,
        plan=plan,
        resources=resources,
    )
