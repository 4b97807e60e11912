"""The streaming converter's objects: IRIs, literals and blank nodes as plain values.

The converter (`_stream`) keeps every object it has read until the object's subject is
written, in runs that may go to temporary files (`_runs`, by `marshal`); so it keeps them
as values `marshal` writes, smaller than pyoxigraph's terms:

- an IRI: its ``str``;
- a literal: a `Lit` tuple, (lexical form, language tag or None, datatype IRI), as
  pyoxigraph's term holds them (a tagged literal's datatype rdf:langString); a literal
  with a base direction (RDF 1.2, ``"x"@en--ltr``) has its tag and direction as N-Triples
  writes them (``"en--ltr"``; no language tag holds ``--``) and rdf:dirLangString;
- a blank node: its key as ``bytes`` (``b"_:b0"``: the subject key, relabelled).

What the reader would take from a term (`_terms.text`, `_terms.typed_value`, its N-Triples
form) is taken here from the same term, made again when needed (`term`).
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from . import _vocab as vocab
from ._terms import typed_value

__all__ = ["Blanks", "Lit", "language", "lit", "lit_text", "nt", "term", "value"]

#: a literal: lexical form, language tag (None: none; with ``--direction`` when it has
#: one), datatype IRI
Lit = tuple[str, str | None, str]
_STRING_TYPES = frozenset({vocab.XSD_STRING, vocab.LANG_STRING})
_DIR_LANG_STRING = vocab.RDF + "dirLangString"
_DIRECTIONS = {str(d): d for d in (ox.BaseDirection.LTR, ox.BaseDirection.RTL)}


class Blanks(dict[str, str]):
    """Blank node label as read -> its key, ``_:bN``, numbered in order of first
    appearance (the labels the reader gives; shared by both groupings)."""

    def __missing__(self, label: str) -> str:
        found = self[label] = f"_:b{len(self)}"
        return found


def lit(o: ox.Literal) -> Lit:
    """The `Lit` of pyoxigraph literal ``o``."""
    tag = o.language
    if not tag:
        return (o.value, None, o.datatype.value)
    direction = o.direction
    if direction is None:
        return (o.value, tag, vocab.LANG_STRING)
    return (o.value, f"{tag}--{direction}", _DIR_LANG_STRING)


def term(o: Lit) -> ox.Literal:
    """The pyoxigraph literal of ``o``."""
    if o[1] is None:
        return ox.Literal(o[0], datatype=ox.NamedNode(o[2]))
    if o[2] == _DIR_LANG_STRING:
        direction = o[1].rpartition("--")[2]
        return ox.Literal(o[0], language=language(o), direction=_DIRECTIONS[direction])
    return ox.Literal(o[0], language=o[1])


def language(o: Lit) -> str:
    """The language tag of tagged literal ``o`` (without its base direction), as
    pyoxigraph's term has it."""
    tag = o[1]
    assert tag is not None
    return tag.rpartition("--")[0] if o[2] == _DIR_LANG_STRING else tag


def lit_text(o: Any) -> str | None:
    """The lexical form of ``o`` when it is a plain or language-tagged string literal,
    else None (as `_terms.text` of its term)."""
    if type(o) is tuple and o[2] in _STRING_TYPES:
        return str(o[0])
    return None


def value(o: Any) -> Any:
    """What `_terms.typed_value` reads from ``o``'s term (None: not a literal, or none)."""
    return typed_value(term(o)) if type(o) is tuple else None


def nt(o: Any) -> str:
    """The N-Triples term of object ``o``, as pyoxigraph writes its term."""
    if type(o) is str:
        return f"<{o}>"
    if type(o) is bytes:
        return o.decode()
    return str(term(o))
