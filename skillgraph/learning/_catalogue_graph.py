"""Catalogues and graphs: a graph's learning resources as a `Catalogue`, and back.

A graph holds resources as nodes (`skillgraph.model.Resource`) with ``teaches`` and
``requires`` edges; a catalogue holds them as self-contained `LearningResource` records.
`from_graph` and `add_to` convert one way and the other; a catalogue whose resources list
what they teach and require in skill id order comes back equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError

from .._store import store_of
from ..errors import InvalidValueError
from ..model import Resource, ResourcePrerequisite, Teaching
from .resources import Catalogue, LearningResource

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["add_to", "from_graph"]

#: the fields a `Resource` node and a `LearningResource` share
_SHARED = (
    "id",
    "label",
    "provider",
    "url",
    "kind",
    "duration_hours",
    "cost",
    "level",
    "language",
    "delivery",
)


def from_graph(g: SkillGraph, currency: str | None = None) -> Catalogue:
    """The learning resources of ``g`` as a catalogue, by id (skills by id in each).

    ``currency`` defaults to the one the resources name (EUR when none does).

    Raises:
        InvalidValueError: a resource teaches nothing, teaches a skill it requires, or
            the resources name several currencies and ``currency`` is not given.
    """
    store = store_of(g)
    nodes = g.resources
    named = sorted({n.currency for n in nodes.values() if n.currency is not None})
    if currency is None:
        if len(named) > 1:
            raise InvalidValueError(
                f"the graph's resources cost in several currencies ({', '.join(named)}): "
                "give currency",
                field="currency",
            )
        currency = named[0] if named else "EUR"
    out: list[LearningResource] = []
    for rid in sorted(nodes):
        node = nodes[rid]
        taught = store.teaching_of(rid)
        fields = {name: getattr(node, name) for name in _SHARED}
        fields["teaches"] = [
            {"skill": s, "proficiency": taught[s].proficiency} for s in sorted(taught)
        ]
        fields["requires"] = sorted(store.resource_prerequisites_of(rid))
        try:
            out.append(LearningResource.model_validate(fields))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"]) or "teaches"
            raise InvalidValueError(
                f"resource {rid!r}: field {where!r}: {err['msg']}",
                id=rid,
                field=where,
                reason=err["msg"],
            ) from None
    return Catalogue(currency=currency, resources=out)


def add_to(catalogue: Catalogue, g: SkillGraph) -> None:
    """Add the resources of ``catalogue`` to ``g`` as nodes with their edges.

    Raises:
        DuplicateIdError: a resource id is already a node of ``g``.
        DanglingReferenceError: a resource names a skill ``g`` lacks (nothing is added).
    """
    catalogue.check(g)
    for r in catalogue.resources:
        if r.id in g:
            g.add(Resource(id=r.id, label=r.label))  # raises the graph's own error
    for r in catalogue.resources:
        fields = {name: getattr(r, name) for name in _SHARED}
        g.add(Resource(**fields, currency=catalogue.currency))
        for t in r.teaches:
            g.add(Teaching(resource=r.id, skill=t.skill, proficiency=t.proficiency))
        for s in r.requires:
            g.add(ResourcePrerequisite(resource=r.id, skill=s))
