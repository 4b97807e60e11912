"""What the reader takes from pyoxigraph terms: subject keys, strings and typed values."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from . import _vocab as vocab

if TYPE_CHECKING:
    from ...model import AttributeValue

__all__ = ["TRUE", "Prop", "key", "target", "text", "typed_value"]

#: A subject's (predicate IRI, object term).
Prop = tuple[str, Any]

#: ``true`` as an N-Triples xsd:boolean literal (how `str` of the pyoxigraph term reads).
TRUE = f'"true"^^<{vocab.XSD_BOOLEAN}>'
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_DOUBLE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
_STRING_TYPES = frozenset({vocab.XSD_STRING, vocab.LANG_STRING})
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False}


def key(term: Any) -> str:
    """The reader's key of a subject: the IRI, or ``_:label`` for a blank node."""
    return term.value if type(term) is ox.NamedNode else "_:" + term.value


def target(o: Any) -> str | None:
    """The IRI of a named node, else None."""
    return o.value if type(o) is ox.NamedNode else None


def text(o: Any) -> str | None:
    """The lexical form of a plain or language-tagged string literal, else None."""
    if type(o) is ox.Literal and o.datatype.value in _STRING_TYPES:
        return str(o.value)
    return None


def typed_value(o: Any) -> AttributeValue | None:
    """The value of a string, boolean, integer or finite double literal, else None."""
    if type(o) is not ox.Literal:
        return None
    dt = o.datatype.value
    if dt == vocab.XSD_STRING:
        return str(o.value)
    if dt == vocab.XSD_BOOLEAN:
        return _BOOLEANS.get(o.value)
    if dt == vocab.XSD_INTEGER:  # int() also takes "4_0" and non-ASCII digits
        try:
            return int(o.value) if _INTEGER.match(o.value) else None
        except ValueError:  # more digits than int() converts
            return None
    if dt == vocab.XSD_DOUBLE:  # NaN and INF have no JSON form: kept as extra triples
        value = float(o.value) if _DOUBLE.match(o.value) else math.nan
        return value if math.isfinite(value) else None
    return None
