"""N-Triples literal formatting (skillgraph.io.rdf._literals)."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from skillgraph.io.rdf._literals import _ESCAPES, literal

_texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from('\\"\n\r\t\x00\x7f'),
    max_size=40,
)


@given(_texts)
def test_escaping_is_the_per_character_table(text: str) -> None:
    """The fast escaping (chained replaces) gives what the table gives, character by character."""
    assert literal(text) == f'"{text.translate(_ESCAPES)}"'


@given(_texts)
def test_literal_reads_back_as_the_text(text: str) -> None:
    term = literal(text, "en")
    (quad,) = ox.parse(
        f"<http://x.org/s> <http://x.org/p> {term} .\n", format=ox.RdfFormat.N_TRIPLES
    )
    assert quad.object == ox.Literal(text, language="en")


def test_long_description_with_line_breaks() -> None:
    text = 'line one\nline "two"\r\nback\\slash ' * 200
    assert literal(text) == f'"{text.translate(_ESCAPES)}"'
