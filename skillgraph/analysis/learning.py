"""Learning plans: skills ordered by prerequisites, then by adjacency to what one has.

The learning list of a step onto a role (``learning_order``) puts the role's essential
skills (and their prerequisites) before its optional ones and ranks skills by value:

``value = weight share + LATER_WEIGHT x share of later steps needing it
+ CLOSENESS_WEIGHT x adjacency to what the person holds (capped at 1)``

where the weight share is the skill's gap weight (importance x rarity, technology titles
of one tool class sharing one and all technology at most a share of the role: see
``analysis._gap_credit``) over the role's largest. Each item is marked essential or
optional and grouped by its tool class (O*NET's ``commodity_title``: alternatives, "any
of") or, else, its first broader skill or group.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import numpy.typing as npt

from .._store import at_hand, cached, store_of
from ..graph import SkillGraph
from ..results import LearningPlan
from ._gap_credit import gap_index
from ._index import FloatArray, Index, index, resolve_skills
from .adjacency import adjacency, adjacency_rows, adjacency_scores
from .tool_classes import TOOL_CLASS

__all__ = [
    "CLOSENESS_WEIGHT",
    "LATER_WEIGHT",
    "learning_order",
    "learning_plan",
    "plan_positions",
]

LATER_WEIGHT = 0.5
"""Value of a skill every later step of the plan needs (scaled by the share needing it)."""
CLOSENESS_WEIGHT = 0.25
"""Value of a skill fully adjacent to what the person holds."""


def learning_plan(
    g: SkillGraph, skills: str | Iterable[str], have: Iterable[str] | None = ()
) -> LearningPlan:
    """``skills`` grouped into stages, each stage after every prerequisite of its skills.

    A skill's prerequisites are taken transitively through the graph (also through skills
    outside ``skills``); only those among ``skills`` place it in a later stage (prerequisite
    cycles are refused when added, so there is always such an order). Within a stage,
    skills more adjacent to ``have`` come first, then by id.

    Raises:
        NotFoundError: a skill cannot be resolved.
    """
    ix = index(g, profiles=False)
    wanted = resolve_skills(g, ix, skills)
    held = resolve_skills(g, ix, have)
    return plan_positions(g, ix, wanted, held)


def learning_order(
    g: SkillGraph,
    ix: Index,
    r: int,
    covered: npt.NDArray[np.bool_],
    later: list[int],
    scores: FloatArray | None = None,
) -> LearningPlan:
    """The learning list of a step onto role ``r`` (see the module documentation).

    ``covered``: the skills held before the step; ``later``: the role positions of the
    plan's later steps; ``scores``: adjacency of every skill to ``covered``, when known.
    """
    idx = ix.role_skills[r]
    todo = ~covered[idx]
    wanted = idx[todo]
    if not len(wanted):
        return LearningPlan(stages=[])
    if scores is None:
        near = adjacency_rows(ix, adjacency(g), covered.astype(np.float64), wanted)
    else:
        near = scores[wanted]
    every = gap_index(g).role_weights(r)  # the weights of `gap`: titles count for less
    weights = every[todo]
    top = float(every.max()) or 1.0
    essential = ix.role_essential[r][todo]
    need = np.zeros(len(wanted))
    for o in later:
        need += np.isin(wanted, ix.role_skills[o])
    if later:
        need /= len(later)
    close = np.minimum(near, 1.0)
    value = np.round(weights / top + LATER_WEIGHT * need + CLOSENESS_WEIGHT * close, 6)
    ids = ix.skill_ids
    groups_of = _skill_groups_of(g, ix, wanted.tolist())
    if not _has_prerequisites(g):
        order = np.lexsort((wanted, -value, ~essential))
        firsts = [ids[s] for s in wanted[order][essential[order]].tolist()]
        rests = [ids[s] for s in wanted[order][~essential[order]].tolist()]
        stages = [st for st in (firsts, rests) if st]
        val = {ids[s]: float(v) for s, v in zip(wanted.tolist(), value.tolist(), strict=True)}
        ess = {ids[s]: bool(e) for s, e in zip(wanted.tolist(), essential.tolist(), strict=True)}
    else:
        val = {ids[s]: float(v) for s, v in zip(wanted.tolist(), value.tolist(), strict=True)}
        ess = {ids[s]: bool(e) for s, e in zip(wanted.tolist(), essential.tolist(), strict=True)}
        first = {s for s, e in ess.items() if e}
        first |= _prerequisites_among(g, first, set(ess))
        rank = {s: -v for s, v in val.items()}
        stages = []
        for part in (sorted(first), sorted(set(ess) - first)):
            if part:
                stages += _stages(g, part, rank).stages
    pos = ix.skill_pos
    groups: dict[str, list[str]] = {}
    for st in stages:
        for s in st:
            gid = groups_of[pos[s]][0]
            if gid is not None:
                groups.setdefault(gid, []).append(s)
    labels = {gid: groups_of[pos[m[0]]][1] for gid, m in groups.items()}
    tools = sorted(gid for gid, m in groups.items() if groups_of[pos[m[0]]][2])
    return LearningPlan(
        stages=stages,
        essential=[s for st in stages for s in st if ess[s]],
        values=val,
        group_members=groups,
        group_labels=labels,
        tool_classes=tools,
    )


def _has_prerequisites(g: SkillGraph) -> bool:
    return cached(
        g, "analysis_has_prerequisites", lambda h: next(h.iter_prerequisites(), None) is not None
    )


def _skill_groups(g: SkillGraph) -> list[tuple[str | None, str, bool]]:
    """Per skill position: (group id, label, whether its members are alternatives)."""
    return cached(g, "analysis_skill_groups", lambda h: [_group(h, s) for s in index(h).skill_ids])


def _skill_groups_of(
    g: SkillGraph, ix: Index, positions: list[int]
) -> Mapping[int, tuple[str | None, str, bool]] | list[tuple[str | None, str, bool]]:
    """``_skill_groups`` at ``positions`` at least: the whole list when it is at hand (built,
    or kept by the snapshot this graph was read from), else those skills' groups alone."""
    if at_hand(g, "analysis_skill_groups"):
        return _skill_groups(g)
    ids = ix.skill_ids
    return {p: _group(g, ids[p]) for p in positions}


def _prerequisites_among(g: SkillGraph, skills: set[str], among: set[str]) -> set[str]:
    """The transitive prerequisites of ``skills`` that lie in ``among``."""
    out: set[str] = set()
    stack = list(skills)
    seen: set[str] = set()
    while stack:
        s = stack.pop()
        for p in g.prerequisites_of(s):
            if p not in seen:
                seen.add(p)
                stack.append(p)
                if p in among:
                    out.add(p)
    return out


def _group(g: SkillGraph, skill: str) -> tuple[str | None, str, bool]:
    """(group id, label, whether its members are alternatives) of a skill."""
    title = g.skills[skill].attributes.get(TOOL_CLASS)
    if isinstance(title, str) and title:
        return f"tool-class:{title}", title, True
    broader = sorted(g.broader_of(skill))
    if broader:
        return broader[0], g.label(broader[0]), False
    return None, "", False


def _stages(g: SkillGraph, members: list[str], rank: dict[str, float]) -> LearningPlan:
    """``members`` in prerequisite stages, each stage ordered by ``rank`` then id."""
    ix = index(g, profiles=False)
    scores = np.zeros(ix.n_skills)
    pos = ix.skill_pos
    for s, v in rank.items():
        scores[pos[s]] = -v
    return plan_positions(g, ix, [pos[s] for s in members], [], scores)


def plan_positions(
    g: SkillGraph,
    ix: Index,
    wanted: list[int],
    held: list[int],
    scores: FloatArray | None = None,
) -> LearningPlan:
    """`learning_plan` on skill positions (no resolution).

    ``scores``: the adjacency scores of every skill to ``held``, when already computed.
    """
    if not wanted:
        return LearningPlan(stages=[])
    ids = ix.skill_ids
    members = {ids[s] for s in wanted}
    # prerequisite edges among the wanted skills, through any intermediate skill
    before: dict[str, set[str]] = {}
    store = store_of(g)
    for sid in members:
        before[sid] = (store.all_prerequisites(sid) & members) - {sid}
    stage_of: dict[str, int] = {}

    def stage(sid: str) -> int:
        # iterative longest-path level over the prerequisites (acyclic: refused on insert)
        todo = [sid]
        while todo:
            cur = todo[-1]
            if cur in stage_of:
                todo.pop()
                continue
            pending = sorted(p for p in before[cur] if p not in stage_of)
            if pending:
                todo.extend(pending)
                continue
            stage_of[cur] = 1 + max((stage_of[p] for p in before[cur]), default=-1)
            todo.pop()
        return stage_of[sid]

    for sid in sorted(members):
        stage(sid)
    if scores is None:
        scores = adjacency_scores(ix, adjacency(g), held)
    n_stages = 1 + max(stage_of.values())
    stages: list[list[str]] = [[] for _ in range(n_stages)]
    for s in sorted(members):
        stages[stage_of[s]].append(s)
    pos = ix.skill_pos
    for st in stages:
        st.sort(key=lambda s: (-float(scores[pos[s]]), s))
    return LearningPlan(stages=[st for st in stages if st])
