"""N-Triples literal formatting (skillgraph.io.rdf._literals)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillgraph.errors import InvalidValueError
from skillgraph.io.rdf._literals import _ESCAPES, literal, literals

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


@given(st.lists(_texts, max_size=6), st.sampled_from(["", "en", "pt-BR", "DE"]))
def test_literals_of_a_list_are_each_literal(texts: list[str], lang: str) -> None:
    """One escape check for a label list gives what one check a label gives."""
    assert literals(texts, lang) == [literal(t, lang) for t in texts]


def test_literals_refuse_a_bad_language_tag_as_literal_does() -> None:
    with pytest.raises(InvalidValueError) as one:
        literal("a", "not a tag")
    with pytest.raises(InvalidValueError) as many:
        literals(["a", "b"], "not a tag")
    assert str(many.value) == str(one.value)
    assert literals([], "not a tag") == []  # no label, nothing checked: as before
