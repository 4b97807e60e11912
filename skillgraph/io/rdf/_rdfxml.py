"""The RDF/XML serialiser (pyoxigraph's, with stable namespace declarations)."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from ...errors import InvalidValueError
from ._ids import output_prefixes
from ._ntriples import triples

if TYPE_CHECKING:
    from ...graph import SkillGraph

__all__ = ["write_rdfxml"]

#: Characters XML 1.0 cannot represent, even as character references.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_rdfxml(graph: SkillGraph, out: BinaryIO, *, cluster_level: int | None = None) -> None:
    """Write RDF/XML with stable namespace declarations.

    Raises:
        InvalidValueError: a value cannot be written (text XML cannot hold, e.g. U+FFFF).
    """
    ts = triples(graph, cluster_level=cluster_level)
    for t in ts:
        o = t.object
        if type(o) is ox.Literal and _XML_BAD.search(o.value):
            raise InvalidValueError(
                f"{t.subject}: {o.value!r} holds a character XML 1.0 cannot represent; "
                "use Turtle, N-Triples or JSON-LD",
                field=t.predicate.value,
            )
    buf = io.BytesIO()
    try:
        ox.serialize(ts, buf, ox.RdfFormat.RDF_XML, prefixes=output_prefixes(graph))
    except ValueError as exc:
        raise InvalidValueError(f"cannot write RDF/XML: {exc}") from None
    # XML parsers turn a raw CR into LF; the serializer's own line breaks are LF, and IRIs
    # hold no CR, so every CR here is inside a literal and must be a character reference.
    out.write(buf.getvalue().replace(b"\r", b"&#13;"))
