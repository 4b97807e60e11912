"""N-Triples terms as strings: IRIs, plain, language-tagged and typed literals.

Formatting strings is several times faster than building pyoxigraph term objects, and
the N-Triples and Turtle writers need nothing else.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from ...errors import InvalidValueError
from . import _vocab as vocab

if TYPE_CHECKING:
    from ...model import AttributeValue

__all__ = [
    "FALSE",
    "TRUE",
    "Triple",
    "double_literal",
    "iri_term",
    "literal",
    "literals",
    "typed",
    "value_literal",
]

#: A triple of N-Triples terms.
Triple = tuple[str, str, str]

_IRIS: dict[str, str] = {}


def iri_term(iri: str) -> str:
    """The N-Triples term ``<iri>`` (cached: the vocabulary's IRIs recur in every block)."""
    found = _IRIS.get(iri)
    if found is None:
        found = _IRIS[iri] = f"<{iri}>"
    return found


_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in range(32) if c not in (10, 13)})
_ESCAPES[0x7F] = "\\u007F"
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_NEEDS_ESCAPE = re.compile('[\x00-\x1f\x7f"\\\\]')
_RARE_ESCAPE = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")  # escaped as \\uXXXX
_LANG_SUFFIX: dict[str, str] = {}  # valid tag -> "@tag" in lower case


def _escape(text: str) -> str:
    """``text`` with the characters N-Triples strings escape, escaped.

    ``str.translate`` costs about 0.1 µs a character, which long descriptions with line
    breaks (ESCO's) feel; when only the four common characters occur, chained replaces
    (the backslash first, so that no added backslash is doubled) give the same string
    several times faster.
    """
    if _RARE_ESCAPE.search(text):
        return text.translate(_ESCAPES)
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def literal(text: str, lang: str = "") -> str:
    """An N-Triples string literal, language-tagged when ``lang`` is given.

    Raises:
        InvalidValueError: ``lang`` is not a well-formed BCP 47 tag.
    """
    body = _escape(text) if _NEEDS_ESCAPE.search(text) else text
    if not lang:
        return f'"{body}"'
    suffix = _LANG_SUFFIX.get(lang)
    if suffix is None:
        if not _LANG.match(lang):
            raise InvalidValueError(
                f"language tag {lang!r} is not a valid BCP 47 tag", field="translations"
            )
        # lower case, as canonical N-Triples and pyoxigraph
        suffix = _LANG_SUFFIX[lang] = "@" + lang.lower()
    return f'"{body}"{suffix}'


def literals(texts: list[str], lang: str = "") -> list[str]:
    """`literal` of each of ``texts`` (a label list): one escape check for all of them.

    Raises:
        InvalidValueError: ``lang`` is not a well-formed BCP 47 tag.
    """
    if not texts or _NEEDS_ESCAPE.search("".join(texts)):
        return [literal(t, lang) for t in texts]
    if not lang:
        return [f'"{t}"' for t in texts]
    suffix = literal("", lang)[2:]  # checks the tag once
    return [f'"{t}"{suffix}' for t in texts]


def typed(lexical: str, datatype: str) -> str:
    """An N-Triples typed literal."""
    return f'"{lexical.translate(_ESCAPES)}"^^<{datatype}>'


TRUE = typed("true", vocab.XSD_BOOLEAN)
FALSE = typed("false", vocab.XSD_BOOLEAN)


def double_literal(value: float) -> str:
    """An xsd:double literal that reads back to exactly ``value``."""
    if math.isnan(value):
        lex = "NaN"
    elif math.isinf(value):
        lex = "INF" if value > 0 else "-INF"
    else:
        lex = repr(float(value))
    return typed(lex, vocab.XSD_DOUBLE)


def value_literal(value: AttributeValue) -> str:
    """The typed literal of an attribute value (boolean, integer, double or string)."""
    if isinstance(value, bool):
        return TRUE if value else FALSE
    if isinstance(value, int):
        return typed(str(value), vocab.XSD_INTEGER)
    if isinstance(value, float):
        return double_literal(value)
    return literal(value)
