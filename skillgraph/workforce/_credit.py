"""Which skills a person of a workforce is credited with: the ones they list and, when the
mode says so, the requirements of their current role (``Workforce(role_skills=...)``).

- ``"if-none-listed"`` (the default): a person who lists no skill is assumed to hold their
  current role's requirements (a roster of roles only still says who covers what); anyone
  who lists skills is counted on those that name a skill of the graph, so an incumbent's
  gaps in their own role show (one who lists only unknown skills is counted on none: a
  column of typos or another taxonomy's names must not read as full cover);
- ``"always"`` (or True): everyone is credited with their current role's requirements, as
  the move analyses credit a start role (an incumbent covers their role fully);
- ``"never"`` (or False): only the listed skills count.

Every answer says which people were assumed to hold their role's requirements.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Literal

from ..errors import InvalidValueError
from ..graph import SkillGraph
from .people import Person

__all__ = ["ROLE_SKILLS", "RoleSkills", "credited", "role_skills_mode"]

RoleSkills = Literal["if-none-listed", "always", "never"]
ROLE_SKILLS: tuple[RoleSkills, ...] = ("if-none-listed", "always", "never")
"""The modes of ``role_skills``, the default first."""


def role_skills_mode(value: object) -> RoleSkills:
    """``value`` as a mode of `ROLE_SKILLS` (True is ``"always"``, False ``"never"``).

    Raises:
        InvalidValueError: ``value`` is none of them.
    """
    if value is True:
        return "always"
    if value is False:
        return "never"
    for mode in ROLE_SKILLS:
        if value == mode:
            return mode
    raise InvalidValueError(
        f"role_skills must be one of {', '.join(map(repr, ROLE_SKILLS))}, True or False "
        f"(got {value!r})",
        field="role_skills",
    )


def credited(
    g: SkillGraph,
    people: Iterable[Person],
    mode: RoleSkills,
    listed: Collection[str] = (),
) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """Each person's credited skills (their own, then the role's requirements they were
    assumed to hold) and the ids of the people assumed to hold some, in ``people`` order.

    ``listed``: ids of people who listed skills that named nothing of the graph (they
    listed skills, so ``"if-none-listed"`` does not credit them)."""
    required: dict[str, list[str]] = {}  # a role's skills, sorted, read once for its holders
    held: dict[str, tuple[str, ...]] = {}
    assumed: list[str] = []
    for p in people:
        held[p.id] = p.skills
        if (
            p.role is None
            or mode == "never"
            or (mode == "if-none-listed" and (p.skills or p.id in listed))
        ):
            continue
        skills = required.get(p.role)
        if skills is None:
            skills = required[p.role] = sorted({r.skill for r in g.requirements(p.role)})
        own = set(p.skills)
        extra = [s for s in skills if s not in own]
        if extra:
            held[p.id] = (*p.skills, *extra)
            assumed.append(p.id)
    return held, assumed
