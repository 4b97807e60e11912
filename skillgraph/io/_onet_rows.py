"""O*NET rows to requirements and technology skills: the pure parts of the O*NET reader.

The mapping is described in `skillgraph.io.onet`; these functions build the trusted
models (`skillgraph._trusted.construct`) from values the reader has checked.
"""

from __future__ import annotations

from typing import Any

from ..model import Requirement, Skill, SkillKind
from ._build import construct
from ._csv import Table
from ._onet_codes import ESSENTIAL_IM, TECH_IN_DEMAND, TECH_LISTED

__all__ = ["flag", "rating_requirements", "technology_requirements", "technology_skill"]

TECHNOLOGY_FILE = "Technology Skills.txt"


def flag(t: Table, value: str, column: str) -> bool:
    """A Y / N cell (empty is N).

    Raises:
        FormatError: any other value (naming the file, line and ``column``).
    """
    v = value.strip().upper()
    if v in ("Y", "N", ""):
        return v == "Y"
    raise t.error(f"expected Y or N, got {value!r}", column)


def rating_requirements(
    found: dict[tuple[str, str], list[Any]],
    ratings: dict[str, list[str]],
    min_importance: float,
    source: str,
) -> list[Requirement]:
    """The requirements of the (role, element) -> [IM or None, LV or None, dropped] ratings
    of one file; every published IM rating is also appended to the role's ``ratings``."""
    batch: list[Requirement] = []
    add = batch.append
    for (rid, sid), (im, lv, dropped) in found.items():
        if im is not None:
            item = f"{sid}={(im - 1.0) / 4.0:.3f}"
            ratings.setdefault(rid, []).append(item if lv is None else f"{item}/{lv:.3f}")
        if dropped or im is None or im < min_importance:
            continue
        add(
            construct(
                Requirement,
                {
                    "role": rid,
                    "skill": sid,
                    "essential": im >= ESSENTIAL_IM,
                    "importance": min(1.0, max(0.0, (im - 1.0) / 4.0)),
                    "level": lv,
                    "source": source,
                    "scale": "IM",
                },
            )
        )
    return batch


def technology_skill(sid: str, info: dict[str, Any]) -> Skill:
    """The technology skill ``sid`` from its merged rows (label, hot, demand, commodity)."""
    code, title = info["commodity"]
    attributes: dict[str, Any] = {"hot_technology": info["hot"], "in_demand": info["demand"]}
    if code:
        attributes["commodity_code"] = code
    if title:
        attributes["commodity_title"] = title
    return construct(
        Skill,
        {
            "id": sid,
            "label": info["label"],
            "kind": SkillKind.TECHNOLOGY,
            "attributes": attributes,
        },
    )


def technology_requirements(reqs: list[tuple[str, str, bool]]) -> list[Requirement]:
    """The requirements of (role, technology skill, in demand) rows."""
    return [
        construct(
            Requirement,
            {
                "role": rid,
                "skill": sid,
                "essential": demand,
                "importance": TECH_IN_DEMAND if demand else TECH_LISTED,
                "source": TECHNOLOGY_FILE,
                "scale": "In Demand",
            },
        )
        for rid, sid, demand in reqs
    ]
