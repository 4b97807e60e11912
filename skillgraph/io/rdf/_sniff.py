"""Telling the RDF syntaxes apart: a sniffer per syntax, ``(source, head) -> bool``."""

from __future__ import annotations

import re

from .._source import Source

__all__ = ["BOM", "sniff_jsonld", "sniff_ntriples", "sniff_rdfxml", "sniff_turtle"]

#: The UTF-8 byte order mark, accepted (and skipped) in every syntax.
BOM = b"\xef\xbb\xbf"
_TTL_DIRECTIVE = re.compile(rb"^\s*(@prefix|@base|PREFIX|BASE)\b", re.M | re.I)
_NT_LINE = re.compile(rb"^(<[^>\s]*>|_:\S+)[ \t]+<[^>\s]*>[ \t]+\S.*\.[ \t]*\r?$")


def _suffix(source: Source) -> str:
    """The file's suffix ("" for bytes and for folders: a folder ``x.ttl`` is no Turtle)."""
    if source.path is None or source.is_dir:
        return ""
    return source.path.suffix.lower()


def sniff_turtle(source: Source, head: bytes) -> bool:
    """Turtle: a prefix/base directive near the start, or a ``.ttl`` file."""
    suffix = _suffix(source)
    if suffix == ".ttl":
        return True
    if suffix in (".nt", ".jsonld", ".json", ".rdf", ".owl", ".xml"):
        return False
    return bool(_TTL_DIRECTIVE.search(head)) and not head.lstrip().startswith((b"{", b"<?"))


def sniff_ntriples(source: Source, head: bytes) -> bool:
    """N-Triples: the first statement line is ``<s> <p> o .`` (and the file is not .ttl)."""
    if _suffix(source) == ".nt":
        return True
    if _suffix(source) == ".ttl":
        return False
    for line in head.removeprefix(BOM).splitlines()[:20]:
        text = line.strip()
        if not text or text.startswith(b"#"):
            continue
        return bool(_NT_LINE.match(text))
    return False


def sniff_jsonld(source: Source, head: bytes) -> bool:
    """JSON-LD: a JSON object or array using ``@context``, ``@graph`` or ``@id``."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith((b"{", b"[")):
        return False
    return any(k in head for k in (b'"@context"', b'"@graph"', b'"@id"'))


def sniff_rdfxml(source: Source, head: bytes) -> bool:
    """RDF/XML: an XML document whose root is ``rdf:RDF`` (or that uses the RDF namespace)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"<") and (
        b"<rdf:RDF" in head or b"http://www.w3.org/1999/02/22-rdf-syntax-ns#" in head
    )
