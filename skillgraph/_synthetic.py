"""Seeded generator of ESCO-shaped graphs, for benchmarks and scale tests.

At ``scale=1`` the graph has ESCO v1.1.1's proportions: about 3,000 roles in ~430 unit-group
clusters under a four-level cluster hierarchy, 13,900 skills under 640 groups, ~41
requirements a role (about half essential), 5,900 related edges, a few alt labels each.
Roles of one cluster draw most of their skills from the cluster's own pool, so similarity
and clusters mean something; skill popularity is heavy-tailed like ESCO's.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

from .errors import CycleError
from .graph import SkillGraph
from .model import Cluster, ReuseLevel, Role, Skill, SkillGroup, SkillKind

_WORDS = [
    "data",
    "analysis",
    "plan",
    "manage",
    "design",
    "build",
    "test",
    "repair",
    "operate",
    "install",
    "monitor",
    "audit",
    "teach",
    "sell",
    "cook",
    "drive",
    "inspect",
    "measure",
    "weld",
    "paint",
    "code",
    "model",
    "report",
    "train",
    "assess",
    "advise",
    "market",
    "negotiate",
    "schedule",
    "budget",
    "clean",
    "store",
    "pack",
    "sort",
    "ship",
    "treat",
    "diagnose",
    "care",
    "draft",
    "survey",
    "map",
    "record",
    "edit",
    "translate",
    "compose",
    "perform",
    "coach",
    "lead",
    "assemble",
    "calibrate",
    "program",
    "secure",
]
_OBJECTS = [
    "systems",
    "equipment",
    "customers",
    "patients",
    "accounts",
    "software",
    "networks",
    "machines",
    "vehicles",
    "buildings",
    "crops",
    "animals",
    "food",
    "beverages",
    "textiles",
    "metals",
    "chemicals",
    "documents",
    "budgets",
    "campaigns",
    "products",
    "services",
    "materials",
    "tools",
    "records",
    "reports",
    "students",
    "teams",
    "projects",
    "contracts",
    "claims",
    "risks",
    "policies",
    "databases",
    "websites",
    "images",
    "sounds",
    "wood",
    "glass",
    "plastics",
]


def esco_like(scale: float = 1.0, seed: int = 0, *, prefix: str = "gen") -> SkillGraph:
    """An ESCO-shaped graph of ``scale`` times ESCO's size (deterministic for a seed)."""
    rng = random.Random(seed)
    n_roles = max(20, int(3000 * scale))
    n_skills = max(80, int(13900 * scale))
    n_units = max(4, int(430 * scale))
    n_groups = max(8, int(640 * scale))
    base = f"http://example.org/{prefix}/"
    g = SkillGraph(
        metadata={"title": f"generated ESCO-shaped graph x{scale} seed {seed}"},
        prefixes={prefix: base},
    )

    def name(i: int) -> str:
        r = random.Random(seed * 1_000_003 + i)
        return f"{r.choice(_WORDS)} {r.choice(_OBJECTS)} {i}"

    def texts(label: str, word: str, most: int, description: str) -> dict[str, Any]:
        """The label, fewer than ``most`` alternative labels ``<label> <word> <j>`` and the
        description of a generated node."""
        alt = tuple(f"{label} {word} {j}" for j in range(rng.randrange(0, most)))
        return {"label": label, "alt_labels": alt, "description": description}

    majors = [f"{prefix}:isco/{d}" for d in range(1, 10)]
    for d, cid in enumerate(majors, start=1):
        g.add(Cluster(id=cid, label=f"major group {d}", code=str(d)))
    subs = []
    for i in range(max(2, n_units // 10)):
        cid = f"{prefix}:isco/{i % 9 + 1}{i}"
        g.add(Cluster(id=cid, label=f"sub-major group {i}", broader=majors[i % 9]))
        subs.append(cid)
    units = []
    for i in range(n_units):
        cid = f"{prefix}:isco/u{i}"
        g.add(Cluster(id=cid, label=f"unit group {i}", broader=subs[i % len(subs)]))
        units.append(cid)

    groups: list[str] = []
    for i in range(n_groups):
        gid = f"{prefix}:group/{i}"
        g.add(SkillGroup(id=gid, label=f"skill group {i}"))
        if i >= 8:
            g.add_broader(gid, groups[rng.randrange(min(8, len(groups)))])
        groups.append(gid)

    kinds = [SkillKind.SKILL] * 7 + [SkillKind.KNOWLEDGE] * 3
    reuse = (
        [ReuseLevel.OCCUPATION_SPECIFIC] * 5
        + [ReuseLevel.SECTOR_SPECIFIC] * 3
        + [ReuseLevel.CROSS_SECTOR] * 2
    )
    skills = []
    n_transversal = max(5, n_skills // 150)
    for i in range(n_skills):
        sid = f"{prefix}:skill/{i}"
        label = name(i)
        g.add(
            Skill(
                id=sid,
                **texts(label, "variant", 5, f"The ability to {label}."),
                kind=rng.choice(kinds),
                reuse=ReuseLevel.TRANSVERSAL if i < n_transversal else rng.choice(reuse),
            )
        )
        for gid in rng.sample(groups[8:], 1 + (rng.random() < 0.4)):
            g.add_broader(sid, gid)
        skills.append(sid)
    transversal = skills[:n_transversal]
    specific = skills[n_transversal:]
    pool_size = max(20, len(specific) // n_units * 3)
    pools = {u: rng.sample(specific, min(pool_size, len(specific))) for u in units}
    cum = list(itertools.accumulate(1.0 / (1 + i) ** 0.8 for i in range(len(specific))))

    for i in range(n_roles):
        unit = units[i % n_units] if i < n_units else rng.choice(units)
        rid = f"{prefix}:role/{i}"
        label = name(100_000 + i)
        g.add(
            Role(
                id=rid,
                **texts(label, "title", 6, f"Workers who {label}."),
                cluster=unit,
                level=rng.randint(1, 4),
                code=f"{i:05d}",
            )
        )
        n_req = max(6, int(rng.gauss(41, 12)))
        chosen: set[str] = set(rng.sample(transversal, min(3, len(transversal))))
        pool = pools[unit]
        chosen.update(rng.sample(pool, min(len(pool), int(n_req * 0.6))))
        while len(chosen) < n_req:
            chosen.add(rng.choices(specific, cum_weights=cum)[0])
        for sid in sorted(chosen):
            essential = rng.random() < 0.52
            g.require(rid, sid, essential=essential, importance=1.0 if essential else 0.5)

    n_related = int(5900 * scale)
    for _ in range(n_related):
        a, b = rng.sample(skills, 2)
        g.relate(a, b, essential=rng.random() < 0.03)
    for _ in range(max(10, int(300 * scale))):
        a, b = rng.sample(specific, 2)
        try:
            g.add_prerequisite(a, b)
        except CycleError:  # skip a pair that would close a cycle
            continue
    return g


#: The 28 languages of an ESCO v1.1 release: the EU's 24 official languages, Icelandic,
#: Norwegian, Ukrainian and Arabic.
ESCO_LANGUAGES = (
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "is"),
    *("it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv", "uk", "ar"),
)


def write_esco_rdf(
    path: str,
    scale: float = 1.0,
    seed: int = 0,
    *,
    languages: tuple[str, ...] | list[str] = ESCO_LANGUAGES,
) -> int:
    """Write an N-Triples file shaped like ESCO's own multilingual RDF download; its size.

    The content is `esco_like` in ESCO's model vocabulary, with what ESCO's files
    carry: every label in every language both as a SKOS literal and as a SKOS-XL label
    node, descriptions as node literals (``esco:nodeLiteral`` + ``esco:language``),
    ``iso-thes:status``, ``esco:MemberConcept``, and a relationship node beside every
    tenth requirement. Returns the number of triples (28 languages at ``scale=1`` give
    about 6 million).
    """
    from .io._esco_conventions import ESCO, ESCO_MODEL

    g = esco_like(scale, seed)
    m = ESCO_MODEL
    t_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    skos = "http://www.w3.org/2004/02/skos/core#"
    xl = "http://www.w3.org/2008/05/skos-xl#"
    pref, alt = f"<{skos}prefLabel>", f"<{skos}altLabel>"
    xl_pref, xl_alt, xl_form = f"<{xl}prefLabel>", f"<{xl}altLabel>", f"<{xl}literalForm>"
    xl_label = f"<{xl}Label>"
    desc = "<http://purl.org/dc/terms/description>"
    status_po = ("<http://purl.org/iso25964/skos-thes#status>", '"released"')
    n = 0
    labels = 0
    blanks = 0

    def iri(node_id: str) -> str:
        return f"<{g.prefixes.get(node_id.split(':', 1)[0], '')}{node_id.split(':', 1)[1]}>"

    with open(path, "w", encoding="utf-8") as out:
        lines: list[str] = []

        def emit(s: str, p: str, o: str) -> None:
            nonlocal n
            lines.append(f"{s} {p} {o} .\n")
            n += 1
            if len(lines) >= 50_000:
                out.writelines(lines)
                lines.clear()

        def texts(s: str, label: str, alts: tuple[str, ...], description: str | None) -> None:
            nonlocal labels, blanks
            for lang in languages:
                tag = lang.lower()
                for p_plain, p_xl, text in [(pref, xl_pref, label)] + [
                    (alt, xl_alt, a) for a in alts[:2]
                ]:
                    lit = f'"{text} ({lang})"@{tag}'
                    emit(s, p_plain, lit)
                    labels += 1
                    node = f"<{ESCO}label/{labels}>"
                    emit(s, p_xl, node)
                    emit(node, t_type, xl_label)
                    emit(node, xl_form, lit)
                if description:
                    blanks += 1
                    b = f"_:d{blanks}"
                    emit(s, desc, b)
                    emit(b, t_type, f"<{m}NodeLiteral>")
                    emit(b, f"<{m}nodeLiteral>", f'"{description} ({lang})"')
                    emit(b, f"<{m}language>", f'"{tag}"')

        for c in g.clusters.values():
            s = iri(c.id)
            emit(s, t_type, f"<{m}ISCOGroup>")
            if c.broader:
                emit(s, f"<{skos}broader>", iri(c.broader))
            texts(s, c.label, (), None)
        for grp in g.groups.values():
            s = iri(grp.id)
            emit(s, t_type, f"<{m}SkillGroup>")
            texts(s, grp.label, (), None)
        for sk in g.skills.values():
            s = iri(sk.id)
            emit(s, t_type, f"<{m}Skill>")
            emit(s, t_type, f"<{m}MemberConcept>")
            emit(s, *status_po)
            kind = "knowledge" if sk.kind is SkillKind.KNOWLEDGE else "skill"
            emit(s, f"<{m}skillType>", f"<{ESCO}skill-type/{kind}>")
            if sk.reuse is not None:
                emit(s, f"<{m}skillReuseLevel>", f"<{ESCO}skill-reuse-level/{sk.reuse.value}>")
            for b in g.broader_of(sk.id):
                emit(s, f"<{skos}broader>", iri(b))
            for r in g.related_to(sk.id):
                emit(s, f"<{m}relatedOptionalSkill>", iri(r))
            texts(s, sk.label, sk.alt_labels, sk.description)
        for i, req in enumerate(g.iter_requirements()):
            pred = "relatedEssentialSkill" if req.essential else "relatedOptionalSkill"
            emit(iri(req.role), f"<{m}{pred}>", iri(req.skill))
            if i % 10 == 0:
                rel = f"<{ESCO}relation/{i}>"
                kind = "essential" if req.essential else "optional"
                emit(rel, t_type, f"<{m}Relationship>")
                emit(rel, f"<{m}isRelationshipFor>", iri(req.role))
                emit(rel, f"<{m}refersConcept>", iri(req.skill))
                emit(rel, f"<{m}hasRelationshipType>", f"<{ESCO}relationship-type/{kind}>")
        for role in g.roles.values():
            s = iri(role.id)
            emit(s, t_type, f"<{m}Occupation>")
            emit(s, t_type, f"<{m}MemberConcept>")
            emit(s, *status_po)
            if role.cluster:
                emit(s, f"<{skos}broader>", iri(role.cluster))
            texts(s, role.label, role.alt_labels, role.description)
        out.writelines(lines)
    return n
