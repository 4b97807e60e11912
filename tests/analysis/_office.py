"""An office of clerks and their head, of one ISCO group or none: the promotion tests."""

from __future__ import annotations

from collections.abc import Callable

import skillgraph as sg

CLERKS = [f"r:clerk{i}" for i in range(8)]


def _office(
    codes: dict[str, str], clerk: Callable[[int], list[int]], head: tuple[str, list[int]]
) -> sg.SkillGraph:
    g = sg.SkillGraph()
    for i in range(12):
        g.add(sg.Skill(id=f"s:{i}", label=f"skill {i}"))
    spec = {rid: (f"clerk {i}", clerk(i)) for i, rid in enumerate(CLERKS)}
    spec["r:head"] = head
    for rid, (label, skills) in spec.items():
        attrs = {"isco_code": codes[rid]} if rid in codes else {}
        g.add(sg.Role(id=rid, label=label, cluster="c:office", level=2, attributes=attrs))
        for k in skills:
            g.require(rid, f"s:{k}")
    return g


def office(codes: dict[str, str]) -> sg.SkillGraph:
    """Eight clerks (level 2) sharing most skills and a head of office (level 2, managerial:
    one seniority step up) sharing one of a clerk's five; ``codes``: ISCO codes by role id."""
    return _office(codes, lambda i: [0, 1, 2, 3, 4 + i % 4], ("head of office", [0, 8, 9, 10, 11]))


def split_office(codes: dict[str, str]) -> sg.SkillGraph:
    """Eight clerks sharing two skills and a head clerk sharing those two: with the head in
    a family of its own, clerk 0 -> head clerk falls between ``PROMOTION_SHARE`` x the
    threshold and the threshold."""
    return _office(codes, lambda i: [0, 1, 4 + i % 4, 8 + i % 4], ("head clerk", [0, 1, 8, 9, 10]))
