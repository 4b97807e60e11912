"""skillgraph: skills, roles and industries as a typed knowledge graph.

>>> import skillgraph as sg
>>> g = sg.load("demo")
>>> g.find("Software engineer").id
'demo:role/software-engineer'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    AmbiguousError,
    CycleError,
    DanglingReferenceError,
    DataWarning,
    DuplicateIdError,
    FormatError,
    IncompleteDataWarning,
    InvalidValueError,
    NotFoundError,
    OptionalDependencyError,
    OutputError,
    ResourceLimitError,
    SkillGraphError,
    SkillGraphWarning,
    UnsafeInputError,
    UnsupportedFormatError,
)
from .graph import SkillGraph
from .io import bundled, dumps, load, loads, read, write
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
from .results import (
    Gap,
    GapItem,
    InputMatch,
    InputReport,
    LearningPlan,
    Match,
    Move,
    MoveKind,
    Plan,
    Step,
)

if TYPE_CHECKING:
    from .text import Alignment, AlignmentRow, Phrase, TextMatch, TextMatches, align, read_alignment

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "AlignmentRow",
    "AmbiguousError",
    "Broader",
    "Cluster",
    "CycleError",
    "DanglingReferenceError",
    "DataWarning",
    "DuplicateIdError",
    "FormatError",
    "Gap",
    "GapItem",
    "IncompleteDataWarning",
    "Industry",
    "InputMatch",
    "InputReport",
    "InvalidValueError",
    "LearningPlan",
    "Match",
    "Move",
    "MoveKind",
    "Node",
    "NodeType",
    "NotFoundError",
    "OptionalDependencyError",
    "OutputError",
    "Phrase",
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
    "Step",
    "TextMatch",
    "TextMatches",
    "Translation",
    "UnsafeInputError",
    "UnsupportedFormatError",
    "__version__",
    "align",
    "bundled",
    "dumps",
    "formats",
    "json_schema",
    "load",
    "loads",
    "read",
    "read_alignment",
    "write",
]


_TEXT_NAMES = frozenset(
    {"Alignment", "AlignmentRow", "Phrase", "TextMatch", "TextMatches", "align", "read_alignment"}
)


def __getattr__(name: str) -> Any:
    """The free-text and alignment names, imported on first use (they load numpy/scipy)."""
    if name in _TEXT_NAMES:
        from . import text

        return getattr(text, name)
    raise AttributeError(f"module 'skillgraph' has no attribute {name!r}")


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
