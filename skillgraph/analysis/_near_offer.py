"""The near-viable direct move offered as a reskilling plan (``_near``), with or without a
viable route.

``reskill`` asks ``offer`` once it has searched: with the least-learning viable route's
steps (``route``), the near-viable direct move is the plan when the route asks more than
``NEAR_BOUND`` times its learning, by the search's count and by the learning the steps
show; with no viable route of at most ``max_steps`` steps (``route`` None), a near-viable
direct move onto a goal is the plan whatever it asks (the stepping stone the plan would
lead to otherwise does not reach the target), and the explanation says no viable route
was found and names that stepping stone (``stone``: its route, possibly empty).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from ..graph import SkillGraph
from ..results import MoveKind, Plan, Step
from ._near import NEAR_BOUND, near_direct, near_head, near_text, route_learning
from .search import Space

__all__ = ["offer"]


def offer(
    g: SkillGraph,
    space: Space,
    where: tuple[str, str | None, str, str],
    goals: list[int],
    route: tuple[list[int], list[Step]] | None,
    one_step: Callable[[int], Step],
    stone: list[Step],
) -> Plan | None:
    """The plan of the near-viable direct move onto one of ``goals`` (role positions),
    else None (module docstring). ``where``: the start role's id and cluster, the
    target's kind and id; ``route``: the viable route's role positions and steps;
    ``one_step(b)``: the direct move onto ``b`` as one step (not judged)."""
    ix, gi, mob = space.ix, space.gi, space.mob
    covered = space.covered
    learnt = math.inf if route is None else route_learning(ix, gi, covered, route[0])
    near = near_direct(ix, gi, mob, space.start, covered, np.asarray(goals, dtype=np.int64), learnt)
    if near is None:
        return None
    one = one_step(near[0]).model_copy(update={"similarity": near[1]})
    start = (where[0], where[1])
    target = (where[2], where[3])
    if route is not None:
        # offered only when the learning the plans show bears the bound out
        if sum(len(st.learn) for st in route[1]) <= NEAR_BOUND * max(len(one.learn), 1):
            return None
        text = near_text(g, start, one, mob.threshold, route[1], target)
    else:
        text = _no_route_text(g, start, one, mob.threshold, stone, target, space.max_steps)
    return Plan(
        kind=MoveKind.RESKILLING,
        start=where[0],
        target=one.role,
        steps=[one],
        cost=one.cost,
        explanation=text,
        direct=one,
    )


def _no_route_text(
    g: SkillGraph,
    start: tuple[str, str | None],
    step: Step,
    threshold: float,
    stone: list[Step],
    target: tuple[str, str],
    max_steps: int,
) -> str:
    """The explanation of a near-viable direct move offered where no viable route of at
    most ``max_steps`` steps reaches the target (``stone``: the route to the closest
    viable stepping stone, empty if there is none)."""
    text = near_head(g, start, step, threshold, target) + (
        f"no chain of at most {max_steps} viable move{'s' * (max_steps != 1)} reaches the target"
    )
    if stone:
        asks = sum(len(st.learn) for st in stone)
        text += (
            f" (the closest viable stepping stone, {stone[-1].label}, asks {asks} skill"
            f"{'s' * (asks != 1)} to learn in {len(stone)} step{'s' * (len(stone) != 1)} "
            "and leaves the target still to reach)"
        )
    return (
        text + f"; it asks {len(step.learn)} skill{'s' * (len(step.learn) != 1)} to learn; "
        f"{len(step.transferable)} of its skills transfer."
    )
