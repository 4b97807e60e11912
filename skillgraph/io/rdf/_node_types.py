"""The RDF classes of the node kinds (rdf:type IRI -> node type), without the model.

The readers (`_nodes`, `_learning`) and the streaming converter (`_stream`) tell nodes
apart by these; this module imports no pydantic model, so the streaming path does not.
"""

from __future__ import annotations

from ..._kinds import NodeType
from . import _vocab as vocab

__all__ = ["COURSE", "LEARNING_RESOURCE", "NODE_TYPES", "RESOURCE_TYPES", "SCHEMA"]

SCHEMA = "http://schema.org/"
COURSE = SCHEMA + "Course"
LEARNING_RESOURCE = SCHEMA + "LearningResource"

#: the rdf:type IRIs of a learning resource
RESOURCE_TYPES: dict[str, NodeType] = {
    COURSE: NodeType.RESOURCE,
    LEARNING_RESOURCE: NodeType.RESOURCE,
}
#: The RDF classes of the node kinds.
NODE_TYPES: dict[str, NodeType] = {
    vocab.OCCUPATION: NodeType.ROLE,
    vocab.SKILL: NodeType.SKILL,
    vocab.SKILL_GROUP: NodeType.GROUP,
    vocab.ISCO_GROUP: NodeType.CLUSTER,
    vocab.CLUSTER: NodeType.CLUSTER,
    vocab.INDUSTRY: NodeType.INDUSTRY,
    **RESOURCE_TYPES,  # learning resources (read by `_learning`)
}
