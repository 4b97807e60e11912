"""The model's plain vocabulary without pydantic: node types, skill kinds, reuse levels and
the node-id rule.

`skillgraph.model` defines its models on these and exports them under its own name; code
that needs only them (the streaming RDF converter, the ESCO conventions) imports this
module and so does not pay for importing pydantic and the models.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

__all__ = [
    "EDUCATION_ATTRIBUTE",
    "EDUCATION_NAMES",
    "ID_SPACE",
    "NodeType",
    "ReuseLevel",
    "SkillKind",
    "valid_id",
]

#: the role attribute holding its usual required level of education, 1-12 on O*NET's
#: scale (``skillgraph.io._onet_levels``); the viability of a move reads it
EDUCATION_ATTRIBUTE = "education_level"
#: O*NET's required-level-of-education categories, by number
EDUCATION_NAMES = {
    1: "less than a high school diploma",
    2: "a high school diploma",
    3: "a post-secondary certificate",
    4: "some college courses",
    5: "an associate's degree",
    6: "a bachelor's degree",
    7: "a post-baccalaureate certificate",
    8: "a master's degree",
    9: "a post-master's certificate",
    10: "a first professional degree",
    11: "a doctoral degree",
    12: "post-doctoral training",
}


class SkillKind(StrEnum):
    """What sort of skill a node is (ESCO's skill types, plus O*NET technology skills)."""

    SKILL = "skill"
    KNOWLEDGE = "knowledge"
    COMPETENCE = "competence"
    TECHNOLOGY = "technology"


class ReuseLevel(StrEnum):
    """How widely a skill applies, as in ESCO's skill reusability levels."""

    TRANSVERSAL = "transversal"
    CROSS_SECTOR = "cross-sector"
    SECTOR_SPECIFIC = "sector-specific"
    OCCUPATION_SPECIFIC = "occupation-specific"


class NodeType(StrEnum):
    """The type of a node in a `SkillGraph`."""

    SKILL = "skill"
    ROLE = "role"
    INDUSTRY = "industry"
    CLUSTER = "cluster"
    GROUP = "group"
    RESOURCE = "resource"


# public under skillgraph.model (documentation, pickles and reprs name it as before)
for _enum in (SkillKind, ReuseLevel, NodeType):
    _enum.__module__ = "skillgraph.model"

#: what a node id must not contain: the characters ``str.isspace()`` accepts
ID_SPACE = re.compile(r"\s")


def valid_id(value: Any) -> bool:
    """True when ``value`` is a valid node id (a non-empty ``str`` without white space)."""
    return type(value) is str and bool(value) and ID_SPACE.search(value) is None
