"""The store as columns and plain lists: what the snapshot cache saves and restores.

Private to the store (``skillgraph._store``, which re-exports `StoreState`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import model
from ._nodes import LazyNodes
from ._requirements import RequirementColumns
from .model import Node

__all__ = ["StoreState", "Triple"]

#: an extra RDF triple (N-Triples terms)
Triple = tuple[str, str, str]


@dataclass
class StoreState:
    """The store as columns and plain lists (what the snapshot cache saves).

    ``nodes`` are models, or `LazyNodes` made on first read; ``requirements`` are columns
    (see `RequirementColumns`); ``related`` may make its models as it is iterated. Pairs
    are (from, to) node ids: broader (narrower, broader), prerequisites (skill,
    prerequisite), progressions (source, target).
    """

    nodes: Sequence[Node] | LazyNodes
    placeholders: list[str]
    requirements: RequirementColumns
    broader: list[tuple[str, str]]
    related: Iterable[model.Related]
    prerequisites: list[tuple[str, str]]
    progressions: list[tuple[str, str]]
    extra: list[Triple]
    #: learning resources' edges: what each teaches, and (resource, skill) it requires
    teaching: list[model.Teaching] = field(default_factory=list)
    resource_prerequisites: list[tuple[str, str]] = field(default_factory=list)
