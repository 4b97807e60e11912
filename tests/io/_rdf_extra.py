"""hypothesis strategies: triples outside the vocabulary, as a graph's extra triples."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import strategies as st

import skillgraph as sg

_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=12
)
_iris = st.sampled_from(
    [
        "http://example.org/p",
        "http://example.org/q#x",
        "http://www.w3.org/2004/02/skos/core#note",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "https://w3id.org/skillgraph/vocab#other",
        "urn:x:1",
        "ex:skill/0",
        "ex:role/1",
    ]
)
_literals = st.one_of(
    st.builds(lambda t: ox.Literal(t), _text),
    st.builds(lambda t, lang: ox.Literal(t, language=lang), _text, st.sampled_from(["en", "de"])),
    st.builds(
        lambda t, dt: ox.Literal(t, datatype=ox.NamedNode(dt)),
        _text,
        st.sampled_from(["http://example.org/dt", "http://www.w3.org/2001/XMLSchema#integer"]),
    ),
)
_blanks = st.sampled_from(["b1", "sga1", "sg_r2", "x"]).map(ox.BlankNode)
_subjects = st.one_of(_iris.map(ox.NamedNode), _blanks)
_objects = st.one_of(_iris.map(ox.NamedNode), _blanks, _literals)


@st.composite
def with_extra(draw: st.DrawFn, g: sg.SkillGraph, max_size: int = 8) -> sg.SkillGraph:
    """``g`` (changed) with up to ``max_size`` random triples outside the vocabulary."""
    for _ in range(draw(st.integers(0, max_size))):
        s, p, o = draw(_subjects), draw(_iris), draw(_objects)
        g.add_extra_triple(str(s), f"<{p}>", str(o))
    return g
