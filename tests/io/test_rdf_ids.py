"""Node ids and IRIs (`skillgraph.io.rdf._ids.IdMap`): `stands_for` answers as the
IRI `named` makes for the id, without making it."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from skillgraph.io.rdf._ids import IdMap
from skillgraph.io.rdf._vocab import SG_ID

_PREFIXES = {"gen": "http://example.org/gen/", "ex": "http://ex.org/", "x:y": "http://bad/"}
_IDS = st.one_of(
    st.builds(
        "{}:{}".format,
        st.sampled_from(["gen", "ex", "other", "x", "http", "urn"]),
        st.text("ab/:% .#", max_size=6),
    ),
    st.text("ab:/% ", max_size=6),
    st.sampled_from([SG_ID + "a", SG_ID + "a%20b", "http://example.org/gen/a", "python"]),
)
_IRIS = st.one_of(
    st.builds(
        "{}{}".format, st.sampled_from([*_PREFIXES.values(), SG_ID]), st.text("ab/:%", max_size=6)
    ),
    st.sampled_from(["gen:a", "urn:a", "http://example.org/gen//a"]),
)


@given(node_id=_IDS, iri=_IRIS)
def test_an_id_stands_for_the_iri_named_makes_for_it(node_id: str, iri: str) -> None:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return  # a valid IRI only
    ids = IdMap(_PREFIXES)
    assert ids.stands_for(node_id, iri) == (IdMap(_PREFIXES).iri(node_id) == iri)
    assert ids.stands_for(node_id, ids.iri(node_id))
