"""O*NET rows to requirements and technology skills: the pure parts of the O*NET reader.

The mapping is described in `skillgraph.io.onet`; these functions build the trusted
models (`skillgraph._trusted.construct`) from values the reader has checked.
"""

from __future__ import annotations

import warnings
from collections import Counter
from typing import Any

from .._requirements import ValueRow
from ..errors import IncompleteDataWarning
from ..model import Skill, SkillKind
from ._build import construct
from ._csv import Table
from ._onet_codes import (
    CODE,
    ESSENTIAL_IM,
    OCCUPATIONS,
    SOC_COLUMN,
    TECH_IN_DEMAND,
    TECH_LISTED,
)
from ._tabular import counted

__all__ = [
    "flag",
    "is_yes",
    "rating_requirements",
    "soc_code",
    "technology_requirements",
    "technology_skill",
    "warn_unknown",
]

TECHNOLOGY_FILE = "Technology Skills.txt"
#: a requirement as the store's value row: (role, skill, essential, importance, (level,
#: source, scale))
Row = ValueRow


def flag(t: Table, value: str, column: str) -> bool:
    """A Y / N cell (empty is N).

    Raises:
        FormatError: any other value (naming the file, line and ``column``).
    """
    if value == "N" or value == "Y":
        return value == "Y"
    v = value.strip().upper()
    if v in ("Y", "N", ""):
        return v == "Y"
    raise t.error(f"expected Y or N, got {value!r}", column)


def soc_code(t: Table, value: str) -> str:
    """An O*NET-SOC code cell, stripped.

    Raises:
        FormatError: it is not a code like 15-1252.00 (naming the file, line and column).
    """
    code = value.strip()
    if not CODE.match(code):
        raise t.error(f"invalid O*NET-SOC code {code!r} (expected like 15-1252.00)", SOC_COLUMN)
    return code


def is_yes(cell: str) -> bool:
    """Whether a flag cell reads Y (any case, white space around)."""
    return cell == "Y" or (cell != "N" and cell.strip().upper() == "Y")


def rating_requirements(
    found: dict[tuple[str, str], list[Any]],
    ratings: dict[str, list[str]],
    min_importance: float,
    source: str,
) -> list[Row]:
    """The requirements (as store value rows) of the (role, element) -> [IM or None, LV or
    None, dropped, ...] ratings of one file; every published IM rating is also appended to
    the role's ``ratings``."""
    batch: list[Row] = []
    add = batch.append
    for (rid, sid), entry in found.items():
        im, lv, dropped = entry[0], entry[1], entry[2]
        if im is not None:
            item = f"{sid}={(im - 1.0) / 4.0:.3f}"
            ratings.setdefault(rid, []).append(item if lv is None else f"{item}/{lv:.3f}")
        if dropped or im is None or im < min_importance:
            continue
        importance = min(1.0, max(0.0, (im - 1.0) / 4.0))
        add((rid, sid, im >= ESSENTIAL_IM, importance, (lv, source, "IM")))
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


def technology_requirements(reqs: list[tuple[str, str, bool]]) -> list[Row]:
    """The requirements (as store value rows) of (role, technology skill, in demand) rows:
    ``scale = "In Demand"`` only on rows flagged In Demand (the importance comes from that
    flag); the others record the file alone."""
    in_demand = (None, TECHNOLOGY_FILE, "In Demand")
    listed = (None, TECHNOLOGY_FILE, None)
    return [
        (rid, sid, True, TECH_IN_DEMAND, in_demand)
        if demand
        else (rid, sid, False, TECH_LISTED, listed)
        for rid, sid, demand in reqs
    ]


def warn_unknown(file: str, unknown: Counter[str]) -> None:
    """One `IncompleteDataWarning` for the rows of ``file`` naming unknown occupations."""
    if not unknown:
        return
    warnings.warn(
        f"{file}: {len(unknown)} O*NET-SOC codes not in {OCCUPATIONS}, "
        f"{sum(unknown.values())} rows skipped: {counted(unknown, singular=False)}",
        IncompleteDataWarning,
        stacklevel=5,
    )
