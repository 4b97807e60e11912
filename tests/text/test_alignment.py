"""sg.align: scores, evidence and order; SKOS / CSV export and read-back."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.text._mapping import RDF_FORMATS


@pytest.fixture()
def other(shop: sg.SkillGraph) -> sg.SkillGraph:
    """A second taxonomy with other ids and wordings for the same jobs."""
    g = sg.SkillGraph(prefixes={"x": "https://example.org/x/"})
    for sid, label in [
        ("x:cash", "Operate a cash register"),
        ("x:complaints", "Customer complaint handling"),
        ("x:spreadsheets", "Spreadsheet software"),
        ("x:care", "Nursing care"),
    ]:
        g.add(sg.Skill(id=sid, label=label))
    for rid, label, alts, skills in [
        ("x:checkout", "Cashier", ("checkout assistant",), ["x:cash", "x:complaints"]),
        ("x:nurse", "Registered nurse", ("staff nurse",), ["x:care"]),
        ("x:clerk", "Office clerk", ("clerical assistant",), ["x:spreadsheets"]),
        ("x:head", "Head cashier", ("cash office supervisor",), ["x:cash"]),
    ]:
        g.add(sg.Role(id=rid, label=label, alt_labels=alts))
        for s in skills:
            g.require(rid, s)
    return g


def test_roles_map_to_the_same_job(shop: sg.SkillGraph, other: sg.SkillGraph) -> None:
    mapping = sg.align(shop, other)
    best = {r.source: r for r in mapping.best("role")}
    assert best["r:cashier"].target == "x:checkout"
    assert best["r:rn"].target == "x:nurse"
    assert best["r:clerk"].target == "x:clerk"
    assert best["r:rn"].relation == "exactMatch"  # "Registered Nurses" ~ "Registered nurse"
    assert best["r:cashier"].relation == "exactMatch"
    for row in mapping:
        assert 0.0 < row.score <= 1.0
        assert any(e.startswith("titles") for e in row.evidence) or row.kind == "skill"
    skills = {r.source: r.target for r in mapping.best("skill")}
    assert skills["s:till"] == "x:cash"
    assert mapping.target_of("r:rn") == "x:nurse"


def test_k_and_min_score(shop: sg.SkillGraph, other: sg.SkillGraph) -> None:
    mapping = sg.align(shop, other, skills=False, k=2)
    assert all(r.kind == "role" for r in mapping)
    ranks: dict[str, list[int]] = {}
    for r in mapping:
        ranks.setdefault(r.source, []).append(r.rank)
    assert all(v == list(range(1, len(v) + 1)) and len(v) <= 2 for v in ranks.values())
    assert any(len(v) == 2 for v in ranks.values())
    assert all(r.score >= 0.5 for r in sg.align(shop, other, min_score=0.5))
    with pytest.raises(sg.InvalidValueError, match="k must"):
        sg.align(shop, other, k=0)
    with pytest.raises(sg.InvalidValueError, match="b must"):
        sg.align(shop, "nope")  # type: ignore[arg-type]


def test_deterministic(shop: sg.SkillGraph, other: sg.SkillGraph) -> None:
    assert sg.align(shop, other).to_csv() == sg.align(shop, other).to_csv()


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_round_trip(
    shop: sg.SkillGraph, other: sg.SkillGraph, tmp_path: Path, fmt: str
) -> None:
    mapping = sg.align(shop, other, k=2)
    path = tmp_path / f"mapping{RDF_FORMATS[fmt][0]}"
    mapping.write(path)
    back = sg.read_alignment(path)
    assert back.rows == mapping.rows
    assert back.source_prefixes == mapping.source_prefixes


def test_turtle_has_skos_mapping_triples(
    shop: sg.SkillGraph, other: sg.SkillGraph, tmp_path: Path
) -> None:
    import rdflib

    mapping = sg.align(shop, other)
    path = tmp_path / "m.ttl"
    mapping.write(path)
    g = rdflib.Graph().parse(path)
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    exact = set(g.subject_objects(skos.exactMatch))
    close = set(g.subject_objects(skos.closeMatch))
    related = set(g.subject_objects(skos.relatedMatch))
    assert len(exact) + len(close) + len(related) == len(mapping.best())
    assert rdflib.URIRef("https://example.org/x/nurse") in {o for _, o in exact}


def test_iri_ids_under_a_declared_prefix_round_trip(tmp_path: Path) -> None:
    """Bug: ESCO's ids are IRIs under its own declared prefix; they read back as CURIEs."""
    ns = "http://example.org/esco/"
    a = sg.SkillGraph(prefixes={"e": ns})
    a.add(sg.Role(id=ns + "occupation/1", label="Nurse"))
    b = sg.SkillGraph(prefixes={"o": "urn:o:"})
    b.add(sg.Role(id="o:1", label="Nurses"))
    mapping = sg.align(a, b)
    for suffix in (".ttl", ".jsonld", ".csv"):
        path = tmp_path / f"m{suffix}"
        mapping.write(path)
        assert sg.read_alignment(path).rows == mapping.rows, suffix


def test_csv_round_trip(shop: sg.SkillGraph, other: sg.SkillGraph, tmp_path: Path) -> None:
    mapping = sg.align(shop, other, k=3)
    path = tmp_path / "m.csv"
    mapping.write(path)
    assert path.read_text(encoding="utf-8").splitlines()[0].startswith("kind,source,")
    assert sg.read_alignment(path).rows == mapping.rows


def test_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,source\nrole,a\n", encoding="utf-8")
    with pytest.raises(sg.FormatError, match="missing column"):
        sg.read_alignment(bad)
    bad.write_text(
        "kind,source,source_label,target,target_label,score,relation,rank,evidence\n"
        "role,a,A,b,B,high,closeMatch,1,\n",
        encoding="utf-8",
    )
    with pytest.raises(sg.FormatError, match="line 2"):
        sg.read_alignment(bad)
    with pytest.raises(sg.UnsupportedFormatError):
        sg.read_alignment(tmp_path / "m.docx")
    ttl = tmp_path / "x.ttl"
    ttl.write_text("<a:b> <a:c> <a:d> .", encoding="utf-8")
    with pytest.raises(sg.FormatError, match="no sg:Mapping"):
        sg.read_alignment(ttl)


@pytest.mark.data
@pytest.mark.slow
def test_esco_onet(esco: sg.SkillGraph, onet: sg.SkillGraph, tmp_path: Path) -> None:
    mapping = sg.align(esco, onet, skills=False)
    best = {r.source_label: r.target_label for r in mapping.best("role")}
    assert len(best) == len(esco.roles)
    assert best["cashier"] == "Cashiers"
    assert best["data scientist"] == "Data Scientists"
    path = tmp_path / "esco-onet.ttl"
    mapping.write(path)
    assert sg.read_alignment(path).rows == mapping.rows


def test_spreadsheet_safe_csv_quotes_formula_labels(tmp_path: Path) -> None:
    a = sg.SkillGraph()
    a.add(sg.Role(id="a:1", label="=Nurse"))
    b = sg.SkillGraph()
    b.add(sg.Role(id="b:1", label="=Nurses"))
    mapping = sg.align(a, b)
    assert ",=Nurse," in mapping.to_csv()
    safe = mapping.to_csv(spreadsheet_safe=True)
    assert ",'=Nurse," in safe and ",'=Nurses," in safe and ",=Nurse," not in safe
    path = tmp_path / "m.csv"
    mapping.write(path, spreadsheet_safe=True)
    assert path.read_text(encoding="utf-8") == safe
    with pytest.raises(sg.InvalidValueError, match="spreadsheet_safe must be True or False"):
        mapping.to_csv(spreadsheet_safe=1)  # type: ignore[arg-type]


def test_regression_a_weak_pair_is_a_related_match_not_a_close_one(tmp_path: Path) -> None:
    # every best pair was a closeMatch however low it scored (ESCO -> O*NET: "specialised
    # antique dealer" -> "Gambling Dealers" at 0.1); below CLOSE_SCORE it is relatedMatch
    from skillgraph.text.alignment import CLOSE_SCORE

    a = sg.SkillGraph()
    b = sg.SkillGraph()
    a.add(sg.Role(id="a:1", label="Registered nurse", description="Care for patients."))
    a.add(sg.Role(id="a:2", label="Antique dealer", description="Sell old furniture."))
    b.add(sg.Role(id="b:1", label="Registered nurses", description="Care for patients."))
    b.add(sg.Role(id="b:2", label="Gambling dealer", description="Run card tables."))
    b.add(sg.Role(id="b:3", label="Nurse practitioner", description="Care for patients."))
    mapping = sg.align(a, b, skills=False)
    best = {r.source: r for r in mapping.best()}
    assert best["a:1"].relation == "exactMatch"
    weak = best["a:2"]
    assert weak.score < CLOSE_SCORE and weak.relation == "relatedMatch"
    for r in mapping.rows:
        if r.relation == "closeMatch":
            assert r.score >= CLOSE_SCORE
    path = tmp_path / "m.ttl"
    mapping.write(path)
    assert sg.read_alignment(path).rows == mapping.rows
    csv_path = tmp_path / "m.csv"
    mapping.write(csv_path)
    assert sg.read_alignment(csv_path).rows == mapping.rows
