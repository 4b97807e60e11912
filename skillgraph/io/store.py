"""A persistent RDF store for skills graphs: pyoxigraph's on-disk store (RocksDB), SPARQL.

``Store(path)`` opens (or creates) a store folder. `Store.load` bulk-loads a
`skillgraph.SkillGraph` (written in the vocabulary of docs/vocabulary.md, streamed,
never whole in memory) or an RDF file; `Store.graph` reads a SkillGraph back;
`Store.query` runs SPARQL SELECT, ASK, CONSTRUCT and DESCRIBE.

Safety, as for the readers: nothing in a document or a query makes the store read a file or
reach the network. Files are checked as `skillgraph.read` checks them (no remote
JSON-LD context, no external RDF/XML entity or DTD); queries using ``SERVICE`` (a federated
call to another endpoint) are refused, and the store exposes no SPARQL Update, so ``LOAD``
cannot run.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

import pyoxigraph as ox

from ..errors import FormatError, InvalidValueError, UnsafeInputError
from ._closing import Closing
from ._source import Source

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from .rdf._entry import GraphOptions

__all__ = ["QueryResult", "Rows", "Store", "check_query", "term_text"]


class Rows(list[dict[str, str | None]]):
    """The rows of a SELECT answer; ``variables`` names its columns in the query's order
    (known when no row is found, too)."""

    def __init__(self, variables: list[str], rows: list[dict[str, str | None]]) -> None:
        super().__init__(rows)
        self.variables = tuple(variables)


class _Blanks:
    """Blank node labels of one answer, numbered in order of first appearance (``_:b0``,
    ``_:b1``…): the store's own labels are random, different on each load."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def text(self, term: Any) -> str:
        """``term_text`` of ``term``, a blank node with its number."""
        if type(term) is ox.BlankNode:
            return "_:" + self.seen.setdefault(term.value, f"b{len(self.seen)}")
        return term_text(term)

    def nt(self, term: Any) -> str:
        """The N-Triples form of ``term``, a blank node with its number."""
        if type(term) is ox.BlankNode:
            return self.text(term)
        return str(term)


#: SELECT rows (variable -> value, None when unbound), an ASK answer, or CONSTRUCT triples.
QueryResult = list[dict[str, str | None]] | bool | list[tuple[str, str, str]]

_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

# what a SPARQL query holds that is not a keyword: strings, IRIs, comments
_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*",
    re.S,
)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.I)
#: a SPARQL Update request: its prologue (PREFIX, BASE), then an update operation
_UPDATE = re.compile(
    r"\s*(?:(?:PREFIX\s+[^\s:]*:|BASE)\s*\S*\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)(?![\w:-])",
    re.I,
)
#: the first SELECT of a query, ``*`` captured when it projects every variable
_SELECT = re.compile(r"(?<![\w:?$])SELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?(\*)?", re.I)
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\U000effff]+)")


def _projection(sparql: str, names: list[str]) -> list[str]:
    """``names`` (the engine's columns) in the order SPARQL gives them: for ``SELECT *``,
    each variable's first appearance in the query (the engine sorts them by name)."""
    text = _SKIP.sub(" ", sparql)
    head = _SELECT.search(text)
    if head is None or head[1] is None:
        return names
    known = set(names)
    order = list(dict.fromkeys(v for v in _VARIABLE.findall(text, head.end()) if v in known))
    return order + [n for n in names if n not in order]


def check_query(sparql: str, where: str = "<query>") -> None:
    """Refuse a query that would reach another endpoint (``SERVICE``).

    Raises:
        InvalidValueError: ``sparql`` is not a string.
        UnsafeInputError: the query uses ``SERVICE``.
    """
    if not isinstance(sparql, str):
        raise InvalidValueError(
            f"the query must be a string, got {type(sparql).__name__}", field="sparql"
        )
    if _SERVICE.search(_SKIP.sub(" ", sparql)):
        raise UnsafeInputError(
            "the query uses SERVICE (a call to another SPARQL endpoint): refused, a query "
            "never makes skillgraph reach the network",
            source=where,
        )


def term_text(term: Any) -> str:
    """A query result term as a plain string: IRI, literal value, or ``_:label``."""
    if type(term) is ox.BlankNode:
        return "_:" + term.value
    if type(term) is ox.Triple:
        return str(term)
    return str(term.value)


class _ChunkReader(io.RawIOBase):
    """A binary stream over an iterator of byte chunks (bulk loads without one big buffer)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks: Iterator[bytes] = iter(chunks)
        self._buf = memoryview(b"")
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while self._pos >= len(self._buf):
            try:
                self._buf = memoryview(next(self._chunks))
            except StopIteration:
                return 0
            self._pos = 0
        n = min(len(b), len(self._buf) - self._pos)
        b[:n] = self._buf[self._pos : self._pos + n]  # no copy of the rest of the chunk
        self._pos += n
        return n


class Store(Closing):
    """An on-disk RDF store (pyoxigraph) holding skills graphs, queried with SPARQL.

    ``path`` is the store folder (created when missing); ``None`` keeps the store in
    memory. ``read_only`` opens an existing store without locking it for writing (several
    processes may read one store). Use as a context manager, or call `close`.

    Example:
        >>> import skillgraph as sg
        >>> store = sg.Store()  # in memory; sg.Store("esco.store") on disk
        >>> store.load(sg.load("demo"))
        >>> esco = "http://data.europa.eu/esco/model#"
        >>> rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?r a <{esco}Occupation> }}")
        >>> rows
        [{'n': '78'}]

    Raises:
        InvalidValueError: ``path`` is a file, or ``read_only`` and no store is there.
        FormatError: the folder is not a store or is locked by another writer.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        name = str(self.path) if self.path is not None else "<memory store>"
        self._name = name
        if self.path is not None and self.path.exists() and not self.path.is_dir():
            raise InvalidValueError(f"{name}: a file, not a store folder", field="path")
        if read_only and (self.path is None or not self.path.is_dir()):
            raise InvalidValueError(f"{name}: no store there to open read-only", field="path")
        try:
            if self.path is None:
                self._store: ox.Store | None = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise FormatError(f"cannot open the store: {exc}", source=name) from None
        self.read_only = read_only

    # ------------------------------------------------------------------ lifecycle
    @property
    def _ox(self) -> ox.Store:
        if self._store is None:
            raise InvalidValueError(f"{self._name}: the store is closed", field="store")
        return self._store

    def close(self) -> None:
        """Flush and release the store (its folder stays); later calls raise."""
        if self._store is not None:
            if not self.read_only:
                self._store.flush()
            self._store = None

    def __len__(self) -> int:
        """The number of triples (quads) in the store."""
        return len(self._ox)

    def __repr__(self) -> str:
        return f"<skillgraph.Store {self._name}>"

    # ------------------------------------------------------------------ loading
    def _target(self, graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
        if graph is None:
            return ox.DefaultGraph()
        try:
            return ox.NamedNode(graph)
        except (TypeError, ValueError):
            raise InvalidValueError(f"graph must be an IRI, got {graph!r}", field="graph") from None

    def load(
        self,
        source: SkillGraph | str | Path | bytes | Source,
        *,
        format: str | None = None,
        graph: str | None = None,
        replace: bool = True,
        cluster_level: int | None = None,
    ) -> None:
        """Bulk-load a SkillGraph, or an RDF file (any other input is read first).

        ``graph`` names the target graph (an IRI; default: the default graph); ``replace``
        (default) empties it first, so loading twice gives the same store. RDF files are
        loaded as they are (no model validation: `graph` validates when reading back),
        after the checks `skillgraph.read` makes; other inputs (ESCO CSV, O*NET,
        native JSON) are read into a SkillGraph first. ``cluster_level`` is passed to the
        RDF writer for graphs.

        Raises:
            InvalidValueError: the store is read-only, or ``graph`` is not an IRI.
            UnsafeInputError: the file asks for a remote resource.
            FormatError: the file is missing, unrecognised or malformed.
        """
        from ..graph import SkillGraph

        if self.read_only:
            raise InvalidValueError(f"{self._name}: opened read-only", field="store")
        target = self._target(graph)
        if isinstance(source, SkillGraph):
            from .rdf._ntriples import nt_chunks

            stream = _ChunkReader(nt_chunks(source, cluster_level))
            self._clear(target, replace)
            self._bulk(stream, ox.RdfFormat.N_TRIPLES, target, "<graph>")
            return
        from . import read, registry
        from .rdf._safety import check_rdfxml, resolve_jsonld_contexts

        src = Source.of(source)
        if src.path is not None and not src.path.exists():
            from ._source import missing

            raise FormatError(missing(src.path), source=src.name)
        fmt = registry.get(format) if format is not None else registry.detect(src)
        rdf_format = _RDF_FORMATS.get(fmt.name)
        if rdf_format is None:
            self.load(read(src, fmt.name), graph=graph, replace=replace)
            return
        data: bytes | None = None
        if rdf_format == ox.RdfFormat.RDF_XML:
            check_rdfxml(src.head(1024 * 1024), src.name)
        elif rdf_format == ox.RdfFormat.JSON_LD:
            from . import _json

            raw = src.read_bytes()
            doc = _json.parse(_json.decode(raw, src.name), src.name)
            doc, changed = resolve_jsonld_contexts(doc, src.name)
            data = json.dumps(doc).encode("utf-8") if changed else raw
        if data is None and src.head(3) == b"\xef\xbb\xbf":
            data = src.read_bytes()[3:]
        self._clear(target, replace)
        if data is not None:
            self._bulk(io.BytesIO(data), rdf_format, target, src.name)
        elif src.data is not None:
            self._bulk(io.BytesIO(src.data), rdf_format, target, src.name)
        else:
            assert src.path is not None
            with src.path.open("rb") as fh:
                self._bulk(fh, rdf_format, target, src.name)

    def _clear(self, target: ox.NamedNode | ox.DefaultGraph, replace: bool) -> None:
        if replace and (type(target) is ox.DefaultGraph or self._ox.contains_named_graph(target)):
            self._ox.clear_graph(target)

    def _bulk(
        self, stream: Any, fmt: ox.RdfFormat, target: ox.NamedNode | ox.DefaultGraph, name: str
    ) -> None:
        store = self._ox
        try:
            store.bulk_load(stream, fmt, to_graph=target)
        except SyntaxError as exc:
            from .rdf._entry import parser_error

            raise parser_error(exc, name, column=False) from None
        except (OSError, ValueError) as exc:
            raise FormatError(f"cannot load: {exc}", source=name) from None

    # ------------------------------------------------------------------ reading
    def triples(self, *, graph: str | None = None) -> Iterator[ox.Triple]:
        """The triples of one graph (pyoxigraph terms)."""
        for q in self._ox.quads_for_pattern(None, None, None, self._target(graph)):
            yield q.triple

    def graph(self, *, graph: str | None = None, **options: Unpack[GraphOptions]) -> SkillGraph:
        """The SkillGraph a graph of the store holds (read as an RDF file of it would be).

        ``options``: ``cluster_level``, ``language`` and ``languages``, as for
        `skillgraph.read`.

        Raises:
            InvalidValueError: ``graph`` is not an IRI, or a language is not a tag.
            FormatError: the triples do not describe a valid skills graph.
        """
        from .rdf._entry import read_triples

        name = self._name if graph is None else f"{self._name} <{graph}>"
        return read_triples(self.triples(graph=graph), name, **options)

    def graphs(self) -> list[str]:
        """The names (IRIs) of the store's named graphs, sorted."""
        return sorted(g.value for g in self._ox.named_graphs() if type(g) is ox.NamedNode)

    def query(self, sparql: str, *, graph: str | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query: SELECT, ASK, CONSTRUCT or DESCRIBE.

        SELECT gives a list of rows (`Rows`: variable name -> value as a string: the IRI,
        the literal's value or ``_:label``; None when unbound), ASK a bool, CONSTRUCT and
        DESCRIBE a list of triples as N-Triples terms. ``graph`` makes that named graph the
        query's default graph.

        Raises:
            UnsafeInputError: the query uses ``SERVICE``.
            FormatError: the query is malformed (naming the line and column), or is a
                SPARQL update (INSERT, DELETE, LOAD, ...: not supported).
        """
        check_query(sparql)
        store = self._ox
        options: dict[str, Any] = {}
        if graph is not None:
            options["default_graph"] = self._target(graph)
        try:
            result = store.query(sparql, **options)
        except SyntaxError as exc:
            from .rdf._entry import parser_error

            update = _UPDATE.match(_SKIP.sub(lambda m: m[0] if m[0][0] == "<" else " ", sparql))
            if update:
                raise FormatError(
                    f"{update[1].upper()} is a SPARQL update: not supported, the store is "
                    "queried read-only (SELECT, ASK, CONSTRUCT or DESCRIBE)",
                    source="<query>",
                ) from None
            raise parser_error(exc, "<query>", "SPARQL", column=False) from None
        except (OSError, ValueError) as exc:
            raise FormatError(f"cannot run the query: {exc}", source="<query>") from None
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        blanks = _Blanks()  # numbered, so that the same query gives the same answer
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = [
                {
                    n: (blanks.text(row[i]) if row[i] is not None else None)
                    for i, n in enumerate(names)
                }
                for row in result
            ]
            order = _projection(sparql, names)
            return Rows(order, [{n: r[n] for n in order} for r in rows])
        return [(blanks.nt(t.subject), str(t.predicate), blanks.nt(t.object)) for t in result]
