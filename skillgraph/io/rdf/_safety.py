"""Refusing unsafe RDF input before any parser sees it.

- RDF/XML: a DOCTYPE naming an external DTD, external or parameter entities are refused
  (`UnsafeInputError`, naming the URL); internal entities that refer to other
  entities (the "billion laughs" expansion), more than `MAX_ENTITIES` of them, or
  longer than `MAX_ENTITY_CHARS`, are refused (`ResourceLimitError`). Simple
  internal abbreviations (``<!ENTITY xsd "http://www.w3.org/2001/XMLSchema#">``) are allowed.
- JSON-LD: every ``@context`` (at any depth) given as a URL or file name, and every
  ``@import``, is refused unless the caller supplies a ``document_loader`` (a local function
  mapping the URL to a context object), in which case it is replaced inline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...errors import FormatError, ResourceLimitError, UnsafeInputError

__all__ = [
    "MAX_ENTITIES",
    "MAX_ENTITY_CHARS",
    "MAX_XML_DEPTH",
    "check_rdfxml",
    "resolve_jsonld_contexts",
    "scan_rdfxml",
]

MAX_ENTITIES = 256
MAX_ENTITY_CHARS = 4096
_PROLOG_LIMIT = 1024 * 1024

DocumentLoader = Callable[[str], Any]

MAX_XML_DEPTH = 1000  #: element nesting of RDF/XML (the parser's cost grows with its square)
MAX_XML_TOKEN = 16 * 1024**2  #: longest run of text or attribute without a "<" (16 MiB)
_BLOCK = 4096  #: nesting is bounded per block by counting tags; exact only where needed

_DOCTYPE = re.compile(rb"<!DOCTYPE\s+[^\s\[>]+\s*((?:SYSTEM|PUBLIC)\b[^\[>]*)?(\[)?", re.I)
_ENTITY = re.compile(
    rb"<!ENTITY\s+(%\s+)?([^\s]+)\s+(?:(SYSTEM|PUBLIC)\b([^>]*)|(\"[^\"]*\"|'[^']*'))[^>]*>",
    re.S,
)
_QUOTED = re.compile(rb"\"([^\"]*)\"|'([^']*)'")


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _urls(text: bytes) -> str:
    found = [m.group(1) or m.group(2) for m in _QUOTED.finditer(text)]
    return ", ".join(repr(f.decode("utf-8", "replace")) for f in found) or "(no URL)"


def check_rdfxml(head: bytes, source: str, line_offset: int = 0) -> None:
    """Refuse an RDF/XML document whose prolog asks for external resources or expansion.

    ``head`` is the start of the document (at least its prolog: everything before the root
    element; the first MiB is enough for any sane document).

    Raises:
        UnsafeInputError: external DTD, external or parameter entity (naming the URL).
        ResourceLimitError: nested, too many or too long internal entities, or a prolog
            longer than 1 MiB.
    """
    m = _DOCTYPE.search(head[:_PROLOG_LIMIT])
    if m is None:
        return
    line = _line_of(head, m.start()) + line_offset
    if m.group(1):
        raise UnsafeInputError(
            f"the DOCTYPE names an external DTD {_urls(m.group(1))}: external resources "
            "are never loaded",
            source=source,
            line=line,
        )
    if not m.group(2):
        return
    end = head.find(b"]>", m.end())
    if end < 0:
        raise ResourceLimitError(
            "the DOCTYPE internal subset does not end within the first MiB",
            source=source,
            line=line,
        )
    subset = head[m.end() : end]
    for count, ent in enumerate(_ENTITY.finditer(subset), start=1):
        eline = _line_of(head, m.end() + ent.start()) + line_offset
        name = ent.group(2).decode("utf-8", "replace")
        if ent.group(3):
            raise UnsafeInputError(
                f"entity {name!r} refers to an external resource {_urls(ent.group(4))}: "
                "external entities are never resolved",
                source=source,
                line=eline,
            )
        if ent.group(1):
            raise UnsafeInputError(
                f"parameter entity {name!r} is not allowed", source=source, line=eline
            )
        value = ent.group(5)[1:-1]
        if b"&" in value or b"%" in value:
            raise ResourceLimitError(
                f"entity {name!r} refers to other entities (nested entity expansion, as in "
                "'billion laughs', is refused)",
                source=source,
                line=eline,
            )
        if len(value) > MAX_ENTITY_CHARS:
            raise ResourceLimitError(
                f"entity {name!r} is {len(value)} bytes long (limit {MAX_ENTITY_CHARS})",
                source=source,
                line=eline,
            )
        if count > MAX_ENTITIES:
            raise ResourceLimitError(
                f"more than {MAX_ENTITIES} entity declarations", source=source, line=eline
            )
    leftover = _ENTITY.sub(b"", subset)
    if b"<!ENTITY" in leftover:
        pos = m.end() + subset.find(b"<!ENTITY")
        raise UnsafeInputError(
            "an entity declaration could not be checked and is refused",
            source=source,
            line=_line_of(head, pos) + line_offset,
        )


def resolve_jsonld_contexts(
    doc: Any, source: str, document_loader: DocumentLoader | None = None
) -> tuple[Any, bool]:
    """``doc`` with every remote ``@context`` replaced by its loaded content.

    Returns the (possibly new) document and whether anything was replaced.

    Raises:
        UnsafeInputError: a context is a URL or file name and no ``document_loader`` was
            given, or the document uses ``@import`` (naming the URL).
        FormatError: the loader failed or returned something that is not a JSON object.
    """
    changed = False

    def load(url: str) -> Any:
        nonlocal changed
        if document_loader is None:
            raise UnsafeInputError(
                f"remote JSON-LD @context {url!r} is never fetched; inline the context, or "
                "pass document_loader= (a local function returning the context) to allow it",
                source=source,
                column="@context",
            )
        try:
            loaded = document_loader(url)
        except FormatError:
            raise
        except Exception as exc:  # the loader is user code: report any failure
            raise FormatError(
                f"document_loader failed for {url!r}: {exc}", source=source, column="@context"
            ) from None
        if isinstance(loaded, dict) and "@context" in loaded:
            loaded = loaded["@context"]
        if not isinstance(loaded, dict | list):
            raise FormatError(
                f"document_loader returned {type(loaded).__name__} for {url!r}, expected a "
                "JSON object",
                source=source,
                column="@context",
            )
        changed = True
        return walk_context(loaded, depth=1)

    def walk_context(ctx: Any, depth: int) -> Any:
        if depth > 32:
            raise ResourceLimitError("JSON-LD contexts nested too deeply", source=source)
        if isinstance(ctx, str):
            return load(ctx)
        if isinstance(ctx, list):
            return [walk_context(c, depth + 1) for c in ctx]
        if isinstance(ctx, dict):
            if "@import" in ctx:
                raise UnsafeInputError(
                    f"JSON-LD @import {ctx['@import']!r} is never fetched",
                    source=source,
                    column="@import",
                )
            return {
                k: walk(v) if k != "@context" else walk_context(v, depth + 1)
                for k, v in ctx.items()
            }
        return ctx

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(n) for n in node]
        if isinstance(node, dict):
            return {k: walk_context(v, 0) if k == "@context" else walk(v) for k, v in node.items()}
        return node

    out = walk(doc)
    return out, changed


_SELF_CLOSING = re.compile(rb"<[^<>!?]*/>")
_MARKUP = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|<[!?][^>]*>"
    rb"|<(/?)[^<>]*?(/?)>",
    re.S,
)


def _line(buf: Any, pos: int) -> int:
    return bytes(buf[:pos]).count(b"\n") + 1


def _exact_depth(buf: Any, start: int, end: int, depth: int, source: str) -> int:
    """The nesting depth after ``buf[start:end]``, tag by tag, refusing one past the limit."""
    for m in _MARKUP.finditer(bytes(buf[start:end])):
        close, empty = m.group(1), m.group(2)
        if close is None:  # comment, CDATA, DOCTYPE, processing instruction
            continue
        if close:
            depth = max(0, depth - 1)
        elif not empty:
            depth += 1
            if depth > MAX_XML_DEPTH:
                raise ResourceLimitError(
                    f"elements nested more than {MAX_XML_DEPTH} deep (the RDF/XML nesting limit)",
                    source=source,
                    line=_line(buf, start + m.start()),
                )
    return depth


def scan_rdfxml(buf: Any, source: str) -> None:
    """Check a whole RDF/XML document (bytes or an mmap) before the parser sees it.

    - every ``<!DOCTYPE``, wherever it is (not only in the first MiB), goes through
      `check_rdfxml`;
    - elements may nest at most `MAX_XML_DEPTH` deep;
    - no text or attribute value (a run without ``<``) is longer than
      `MAX_XML_TOKEN` bytes: the RDF/XML parser has no token limit of its own.

    Blocks of about 4 KiB are cut before a ``<``, so every tag lies in one block; a block
    whose tags cannot push the depth past the limit is counted (``bytes.count``), the
    others (and any block with comments, CDATA or a DOCTYPE) are read tag by tag.

    Raises:
        UnsafeInputError, ResourceLimitError: as `check_rdfxml`, or nesting or a text
            run past its limit (with the line).
    """
    size = len(buf)
    depth = 0
    since = 0  # bytes since the last "<"
    i = 0
    while i < size:
        end = min(size, i + _BLOCK)
        if end < size:
            cut = buf.rfind(b"<", i + 1, end)
            if cut > i:
                end = cut
        block = bytes(buf[i:end])
        last = block.rfind(b"<")
        if last < 0:
            since += len(block)
            if since > MAX_XML_TOKEN:
                raise ResourceLimitError(
                    f"a text or attribute value is longer than {MAX_XML_TOKEN // 1024**2} "
                    "MiB, the RDF parser's limit",
                    source=source,
                    line=_line(buf, i),
                )
            i = end
            continue
        since = len(block) - last
        if b"<!" in block or b"<?" in block:
            for marker, stop in ((b"<!--", b"-->"), (b"<![CDATA[", b"]]>")):
                at = block.rfind(marker)
                if at >= 0 and block.find(stop, at) < 0:  # runs into the next block
                    found = buf.find(stop, i + at)
                    end = size if found < 0 else found + len(stop)
                    block = bytes(buf[i:end])
            hit = block.find(b"<!DOCTYPE")
            if hit >= 0:
                check_rdfxml(
                    bytes(buf[i + hit : i + hit + _PROLOG_LIMIT]),
                    source,
                    _line(buf, i + hit) - 1,
                )
            depth = _exact_depth(buf, i, end, depth, source)
        else:
            opens = block.count(b"<") - block.count(b"</")
            if depth + opens > MAX_XML_DEPTH:
                depth = _exact_depth(buf, i, end, depth, source)
            else:
                closes = block.count(b"</")
                depth = max(0, depth + opens - closes - len(_SELF_CLOSING.findall(block)))
        i = end
