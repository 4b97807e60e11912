"""What a plan asks to learn, for ``planning.plan_resources``: the needed skills of a
reskilling or upskilling plan, a learning plan, a gap or a list of skills."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .._validate import shown
from ..errors import InvalidValueError

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["ROUTES", "ROUTE_BOUND", "Needs", "Route", "needs_of"]


ROUTE_BOUND = 2.0
"""A reskilling route asking more than this many times the direct move's learning is
learned as the direct retraining by default (the bound past which ``reskill`` offers a
near-viable direct move, too)."""

Route = Literal["auto", "steps", "direct"]
ROUTES: tuple[Route, ...] = ("auto", "steps", "direct")
"""How a reskilling plan is learned: ``auto`` (the default) its steps, unless no viable
route reaches the target or the route asks more than `ROUTE_BOUND` x the direct move's
learning, when the direct retraining onto the target; ``steps`` the route's steps (the
stepping stones' when it does not reach the target); ``direct`` the direct retraining."""


class Needs(NamedTuple):
    """What a plan asks to learn: the needed skills in learning order, the skills it
    counts as held, its steps (role, skills), the target, whether a viable route reaches
    it, whether the direct gap onto it replaced the route, and then how many skills the
    route would have asked (None: the route is planned, or there is none)."""

    needed: list[str]
    held: set[str]
    steps: list[tuple[str, list[str]]]
    target: str | None = None
    reachable: bool = True
    direct: bool = False
    route: int | None = None
    asked: bool = False
    """The direct retraining was asked for (``route="direct"``), not chosen by the rule."""


def needs_of(g: SkillGraph, plan: Any, route: Route = "auto") -> Needs:
    """The needs of ``plan``; a reskilling plan is learned as ``route`` says (`ROUTES`):
    by default the direct gap onto the target (the person's goal), not the stepping
    stones' skills, when no viable route reaches it or the route asks more than
    `ROUTE_BOUND` x the direct move's learning.

    Raises:
        InvalidValueError: ``plan`` is none of the accepted kinds, or ``route`` is
            ``"direct"`` for a reskilling plan without a direct move.
        NotFoundError: a skill of a list cannot be resolved.
    """
    from ..results import Gap, LearningPlan, Plan

    if isinstance(plan, Plan):
        held = {r.skill for r in g.requirements(plan.start)}
        d = plan.direct
        if route == "direct" and d is None:
            raise InvalidValueError(
                "route 'direct': this plan has no direct move to plan (its target is not one "
                "role reached in one move)",
                field="route",
            )
        longer = (
            d is not None
            and len(plan.steps) > 1
            and plan.learning > ROUTE_BOUND * max(len(d.learn), 1)
        )
        if d is not None and (
            route == "direct"
            or (not plan.reachable and route != "steps")
            or (route == "auto" and longer)
        ):
            held.update(d.transferable)
            return Needs(
                list(d.learn),
                held - set(d.learn),
                [(d.role, list(d.learn))],
                plan.target,
                plan.reachable,
                True,
                plan.learning if plan.reachable else None,
                route == "direct",
            )
        steps = [(st.role, list(st.learn)) for st in plan.steps]
        for st in plan.steps:
            held.update(st.transferable)
        needed = [s for _, learn in steps for s in learn]
        return Needs(
            list(dict.fromkeys(needed)), held - set(needed), steps, plan.target, plan.reachable
        )
    if isinstance(plan, LearningPlan):
        return Needs(list(plan.order), set(), [])
    if isinstance(plan, Gap):
        return Needs(
            list(plan.missing), set(plan.matched), [(plan.role, list(plan.missing))], plan.role
        )
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
        return Needs(g.learning_plan(ids).order, set(), [])
    raise InvalidValueError(
        f"plan must be a Plan, LearningPlan, Gap or skills, got {shown(plan)}", field="plan"
    )
