"""Explanation text of career moves: plans (upskilling, reskilling) and classified moves."""

from __future__ import annotations

import numpy as np

from .._kinds import EDUCATION_NAMES
from .._labels import distinct_labels
from ..graph import SkillGraph
from ..results import LevelRaise, MoveKind, Step
from ._index import Index
from ._ratings import RATINGS_ATTRIBUTE
from .viability import MAX_EDUCATION_STEP, MAX_SENIORITY_JUMP, PROMOTION_SHARE, Mobility

__all__ = [
    "DIRECT_BOUND",
    "KIND_TABLE",
    "classify_text",
    "direct_reason",
    "direct_text",
    "family_label",
    "names",
    "progress_text",
    "promotion_rule",
    "purpose_text",
    "raise_names",
    "reskill_text",
    "step_down",
    "unrated_note",
    "unreachable_text",
    "upskill_text",
]

_SHOW = 4
_DOWN = "a step down "

KIND_TABLE: dict[MoveKind, dict[str, str]] = {
    MoveKind.UPSKILLING: {
        "purpose": "grow in the current occupation: deepen and extend the skills of one trade "
        "to advance to a more senior or managerial role of the same family or occupational "
        "group",
        "suits": "someone who likes their field and wants promotion, more responsibility or "
        "to keep up with new tools",
        "application": "g.upskill(role, have=..., k=...): a few short plans of viable steps "
        "up the family's ladder",
        "outcome": "a ranked list of plans, each a few steps, each step with its skills to learn",
    },
    MoveKind.LATERAL: {
        "purpose": "change speciality inside the current family, at the same (or a lower) "
        "seniority",
        "suits": "someone who wants a different speciality, workplace or pace without "
        "changing trade",
        "application": "g.upskill(role, lateral=True): sideways plans inside the family, "
        "labelled lateral",
        "outcome": "plans whose steps stay in the family at the start's seniority",
    },
    MoveKind.RESKILLING: {
        "purpose": "change occupation: move into a different job family, often because the "
        "current one is shrinking or no longer fits",
        "suits": "someone whose job is at risk, a career changer, a returner, someone moving "
        "into a growing sector",
        "application": "g.reskill(role, target, have=...): the path of viable steps through "
        "bridge roles that asks the least learning, beside the direct move onto the target",
        "outcome": "one plan: each step lists the skills that transfer and the skills to "
        "acquire, or the closest stepping stones when no viable path exists",
    },
}
"""Per kind of move: its purpose, who it suits, the query that plans it and what it returns."""


def names(g: SkillGraph, ids: list[str], n: int = _SHOW) -> str:
    """The labels of the first ``n`` of ``ids`` (two alike told apart by kind), with how
    many more there are."""
    label = distinct_labels(g, ids[:n])
    shown = ", ".join(label[i] for i in ids[:n])
    more = len(ids) - n
    return shown + (f" and {more} more" if more > 0 else "")


def cluster_label(g: SkillGraph, c: str | None) -> str:
    """The label of cluster ``c`` ("no cluster" for None)."""
    return "no cluster" if c is None else g.label(c)


def _split(learn: list[str], raises: list[LevelRaise]) -> tuple[list[str], list[LevelRaise]]:
    """``learn`` as (new skills, raises to the level needed), each in ``learn``'s order (a
    skill held at the level needed is not to learn: ``_gap_levels.at_level_cover``)."""
    by = {x.skill: x for x in raises}
    return [s for s in learn if s not in by], [by[s] for s in learn if s in by]


def raise_names(g: SkillGraph, items: list[LevelRaise], n: int = _SHOW) -> str:
    """The first ``n`` raises as "Foreign Language 1.23 -> 1.28", with how many more."""
    label = distinct_labels(g, [x.skill for x in items[:n]])
    shown = []
    for x in items[:n]:
        needed = "" if x.needed is None else f"{x.needed:.2f}"
        if x.held is None:
            shown.append(f"{label[x.skill]} to {needed or 'the level needed'}")
        else:
            shown.append(f"{label[x.skill]} {x.held:.2f} -> {needed or 'the level needed'}")
    more = len(items) - n
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def unrated_note(g: SkillGraph, a: str, b: str) -> str:
    """A note when role ``b`` has rated skills (O*NET's ``ratings``) and role ``a`` none:
    none of ``a``'s skills can then count as held at a rated level."""
    rated = [RATINGS_ATTRIBUTE in g.roles[r].attributes for r in (a, b)]
    if rated[0] or not rated[1]:
        return ""
    return (
        f"; {g.label(a)} has no skill or knowledge ratings in the data, so none of the "
        f"rated skills of {g.label(b)} count as held"
    )


def _learn_text(g: SkillGraph, steps: list[Step]) -> str:
    learn = [x for st in steps for x in st.learn]
    new, up = _split(learn, [x for st in steps for x in st.raises])
    parts = [f"acquire {names(g, new)}"] if new else []
    if up:
        parts.append(f"raise {raise_names(g, up)} (skills held at a lower rated level)")
    return "; ".join(parts) if parts else "your current skills already cover it"


def _acquire_text(g: SkillGraph, step: Step) -> str:
    """A classified move's skills to learn: new ones and raises."""
    learn = step.learn
    if not step.raises:
        return f"{len(learn)} to acquire" + (f" (e.g. {names(g, learn, 3)})" if learn else "")
    new, up = _split(learn, step.raises)
    parts = [f"{len(new)} new" + (f" (e.g. {names(g, new, 3)})" if new else "")]
    if up:
        parts.append(f"{len(up)} to raise from a lower rated level (e.g. {raise_names(g, up, 3)})")
    return f"{len(learn)} to learn: " + ", ".join(parts)


def step_down(g: SkillGraph, ix: Index, mob: Mobility, a: int, b: int) -> str:
    """ "a step down (seniority 4 -> 3, level 4 -> 3, ...)" when ``a -> b`` (role
    positions) lowers the seniority, the declared level (O*NET: Job Zone; ESCO: ISCO skill
    level) or the usual education and raises none of them, else ""."""
    sa, sb = int(mob.seniority[a]), int(mob.seniority[b])
    la, lb = ix.levels[a], ix.levels[b]
    ea, eb = int(mob.education[a]), int(mob.education[b])
    pairs = [(sa, sb, f"seniority {sa} -> {sb}")]
    if la is not None and lb is not None:
        pairs.append((la, lb, f"level {la} -> {lb}"))
    if ea and eb:
        pairs.append((ea, eb, f"education {EDUCATION_NAMES[ea]} -> {EDUCATION_NAMES[eb]}"))
    falls = [text for x, y, text in pairs if y < x]
    if not falls or any(y > x for x, y, _ in pairs) or mob.jump(a, b) > 0:
        return ""
    return f"{_DOWN}({', '.join(falls)})"


def family_label(g: SkillGraph, ix: Index, mob: Mobility, r: int) -> str:
    """The label of role ``r``'s family: its cluster's label when it is a cluster of the
    graph; else its id and the member most connected inside it (viable moves from and to
    other members), as ``detected:25: shop assistant and 48 more``: a detected family has
    no label of its own."""
    family = mob.family_ids[r]
    if family in g:
        return g.label(family)
    same = mob.family == mob.family[r]
    members = np.flatnonzero(same).tolist()

    def links(m: int) -> int:  # viable moves from and to other members
        out = mob.a.indices[mob.a.indptr[m] : mob.a.indptr[m + 1]]
        into = mob.at.indices[mob.at.indptr[m] : mob.at.indptr[m + 1]]
        return int(same[out].sum() + same[into].sum())

    top = min(members, key=lambda m: (-links(m), ix.role_ids[m]))
    more = len(members) - 1
    return f"{family}: {g.label(ix.role_ids[top])}" + (f" and {more} more" if more else "")


#: a move up whose jump is 0: one skill level up onto a managerial or senior role
_ONE_STEP_COUNTED_ONCE = (
    "one level up onto a managerial or senior role (the level and the title's step count "
    "once: no seniority jump)"
)


def _levels_up(jump: int, *, up: bool = False) -> str:
    """``jump`` seniority levels up, as the explanations say it; ``up`` for a move to a more
    senior role (upskilling), whose jump is 0 when the managerial step counts once."""
    if jump <= 0:
        return _ONE_STEP_COUNTED_ONCE if up else "at the same seniority"
    return f"{jump} seniority level{'s' if jump != 1 else ''} up"


def seniority_change(mob: Mobility, a: int, b: int) -> str:
    """ "seniority 1 -> 3" of the move ``a -> b`` (role positions), with the jump the
    viability counts when it differs from the difference, on the same scale: a senior or
    managerial title one skill level up counts once (``families.seniority_jump``)."""
    sa, sb = int(mob.seniority[a]), int(mob.seniority[b])
    text = f"seniority {sa} -> {sb}"
    jump = mob.jump(a, b)
    if jump == sb - sa:
        return text
    return (
        f"{text}, a jump of {jump:+d}: the higher skill level and the senior or managerial "
        "title count as one step"
    )


def promotion_rule(group: str) -> str:
    """The rule of a viable promotion inside the occupational group ``group``."""
    return f"a promotion inside {group} (one seniority step up in the same occupational group)"


def upskill_text(
    g: SkillGraph,
    start: str,
    steps: list[Step],
    gain: int,
    kind: MoveKind,
    *,
    promotion: tuple[str, str] | None = None,
    up: str | None = None,
    down: str = "",
) -> str:
    """The explanation of an upskilling or lateral plan from ``start`` along ``steps``;
    ``gain`` is the seniority jump start -> target as the viability judges it
    (`skillgraph.analysis.viability.Mobility.jump`); ``promotion``: (occupational group,
    target family label) of growth into another job family (a viable promotion, a step up the
    start's line); ``up``: why the
    target is a step up (``_ladder.Ladder.reason``); ``down``: the `step_down` of start ->
    target."""
    last = steps[-1]
    via = [st.label for st in steps[:-1]]
    head = "Upskilling" if kind is MoveKind.UPSKILLING else "Lateral move"
    where = _levels_up(gain, up=kind is MoveKind.UPSKILLING)
    if promotion is None:
        stays = "stays in the same role family"
    else:
        stays = f"is {promotion[0]}, into another job family ({promotion[1]})"
    text = f"{head}: {g.label(start)} -> {last.label} {stays}, {where}"
    if down:
        text += f", {down}"
    if up:
        text += f"; {up}"
    if via:
        text += f", via {', '.join(via)}"
    text += f"; {len(steps)} viable step{'s' if len(steps) > 1 else ''}"
    n = len(last.transferable)
    text += f"; {_learn_text(g, steps)}; {n} of its skills transfer{'s' * (n == 1)}."
    return text


DIRECT_BOUND = 1.25
"""A reskilling route asking more than this many times the direct move's learning says
so, and recommends weighing the direct retraining."""


def progress_text(
    g: SkillGraph, bridges: list[Step], gains: list[list[str]], exact: bool = True
) -> str:
    """What each bridge of a route brings: the target skills it is the first to require;
    for one that brings none, why it is there (``exact``: the search was exact)."""
    parts = []
    for b, new in zip(bridges, gains, strict=True):
        if new:
            shown = names(g, new, 2)
            parts.append(f"{b.label} brings {len(new)} of the target's skills ({shown})")
        elif exact:
            parts.append(
                f"{b.label} brings none of the target's skills (a stepping stone: the viable "
                "routes found without such a bridge ask more learning)"
            )
        else:
            parts.append(f"{b.label} brings none of the target's skills (a stepping stone)")
    return "; what each bridge brings: " + ", ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def direct_reason(mob: Mobility, a: int, b: int, has_requirements: bool) -> str:
    """Why the move ``a -> b`` (role positions; ``has_requirements``: whether ``b`` has any)
    is not among ``mob``'s viable moves, from what the mobility holds, without the
    similarity profiles: the bars of target, seniority and education it fails, else the
    similarity bar (the threshold, or the floor of a promotion), the one it then fails."""
    reasons = [] if has_requirements else ["the target role has no requirements"]
    jump = mob.jump(a, b)
    if abs(jump) > MAX_SENIORITY_JUMP:
        reasons.append(
            f"a seniority jump of {jump:+d}, more than the ±{MAX_SENIORITY_JUMP} of a viable move"
        )
    ea, eb = int(mob.education[a]), int(mob.education[b])
    if ea and eb and eb - ea > MAX_EDUCATION_STEP:
        reasons.append(
            f"{eb - ea} levels of education up, to {EDUCATION_NAMES[eb]}, more than the "
            f"{MAX_EDUCATION_STEP} of a viable move"
        )
    if reasons:
        return "; ".join(reasons)
    if mob.promotion(a, b):
        floor = PROMOTION_SHARE * mob.threshold
        return (
            f"a promotion inside {mob.group[a]} with similarity under {PROMOTION_SHARE:g} x "
            f"the threshold, {floor:.3f}"
        )
    return f"similarity under the threshold {mob.threshold:.3f}"


def direct_text(g: SkillGraph, steps: list[Step], direct: Step, why: str) -> str:
    """How the route ``steps`` compares in learning with the ``direct`` move onto its goal;
    ``why``: the reason the direct move is not viable (ignored when it is)."""
    route = sum(len(st.learn) for st in steps)
    need = len(direct.learn)
    how = "viable on its own" if direct.viable else f"not viable as one move: {why}"
    text = (
        f"; the route asks {_plural(route, 'skill')} to learn in all, the direct move onto "
        f"{direct.label} {need} ({how})"
    )
    if len(steps) > 1 and route > DIRECT_BOUND * max(need, 1):
        text += (
            f"; the route asks {route / max(need, 1):.1f}x the direct move's learning "
            f"(bridges that bring none of the target's skills, or lie outside the role "
            f"before's nearest viable moves, priced higher): weigh retraining directly "
            f"as {direct.label}"
        )
    return text


def reskill_text(
    g: SkillGraph,
    start: tuple[str, str | None],
    steps: list[Step],
    target: tuple[str, str],
    gains: list[list[str]],
    direct: tuple[Step, str, bool],
    down: str = "",
) -> str:
    """The explanation of a reskilling plan that reaches its target (``start``: the start
    role and its cluster; ``target``: its kind and id; ``gains``: per bridge, the target
    skills it is the first on the path to require; ``direct``: the direct move onto the
    plan's last role, why it is not viable (when it is not) and whether the search was
    exact; ``down``: the `step_down` of start -> last role)."""
    kind, tid = target
    sid, start_cluster = start
    last = steps[-1]
    if start_cluster is not None and start_cluster == last.cluster:
        text = (
            f"Reskilling into a neighbouring job family of the same cluster "
            f"({cluster_label(g, start_cluster)}): {g.label(sid)} -> {last.label}, a near-"
            "lateral change of speciality"
        )
    else:
        text = (
            f"Reskilling: {g.label(sid)} ({cluster_label(g, start_cluster)}) -> "
            f"{last.label} ({cluster_label(g, last.cluster)})"
        )
    if kind != "role":
        text += f", the role of {kind} {g.label(tid)} reached with the least learning"
    if down:
        text += f"; {down}"
    bridges = steps[:-1]
    if bridges:
        text += "; bridge role" + ("s " if len(bridges) > 1 else " ")
        text += ", ".join(f"{b.label} ({cluster_label(g, b.cluster)})" for b in bridges)
        text += (
            "; route chosen for the least learning over viable steps, a bridge bringing "
            "none of the target's skills or outside the role before's nearest viable moves "
            "priced higher"
        )
        text += progress_text(g, bridges, gains, direct[2])
    else:
        text += "; a direct move, viable on its own"
    text += f"; {len(steps)} viable step{'s' if len(steps) > 1 else ''}"
    if bridges:
        text += direct_text(g, steps, direct[0], direct[1])
    n = len(last.transferable)
    text += f"; {n} skill{'s' * (n != 1)} transfer{'s' * (n == 1)} to the target"
    text += f"; {_learn_text(g, steps)}."
    return text


def unreachable_text(
    g: SkillGraph, start: str, target: str, steps: list[Step], max_steps: int, closeness: float
) -> str:
    """The explanation of a reskilling plan that finds no viable path to ``target``."""
    text = (
        f"No viable path: no chain of at most {max_steps} viable moves leads from "
        f"{g.label(start)} to {g.label(target)}"
    )
    if steps:
        path = " -> ".join(st.label for st in steps)
        text += (
            f"; the closest viable stepping stone is {steps[-1].label} (similarity "
            f"{closeness:.3f} to the target), via {path}; {_learn_text(g, steps)}"
        )
    else:
        text += f"; {g.label(start)} has no viable move at all"
    return text + "."


def purpose_text(kind: MoveKind, same_cluster: bool) -> str:
    """The purpose of a classified move of ``kind``; a reskilling move inside one cluster
    (another job family of the same occupational group) is a near-lateral change."""
    if kind is MoveKind.RESKILLING and same_cluster:
        return (
            "Reskilling: change speciality into a neighbouring job family of the same "
            "occupational group (cluster), a near-lateral move."
        )
    return f"{kind.value.capitalize()}: {KIND_TABLE[kind]['purpose']}."


def classify_text(
    g: SkillGraph,
    kind: MoveKind,
    labels: tuple[str, str],
    families: tuple[str, str],
    seniority: tuple[int, int],
    step: Step,
    viability: str,
    jump: int,
    *,
    promotion: str | None = None,
    down: str = "",
    note: str = "",
) -> tuple[str, str]:
    """(objective, explanation) of a classified move; ``jump`` is its seniority jump as the
    viability judges it (`skillgraph.analysis.viability.Mobility.jump`: a managerial variant
    one level up counts once), which the objective states; ``promotion``: the rule of an
    upskilling move into another job family (a viable promotion, a step up the line);
    ``down``: its `step_down`, which both state; ``note``: appended to the skills to
    learn (`unrated_note`)."""
    la, lb = labels
    if kind is MoveKind.RESKILLING:
        objective = f"Take up a new occupation: from {la} to {lb}, in another job family."
        rule = f"{la} and {lb} are in different job families ({families[0]}, {families[1]})"
    elif promotion is not None:
        objective = f"Grow from {la} to {lb}: {promotion}, {_levels_up(jump, up=True)}."
        rule = (
            f"{promotion}, growth in one's role although the job families "
            f"differ ({families[0]}, {families[1]}), seniority {seniority[0]} -> {seniority[1]}"
        )
    elif kind is MoveKind.UPSKILLING:
        objective = f"Grow from {la} to {lb} in the same family, {_levels_up(jump, up=True)}."
        rule = f"same job family ({families[0]}), seniority {seniority[0]} -> {seniority[1]}"
    elif down:
        objective = f"Step down from {la} to {lb} in the same family {down.removeprefix(_DOWN)}."
        rule = f"same job family ({families[0]}), seniority {seniority[0]} -> {seniority[1]}"
    else:
        objective = f"Move sideways from {la} to {lb} in the same family" + (
            "." if jump == 0 else f", {-jump} seniority level{'s' if jump < -1 else ''} down."
        )
        rule = f"same job family ({families[0]}), seniority {seniority[0]} -> {seniority[1]}"
    if down:
        if not objective.startswith("Step down"):
            objective = f"{objective[:-1]}: {down}."
        rule += f"; {down}"
    explanation = (
        f"{kind.value.capitalize()}: {rule}; {viability}; "
        f"{len(step.transferable)} skill{'s' * (len(step.transferable) != 1)} "
        f"transfer{'s' * (len(step.transferable) == 1)}"
        + (f" (e.g. {names(g, step.transferable, 3)})" if step.transferable else "")
        + f"; {_acquire_text(g, step)}{note}; cost {step.cost:.2f}."
    )
    return objective, explanation
