"""RDF namespaces and terms of the skillgraph vocabulary (see docs/vocabulary.md).

Plain IRI strings (for fast comparison while reading) and their pyoxigraph ``NamedNode``
forms (for writing).
"""

from __future__ import annotations

import pyoxigraph as ox

from .._esco_conventions import ESCO_MODEL as ESCO

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"
SG = "https://w3id.org/skillgraph/vocab#"
#: Ids that are not valid IRIs are written as this namespace + the percent-encoded id.
SG_ID = "https://w3id.org/skillgraph/id/"

#: prefixes declared in every output (a graph's own prefixes are added after these)
STANDARD_PREFIXES: dict[str, str] = {
    "dcterms": DCTERMS,
    "esco": ESCO,
    "owl": OWL,
    "rdf": RDF,
    "sg": SG,
    "skos": SKOS,
    "xsd": XSD,
}

TYPE = RDF + "type"

# classes
OCCUPATION = ESCO + "Occupation"
SKILL = ESCO + "Skill"
SKILL_GROUP = ESCO + "SkillGroup"
ISCO_GROUP = ESCO + "ISCOGroup"
CONCEPT = SKOS + "Concept"
CLUSTER = SG + "Cluster"
INDUSTRY = SG + "Industry"
REQUIREMENT = SG + "Requirement"
ONTOLOGY = SG + "Ontology"

# labels and notes
PREF_LABEL = SKOS + "prefLabel"
ALT_LABEL = SKOS + "altLabel"
HIDDEN_LABEL = SKOS + "hiddenLabel"
DESCRIPTION = DCTERMS + "description"
NOTATION = SKOS + "notation"
ESCO_CODE = ESCO + "code"

# relations
BROADER = SKOS + "broader"
ESSENTIAL = ESCO + "relatedEssentialSkill"
OPTIONAL = ESCO + "relatedOptionalSkill"
SKILL_TYPE = ESCO + "skillType"
REUSE_LEVEL = ESCO + "skillReuseLevel"

# project terms
SG_KIND = SG + "kind"
SG_CLUSTER = SG + "cluster"
SG_INDUSTRY = SG + "industry"
SG_LEVEL = SG + "level"
SG_TAG = SG + "tag"
SG_PREREQUISITE = SG + "prerequisite"
SG_PROGRESSES_TO = SG + "progressesTo"
SG_ROLE = SG + "role"
SG_SKILL = SG + "skill"
SG_IMPORTANCE = SG + "importance"
SG_ESSENTIAL = SG + "essential"
SG_SOURCE = SG + "source"
SG_SCALE = SG + "scale"
SG_ATTRIBUTE = SG + "attribute"
SG_METADATA = SG + "metadata"
SG_KEY = SG + "key"
SG_VALUE = SG + "value"
SG_LANGUAGE = SG + "language"
SG_PREFIX = SG + "prefix"
SG_PREFIX_NAME = SG + "prefixName"
SG_NAMESPACE = SG + "namespace"
SG_COMPACT_IDS = SG + "compactIds"
SG_CLUSTER_LEVEL = SG + "clusterLevel"
SG_LIST_ORDER = SG + "listOrder"

# datatypes
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"
XSD_DOUBLE = XSD + "double"
XSD_BOOLEAN = XSD + "boolean"
LANG_STRING = RDF + "langString"

#: metadata keys written as Dublin Core terms on the ontology node (others: sg:metadata)
DC_METADATA = (
    "created",
    "creator",
    "description",
    "identifier",
    "license",
    "modified",
    "publisher",
    "rights",
    "source",
    "title",
)
VERSION_INFO = OWL + "versionInfo"

_NODES: dict[str, ox.NamedNode] = {}


def node(iri: str) -> ox.NamedNode:
    """The (cached) pyoxigraph NamedNode of a vocabulary IRI."""
    found = _NODES.get(iri)
    if found is None:
        found = _NODES[iri] = ox.NamedNode(iri)
    return found
