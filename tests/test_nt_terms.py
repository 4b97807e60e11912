"""Extra-triple term checking: every well-formed term passes, nothing else does."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph._nt_terms import check_triples

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_iris = st.builds(
    lambda path, frag: ox.NamedNode(f"http://example.org/{path}{frag}"),
    st.text("abcxyz019-._~/", max_size=12) | st.just("a%20b"),
    st.sampled_from(["", "#", "#frag"]),
)
_literals = st.one_of(
    _text.map(ox.Literal),
    st.builds(
        lambda t, lang: ox.Literal(t, language=lang),
        _text,
        st.sampled_from(["en", "de-CH", "zh-Hant-TW"]),
    ),
    st.builds(
        lambda t: ox.Literal(t, datatype=ox.NamedNode("http://example.org/dt")),
        _text,
    ),
)
_blanks = st.text("abcdef0123456789", min_size=1, max_size=8).map(ox.BlankNode)


@given(
    s=st.one_of(_iris, _blanks),
    p=_iris,
    o=st.one_of(_iris, _blanks, _literals),
)
@settings(max_examples=200, deadline=None)
def test_terms_as_pyoxigraph_writes_them_are_accepted(s: object, p: object, o: object) -> None:
    triple = (str(s), str(p), str(o))
    check_triples([triple])
    g = sg.SkillGraph()
    g.add_extra_triple(*triple)
    assert g.extra_triples == {triple}


@given(text=_text)
@settings(max_examples=200, deadline=None)
def test_a_raw_text_is_accepted_only_if_it_is_one_literal(text: str) -> None:
    """Unescaped text wrapped in quotes is one literal only when it holds no quote,
    backslash or line break; otherwise it is refused, never read as something else."""
    term = f'"{text}"'
    plain = not any(c in text for c in '"\\\n\r')
    if plain:
        check_triples([("<http://x.org/s>", "<http://x.org/p>", term)])
    else:
        try:
            check_triples([("<http://x.org/s>", "<http://x.org/p>", term)])
        except sg.InvalidValueError:
            return
        # accepted: then it must be exactly one literal whose escapes pyoxigraph reads
        line = f"<http://x.org/s> <http://x.org/p> {term} .".encode()
        [q] = ox.parse(line, format=ox.RdfFormat.N_TRIPLES)
        assert isinstance(q.object, ox.Literal)


def test_wrong_arity_is_refused() -> None:
    with pytest.raises(sg.InvalidValueError, match="expected 3 terms"):
        check_triples([("<http://x.org/s>", "<http://x.org/p>")])  # type: ignore[list-item]


def test_the_parse_error_names_the_triple() -> None:
    with pytest.raises(sg.InvalidValueError, match=r"extra_triples\[1\]"):
        check_triples(
            [
                ("<http://x.org/s>", "<http://x.org/p>", '"ok"'),
                ("<rel>", "<http://x.org/p>", '"a"'),
            ]
        )
