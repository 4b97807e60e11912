"""Release tools: compare two graphs (``diff``), take a subset (``extract``), ``merge`` two.

They sit beside ``analysis`` and ``io``: they read graphs through the public
`skillgraph.SkillGraph` API and build new graphs with it.
"""

from __future__ import annotations

from .diff import diff
from .extract import extract
from .merge import merge, merge_with_report
from .report import (
    DiffReport,
    FieldChange,
    MergeConflict,
    MergeReport,
    NodeChange,
    NodeRef,
    Reidentified,
    Relation,
    RelationChange,
    Renamed,
    RequirementChange,
    RequirementRef,
    Retyped,
    RoleChurn,
)

__all__ = [
    "DiffReport",
    "FieldChange",
    "MergeConflict",
    "MergeReport",
    "NodeChange",
    "NodeRef",
    "Reidentified",
    "Relation",
    "RelationChange",
    "Renamed",
    "RequirementChange",
    "RequirementRef",
    "Retyped",
    "RoleChurn",
    "diff",
    "extract",
    "merge",
    "merge_with_report",
]
