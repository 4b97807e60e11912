"""Checking triples whose terms are written in N-Triples syntax (a graph's extra triples).

An extra triple is written back verbatim, so a term must be exactly one N-Triples term: a
literal holding an unescaped quote and a newline would otherwise add triples of its own to
the output, and a malformed one would make the output unreadable. Each term is first
matched against the shape of its kind (nothing outside the term can hide in it), then all
triples are parsed together, strictly, by pyoxigraph (IRIs, language tags, blank node
labels, literal escapes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import InvalidValueError

__all__ = ["check_triples"]

_IRI = r'<(?:[^\x00-\x20<>"{}|^`\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>'
_BLANK = r'_:[^\x00-\x20<>"{}|^`\\#]+'
_LITERAL = (
    r'"(?:[^"\\\n\r]|\\[tbnrf"\'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*"'
    rf"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^{_IRI})?"
)
#: (place, its shape, what it may be)
_SHAPES = (
    ("subject", re.compile(f"(?:{_IRI}|{_BLANK})"), "<iri> or _:blank"),
    ("predicate", re.compile(_IRI), "<iri>"),
    ("object", re.compile(f"(?:{_IRI}|{_BLANK}|{_LITERAL})"), '<iri>, _:blank or "literal"'),
)


def check_triples(triples: Iterable[tuple[str, str, str]], field: str = "extra_triples") -> None:
    """Check that each triple is three well-formed N-Triples terms.

    Raises:
        InvalidValueError: a term is not one well-formed term of its place (the message
            names the triple by its position and the place; ``field`` is ``field``).
    """
    lines: list[str] = []
    for index, triple in enumerate(triples):
        if len(triple) != 3:
            raise InvalidValueError(
                f"{field}[{index}]: expected 3 terms (subject, predicate, object), "
                f"got {len(triple)}",
                field=field,
            )
        for (place, shape, expected), term in zip(_SHAPES, triple, strict=True):
            if not isinstance(term, str) or shape.fullmatch(term) is None:
                raise InvalidValueError(
                    f"{field}[{index}]: {place} {term!r} is not one N-Triples term "
                    f"(expected {expected})",
                    field=field,
                )
        lines.append(" ".join(triple))
    if not lines:
        return
    import pyoxigraph as ox  # only when there is something to parse: start-up stays light

    data = " .\n".join(lines) + " .\n"
    try:
        parsed = sum(1 for _ in ox.parse(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        where = f"{field}[{line - 1}]" if line is not None else field
        raise InvalidValueError(
            f"{where}: not a valid triple: {exc.msg or exc}", field=field
        ) from None
    except (ValueError, UnicodeEncodeError) as exc:
        raise InvalidValueError(f"{field}: not valid triples: {exc}", field=field) from None
    if parsed != len(lines):  # pragma: no cover - the shapes leave no room for this
        raise InvalidValueError(f"{field}: {len(lines)} triples read back as {parsed}", field=field)
