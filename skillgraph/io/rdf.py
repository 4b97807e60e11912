"""RDF import and export: Turtle, N-Triples, JSON-LD and RDF/XML, and rdflib interop.

The mapping between the model and RDF (SKOS + the ESCO model + the ``sg:`` project
namespace) is documented in docs/vocabulary.md. Reading streams triples from
``pyoxigraph.parse`` straight into the model (no RDF store); writing hands ordered triples
to ``pyoxigraph.serialize`` (JSON-LD is written here, compacted with a local ``@context``).
An ``rdflib.Graph`` is built only when asked for (`to_rdflib`).

Safety: JSON-LD remote contexts are never fetched and RDF/XML external entities and DTDs
are never resolved (see `skillgraph.io._rdf_safety`).

Limits and leniency: a single literal or IRI longer than `MAX_TOKEN_BYTES` (16 MiB,
the parser's buffer) is refused with `ResourceLimitError`; labels
below it have no limit of their own (a 10 MB label is read as is). JSON-LD numbers of more
than 4300 digits and JSON nested beyond the parser's recursion limit are refused the same
way. A UTF-8 byte order mark is accepted in every syntax; UTF-16 is refused. An empty
document (no triples) is the empty graph, as written for an empty SkillGraph.
"""

from __future__ import annotations

import io
import json
import mmap
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox

from .._validate import check_optional_int
from ..errors import FormatError, InvalidValueError, ResourceLimitError, SkillGraphError
from . import _json
from . import _rdf_vocab as vocab
from ._build import paused_gc
from ._esco_rdf import language_set
from ._rdf_read import UncheckedTermError, build_graph
from ._rdf_safety import DocumentLoader, check_rdfxml, resolve_jsonld_contexts, scan_rdfxml
from ._rdf_write import graph_blocks, output_prefixes
from ._source import Progress, Source
from ._utf8 import encode

if TYPE_CHECKING:
    import rdflib

    from ..graph import SkillGraph

__all__ = [
    "from_rdflib",
    "read_jsonld",
    "read_ntriples",
    "read_rdfxml",
    "read_turtle",
    "sniff_jsonld",
    "sniff_ntriples",
    "sniff_rdfxml",
    "sniff_turtle",
    "to_rdflib",
    "triples",
    "write_jsonld",
    "write_ntriples",
    "write_rdfxml",
    "write_turtle",
]


# ---------------------------------------------------------------------- reading
def _syntax_error(exc: SyntaxError, source: Source) -> FormatError:
    msg = str(exc.msg) if exc.msg else str(exc)
    line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
    column = exc.offset if isinstance(exc.offset, int) and exc.offset > 0 else None
    return FormatError(f"malformed RDF: {msg}", source=source.name, line=line, column=column)


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


#: Syntaxes parsed leniently first (no IRI or language tag validation in the parser; the
#: reader validates each distinct one instead: 0.09 s of 1.6 s less on 500k N-Triples); on
#: any doubt or error the input is parsed again strictly, which reports errors as always.
#: Not Turtle: its lenient parse saves less than the reader's check costs.
_LENIENT = (ox.RdfFormat.N_TRIPLES,)


def _read(
    source: Source,
    fmt: ox.RdfFormat,
    *,
    progress: Progress | None,
    cluster_level: int | None,
    base_iri: str | None,
    data: bytes | None = None,
    language: str | None = None,
    languages: Iterable[str] | None = None,
) -> SkillGraph:
    keep = language_set(language, languages)
    check_optional_int("cluster_level", cluster_level, minimum=1, maximum=4)
    if data is None and source.head(3) == _BOM:  # a UTF-8 byte order mark is harmless
        data = source.read_bytes()[3:]
    if fmt in _LENIENT:
        try:
            return build_graph(
                _parse(source, fmt, base_iri, data, lenient=True),
                source=source.name,
                cluster_level=cluster_level,
                progress=progress,
                unchecked=True,
                language=language,
                languages=keep,
                locate=_locator(source, data),
            )
        except SkillGraphError:  # about the content (FormatError is a ValueError too)
            raise
        except (UncheckedTermError, SyntaxError, MemoryError, OSError, ValueError):
            pass  # parsed again strictly below, which reports the error
    try:
        return build_graph(
            _parse(source, fmt, base_iri, data),  # quads have subject, predicate, object
            source=source.name,
            cluster_level=cluster_level,
            progress=progress,
            language=language,
            languages=keep,
            locate=_locator(source, data),
        )
    except SyntaxError as exc:  # raised by the parser while the reader pulls triples
        err = _syntax_error(exc, source)
        if err.line is None and fmt == ox.RdfFormat.RDF_XML:
            line = _xml_error_line(source, data)
            if line is not None:
                err = FormatError(f"malformed RDF: {exc}", source=source.name, line=line)
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


_RESERVED = frozenset("~.-!$&'()*+,;=/?#@%_")


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


_BOM = b"\xef\xbb\xbf"
#: Longest single token (literal, IRI) the RDF parsers accept (pyoxigraph's buffer limit).
MAX_TOKEN_BYTES = 16 * 1024**2


def _xml_error_line(source: Source, data: bytes | None) -> int | None:
    """The line of the first XML well-formedness error, for parser errors without a position.

    Uses expat, which never loads external entities or DTDs (no handler is set), after
    `check_rdfxml` has refused nested entities.
    """
    from xml.parsers import expat

    parser = expat.ParserCreate()
    try:
        if data is None and source.path is not None:
            with source.open() as fh:
                parser.ParseFile(fh)
        else:
            parser.Parse(data if data is not None else source.read_bytes(), True)
    except expat.ExpatError as exc:
        return int(exc.lineno)
    except (OSError, ValueError, RecursionError, LookupError):  # LookupError: unknown encoding
        return None
    return None


def read_turtle(
    source: Source,
    *,
    progress: Progress | None = None,
    cluster_level: int | None = None,
    base_iri: str | None = None,
    language: str | None = None,
    languages: Iterable[str] | None = None,
) -> SkillGraph:
    """Read a Turtle file.

    ``cluster_level`` (1-4) is the ISCO level of the clusters given to ESCO occupations
    (default: the level the file records as ``sg:clusterLevel``, else 3);
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
    return _read(
        source,
        ox.RdfFormat.TURTLE,
        progress=progress,
        cluster_level=cluster_level,
        base_iri=base_iri,
        language=language,
        languages=languages,
    )


def read_ntriples(
    source: Source,
    *,
    progress: Progress | None = None,
    cluster_level: int | None = None,
    base_iri: str | None = None,
    language: str | None = None,
    languages: Iterable[str] | None = None,
) -> SkillGraph:
    """Read an N-Triples file (see `read_turtle`).

    Raises:
        FormatError: malformed N-Triples (with line and column) or an invalid graph.
    """
    return _read(
        source,
        ox.RdfFormat.N_TRIPLES,
        progress=progress,
        cluster_level=cluster_level,
        base_iri=base_iri,
        language=language,
        languages=languages,
    )


def read_rdfxml(
    source: Source,
    *,
    progress: Progress | None = None,
    cluster_level: int | None = None,
    base_iri: str | None = None,
    language: str | None = None,
    languages: Iterable[str] | None = None,
) -> SkillGraph:
    """Read an RDF/XML file; external DTDs and entities are refused before parsing.

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
    return _read(
        source,
        ox.RdfFormat.RDF_XML,
        progress=progress,
        cluster_level=cluster_level,
        base_iri=base_iri,
        language=language,
        languages=languages,
    )


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
    progress: Progress | None = None,
    cluster_level: int | None = None,
    base_iri: str | None = None,
    document_loader: DocumentLoader | None = None,
    language: str | None = None,
    languages: Iterable[str] | None = None,
) -> SkillGraph:
    """Read a JSON-LD document. Remote ``@context`` URLs are never fetched.

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
        return _read(
            source,
            ox.RdfFormat.JSON_LD,
            progress=progress,
            cluster_level=cluster_level,
            base_iri=base_iri,
            data=data,
            language=language,
            languages=languages,
        )
    except RecursionError:
        raise ResourceLimitError(
            "JSON-LD nested too deeply to expand (objects inside objects, hundreds of levels)",
            source=source.name,
        ) from None


# ---------------------------------------------------------------------- sniffing
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
    for line in head.removeprefix(_BOM).splitlines()[:20]:
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


# ---------------------------------------------------------------------- writing
def _nt_chunks(graph: SkillGraph, cluster_level: int | None) -> Iterator[bytes]:
    """The N-Triples output, encoded a few thousand subjects at a time."""
    buf: list[str] = []
    append = buf.append
    with paused_gc():  # only acyclic strings and tuples are built: nothing to collect
        for i, (s, groups) in enumerate(graph_blocks(graph, cluster_level=cluster_level), 1):
            for p, objects in groups:
                if len(objects) == 1:
                    append(f"{s} {p} {objects[0]} .\n")
                else:  # "s p o1 .\ns p o2 .\n": the objects joined by " .\ns p "
                    head = f"{s} {p} "
                    append(head + (" .\n" + head).join(objects) + " .\n")
            if not i % _CHUNK:
                yield encode("".join(buf), graph)
                buf.clear()
        yield encode("".join(buf), graph)


#: Subjects in a chunk of output: about 2 MB of N-Triples, 0.5 MB of Turtle.
_CHUNK = 1000


def _nt_bytes(graph: SkillGraph, cluster_level: int | None) -> bytes:
    return b"".join(_nt_chunks(graph, cluster_level))


def _ox_triples(graph: SkillGraph, cluster_level: int | None) -> Iterator[ox.Triple]:
    data = _nt_bytes(graph, cluster_level)
    for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        yield q.triple


def triples(graph: SkillGraph, *, cluster_level: int | None = None) -> list[ox.Triple]:
    """The graph's triples (pyoxigraph terms) in output order.

    Raises:
        InvalidValueError: a translation key is not a valid language tag.
    """
    return list(_ox_triples(graph, cluster_level))


_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_\-./]*[A-Za-z0-9_\-/])?$")


def write_turtle(graph: SkillGraph, out: BinaryIO, *, cluster_level: int | None = None) -> None:
    """Write Turtle: stable prefixes (the standard ones, then the graph's own), one block
    a subject, in the writer's deterministic order.

    The output is streamed: on an error, part of it may already be written to ``out``
    (`skillgraph.write` writes files atomically).

    Raises:
        InvalidValueError: a value cannot be written (an invalid language tag, a lone
            surrogate, two node ids standing for one IRI).
    """
    for chunk in _turtle_chunks(graph, cluster_level):
        out.write(chunk)


class _TurtleTerms(dict[str, str]):
    """N-Triples term -> Turtle term: IRIs as prefixed names where they can be (cached)."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        super().__init__()
        by_ns = sorted(prefixes.items(), key=lambda item: (-len(item[1]), item[0]))
        self.names = {ns: name for name, ns in reversed(by_ns)}
        # the longest namespace an IRI starts with (alternatives are tried in order)
        self.namespace = re.compile("|".join(re.escape(ns) for _, ns in by_ns) or "(?!)")

    def __missing__(self, t: str) -> str:
        if t[0] != "<":  # a literal or blank node: written as it is
            return t
        found = t
        m = self.namespace.match(t, 1, len(t) - 1)
        if m is not None:
            local = t[m.end() : -1]
            if _LOCAL.match(local):
                found = self.names[m.group()] + ":" + local.replace("/", "\\/")
        self[t] = found
        return found


def _turtle_chunks(graph: SkillGraph, cluster_level: int | None) -> Iterator[bytes]:
    """The Turtle output, encoded a few thousand subjects at a time."""
    blocks = graph_blocks(graph, cluster_level=cluster_level)
    prefixes = output_prefixes(graph)
    term = _TurtleTerms(prefixes)
    buf = [f"@prefix {name}: <{ns}> .\n" for name, ns in prefixes.items()]
    prev_s = prev_p = ""
    append = buf.append
    a = f"<{vocab.TYPE}>"  # "a" stands for rdf:type in the predicate place only
    with paused_gc():  # only acyclic strings and tuples are built: nothing to collect
        for i, (s, groups) in enumerate(blocks, 1):
            for p, objects in groups:
                first = objects[0]
                if len(objects) == 1:
                    objs = term[first] if first[0] == "<" else first
                elif first[0] == "<":  # a group's objects are all IRIs, or none is
                    objs = " , ".join(map(term.__getitem__, objects))
                else:
                    objs = " , ".join(objects)
                if s != prev_s:  # a new statement
                    if prev_s:
                        append(" .\n")
                    append(f"{term[s]} {'a' if p == a else term[p]} {objs}")
                    prev_s = s
                elif p == prev_p:  # the same subject and predicate: more objects
                    append(f" , {objs}")
                else:
                    append(f" ;\n\t{'a' if p == a else term[p]} {objs}")
                prev_p = p
            if not i % _CHUNK:
                yield encode("".join(buf), graph)
                buf.clear()
        if prev_s:
            append(" .\n")
        yield encode("".join(buf), graph)


def write_ntriples(graph: SkillGraph, out: BinaryIO, *, cluster_level: int | None = None) -> None:
    """Write N-Triples (prefixes survive as ``sg:prefix`` triples on the ontology node).

    The output is streamed: on an error, part of it may already be written to ``out``
    (`skillgraph.write` writes files atomically).

    Raises:
        InvalidValueError: a value cannot be written (an invalid language tag, a lone
            surrogate, two node ids standing for one IRI).
    """
    for chunk in _nt_chunks(graph, cluster_level):
        out.write(chunk)


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


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_jsonld(
    graph: SkillGraph,
    out: BinaryIO,
    *,
    cluster_level: int | None = None,
    indent: int | None = 1,
) -> None:
    """Write a compacted JSON-LD document with a local ``@context`` (no remote context).

    One node object per subject, in output order; properties sorted; written as a stream.

    Raises:
        InvalidValueError: a value cannot be written (an invalid language tag, a lone
            surrogate, two node ids standing for one IRI).
    """
    ts = triples(graph, cluster_level=cluster_level)
    schemes = {t.subject.value.split(":", 1)[0] for t in ts if type(t.subject) is ox.NamedNode}
    schemes |= {t.object.value.split(":", 1)[0] for t in ts if type(t.object) is ox.NamedNode}
    context = {
        name: ns
        for name, ns in output_prefixes(graph).items()
        if name not in schemes and ns[-1:] in ":/?#[]@"
    }
    by_ns = sorted(((ns, name) for name, ns in context.items()), key=lambda x: -len(x[0]))
    cache: dict[str, str] = {}

    def compact(iri: str) -> str:
        found = cache.get(iri)
        if found is None:
            found = iri
            for ns, name in by_ns:
                if iri.startswith(ns) and not iri[len(ns) :].startswith("//"):
                    found = f"{name}:{iri[len(ns) :]}"
                    break
            cache[iri] = found
        return found

    def ref(term: Any) -> str:
        return compact(term.value) if type(term) is ox.NamedNode else "_:" + term.value

    def value(term: Any) -> Any:
        if type(term) is not ox.Literal:
            return {"@id": ref(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        dt = term.datatype.value
        if dt == vocab.XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": compact(dt)}

    subjects: dict[str, dict[str, Any]] = {}
    for t in ts:
        key = ref(t.subject)
        obj = subjects.get(key)
        if obj is None:
            obj = subjects[key] = {"@id": key}
        if t.predicate.value == vocab.TYPE and type(t.object) is ox.NamedNode:
            obj.setdefault("@type", []).append(compact(t.object.value))
        else:
            obj.setdefault(compact(t.predicate.value), []).append(value(t.object))

    def dumps(o: Any) -> str:
        return json.dumps(o, ensure_ascii=False, indent=indent)

    out.write(b'{\n"@context": ')
    out.write(dumps(context).encode("utf-8"))
    out.write(b',\n"@graph": [')
    first = True
    for obj in subjects.values():
        head: dict[str, Any] = {k: obj[k] for k in ("@id", "@type") if k in obj}
        head.update((k, obj[k]) for k in sorted(k for k in obj if not k.startswith("@")))
        out.write(b"\n" if first else b",\n")
        first = False
        out.write(dumps(head).encode("utf-8"))
    out.write(b"\n]\n}\n")


# ---------------------------------------------------------------------- rdflib interop
def to_rdflib(graph: SkillGraph, *, cluster_level: int | None = None) -> rdflib.Graph:
    """The graph as an ``rdflib.Graph`` (namespaces bound as in the file outputs).

    Raises:
        InvalidValueError: a value cannot be written (an invalid language tag, a lone
            surrogate, two node ids standing for one IRI).
    """
    import rdflib

    out = rdflib.Graph()
    for name, ns in output_prefixes(graph).items():
        out.bind(name, rdflib.Namespace(ns), override=True, replace=True)

    def conv(term: Any) -> rdflib.term.Node:
        if type(term) is ox.NamedNode:
            return rdflib.URIRef(term.value)
        if type(term) is ox.BlankNode:
            return rdflib.BNode(term.value)
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == vocab.XSD_STRING:  # rdflib tells "x" from "x"^^xsd:string
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))

    for t in _ox_triples(graph, cluster_level):
        out.add((conv(t.subject), conv(t.predicate), conv(t.object)))
    return out


def _from_rdflib_terms(rdf: rdflib.Graph, name: str) -> Iterable[ox.Triple]:
    import rdflib

    def conv(term: Any) -> Any:
        if isinstance(term, rdflib.URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, rdflib.BNode):
            return ox.BlankNode(str(term))
        if isinstance(term, rdflib.Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            dt = term.datatype
            return ox.Literal(str(term), datatype=ox.NamedNode(str(dt)) if dt else None)
        raise FormatError(f"unsupported RDF term {term!r}", source=name)

    for s, p, o in rdf:
        try:
            yield ox.Triple(conv(s), conv(p), conv(o))
        except (ValueError, TypeError) as exc:
            raise FormatError(f"invalid RDF term in ({s}, {p}, {o}): {exc}", source=name) from None


def from_rdflib(rdf: rdflib.Graph, *, cluster_level: int | None = None) -> SkillGraph:
    """A SkillGraph read from an ``rdflib.Graph`` (same mapping as the file readers).

    Raises:
        FormatError: the RDF does not describe a valid skills graph.
    """
    name = "<rdflib.Graph>"
    return build_graph(_from_rdflib_terms(rdf, name), source=name, cluster_level=cluster_level)
