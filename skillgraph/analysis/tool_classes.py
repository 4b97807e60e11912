"""Technology tool classes (O*NET's ``commodity_title``, a UNSPSC commodity such as
"Spreadsheet software"): holding one title of a class covers its other titles, as ``gap``
and the move costs count them (``analysis._gap_credit``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..graph import SkillGraph
from ..model import SkillKind

__all__ = ["TOOL_CLASS", "class_mates", "tool_class"]

TOOL_CLASS = "commodity_title"
"""The attribute of a technology skill naming its tool class (set by the O*NET reader)."""


def tool_class(g: SkillGraph, skill: str) -> str | None:
    """The tool class of the skill with id ``skill``: its ``commodity_title`` when it is
    a technology skill of ``g``, else None."""
    sk = g.skills.get(skill)
    if sk is None or sk.kind is not SkillKind.TECHNOLOGY:
        return None
    title = sk.attributes.get(TOOL_CLASS)
    return title if isinstance(title, str) and title else None


def class_mates(
    g: SkillGraph, skills: Iterable[str], among: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    """For each of ``skills`` (ids) in a tool class, the skills of ``among`` in the same
    class, itself left out, in ``among`` order; skills without mates are not keys."""
    members: dict[str, list[str]] = {}
    for s in dict.fromkeys(among):
        title = tool_class(g, s)
        if title is not None:
            members.setdefault(title, []).append(s)
    if not members:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for s in dict.fromkeys(skills):
        title = tool_class(g, s)
        mates = tuple(m for m in members.get(title, ()) if m != s) if title else ()
        if mates:
            out[s] = mates
    return out
