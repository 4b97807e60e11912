"""The RDF readers: one entry point a syntax, parser errors mapped to `FormatError`.

Each reader streams ``pyoxigraph.parse`` into `skillgraph.io.rdf._reader.build_graph`
after the safety checks of its syntax (`skillgraph.io.rdf._safety`).
"""

from __future__ import annotations

import json
import mmap
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

import pyoxigraph as ox

from ..._validate import check_optional_int
from ...errors import FormatError, ResourceLimitError, SkillGraphError
from .. import _json
from .._limits import MAX_TOKEN_BYTES
from .._source import Progress, Source
from ._languages import language_set
from ._reader import UncheckedTermError, build_graph
from ._safety import DocumentLoader, check_rdfxml, resolve_jsonld_contexts, scan_rdfxml
from ._sniff import BOM

if TYPE_CHECKING:
    from xml.parsers.expat import XMLParserType

    from ...graph import SkillGraph

__all__ = [
    "MAX_TOKEN_BYTES",
    "GraphOptions",
    "ReadOptions",
    "parser_error",
    "read_jsonld",
    "read_ntriples",
    "read_rdfxml",
    "read_triples",
    "read_turtle",
]

#: Syntaxes parsed leniently first (no IRI or language tag validation in the parser; the
#: reader validates each distinct one instead: 0.09 s of 1.6 s less on 500k N-Triples); on
#: any doubt or error the input is parsed again strictly, which reports errors as always.
#: Not Turtle: its lenient parse saves less than the reader's check costs.
_LENIENT = (ox.RdfFormat.N_TRIPLES,)
#: Characters Turtle may escape with a backslash in a prefixed name's local part.
_RESERVED = frozenset("~.-!$&'()*+,;=/?#@%_")


class GraphOptions(TypedDict, total=False):
    """The options of reading a graph from RDF triples (see `read_turtle`)."""

    cluster_level: int | None
    language: str | None
    languages: Iterable[str] | None


class ReadOptions(GraphOptions, total=False):
    """The options every RDF reader takes (see `read_turtle`)."""

    progress: Progress | None
    base_iri: str | None


def read_triples(
    triples: Iterable[ox.Triple | ox.Quad],
    name: str,
    *,
    cluster_level: int | None = None,
    language: str | None = None,
    languages: Iterable[str] | None = None,
) -> SkillGraph:
    """The graph RDF triples from elsewhere (a store, rdflib) describe, as a reader would.

    Raises:
        InvalidValueError: ``cluster_level`` is not 1-4, or a language is not a tag.
        FormatError: the triples do not describe a valid skills graph.
    """
    keep = language_set(language, languages)
    check_optional_int("cluster_level", cluster_level, minimum=1, maximum=4)
    return build_graph(
        triples, source=name, cluster_level=cluster_level, language=language, languages=keep
    )


def parser_error(
    exc: SyntaxError, source: str, what: str = "RDF", *, column: bool = True
) -> FormatError:
    """The `FormatError` for a pyoxigraph parser's ``SyntaxError`` (with its line and,
    when ``column``, its column)."""
    msg = str(exc.msg) if exc.msg else str(exc)
    line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
    col = exc.offset if column and isinstance(exc.offset, int) and exc.offset > 0 else None
    return FormatError(f"malformed {what}: {msg}", source=source, line=line, column=col)


def _parse(
    source: Source,
    fmt: ox.RdfFormat,
    base_iri: str | None,
    data: bytes | None = None,
    lenient: bool = False,
) -> Iterator[ox.Quad]:
    """pyoxigraph's parser over the source: quads of the default graph only."""
    options: dict[str, Any] = {
        "format": fmt,
        "base_iri": base_iri,
        "without_named_graphs": True,
        "lenient": lenient,
    }
    if data is not None:
        return ox.parse(data, **options)
    if source.data is not None:
        return ox.parse(source.data, **options)
    assert source.path is not None
    return ox.parse(path=source.path, **options)


def _read(
    source: Source,
    fmt: ox.RdfFormat,
    data: bytes | None = None,
    *,
    progress: Progress | None = None,
    cluster_level: int | None = None,
    base_iri: str | None = None,
    language: str | None = None,
    languages: Iterable[str] | None = None,
) -> SkillGraph:
    """Read ``source`` in syntax ``fmt`` (``data``: its bytes, when already read).

    Raises:
        TypeError: an option no reader takes (named in the message, for `skillgraph.read`).
    """
    keep = language_set(language, languages)
    check_optional_int("cluster_level", cluster_level, minimum=1, maximum=4)
    if data is None and source.head(3) == BOM:  # a UTF-8 byte order mark is harmless
        data = source.read_bytes()[3:]

    def attempt(lenient: bool) -> SkillGraph:
        return build_graph(
            _parse(source, fmt, base_iri, data, lenient=lenient),
            source=source.name,
            cluster_level=cluster_level,
            progress=progress,
            unchecked=lenient,
            language=language,
            languages=keep,
            locate=_locator(source, data),
        )

    if fmt in _LENIENT:
        try:
            return attempt(True)
        except SkillGraphError:  # about the content (FormatError is a ValueError too)
            raise
        except (UncheckedTermError, SyntaxError, MemoryError, OSError, ValueError):
            pass  # parsed again strictly below, which reports the error
    try:
        return attempt(False)  # quads have subject, predicate, object
    except SyntaxError as exc:  # raised by the parser while the reader pulls triples
        err = parser_error(exc, source.name)
        if err.line is None and fmt == ox.RdfFormat.RDF_XML:
            line, what = _xml_error_line(source, data), ""
            if line is None and "namespaces are required" in str(exc):
                line, what = _unqualified_name(source, data)
            if line is not None:
                err = FormatError(f"malformed RDF: {exc}{what}", source=source.name, line=line)
        raise err from None
    except SkillGraphError:
        raise
    except MemoryError as exc:  # pyoxigraph's token buffer is full
        if "buffer maximal size" not in str(exc):
            raise
        raise ResourceLimitError(
            f"a single literal or IRI is longer than {MAX_TOKEN_BYTES // 1024**2} MiB, the "
            "RDF parser's limit",
            source=source.name,
        ) from None
    except (OSError, ValueError) as exc:
        raise FormatError(f"cannot read RDF: {exc}", source=source.name) from None


def _locator(source: Source, data: bytes | None) -> Callable[[str, str], int | None]:
    """``locate(iri, node_id)``: the line where the input first writes ``iri`` (as ``<iri>``,
    as a quoted string, or as the CURIE ``node_id``); None when not found. Reads the input
    again, so it is for error messages only."""

    def locate(iri: str, node_id: str) -> int | None:
        raw = data if data is not None else source.read_bytes()
        at = raw.find(f"<{iri}>".encode())
        if at < 0:
            at = raw.find(f'"{iri}"'.encode())
        if at < 0 and node_id != iri:  # a CURIE; Turtle may escape its reserved characters
            spelled = b"".join(
                (rb"\\?" if chr(c) in _RESERVED else b"") + re.escape(bytes([c]))
                for c in node_id.encode()
            )
            found = re.search(rb"(?<![<\w/:#\\])" + spelled + rb"(?![\w/#])", raw)
            at = found.start() if found else -1
        return raw.count(b"\n", 0, at) + 1 if at >= 0 else None

    return locate


def _feed(parser: XMLParserType, source: Source, data: bytes | None) -> None:
    """Give the whole input to the expat ``parser`` (from the file, or ``data`` when read).

    Raises:
        expat.ExpatError: the input is not well-formed XML (and what the handlers raise).
    """
    if data is None and source.path is not None:
        with source.open() as fh:
            parser.ParseFile(fh)
    else:
        parser.Parse(data if data is not None else source.read_bytes(), True)


def _xml_error_line(source: Source, data: bytes | None) -> int | None:
    """The line of the first XML well-formedness error, for parser errors without a position.

    Uses expat, which never loads external entities or DTDs (no handler is set), after
    `check_rdfxml` has refused nested entities.
    """
    from xml.parsers import expat

    parser = expat.ParserCreate()
    try:
        _feed(parser, source, data)
    except expat.ExpatError as exc:
        return int(exc.lineno)
    except (OSError, ValueError, RecursionError, LookupError):  # LookupError: unknown encoding
        return None
    return None


class _UnqualifiedNameError(Exception):
    """The first element or attribute without a namespace (stops the scan)."""


def _unqualified_name(source: Source, data: bytes | None) -> tuple[int | None, str]:
    """The line of the first element or attribute of a well-formed RDF/XML input that has
    no namespace, and a phrase naming it (" (attribute 'about' of element 'p' of
    http://example.org/)"), for the
    parser's error without a position; (None, "") when none is found. Uses expat as
    `_xml_error_line` does (no entity or DTD is loaded)."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")

    def start(name: str, attrs: dict[str, str]) -> None:
        if " " not in name:
            raise _UnqualifiedNameError(f" (element <{name}>)")
        for attr in attrs:
            if " " not in attr:
                uri, local = name.split(" ", 1)
                raise _UnqualifiedNameError(f" (attribute {attr!r} of element {local!r} of {uri})")

    parser.StartElementHandler = start
    try:
        _feed(parser, source, data)
    except _UnqualifiedNameError as found:
        return int(parser.CurrentLineNumber), str(found)
    except (expat.ExpatError, OSError, ValueError, RecursionError, LookupError):
        return None, ""
    return None, ""


def read_turtle(source: Source, **options: Unpack[ReadOptions]) -> SkillGraph:
    """Read a Turtle file.

    Options (`ReadOptions`, the same for every RDF reader): ``progress`` is called as
    the triples stream; ``cluster_level`` (1-4) is the ISCO level of the clusters given to
    ESCO occupations (default: the level the file records as ``sg:clusterLevel``, else 3);
    ``base_iri`` resolves relative IRIs. ``language`` / ``languages`` keep only the labels
    and descriptions in those languages (dropped while the file streams, which bounds the
    memory a 28-language ESCO file needs); ``language`` is also the graph's main language.

    ESCO's own RDF reads natively: SKOS-XL labels, node-literal descriptions, relationship
    nodes and the inverse relations become labels, descriptions and requirements (see
    docs/vocabulary.md).

    Raises:
        FormatError: malformed Turtle (with line and column) or an invalid graph.
        InvalidValueError: ``language`` or ``languages`` is not a language tag.
    """
    return _read(source, ox.RdfFormat.TURTLE, **options)


def read_ntriples(source: Source, **options: Unpack[ReadOptions]) -> SkillGraph:
    """Read an N-Triples file (see `read_turtle`).

    Raises:
        FormatError: malformed N-Triples (with line and column) or an invalid graph.
        InvalidValueError: ``language`` or ``languages`` is not a language tag.
    """
    return _read(source, ox.RdfFormat.N_TRIPLES, **options)


def read_rdfxml(source: Source, **options: Unpack[ReadOptions]) -> SkillGraph:
    """Read an RDF/XML file (see `read_turtle`); external DTDs and entities are refused
    before parsing.

    Raises:
        UnsafeInputError: the document declares an external DTD, external or parameter
            entities (naming the URL).
        ResourceLimitError: nested ("billion laughs"), too many or too long entities.
        FormatError: malformed RDF/XML or an invalid graph.
    """
    head = source.head(1024 * 1024)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise FormatError(
            "UTF-16 text: the RDF/XML reader reads UTF-8 only; save the file as UTF-8",
            source=source.name,
            line=1,
        )
    check_rdfxml(head, source.name)
    _scan_whole(source)
    return _read(source, ox.RdfFormat.RDF_XML, **options)


def _scan_whole(source: Source) -> None:
    """`scan_rdfxml` over the whole document (memory-mapped when it is a file)."""
    if source.data is not None:
        scan_rdfxml(source.data, source.name)
        return
    assert source.path is not None
    with open(source.path, "rb") as fh:
        try:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # empty, or not a regular file
            scan_rdfxml(fh.read(), source.name)
            return
        with mapped:
            scan_rdfxml(mapped, source.name)


def read_jsonld(
    source: Source,
    *,
    document_loader: DocumentLoader | None = None,
    **options: Unpack[ReadOptions],
) -> SkillGraph:
    """Read a JSON-LD document (see `read_turtle`). Remote ``@context`` URLs are never
    fetched.

    ``document_loader`` (opt-in) is a local function ``url -> context object`` used for
    remote contexts instead of refusing them.

    Raises:
        UnsafeInputError: a remote context or ``@import`` and no loader (naming the URL).
        ResourceLimitError: JSON nested too deeply.
        FormatError: malformed JSON (line and column) or JSON-LD, or an invalid graph.
    """
    raw = source.read_bytes()
    doc = _json.parse(_json.decode(raw, source.name), source.name)
    try:
        doc, changed = resolve_jsonld_contexts(doc, source.name, document_loader)
        data = json.dumps(doc).encode("utf-8") if changed else raw
        return _read(source, ox.RdfFormat.JSON_LD, data, **options)
    except RecursionError:
        raise ResourceLimitError(
            "JSON-LD nested too deeply to expand (objects inside objects, hundreds of levels)",
            source=source.name,
        ) from None
