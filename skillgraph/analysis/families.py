"""Job families (a role with its senior and managerial variants) and seniority inside them.

A family is chosen by ``families``:

- ``"auto"``: the declared clusters when they look like families (see
  ``declared_are_families``), else ``"detected"``; the default of the move analyses
  (``upskill``, ``reskill``, ``classify``);
- ``"detected"`` (default): communities of the role-similarity graph (each role linked to
  its ``skillgraph.analysis.clusters.KNN`` most similar roles, Louvain, seeded). The
  similarity reads titles as well as skills, so "accountant" and "accounting manager",
  which ISCO files under different major groups, land in one family;
- ``"declared"``: each role's declared ``cluster`` (detected where none is declared);
- ``"isco-1"`` .. ``"isco-4"``: the role's ISCO-08 group at that many digits (ESCO's
  ``attributes["isco_code"]``);
- ``"soc-major"``, ``"soc-minor"``, ``"soc-broad"``: the role's SOC group from its
  O*NET-SOC ``code`` (``29-1141.00`` -> ``29-0000``, ``29-1000``, ``29-1140``; the
  minor group is keyed by the code's first four characters, so the three SOC 2018 minor
  groups ending in 100 / 200, such as 15-1200, are keyed ``15-1000``);
- a mapping of role id to family id, declared by the caller (roles it omits get their
  detected family).

Seniority (an integer, higher is more senior) comes from what the taxonomy holds:

1. the role's ``level`` (ESCO: the ISCO-08 skill level 1-4 of its major group; O*NET: the
   Job Zone 1-5; a declared level otherwise); a role without one takes the median level of
   its family (0 when nobody in the family has one);
2. plus one for a managerial or supervisory variant: a label naming one of
   ``MANAGERIAL_WORDS`` (manager, head, supervisor, ...);
3. declared progressions: the target of ``A progresses_to B`` ranks at least one above A
   (applied along the progression graph in topological order; roles on a progression cycle
   keep their own rank).

The **seniority jump** of a move A -> B (``seniority_jump``) is the change in seniority,
except that a move onto a managerial variant one level up counts once: ISCO files a
bricklaying supervisor one skill level above the bricklayer, O*NET most managers a Job
Zone above their staff, and the managerial word must not count the same step again (the
jump is one less when B's level is higher and B is a managerial variant where A is not,
one more when both are lower the other way round).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .._store import cached
from ..errors import InvalidValueError
from ..graph import SkillGraph
from ._index import index

__all__ = [
    "FAMILY_METHODS",
    "LADDER_SHARE",
    "MANAGERIAL_WORDS",
    "cluster_line",
    "declared_are_families",
    "families",
    "is_managerial",
    "seniority",
    "seniority_jump",
    "seniority_parts",
    "singular",
    "title_words",
]

FAMILY_METHODS = (
    "auto",
    "detected",
    "declared",
    "isco-1",
    "isco-2",
    "isco-3",
    "isco-4",
    "soc-major",
    "soc-minor",
    "soc-broad",
)
"""The named ways of choosing families (a mapping may be given instead)."""

MANAGERIAL_WORDS = frozenset(
    {
        "manager",
        "managers",
        "director",
        "directors",
        "head",
        "chief",
        "supervisor",
        "supervisors",
        "foreman",
        "forewoman",
        "lead",
        "leader",
        "superintendent",
        "senior",
    }
)
"""Words of a role label that mark a managerial or supervisory variant."""

LADDER_SHARE = 0.75
"""Share of declared clusters that must look like families for ``"auto"`` to use them."""

_WORD = re.compile(r"[^\W\d_]+")
_SOC_DIGITS = {"soc-major": 2, "soc-minor": 4, "soc-broad": 6}
_SOC_TEMPLATE = "00-0000"


def title_words(label: str) -> list[str]:
    """The words of a title, casefolded: runs of letters (digits and punctuation split
    them), as the family and ladder rules read titles."""
    return _WORD.findall(label.casefold())


def singular(word: str) -> str:
    """``word`` without a plural ``s`` (words of more than three letters not ending in
    "ss", "is" or "us": "nurses" -> "nurse", "business" and "analysis" stay)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "is", "us")):
        return word[:-1]
    return word


def is_managerial(label: str) -> bool:
    """Whether ``label`` names a managerial or supervisory role (``MANAGERIAL_WORDS``)."""
    return any(w in MANAGERIAL_WORDS for w in title_words(label))


def families(
    g: SkillGraph, families: str | Mapping[str, str] = "detected", *, seed: int = 0
) -> dict[str, str]:
    """Role id -> family id, ordered by role id (see the module documentation).

    Raises:
        InvalidValueError: ``families`` is not a known method or a mapping of strings, or
            no role holds the code an ``isco-*`` / ``soc-*`` method needs.
    """
    return _family_map(g, families, seed)


def _family_map(g: SkillGraph, families: str | Mapping[str, str], seed: int) -> dict[str, str]:
    ix = index(g, profiles=False)
    if isinstance(families, Mapping):
        for key, value in families.items():
            if not isinstance(key, str) or not isinstance(value, str) or not value:
                raise InvalidValueError(
                    f"families: a mapping of role id to family id (got {key!r}: {value!r})",
                    field="families",
                )
        unknown = sorted(k for k in families if k not in ix.role_pos)
        if unknown:
            raise InvalidValueError(
                f"families: not roles of the graph: {', '.join(unknown[:5])}", field="families"
            )
        detected = _detected(g, seed) if len(families) < ix.n_roles else {}
        return {r: families.get(r) or detected[r] for r in ix.role_ids}
    if families not in FAMILY_METHODS:
        raise InvalidValueError(
            f"families must be one of {', '.join(FAMILY_METHODS)} or a mapping (got {families!r})",
            field="families",
        )
    if families == "auto":
        families = "declared" if declared_are_families(g) else "detected"
    if families == "detected":
        detected = _detected(g, seed)
        return {r: detected[r] for r in ix.role_ids}
    roles = g.roles
    if families == "declared":
        declared = {r: roles[r].cluster for r in ix.role_ids}
        detected = _detected(g, seed) if None in declared.values() else {}
        return {r: c if c is not None else detected[r] for r, c in declared.items()}
    if families.startswith("isco-"):
        digits = int(families[-1])
        codes = {r: roles[r].attributes.get("isco_code") for r in ix.role_ids}
        prefix = "isco:"
    else:
        digits = _SOC_DIGITS[families]
        codes = {r: roles[r].code for r in ix.role_ids}
        prefix = "soc:"
    if not any(isinstance(c, str) and c for c in codes.values()):
        raise InvalidValueError(
            f"families={families!r}: no role of the graph holds the code it needs "
            f"({'attributes isco_code' if prefix == 'isco:' else 'an O*NET-SOC code'})",
            field="families",
        )
    detected = _detected(g, seed) if not all(codes.values()) else {}
    out: dict[str, str] = {}
    for r, code in codes.items():
        if isinstance(code, str) and code:
            key = code[:digits]
            if prefix == "soc:":
                key += _SOC_TEMPLATE[len(key) :]
            out[r] = prefix + key
        else:
            out[r] = detected[r]
    return out


def cluster_line(g: SkillGraph, cluster: str | None, role: str | None = None) -> set[str]:
    """``cluster`` with every cluster above or below it (empty for None): where a move
    away from a declining role's cluster must not land. With ``role`` (a role id of
    ``cluster``), also the clusters of its supervisors: the managerial roles one
    seniority step or more above it that are viable moves from it (``viable_move``) and
    whose cluster shares ``cluster``'s broader group (O*NET's First-Line Supervisors of
    Helpers, Laborers, and Material Movers, 53-1000, for the laborers of 53-7000, both
    in 53-0000): a promotion in the declining line is no way out of it."""
    if cluster is None:
        return set()
    line = {cluster} | g.ancestors(cluster) | g.descendants(cluster)
    parent = g.clusters[cluster].broader if cluster in g.clusters else None
    if role is None or parent is None:
        return line
    from .viability import mobility  # viability builds on this module

    mob, ix = mobility(g), index(g, profiles=False)
    a = ix.role_pos[role]
    for b in mob.viable_from(a)[0].tolist():
        other = g.roles[ix.role_ids[b]].cluster
        if (
            mob.managerial[b]
            and mob.jump(a, b) >= 1
            and other is not None
            and g.clusters[other].broader == parent
        ):
            line.add(other)
    return line


def declared_are_families(g: SkillGraph) -> bool:
    """Whether the declared clusters of ``g`` look like job families.

    They do when at least ``LADDER_SHARE`` of the clusters with two or more roles span more
    than one level (a ladder, not one grade of an occupational classification: ESCO's
    ISCO-3 groups each hold one skill level), and at least ``LADDER_SHARE`` of the clusters
    holding a managerial role also hold a non-managerial one (ISCO and SOC file managers in
    groups of their own). A graph where some role declares no cluster has none to use.
    Decided once per graph version.
    """
    return cached(g, "analysis_declared_are_families", _declared_are_families)


def _managerial(g: SkillGraph) -> dict[str, bool]:
    """Role id -> whether its label names a managerial variant (once per graph version)."""
    return cached(
        g,
        "analysis_managerial",
        lambda h: {rid: is_managerial(role.label) for rid, role in h.roles.items()},
    )


def _declared_are_families(g: SkillGraph) -> bool:
    managerial = _managerial(g)
    members: dict[str, list[tuple[int | None, bool]]] = {}
    for rid, role in g.roles.items():
        if role.cluster is None:
            return False
        members.setdefault(role.cluster, []).append((role.level, managerial[rid]))
    several = [m for m in members.values() if len(m) > 1]
    if not several:
        return False
    ladders = sum(1 for m in several if len({lv for lv, _ in m}) > 1)
    managed = [m for m in several if any(man for _, man in m)]
    mixed = sum(1 for m in managed if not all(man for _, man in m))
    return ladders >= LADDER_SHARE * len(several) and (
        not managed or mixed >= LADDER_SHARE * len(managed)
    )


def _detected(g: SkillGraph, seed: int) -> dict[str, str]:
    from .clusters import detect_clusters

    if seed == 0:
        return cached(g, "analysis_families", lambda h: detect_clusters(h, seed=0))
    return detect_clusters(g, seed=seed)


def seniority(
    g: SkillGraph, families: str | Mapping[str, str] = "detected", *, seed: int = 0
) -> dict[str, int]:
    """Role id -> seniority inside its family (see the module documentation).

    Raises:
        InvalidValueError: as ``families``.
    """
    return {r: parts[0] for r, parts in seniority_parts(g, families, seed=seed).items()}


def seniority_parts(
    g: SkillGraph, families: str | Mapping[str, str] = "detected", *, seed: int = 0
) -> dict[str, tuple[int, int, bool]]:
    """Role id -> (seniority, level, managerial): the seniority and the two parts a
    ``seniority_jump`` reads (the level as ranked, a family median where none is declared).

    Raises:
        InvalidValueError: as ``families``.
    """
    fam = _family_map(g, families, seed)
    roles = g.roles
    managerial = _managerial(g)
    by_family: dict[str, list[int]] = {}
    for r, f in fam.items():
        level = roles[r].level
        if level is not None:
            by_family.setdefault(f, []).append(level)
    out: dict[str, int] = {}
    levels: dict[str, int] = {}
    for r, f in fam.items():
        level = roles[r].level
        if level is None:
            known = sorted(by_family.get(f, []))
            level = known[(len(known) - 1) // 2] if known else 0
        levels[r] = level
        out[r] = level + (1 if managerial[r] else 0)
    for source, target in _progression_order(g):
        out[target] = max(out[target], out[source] + 1)
    return {r: (out[r], levels[r], managerial[r]) for r in fam}


def seniority_jump(a: tuple[int, int, bool], b: tuple[int, int, bool]) -> int:
    """The seniority jump of the move from a role with ``seniority_parts`` ``a`` to one
    with ``b`` (see the module documentation)."""
    jump = b[0] - a[0]
    if b[1] > a[1] and b[2] and not a[2]:
        return jump - 1
    if b[1] < a[1] and a[2] and not b[2]:
        return jump + 1
    return jump


def _progression_order(g: SkillGraph) -> list[tuple[str, str]]:
    """Progression edges in topological order of their sources (edges on cycles left out)."""
    edges = [(p.source, p.target) for p in g.iter_progressions()]
    indegree: dict[str, int] = {}
    succ: dict[str, list[str]] = {}
    for a, b in edges:
        succ.setdefault(a, []).append(b)
        indegree[b] = indegree.get(b, 0) + 1
        indegree.setdefault(a, 0)
    ready = sorted(n for n, d in indegree.items() if d == 0)
    order: list[tuple[str, str]] = []
    while ready:
        a = ready.pop(0)
        for b in sorted(succ.get(a, [])):
            order.append((a, b))
            indegree[b] -= 1
            if indegree[b] == 0:
                ready.append(b)
        ready.sort()
    return order
