"""How ESCO concepts become skillgraph nodes: shared by the ESCO CSV and the RDF readers.

Both readers must produce the same SkillGraph for the same content, so every ESCO-specific
choice lives here:

- ids are the ESCO concept URIs, unchanged (they live under `ESCO`,
  ``http://data.europa.eu/esco/``; the terms of ESCO's model -- classes and properties such
  as ``esco:Occupation`` or ``esco:relatedEssentialSkill`` -- under `ESCO_MODEL`,
  ``http://data.europa.eu/esco/model#``);
- ``skillType`` ``skill/competence`` (IRI ``.../skill-type/skill``) -> `SkillKind.SKILL`,
  ``knowledge`` -> `SkillKind.KNOWLEDGE`;
- ``reuseLevel`` values (or their IRIs ``.../skill-reuse-level/<value>``) -> `ReuseLevel`;
- essential relations have importance `ESSENTIAL_IMPORTANCE` (1.0), optional ones
  `OPTIONAL_IMPORTANCE` (0.5): ESCO says which skills are essential, not how much;
- a role's cluster is its ISCO-08 group at `DEFAULT_CLUSTER_LEVEL` digits (3, the
  minor group: about 130 job families of ~23 occupations; 4 gives the 436 unit groups);
  coarser ISCO groups become broader clusters;
- a role's level is the ISCO-08 skill level of its major group (`isco_skill_level`);
- a role's ``code`` is its ESCO occupation code; ``attributes["isco_code"]`` its 4-digit
  ISCO unit group;
- thematic collections become skill tags (`COLLECTION_TAGS`).
"""

from __future__ import annotations

from .._kinds import ReuseLevel, SkillKind

#: Where ESCO's concepts live (occupations, skills, ISCO groups, skill types...).
ESCO = "http://data.europa.eu/esco/"
#: ESCO's model (ontology) namespace: the ``esco:`` prefix of every ESCO RDF file.
ESCO_MODEL = ESCO + "model#"
ISCO_PREFIX = ESCO + "isco/C"
SKILL_TYPE_PREFIX = ESCO + "skill-type/"
REUSE_PREFIX = ESCO + "skill-reuse-level/"

ESSENTIAL_IMPORTANCE = 1.0
OPTIONAL_IMPORTANCE = 0.5
DEFAULT_CLUSTER_LEVEL = 3

#: collection file stem -> tag
COLLECTION_TAGS = {
    "transversalSkillsCollection": "transversal",
    "digitalSkillsCollection": "digital",
    "digCompSkillsCollection": "digcomp",
    "greenSkillsCollection": "green",
    "languageSkillsCollection": "language",
    "researchSkillsCollection": "research",
    "ictSkillsCollection": "ict",  # v1.1.0 (replaced by the digital collection in v1.1.1)
}

_KINDS = {
    "skill/competence": SkillKind.SKILL,
    "skill": SkillKind.SKILL,
    "competence": SkillKind.COMPETENCE,
    "knowledge": SkillKind.KNOWLEDGE,
}


def skill_kind(value: str) -> SkillKind | None:
    """The kind for an ESCO skillType value or IRI; None when empty or unknown."""
    key = value.strip().removeprefix(SKILL_TYPE_PREFIX)
    return _KINDS.get(key)


def skill_type_iri(kind: SkillKind) -> str:
    """The ESCO skill-type IRI for a kind (technology and competence map to skill)."""
    return SKILL_TYPE_PREFIX + ("knowledge" if kind is SkillKind.KNOWLEDGE else "skill")


def reuse_level(value: str) -> ReuseLevel | None:
    """The reuse level for an ESCO reuseLevel value or IRI; None when empty or unknown."""
    key = value.strip().removeprefix(REUSE_PREFIX)
    try:
        return ReuseLevel(key)
    except ValueError:
        return None


def isco_iri(code: str) -> str:
    """The ESCO IRI of an ISCO-08 group code (``"2511"`` -> ``.../isco/C2511``)."""
    return ISCO_PREFIX + code


def isco_code(iri: str) -> str | None:
    """The ISCO-08 code of an ESCO ISCO-group IRI, or None for another IRI."""
    if iri.startswith(ISCO_PREFIX):
        code = iri[len(ISCO_PREFIX) :]
        return code if code.isascii() and code.isdigit() else None
    return None


def cluster_id(code: str, level: int = DEFAULT_CLUSTER_LEVEL) -> str:
    """The cluster id of ISCO code ``code`` cut to ``level`` digits (1-4)."""
    return isco_iri(code[: max(1, min(4, level))])


# ISCO-08 skill levels of the major groups (ILO, ISCO-08 vol. 1, table 1).
_MAJOR_SKILL_LEVEL = {"1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1}
_ARMED_FORCES = {"01": 4, "02": 2, "03": 1}


def isco_skill_level(code: str) -> int | None:
    """The ISCO-08 skill level (1-4) of the major group of ``code``, or None if unknown.

    Managers (1) are given 4 (ISCO says 3 and 4); armed forces use their sub-major group.
    """
    if not code or not (code.isascii() and code.isdigit()):
        return None
    if code[0] == "0":
        return _ARMED_FORCES.get(code[:2])
    return _MAJOR_SKILL_LEVEL.get(code[0])
