"""Learning plans: skills ordered by prerequisites, then by adjacency to what one has."""

from __future__ import annotations

from collections.abc import Iterable

from .._store import store_of
from ..graph import SkillGraph
from ..results import LearningPlan
from ._index import FloatArray, Index, index, resolve_skills
from .adjacency import adjacency, adjacency_scores

__all__ = ["learning_plan", "plan_positions"]


def learning_plan(
    g: SkillGraph, skills: str | Iterable[str], have: Iterable[str] | None = ()
) -> LearningPlan:
    """``skills`` grouped into stages, each stage after every prerequisite of its skills.

    A skill's prerequisites are taken transitively through the graph (also through skills
    outside ``skills``); only those among ``skills`` place it in a later stage. Skills on a
    prerequisite cycle share one stage and the cycle is reported in ``cycles``. Within a
    stage, skills more adjacent to ``have`` come first, then by id.

    Raises:
        NotFoundError: a skill cannot be resolved.
    """
    ix = index(g)
    wanted = resolve_skills(g, ix, skills)
    held = resolve_skills(g, ix, have)
    return plan_positions(g, ix, wanted, held)


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
    comps = _strongly_connected(sorted(members), before)
    comp_of = {s: i for i, comp in enumerate(comps) for s in comp}
    stage_of: dict[int, int] = {}

    def stage(c: int) -> int:
        # iterative longest-path level over the condensation (a DAG)
        todo = [c]
        while todo:
            cur = todo[-1]
            if cur in stage_of:
                todo.pop()
                continue
            preds = {comp_of[p] for s in comps[cur] for p in before[s]} - {cur}
            pending = [p for p in preds if p not in stage_of]
            if pending:
                todo.extend(sorted(pending))
                continue
            stage_of[cur] = 1 + max((stage_of[p] for p in preds), default=-1)
            todo.pop()
        return stage_of[c]

    for i in range(len(comps)):
        stage(i)
    if scores is None:
        scores = adjacency_scores(ix, adjacency(g), held)
    n_stages = 1 + max(stage_of.values())
    stages: list[list[str]] = [[] for _ in range(n_stages)]
    for s in sorted(members):
        stages[stage_of[comp_of[s]]].append(s)
    pos = ix.skill_pos
    for st in stages:
        st.sort(key=lambda s: (-float(scores[pos[s]]), s))
    cycles = sorted(sorted(c) for c in comps if len(c) > 1)
    return LearningPlan(stages=[st for st in stages if st], cycles=cycles)


def _strongly_connected(nodes: list[str], before: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan, iterative), each sorted, in a stable order."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index_of:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(before[root]))]
        index_of[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, succ = work[-1]
            if succ:
                w = succ.pop(0)
                if w not in index_of:
                    index_of[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, sorted(before[w])))
                elif w in on_stack:
                    low[v] = min(low[v], index_of[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index_of[v]:
                comp: list[str] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(sorted(comp))
    return out
