"""skillgraph: skills, roles and industries as a typed knowledge graph.

>>> import skillgraph as sg
>>> g = sg.load("demo")
>>> g.find("Software engineer").id
'demo:role/software-engineer'
"""

from __future__ import annotations

from typing import Any

from .errors import (
    AmbiguousError,
    CycleError,
    DanglingReferenceError,
    DataWarning,
    DeprecatedVocabularyWarning,
    DuplicateIdError,
    EndpointError,
    FormatError,
    IncompleteDataWarning,
    InvalidValueError,
    NotFoundError,
    OutputError,
    ResourceLimitError,
    SkillGraphError,
    SkillGraphWarning,
    UninterpretedDataWarning,
    UnsafeInputError,
    UnsupportedFormatError,
)
from .graph import SkillGraph
from .io import bundled, dumps, load, loads, read, write
from .io.endpoint import SparqlEndpoint
from .io.store import Store
from .model import (
    Broader,
    Cluster,
    Industry,
    Node,
    NodeType,
    Prerequisite,
    Progression,
    Related,
    Requirement,
    ReuseLevel,
    Role,
    Skill,
    SkillGroup,
    SkillKind,
    Translation,
)
from .results import Gap, GapItem, LearningPlan, Match, Move, MoveKind, Plan, Step

__version__ = "0.1.0"

__all__ = [
    "AmbiguousError",
    "Broader",
    "Cluster",
    "CycleError",
    "DanglingReferenceError",
    "DataWarning",
    "DeprecatedVocabularyWarning",
    "DuplicateIdError",
    "EndpointError",
    "FormatError",
    "Gap",
    "GapItem",
    "IncompleteDataWarning",
    "Industry",
    "InvalidValueError",
    "LearningPlan",
    "Match",
    "Move",
    "MoveKind",
    "Node",
    "NodeType",
    "NotFoundError",
    "OutputError",
    "Plan",
    "Prerequisite",
    "Progression",
    "Related",
    "Requirement",
    "ResourceLimitError",
    "ReuseLevel",
    "Role",
    "Skill",
    "SkillGraph",
    "SkillGraphError",
    "SkillGraphWarning",
    "SkillGroup",
    "SkillKind",
    "SparqlEndpoint",
    "Step",
    "Store",
    "Translation",
    "UninterpretedDataWarning",
    "UnsafeInputError",
    "UnsupportedFormatError",
    "__version__",
    "bundled",
    "dumps",
    "formats",
    "json_schema",
    "load",
    "loads",
    "read",
    "write",
]


def formats() -> list[dict[str, Any]]:
    """Every registered format: name, description, suffixes, whether it reads and writes."""
    from .io import registry

    return [
        {
            "name": f.name,
            "description": f.description,
            "suffixes": list(f.suffixes),
            "read": f.reader is not None,
            "write": f.writer is not None,
        }
        for f in registry.formats()
    ]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the native format."""
    from .io.native import json_schema as _schema

    return _schema()
