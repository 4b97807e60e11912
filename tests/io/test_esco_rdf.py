"""ESCO's own RDF vocabulary and shapes (skillgraph.io.rdf._esco, the language filter).

The file below is written for this project in ESCO's real vocabulary (the model namespace
http://data.europa.eu/esco/model#, SKOS-XL labels, node-literal descriptions, relationship
nodes, iso-thes:status, skos:broaderTransitive), in three languages, with the content of
tests/io/test_rdf_esco.py: it must read into the graph the ESCO CSV import gives.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph._store import store_of
from skillgraph.io.rdf import _languages

from .test_rdf_esco import (
    GROUPS,
    ISCO,
    OCC,
    OCCUPATIONS,
    RELATED,
    REQUIRES,
    SK,
    SKILL_GROUP,
    SKILLS,
    E,
    esco_csv,
    esco_turtle,
    expected,
)

M = "http://data.europa.eu/esco/model#"
LABEL = E + "label/"
REL = E + "relation/"
FR_DESCRIPTION = "Programmer en Python."
DE_DESCRIPTION = "Entwickelt Software."

# requirement -> how the file states it: direct triple, relationship node, both, inverse
HOW = {
    ("dev", "py"): "both",
    ("dev", "sql"): "node",
    ("ana", "sql"): "direct",
    ("jun", "py"): "direct",
    ("jun", "team"): "inverse",
}


def _xl(out: list[str], subject: str, pred: str, text: str, lang: str, n: list[int]) -> None:
    """A SKOS-XL label link and its label node."""
    n[0] += 1
    label = f"<{LABEL}{n[0]}>"
    out.append(f"{subject} skosxl:{pred} {label} .")
    out.append(f'{label} a skosxl:Label ; skosxl:literalForm "{text}"@{lang} .')


def real_esco_turtle() -> str:
    """The content of test_rdf_esco.esco_turtle() as ESCO's own RDF download shapes it."""
    out = [
        f"@prefix esco: <{M}> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix skosxl: <http://www.w3.org/2008/05/skos-xl#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix iso-thes: <http://purl.org/iso25964/skos-thes#> .",
        "",
    ]
    n = [0]
    for code, (en, de) in GROUPS.items():
        s = f"<{ISCO}{code}>"
        out.append(f'{s} a esco:ISCOGroup, skos:Concept ; skos:notation "{code}" ;')
        out.append(f'  skos:prefLabel "{en}"@en, "{de}"@de ; iso-thes:status "released" .')
        if len(code) > 1:
            out.append(f"{s} skos:broader <{ISCO}{code[:-1]}> .")
        _xl(out, s, "prefLabel", de, "de", n)  # labels as SKOS-XL too: one, then the other
    out.append(
        f'<{SKILL_GROUP}> a esco:SkillGroup, skos:Concept ; skos:notation "S5" ; '
        'skosxl:prefLabel [ a skosxl:Label ; skosxl:literalForm "ICT"@en ] .'
    )
    for uid, (label, broader, code, alt_en, alt_de) in OCCUPATIONS.items():
        s = f"<{OCC}{uid}>"
        out.append(f"{s} a esco:Occupation, esco:MemberConcept, skos:Concept ;")
        out.append(f'  skos:prefLabel "{label}"@en ; esco:code "{code}" ;')
        out.append('  iso-thes:status "released" ;')
        out.append("  dcterms:description [ a esco:NodeLiteral ;")
        out.append(f'    esco:nodeLiteral "Does {label} work." ; esco:language "en" ] ;')
        out.append(f"  skos:broader <{broader}> ;")
        chain = [broader] if broader.startswith(ISCO) else [broader, ISCO + "2511"]
        code4 = chain[-1][len(ISCO) :]
        chain += [ISCO + code4[:i] for i in (3, 2, 1)]
        out.append("  skos:broaderTransitive " + ", ".join(f"<{c}>" for c in chain) + " .")
        if uid == "dev":  # a description in another language
            out.append(f"{s} dcterms:description [ esco:nodeLiteral {DE_DESCRIPTION!r} ;")
            out.append('  esco:language "de" ; a esco:NodeLiteral ] .')
        for a in alt_en:
            _xl(out, s, "altLabel", a, "en", n)  # alt labels only as SKOS-XL
        for a in alt_de:
            _xl(out, s, "altLabel", a, "de", n)
        _xl(out, s, "prefLabel", label, "en", n)  # the same as the plain SKOS label
        for o, sk, essential in REQUIRES:
            if o != uid:
                continue
            how = HOW[(o, sk)]
            pred = "esco:relatedEssentialSkill" if essential else "esco:relatedOptionalSkill"
            kind = "essential" if essential else "optional"
            if how in ("direct", "both"):
                out.append(f"{s} {pred} <{SK}{sk}> .")
            if how in ("node", "both"):
                rel = f"<{REL}{o}-{sk}>"
                out.append(f"{s} esco:hasRelationship {rel} .")
                out.append(f"{rel} a esco:Relationship ; esco:isRelationshipFor {s} ;")
                out.append(f"  esco:refersConcept <{SK}{sk}> ;")
                out.append(f"  esco:hasRelationshipType <{E}relationship-type/{kind}> .")
            if how == "inverse":
                inverse = "esco:isEssentialSkillFor" if essential else "esco:isOptionalSkillFor"
                out.append(f"<{SK}{sk}> {inverse} {s} .")
    for uid, (label, kind, reuse, alt_en, alt_fr) in SKILLS.items():
        s = f"<{SK}{uid}>"
        out.append(f"{s} a esco:Skill, esco:MemberConcept, skos:Concept ;")
        out.append(f"  esco:skillType <{E}skill-type/{kind}> ;")
        out.append(f"  esco:skillReuseLevel <{E}skill-reuse-level/{reuse}> ;")
        out.append('  iso-thes:status "released" .')
        _xl(out, s, "prefLabel", label, "en", n)  # the preferred label only as SKOS-XL
        for a in alt_en:
            out.append(f'{s} skos:altLabel "{a}"@en .')
        for a in alt_fr:
            out.append(f'{s} skos:altLabel "{a}"@fr .')
        if uid == "py":
            out.append(f"{s} dcterms:description [ a esco:NodeLiteral ;")
            out.append(f'  esco:nodeLiteral "{FR_DESCRIPTION}" ; esco:language "fr" ] .')
        if uid != "team":
            out.append(f"{s} skos:broader <{SKILL_GROUP}> .")
        for a, b, essential in RELATED:
            if a == uid:
                pred = "esco:relatedEssentialSkill" if essential else "esco:relatedOptionalSkill"
                out.append(f"{s} {pred} <{SK}{b}> .")
    return "\n".join(out) + "\n"


def multilingual_expected() -> sg.SkillGraph:
    """expected(), plus the two descriptions in other languages the file adds."""
    g = expected()
    dev = g.roles[OCC + "dev"]
    tr = dict(dev.translations)
    tr["de"] = tr["de"].model_copy(update={"description": DE_DESCRIPTION})
    g.add(dev.model_copy(update={"translations": tr}), replace=True)
    py = g.skills[SK + "py"]
    tr = dict(py.translations)
    tr["fr"] = tr["fr"].model_copy(update={"description": FR_DESCRIPTION})
    g.add(py.model_copy(update={"translations": tr}), replace=True)
    return g


def _without_extra(g: sg.SkillGraph) -> sg.SkillGraph:
    out = g.copy()
    store_of(out).replace_extra(())
    return out


def _read(text: str, **options: object) -> sg.SkillGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return sg.loads(text, "turtle", **options)


def test_real_esco_vocabulary_reads_natively() -> None:
    g = _read(real_esco_turtle())
    want = multilingual_expected()
    assert _without_extra(g) == want, want.diff(g)


def test_same_graph_as_the_esco_csv_import(tmp_path: Path) -> None:
    esco_csv(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.DataWarning)
        from_csv = sg.read(tmp_path, format="esco")
    # the CSV release is English: the same content is the English part of the RDF file
    from_rdf = _read(real_esco_turtle(), language="en")
    assert _without_extra(from_rdf) == from_csv, from_csv.diff(from_rdf)


def test_understood_shapes_are_consumed_and_the_rest_kept_verbatim() -> None:
    g = _read(real_esco_turtle())
    extra = "\n".join(" ".join(t) for t in sorted(g.extra_triples))
    for gone in ("skos-xl#", "nodeLiteral", "isRelationshipFor", "isOptionalSkillFor", "relation/"):
        assert gone not in extra, gone
    # recognised but outside the model: kept verbatim and written back
    assert '<http://purl.org/iso25964/skos-thes#status> "released"' in extra
    assert f"<{OCC}dev> <http://www.w3.org/2004/02/skos/core#broaderTransitive> <{ISCO}2>" in extra
    assert f"<{M}MemberConcept>" in extra


def test_writes_back_in_escos_vocabulary() -> None:
    g = _read(real_esco_turtle())
    ttl = sg.dumps(g, "turtle").decode()
    assert f"@prefix esco: <{M}> ." in ttl
    assert "http://data.europa.eu/esco/Occupation" not in ttl
    nt = sg.dumps(g, "ntriples").decode()
    assert f"<{OCC}dev> <{M}relatedOptionalSkill> <{SK}sql> ." in nt  # from a relationship node
    assert f"<{OCC}jun> <{M}relatedOptionalSkill> <{SK}team> ." in nt  # from the inverse
    assert f"<{OCC}dev> <{M}relatedEssentialSkill> <{SK}py> ." in nt
    assert f"<{OCC}dev> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{M}Occupation> ." in nt
    for syntax in ("turtle", "ntriples", "jsonld", "rdfxml"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            back = sg.loads(sg.dumps(g, syntax), syntax)
        assert back == g, (syntax, g.diff(back))


def test_language_filter_keeps_only_the_asked_languages() -> None:
    text = real_esco_turtle()
    de = _read(text, language="de")
    assert de.language == "de"
    assert de.roles[OCC + "dev"].label == OCC + "dev"  # no German preferred label in the file
    assert de.roles[OCC + "dev"].description == DE_DESCRIPTION
    assert de.roles[OCC + "dev"].alt_labels == ("Programmierer",)
    assert de.clusters[ISCO + "25"].label == "Akademische IKT-Berufe"
    assert not any(tr for r in de.roles.values() for tr in r.translations)
    two = _read(text, languages=["en", "fr"])
    assert two.language == "en"
    assert set(two.skills[SK + "py"].translations) == {"fr"}
    assert two.skills[SK + "py"].translations["fr"].description == FR_DESCRIPTION
    assert not two.roles[OCC + "dev"].translations
    # nothing of the other languages is kept as extra triples either
    extra = " ".join(" ".join(t) for t in two.extra_triples)
    assert "@de" not in extra and DE_DESCRIPTION not in extra and "skos-xl" not in extra
    full = _read(text)
    assert _without_extra(_read(text, languages=["en", "de", "fr"])) == _without_extra(full)


def test_language_filter_arguments_are_validated() -> None:
    with pytest.raises(sg.InvalidValueError, match="languages"):
        sg.loads(real_esco_turtle(), "turtle", languages="en")
    with pytest.raises(sg.InvalidValueError, match="language"):
        sg.loads(real_esco_turtle(), "turtle", language="e n")
    with pytest.raises(sg.InvalidValueError, match="empty"):
        sg.loads(real_esco_turtle(), "turtle", languages=[])


def test_language_filter_matches_regional_tags() -> None:
    ttl = (
        f"@prefix esco: <{M}> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<urn:s> a esco:Skill ; skos:prefLabel "colour"@en-GB, "Farbe"@de ;'
        ' skos:altLabel "color"@en .\n'
    )
    g = _read(ttl, language="en")
    assert g.skills["urn:s"].translations.keys() == {"en-GB"}
    assert g.skills["urn:s"].alt_labels == ("color",)


def test_uninterpreted_esco_terms_are_counted_in_one_warning() -> None:
    ttl = (
        f"@prefix esco: <{M}> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix skosxl: <http://www.w3.org/2008/05/skos-xl#> .\n"
        '<urn:s> a esco:Skill, esco:KnowledgeSkillCompetence ; skos:prefLabel "x"@en ;'
        " esco:hasNACECode <urn:nace/1>, <urn:nace/2> ; esco:isTransversal true ;"
        " skosxl:altLabel <urn:label> .\n"
        '<urn:label> a skosxl:Label ; skosxl:literalForm "y"@en ; esco:hasLabelRole <urn:m> .\n'
    )
    with pytest.warns(sg.UninterpretedDataWarning) as got:
        g = sg.loads(ttl, "turtle")
    assert len(got) == 1
    msg = str(got[0].message)
    for part in ("esco:hasNACECode (2)", "esco:isTransversal (1)", "esco:hasLabelRole (1)"):
        assert part in msg, msg
    assert "a esco:KnowledgeSkillCompetence (1)" in msg
    # the label with a role is understood (its text is an alt label) and kept verbatim
    assert g.skills["urn:s"].alt_labels == ("y",)
    back = sg.loads(sg.dumps(g, "turtle"), "turtle")
    assert back == g, g.diff(back)


def test_relationship_node_with_more_is_kept_and_still_read() -> None:
    ttl = (
        f"@prefix esco: <{M}> .\n@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "<urn:o> a esco:Occupation .\n<urn:s> a esco:Skill .\n"
        "<urn:rel> esco:isRelationshipFor <urn:o> ; esco:refersConcept <urn:s> ;"
        f" esco:hasRelationshipType <{E}relationship-type/essential> ;"
        ' dcterms:description "needed by law"@en .\n'
    )
    g = sg.loads(ttl, "turtle")
    (req,) = g.requirements("urn:o")
    assert (req.skill, req.essential, req.importance) == ("urn:s", True, 1.0)
    assert any("isRelationshipFor" in p for _, p, _ in g.extra_triples)
    back = sg.loads(sg.dumps(g, "turtle"), "turtle")
    assert back == g, g.diff(back)


def test_files_in_the_old_namespace_still_read_with_a_deprecation_warning() -> None:
    old = esco_turtle().replace(f"@prefix esco: <{M}> .", f"@prefix esco: <{E}> .")
    assert f"<{E}>" in old
    with pytest.warns(sg.DeprecatedVocabularyWarning, match="model#"):
        g = sg.loads(old, "turtle")
    assert issubclass(sg.DeprecatedVocabularyWarning, sg.SkillGraphWarning)
    assert _without_extra(g) == expected(), expected().diff(g)
    # written again, the file uses ESCO's model namespace and reads without the warning
    nt = sg.dumps(g, "ntriples")
    assert f"<{E}Occupation>".encode() not in nt
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sg.loads(nt, "ntriples") == g


def test_language_filter_streams_node_literals_in_any_order() -> None:
    assert list(_languages.language_filter([], frozenset({"en"}))) == []
    ttl = (
        f"@prefix esco: <{M}> .\n@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "<urn:s> a esco:Skill ; dcterms:description <urn:d1>, <urn:d2>, <urn:d3> .\n"
        '<urn:d1> esco:language "de" . <urn:d1> esco:nodeLiteral "Deutsch" .\n'
        '<urn:d2> esco:nodeLiteral "English" . <urn:d2> esco:language "en" .\n'
        '<urn:d3> esco:nodeLiteral "Nederlands" . <urn:d3> esco:language "nl" .\n'
    )
    g = _read(ttl, language="en")
    assert g.skills["urn:s"].description == "English"
    assert not g.extra_triples


def test_odd_node_literals_are_kept_verbatim() -> None:
    ttl = (
        f"@prefix esco: <{M}> .\n@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        '<urn:s> a esco:Skill ; dcterms:description [ esco:nodeLiteral "x" ; '
        'esco:language "not a tag!" ] , [ esco:nodeLiteral "a", "b" ; esco:language "en" ] ,'
        ' [ esco:nodeLiteral "c" ; esco:language "en" ; esco:source <urn:src> ] .\n'
    )
    g = sg.loads(ttl, "turtle")
    assert not g.skills["urn:s"].description
    kept = " ".join(" ".join(t) for t in g.extra_triples)
    for text in ('"x"', '"a"', '"b"', '"c"', "not a tag!"):
        assert text in kept, text
    back = sg.loads(sg.dumps(g, "turtle"), "turtle")
    assert back == g, g.diff(back)


def test_xl_label_without_literal_form_is_kept() -> None:
    ttl = (
        f"@prefix esco: <{M}> .\n@prefix skosxl: <http://www.w3.org/2008/05/skos-xl#> .\n"
        "<urn:s> a esco:Skill ; skosxl:prefLabel <urn:l> .\n<urn:l> a skosxl:Label .\n"
    )
    g = sg.loads(ttl, "turtle")
    assert g.skills["urn:s"].label == "urn:s"
    assert ("<urn:s>", "<http://www.w3.org/2008/05/skos-xl#prefLabel>", "<urn:l>") in (
        g.extra_triples
    )
    assert sg.loads(sg.dumps(g, "ntriples"), "ntriples") == g
