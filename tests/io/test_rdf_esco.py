"""An ESCO-shaped SKOS file reads natively, as the ESCO CSV import of the same content."""

from __future__ import annotations

import csv
import importlib.util
import warnings
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

import skillgraph as sg
from skillgraph._store import store_of
from skillgraph.io import rdf

E = "http://data.europa.eu/esco/"
OCC = E + "occupation/"
SK = E + "skill/"
ISCO = E + "isco/C"

# ISCO groups: code -> (label en, label de)
GROUPS = {
    "2": ("Professionals", "Akademische Berufe"),
    "25": ("ICT professionals", "Akademische IKT-Berufe"),
    "251": ("Software developers and analysts", "Software-Entwickler und Analytiker"),
    "2511": ("Systems analysts", "Systemanalytiker"),
    "2512": ("Software developers", "Softwareentwickler"),
}
# occupation uuid -> (label, isco broader or parent occupation, code, alt labels en, alt de)
OCCUPATIONS = {
    "dev": (
        "software developer",
        ISCO + "2512",
        "2512.4",
        ["coder", "programmer"],
        ["Programmierer"],
    ),
    "ana": ("systems analyst", ISCO + "2511", "2511.1", [], ["Systemanalytikerin"]),
    "jun": ("junior systems analyst", OCC + "ana", "2511.1.1", ["trainee analyst"], []),
}
# skill uuid -> (label, skill type, reuse level, alt en, alt fr)
SKILLS = {
    "py": ("Python", "skill", "cross-sector", ["python programming"], ["Python (langage)"]),
    "sql": ("SQL", "knowledge", "sector-specific", [], ["langage SQL"]),
    "team": ("teamwork principles", "skill", "transversal", ["team work"], []),
}
SKILL_GROUP = E + "skill/group-ict"
REQUIRES = [
    ("dev", "py", True),
    ("dev", "sql", False),
    ("ana", "sql", True),
    ("jun", "py", True),
    ("jun", "team", False),
]
RELATED = [("py", "sql", False), ("sql", "py", True)]


def esco_turtle(*, languages: bool = True) -> str:
    """The content above as ESCO publishes it: SKOS concepts in the ESCO model."""
    out = [
        "@prefix esco: <http://data.europa.eu/esco/model#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "",
    ]
    for code, (en, de) in GROUPS.items():
        out.append(f"<{ISCO}{code}> a esco:ISCOGroup, skos:Concept ;")
        out.append(f'  skos:notation "{code}" ; skos:prefLabel "{en}"@en ;')
        if languages:
            out.append(f'  skos:prefLabel "{de}"@de ;')
        if len(code) > 1:
            out.append(f"  skos:broader <{ISCO}{code[:-1]}> ;")
        out.append("  .")
    out.append(
        f'<{SKILL_GROUP}> a esco:SkillGroup, skos:Concept ; skos:prefLabel "ICT"@en ; '
        'skos:notation "S5" .'
    )
    for uid, (label, broader, code, alt_en, alt_de) in OCCUPATIONS.items():
        out.append(f"<{OCC}{uid}> a esco:Occupation, skos:Concept ;")
        out.append(f'  skos:prefLabel "{label}"@en ; esco:code "{code}" ;')
        out.append(f'  dcterms:description "Does {label} work."@en ;')
        out.append(f"  skos:broader <{broader}> ;")
        out.extend(f'  skos:altLabel "{a}"@en ;' for a in alt_en)
        if languages:
            out.extend(f'  skos:altLabel "{a}"@de ;' for a in alt_de)
        for o, s, essential in REQUIRES:
            if o == uid:
                pred = "esco:relatedEssentialSkill" if essential else "esco:relatedOptionalSkill"
                out.append(f"  {pred} <{SK}{s}> ;")
        out.append("  .")
    for uid, (label, kind, reuse, alt_en, alt_fr) in SKILLS.items():
        out.append(f"<{SK}{uid}> a esco:Skill, skos:Concept ;")
        out.append(f'  skos:prefLabel "{label}"@en ;')
        out.append(f"  esco:skillType <{E}skill-type/{kind}> ;")
        out.append(f"  esco:skillReuseLevel <{E}skill-reuse-level/{reuse}> ;")
        out.extend(f'  skos:altLabel "{a}"@en ;' for a in alt_en)
        if languages:
            out.extend(f'  skos:altLabel "{a}"@fr ;' for a in alt_fr)
        if uid != "team":
            out.append(f"  skos:broader <{SKILL_GROUP}> ;")
        for a, b, essential in RELATED:
            if a == uid:
                pred = "esco:relatedEssentialSkill" if essential else "esco:relatedOptionalSkill"
                out.append(f"  {pred} <{SK}{b}> ;")
        out.append("  .")
    return "\n".join(out) + "\n"


def expected() -> sg.SkillGraph:
    g = sg.SkillGraph(language="en")
    for code in ("2", "25", "251"):
        en, de = GROUPS[code]
        g.add(
            sg.Cluster(
                id=ISCO + code,
                label=en,
                code=code,
                broader=ISCO + code[:-1] if len(code) > 1 else None,
                translations={"de": sg.Translation(label=de)},
            )
        )
    g.add(sg.SkillGroup(id=SKILL_GROUP, label="ICT", code="S5"))
    kinds = {"skill": sg.SkillKind.SKILL, "knowledge": sg.SkillKind.KNOWLEDGE}
    for uid, (label, kind, reuse, alt_en, alt_fr) in SKILLS.items():
        g.add(
            sg.Skill(
                id=SK + uid,
                label=label,
                kind=kinds[kind],
                reuse=sg.ReuseLevel(reuse),
                alt_labels=tuple(alt_en),
                translations={"fr": sg.Translation(alt_labels=tuple(alt_fr))} if alt_fr else {},
            )
        )
    isco = {"dev": "2512", "ana": "2511", "jun": "2511"}
    for uid, (label, _broader, code, alt_en, alt_de) in OCCUPATIONS.items():
        g.add(
            sg.Role(
                id=OCC + uid,
                label=label,
                code=code,
                cluster=ISCO + "251",
                level=4,
                alt_labels=tuple(alt_en),
                description=f"Does {label} work.",
                attributes={"isco_code": isco[uid]},
                translations={"de": sg.Translation(alt_labels=tuple(alt_de))} if alt_de else {},
            )
        )
    for o, s, essential in REQUIRES:
        g.require(OCC + o, SK + s, essential=essential, importance=1.0 if essential else 0.5)
    for a, b, essential in RELATED:
        g.relate(SK + a, SK + b, essential=essential)
    g.add_broader(SK + "py", SKILL_GROUP)
    g.add_broader(SK + "sql", SKILL_GROUP)
    return g


def _without_extra(g: sg.SkillGraph) -> sg.SkillGraph:
    out = g.copy()
    store_of(out).replace_extra(())
    return out


def test_esco_turtle_reads_natively() -> None:
    g = sg.loads(esco_turtle(), "turtle")
    want = expected()
    assert _without_extra(g) == want, want.diff(g)
    # finer ISCO groups and the occupation hierarchy are kept, verbatim
    subjects = {s for s, _, _ in g.extra_triples}
    assert f"<{ISCO}2511>" in subjects and f"<{ISCO}2512>" in subjects
    assert (
        f"<{OCC}jun>",
        "<http://www.w3.org/2004/02/skos/core#broader>",
        f"<{OCC}ana>",
    ) in g.extra_triples


def test_esco_turtle_round_trips_isomorphically() -> None:
    text = esco_turtle()
    original = rdflib.Graph().parse(data=text, format="turtle")
    g = sg.loads(text, "turtle")
    assert isomorphic(original, g.to_rdf())
    for syntax in ("turtle", "ntriples", "jsonld", "rdfxml"):
        back = sg.loads(sg.dumps(g, syntax), syntax)
        assert back == g, (syntax, g.diff(back))
        assert isomorphic(
            original,
            rdflib.Graph().parse(
                data=sg.dumps(g, syntax),
                format={"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[
                    syntax
                ],
            ),
        )


def test_rdflib_path_gives_the_same_graph() -> None:
    text = esco_turtle()
    assert sg.SkillGraph.from_rdf(rdflib.Graph().parse(data=text, format="turtle")) == sg.loads(
        text, "turtle"
    )


def test_cluster_level_option() -> None:
    g = rdf.read_turtle(sg.io.Source(name="esco.ttl", data=esco_turtle().encode()), cluster_level=4)
    assert g.roles[OCC + "dev"].cluster == ISCO + "2512"
    assert ISCO + "2512" in g.clusters
    back = sg.loads(sg.dumps(g, "turtle"), "turtle")  # the level is recorded in the file
    assert back == g, g.diff(back)


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def esco_csv(folder: Path) -> None:
    """The English content of :func:`esco_turtle` as an ESCO CSV release."""
    _write_csv(
        folder / "ISCOGroups_en.csv",
        ["conceptType", "conceptUri", "code", "preferredLabel", "altLabels", "description"],
        [["ISCOGroup", ISCO + c, c, en, "", ""] for c, (en, _) in GROUPS.items()],
    )
    _write_csv(
        folder / "skillGroups_en.csv",
        [
            "conceptType",
            "conceptUri",
            "preferredLabel",
            "altLabels",
            "hiddenLabels",
            "description",
            "code",
        ],
        [["SkillGroup", SKILL_GROUP, "ICT", "", "", "", "S5"]],
    )
    isco = {"dev": "2512", "ana": "2511", "jun": "2511"}
    _write_csv(
        folder / "occupations_en.csv",
        [
            "conceptType",
            "conceptUri",
            "iscoGroup",
            "preferredLabel",
            "altLabels",
            "hiddenLabels",
            "description",
            "code",
        ],
        [
            ["Occupation", OCC + u, isco[u], label, "\n".join(alt), "", f"Does {label} work.", code]
            for u, (label, _b, code, alt, _de) in OCCUPATIONS.items()
        ],
    )
    types = {"skill": "skill/competence", "knowledge": "knowledge"}
    _write_csv(
        folder / "skills_en.csv",
        [
            "conceptType",
            "conceptUri",
            "skillType",
            "reuseLevel",
            "preferredLabel",
            "altLabels",
            "hiddenLabels",
            "description",
        ],
        [
            ["KnowledgeSkillCompetence", SK + u, types[kind], reuse, label, "\n".join(alt), "", ""]
            for u, (label, kind, reuse, alt, _fr) in SKILLS.items()
        ],
    )
    _write_csv(
        folder / "occupationSkillRelations.csv",
        ["occupationUri", "relationType", "skillType", "skillUri"],
        [[OCC + o, "essential" if e else "optional", "", SK + s] for o, s, e in REQUIRES],
    )
    _write_csv(
        folder / "skillSkillRelations.csv",
        [
            "originalSkillUri",
            "originalSkillType",
            "relationType",
            "relatedSkillType",
            "relatedSkillUri",
        ],
        [[SK + a, "", "essential" if e else "optional", "", SK + b] for a, b, e in RELATED],
    )
    _write_csv(
        folder / "broaderRelationsSkillPillar.csv",
        ["conceptType", "conceptUri", "broaderType", "broaderUri"],
        [["KnowledgeSkillCompetence", SK + s, "SkillGroup", SKILL_GROUP] for s in ("py", "sql")],
    )


@pytest.mark.skipif(
    importlib.util.find_spec("skillgraph.io.esco") is None,
    reason="the ESCO CSV importer is not there yet",
)
def test_same_graph_as_the_esco_csv_import(tmp_path: Path) -> None:
    esco_csv(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.DataWarning)
        from_csv = sg.read(tmp_path, format="esco")
    from_rdf = sg.loads(esco_turtle(languages=False), "turtle")
    # the RDF file also holds what the model does not interpret (4-digit ISCO groups, the
    # occupation hierarchy): kept as extra triples, which the CSV importer has no use for
    assert _without_extra(from_rdf) == from_csv, from_csv.diff(from_rdf)
