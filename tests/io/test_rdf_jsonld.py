"""The JSON-LD writer (skillgraph.io.rdf._jsonld) against the reference it replaces.

The reference is the previous writer: the graph's triples as pyoxigraph terms
(`rdf.triples`), grouped into node objects and written by ``json.dumps``. The fast
writer formats the same document from N-Triples terms; both must agree byte for byte.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.io import rdf
from skillgraph.io.rdf import _vocab as vocab
from skillgraph.io.rdf._ids import output_prefixes
from tests.strategies import graphs

from ._rdf_extra import with_extra


def reference_jsonld(graph: sg.SkillGraph, indent: int | None = 1) -> bytes:
    """The JSON-LD document as the previous writer made it (pyoxigraph terms)."""
    ts = rdf.triples(graph)
    schemes = {t.subject.value.split(":", 1)[0] for t in ts if type(t.subject) is ox.NamedNode}
    schemes |= {t.object.value.split(":", 1)[0] for t in ts if type(t.object) is ox.NamedNode}
    schemes |= {t.predicate.value.split(":", 1)[0] for t in ts}  # fixed with the new writer
    schemes |= {
        t.object.datatype.value.split(":", 1)[0] for t in ts if type(t.object) is ox.Literal
    }
    context = {
        name: ns
        for name, ns in output_prefixes(graph).items()
        if name not in schemes and ns[-1:] in ":/?#[]@"
    }
    by_ns = sorted(((ns, name) for name, ns in context.items()), key=lambda x: -len(x[0]))

    def compact(iri: str) -> str:
        for ns, name in by_ns:
            if iri.startswith(ns) and not iri[len(ns) :].startswith("//"):
                return f"{name}:{iri[len(ns) :]}"
        return iri

    def ref(term: Any) -> str:
        return compact(term.value) if type(term) is ox.NamedNode else "_:" + term.value

    def value(term: Any) -> Any:
        if type(term) is not ox.Literal:
            return {"@id": ref(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == vocab.XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": compact(term.datatype.value)}

    subjects: dict[str, dict[str, Any]] = {}
    for t in ts:
        obj = subjects.setdefault(ref(t.subject), {"@id": ref(t.subject)})
        if t.predicate.value == vocab.TYPE and type(t.object) is ox.NamedNode:
            obj.setdefault("@type", []).append(compact(t.object.value))
        else:
            obj.setdefault(compact(t.predicate.value), []).append(value(t.object))
    parts = ['{\n"@context": ', json.dumps(context, ensure_ascii=False, indent=indent)]
    parts.append(',\n"@graph": [')
    for i, obj in enumerate(subjects.values()):
        head = {k: obj[k] for k in ("@id", "@type") if k in obj}
        head.update((k, obj[k]) for k in sorted(k for k in obj if not k.startswith("@")))
        text = json.dumps(head, ensure_ascii=False, indent=indent)
        parts.append(("\n" if not i else ",\n") + text)
    parts.append("\n]\n}\n")
    return "".join(parts).encode("utf-8")


def jsonld(graph: sg.SkillGraph, indent: int | None = 1) -> bytes:
    out = io.BytesIO()
    rdf.write_jsonld(graph, out, indent=indent)
    return out.getvalue()


@pytest.mark.parametrize("indent", [1, 2, None])
def test_demo_matches_reference(demo: sg.SkillGraph, indent: int | None) -> None:
    assert jsonld(demo, indent) == reference_jsonld(demo, indent)


@given(st.data())
def test_random_graphs_with_unknown_triples_match_reference(data: st.DataObject) -> None:
    g = data.draw(with_extra(data.draw(graphs(max_roles=4, max_skills=8, resources=True))))
    assert jsonld(g) == reference_jsonld(g)


def test_escaped_literals_decode_as_the_parser_does() -> None:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="http://x.org/s", label='tab\there "q" back\\slash\nline \x01 é'))
    g.add_extra_triple("<http://x.org/s>", "<http://x.org/p>", '"\\u00e9\\U0001F600\\t"')
    doc = json.loads(jsonld(g))
    assert doc["@graph"][0]["skos:prefLabel"][0]["@value"].startswith('tab\there "q" back\\')
    assert jsonld(g) == reference_jsonld(g)


def test_prefix_named_like_a_scheme_is_left_out_of_the_context() -> None:
    g = sg.SkillGraph(prefixes={"urn": "http://x.org/urn/"})
    g.add(sg.Skill(id="http://x.org/urn/s", label="s"))
    g.add_extra_triple("<http://x.org/urn/s>", "<http://x.org/p>", "<urn:isbn:1>")
    assert "urn" not in json.loads(jsonld(g))["@context"]
    assert jsonld(g) == reference_jsonld(g)


@pytest.mark.parametrize("indent", [1, 2])
def test_regression_predicates_named_like_a_prefix_keep_their_iri(indent: int) -> None:
    # `<dcterms:zz>` beside `dcterms:`'s own `zz` compacted to one key: the new writer
    # wrote it twice (one lost on reading) and the old one merged the two predicates
    g = sg.SkillGraph()
    name, base = next((k, v) for k, v in output_prefixes(g).items() if v.endswith(("/", "#")))
    s = "<http://example.org/s>"
    g.add_extra_triple(s, f"<{base}zz>", '"one"')
    g.add_extra_triple(s, f"<{name}:zz>", '"two"')
    g.add_extra_triple(s, "<http://example.org/p>", f'"3"^^<{name}:number>')
    doc = jsonld(g, indent)
    assert name not in json.loads(doc)["@context"]
    assert doc == reference_jsonld(g, indent)
    back = {str(t) for t in ox.parse(doc, format=ox.RdfFormat.JSON_LD)}
    assert back == {str(t) for t in rdf.triples(g)}


def test_real_esco_matches_reference(data: Any) -> None:
    g = sg.read(data / "esco" / "v1.1.1" / "csv")
    assert jsonld(g) == reference_jsonld(g)


def test_kept_triple_adding_an_iri_to_a_group_of_literals() -> None:
    """A property whose values mix literals (the model's) and IRIs (a kept triple)."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="http://x.org/s", label="s", tags=("a",)))
    g.add_extra_triple("<http://x.org/s>", f"<{vocab.SG_TAG}>", "<http://x.org/t>")
    g.add_extra_triple("<http://x.org/s>", f"<{vocab.PREF_LABEL}>", "_:b1")
    assert jsonld(g) == reference_jsonld(g)
    values = json.loads(jsonld(g))["@graph"][0]["sg:tag"]
    assert values == ["a", {"@id": "http://x.org/t"}]


def test_labels_that_look_like_term_ends() -> None:
    """Labels holding what closes a term (a quote, a tag, a line break) in one list."""
    alt = ('x"@en', 'y\\"@en', 'z\n"@en', "w\\", '"', "@en", "\t\\u00e9")
    g = sg.SkillGraph()
    g.add(sg.Skill(id="http://x.org/s", label="s", alt_labels=alt))
    g.add(sg.Skill(id="http://x.org/t", label="t", alt_labels=("a", "b\\", 'c"')))
    assert jsonld(g) == reference_jsonld(g)
    got = json.loads(jsonld(g))["@graph"][0]["skos:altLabel"]
    assert sorted(v["@value"] for v in got) == sorted(alt)
