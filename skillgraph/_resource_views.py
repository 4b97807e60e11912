"""The learning-resource edges of a `SkillGraph`: what a resource teaches and requires.

A mixin of `SkillGraph` (as `skillgraph._facade.Facade` is for the analyses), reading
through the store's documented read methods.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from ._store import store_of
from .model import NodeType, ResourcePrerequisite, Teaching

if TYPE_CHECKING:
    from .graph import SkillGraph

__all__ = ["ResourceViews"]


class ResourceViews:
    """What learning resources teach and require, as lists and sorted iterators."""

    @property
    def _graph(self) -> SkillGraph:
        return cast("SkillGraph", self)

    def teaching(self, resource: str) -> list[Teaching]:
        """What ``resource`` teaches, by skill id.

        Raises:
            NotFoundError: no resource has that id.
        """
        taught = store_of(self._graph).teaching_of(self._graph.resolve(resource, NodeType.RESOURCE))
        return [taught[s] for s in sorted(taught)]

    def resource_prerequisites(self, resource: str) -> list[str]:
        """The skills ``resource`` requires first, sorted.

        Raises:
            NotFoundError: no resource has that id.
        """
        rid = self._graph.resolve(resource, NodeType.RESOURCE)
        return sorted(store_of(self._graph).resource_prerequisites_of(rid))

    def iter_teaching(self) -> Iterator[Teaching]:
        """Every teaches edge, ordered by (resource, skill)."""
        store = store_of(self._graph)
        for r in sorted(self._graph.resources):
            taught = store.teaching_of(r)
            for s in sorted(taught):
                yield taught[s]

    def iter_resource_prerequisites(self) -> Iterator[ResourcePrerequisite]:
        """Every resource-requires-skill edge, ordered by (resource, skill)."""
        store = store_of(self._graph)
        for r in sorted(self._graph.resources):
            for s in sorted(store.resource_prerequisites_of(r)):
                yield ResourcePrerequisite(resource=r, skill=s)
