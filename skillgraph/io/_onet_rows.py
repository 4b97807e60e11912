"""O*NET rows to requirements and technology skills: the pure parts of the O*NET reader.

The mapping is described in `skillgraph.io.onet`; these functions build the trusted
models (`skillgraph._trusted.construct`) from values the reader has checked.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable
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
    technology_id,
)
from ._tabular import counted

__all__ = [
    "flag",
    "is_yes",
    "rating_requirements",
    "soc_code",
    "technology_requirements",
    "technology_rows",
    "technology_skill",
    "warn_unknown",
]

TECHNOLOGY_FILE = "Technology Skills.txt"
TECHNOLOGY_COLUMNS = (
    SOC_COLUMN,
    "Example",
    "Commodity Code",
    "Commodity Title",
    "Hot Technology",
    "In Demand",
)
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
    shown: dict[float, str] = {}  # an IM value (1-5) -> "=" and its importance, 3 decimals
    levels: dict[float, str] = {}  # an LV value -> "/" and it, 3 decimals
    for (rid, sid), entry in found.items():
        im, lv, dropped = entry[0], entry[1], entry[2]
        if im is not None:
            text = shown.get(im)
            if text is None:
                text = shown[im] = f"={(im - 1.0) / 4.0:.3f}"
            if lv is not None:
                level = levels.get(lv) if lv else None  # 0.0 == -0.0: not cached
                if level is None:
                    level = f"/{lv:.3f}"
                    if lv:
                        levels[lv] = level
                text += level
            items = ratings.get(rid)
            if items is None:
                items = ratings[rid] = []
            items.append(sid + text)
        if dropped or im is None or im < min_importance:
            continue
        importance = min(1.0, max(0.0, (im - 1.0) / 4.0))
        add((rid, sid, im >= ESSENTIAL_IM, importance, (lv, source, "IM")))
    return batch


def technology_skill(
    sid: str, label: str, hot: bool, demand: bool, commodity: tuple[str, str]
) -> Skill:
    """The technology skill ``sid`` from its merged rows (`technology_rows`)."""
    code, title = commodity
    attributes: dict[str, Any] = {"hot_technology": hot, "in_demand": demand}
    if code:
        attributes["commodity_code"] = code
    if title:
        attributes["commodity_title"] = title
    return construct(
        Skill,
        {
            "id": sid,
            "label": label,
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


def technology_rows(
    t: Table,
    known: dict[str, str],
    find: Callable[[Table, str, Counter[str]], str | None],
    unknown: Counter[str],
) -> tuple[dict[str, list[Any]], list[tuple[str, str, bool]]]:
    """The technology examples of the rows of ``Technology Skills.txt`` (skill id ->
    [label, hot, in demand, lowest (commodity code, title)], merged over its rows) and the
    (role, skill, in demand) of each row. A row's role is ``known.get(cell)`` or ``find(t,
    cell, unknown)`` (None: the row is skipped).

    Raises:
        FormatError: an invalid code, an empty example or a flag not Y / N (naming the
            file, line and column).
    """
    i_soc, i_example, i_code, i_title, i_hot, i_demand = (t.col(k) for k in TECHNOLOGY_COLUMNS)
    # sid -> [label, hot, demand, commodity], merged over the rows of one example
    techs: dict[str, list[Any]] = {}
    reqs: list[tuple[str, str, bool]] = []
    tech_ids: dict[str, str] = {}  # Example cell -> its skill id (rows repeat examples)
    flags = {"Y": True, "N": False}
    for row in t:
        cell = row[i_soc]
        rid = known.get(cell) or find(t, cell, unknown)
        if rid is None:
            continue
        cell = row[i_example]
        sid = tech_ids.get(cell)
        if sid is None:
            example = cell.strip()
            if not example:
                raise t.error("empty technology example", "Example")
            sid = tech_ids[cell] = technology_id(example)
        cell = row[i_hot]
        hot = flags.get(cell)
        if hot is None:
            hot = flag(t, cell, "Hot Technology")
        cell = row[i_demand]
        demand = flags.get(cell)
        if demand is None:
            demand = flag(t, cell, "In Demand")
        commodity = (row[i_code].strip(), row[i_title].strip())
        info = techs.get(sid)
        if info is None:
            techs[sid] = [row[i_example].strip(), hot, demand, commodity]
        else:
            if hot:
                info[1] = True
            if demand:
                info[2] = True
            if commodity < info[3]:
                info[3] = commodity
        reqs.append((rid, sid, demand))
    return techs, reqs


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
