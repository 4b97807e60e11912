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
    CacheWarning,
    CycleError,
    DanglingReferenceError,
    DataWarning,
    DeprecatedVocabularyWarning,
    DuplicateIdError,
    EndpointError,
    FormatError,
    IncompleteDataWarning,
    InvalidValueError,
    MergeConflictError,
    NotFoundError,
    OptionalDependencyError,
    OutputError,
    ResourceLimitError,
    SkillGraphError,
    SkillGraphWarning,
    UninterpretedDataWarning,
    UnsafeInputError,
    UnsupportedFormatError,
)

if TYPE_CHECKING:
    from .checks import Problem, check_graph
    from .graph import SkillGraph
    from .io import bundled, dumps, load, loads, read, write
    from .io.endpoint import SparqlEndpoint
    from .io.store import Store
    from .learning import (
        Advice,
        AdviceOption,
        Aspiration,
        Catalogue,
        Delivery,
        EvidenceKind,
        HeldSkill,
        LearningResource,
        Outcomes,
        Preferences,
        Proficiency,
        Profile,
        ProfileHistory,
        Progress,
        ResourceKind,
        ResourcePlan,
        advise,
        bundled_catalogue,
        outcomes,
        plan_resources,
        read_catalogue,
        read_history,
        read_profile,
    )
    from .learning.tracking import progress
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
        Resource,
        ResourcePrerequisite,
        ReuseLevel,
        Role,
        Skill,
        SkillGroup,
        SkillKind,
        Teaching,
        Translation,
    )
    from .releases import DiffReport, MergeConflict, MergeReport
    from .releases.diff import diff
    from .releases.merge import merge, merge_with_report
    from .results import (
        Gap,
        GapItem,
        InputMatch,
        InputRejected,
        InputReport,
        LearningGroup,
        LearningItem,
        LearningPlan,
        LevelRaise,
        Match,
        Move,
        MoveKind,
        Plan,
        SkillHop,
        Step,
        Viability,
    )
    from .text import Alignment, AlignmentRow, Phrase, TextMatch, TextMatches, align, read_alignment
    from .workforce import (
        BatchResult,
        DemandSignals,
        Person,
        Workforce,
        batch_score,
        graph_tables,
    )

from .text import __all__ as _text_names

#: public name -> the module defining it, imported on first use: ``import skillgraph``
#: (and so the CLI's start-up) does not pay for pydantic, numpy or the readers until a
#: name that needs them is used
_LAZY = {
    **dict.fromkeys(["SkillGraph"], ".graph"),
    **dict.fromkeys(["Problem", "check_graph"], ".checks"),
    **dict.fromkeys(["bundled", "dumps", "load", "loads", "read", "write"], ".io"),
    "SparqlEndpoint": ".io.endpoint",
    "Store": ".io.store",
    **dict.fromkeys(
        [
            "Broader",
            "Cluster",
            "Industry",
            "Node",
            "NodeType",
            "Prerequisite",
            "Progression",
            "Related",
            "Requirement",
            "Resource",
            "ResourcePrerequisite",
            "ReuseLevel",
            "Role",
            "Skill",
            "SkillGroup",
            "SkillKind",
            "Teaching",
            "Translation",
        ],
        ".model",
    ),
    **dict.fromkeys(
        ["DiffReport", "MergeConflict", "MergeReport", "diff", "merge", "merge_with_report"],
        ".releases",
    ),
    **dict.fromkeys(
        [
            "Gap",
            "GapItem",
            "InputMatch",
            "InputRejected",
            "InputReport",
            "LearningPlan",
            "Match",
            "Move",
            "MoveKind",
            "Plan",
            "Step",
        ],
        ".results",
    ),
    **dict.fromkeys(["LearningGroup", "LearningItem", "LevelRaise", "Viability"], ".results"),
    "SkillHop": ".results",
    # the free-text and alignment names (they load numpy/scipy; the package's own list
    # costs nothing to import: skillgraph.text loads its modules on first use too)
    **dict.fromkeys(_text_names, ".text"),
    # the learner: resources, resource plans, profiles, progress and advice
    **dict.fromkeys(
        [
            "Advice",
            "AdviceOption",
            "Aspiration",
            "Catalogue",
            "Delivery",
            "EvidenceKind",
            "HeldSkill",
            "LearningResource",
            "Outcomes",
            "Preferences",
            "Proficiency",
            "Profile",
            "ProfileHistory",
            "Progress",
            "ResourceKind",
            "ResourcePlan",
            "advise",
            "bundled_catalogue",
            "outcomes",
            "plan_resources",
            "progress",
            "read_catalogue",
            "read_history",
            "read_profile",
        ],
        ".learning",
    ),
    # workforce analytics (numpy/scipy; pandas and dask only when asked for)
    **dict.fromkeys(
        ["BatchResult", "DemandSignals", "Person", "Workforce", "batch_score", "graph_tables"],
        ".workforce",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'skillgraph' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "0.1.0"

__all__ = [
    "Advice",
    "AdviceOption",
    "Alignment",
    "AlignmentRow",
    "AmbiguousError",
    "Aspiration",
    "BatchResult",
    "Broader",
    "CacheWarning",
    "Catalogue",
    "Cluster",
    "CycleError",
    "DanglingReferenceError",
    "DataWarning",
    "Delivery",
    "DemandSignals",
    "DeprecatedVocabularyWarning",
    "DiffReport",
    "DuplicateIdError",
    "EndpointError",
    "EvidenceKind",
    "FormatError",
    "Gap",
    "GapItem",
    "HeldSkill",
    "IncompleteDataWarning",
    "Industry",
    "InputMatch",
    "InputRejected",
    "InputReport",
    "InvalidValueError",
    "LearningGroup",
    "LearningItem",
    "LearningPlan",
    "LearningResource",
    "LevelRaise",
    "Match",
    "MergeConflict",
    "MergeConflictError",
    "MergeReport",
    "Move",
    "MoveKind",
    "Node",
    "NodeType",
    "NotFoundError",
    "OptionalDependencyError",
    "Outcomes",
    "OutputError",
    "Person",
    "Phrase",
    "Plan",
    "Preferences",
    "Prerequisite",
    "Problem",
    "Proficiency",
    "Profile",
    "ProfileHistory",
    "Progress",
    "Progression",
    "Related",
    "Requirement",
    "Resource",
    "ResourceKind",
    "ResourceLimitError",
    "ResourcePlan",
    "ResourcePrerequisite",
    "ReuseLevel",
    "Role",
    "Skill",
    "SkillGraph",
    "SkillGraphError",
    "SkillGraphWarning",
    "SkillGroup",
    "SkillHop",
    "SkillKind",
    "SparqlEndpoint",
    "Step",
    "Store",
    "Teaching",
    "TextMatch",
    "TextMatches",
    "Translation",
    "UninterpretedDataWarning",
    "UnsafeInputError",
    "UnsupportedFormatError",
    "Viability",
    "Workforce",
    "__version__",
    "advise",
    "align",
    "batch_score",
    "bundled",
    "bundled_catalogue",
    "check_graph",
    "diff",
    "dumps",
    "formats",
    "graph_tables",
    "json_schema",
    "load",
    "loads",
    "merge",
    "merge_with_report",
    "outcomes",
    "plan_resources",
    "progress",
    "read",
    "read_alignment",
    "read_catalogue",
    "read_history",
    "read_profile",
    "similarity_weights",
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


def similarity_weights() -> dict[str, float]:
    """The default weight of each role-similarity component (see docs/concepts.md).

    Pass a mapping with some of these names as ``weights=`` to ``SkillGraph.similar_roles``
    to change them; a weight of 0 removes a component.
    """
    from .analysis.similarity import similarity_weights as _weights

    return _weights()
