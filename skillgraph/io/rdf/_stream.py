"""RDF -> RDF without the model: N-Triples or Turtle in, the writer's exact bytes out.

`convert_stream` parses the input once, groups the triples by subject (as the reader's first
pass does, blank nodes relabelled in order of appearance), reads the plain shapes of the
ontology node and of skills, skill groups, clusters and roles (`_stream_nodes`), and writes
the blocks the model path would write, through the writers' own block formatters
(`_ntriples.block_nt_chunks`, `_turtle.block_turtle_chunks`) and ontology blocks, each
node's block as soon as its triples are read (the output held until every check has
passed: `_spill`, not the groups of every node).

Whenever the output might differ from the model path's, or the model path might warn or
refuse the input (a parser error, a limit, a cycle, an unusual shape), it returns None, and
the caller converts through the model, which then reports exactly as before.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from sys import intern
from typing import Any, BinaryIO, NamedTuple, TextIO

import pyoxigraph as ox

from ..._gc import paused_gc
from ..._kinds import NodeType, valid_id
from ..._lang import canonical_language, is_language
from ...errors import SkillGraphError
from .. import _esco_conventions as esco
from .. import _limits
from .._source import Source
from . import _vocab as vocab
from ._blocks import Block
from ._ids import IdMap, prefix_declarations
from ._literals import TRUE, Triple
from ._node_types import NODE_TYPES
from ._ntriples import block_nt_chunks
from ._ontology_out import ontology_blocks
from ._runs import Flat, Runs
from ._sniff import BOM
from ._spill import Spill
from ._stream_nodes import (
    KINDS,
    NodeGroups,
    UnsureError,
    cycle,
    extra_triple,
    reserved,
)
from ._stream_nt import group_lines
from ._stream_terms import lit, lit_text, nt, value
from ._turtle import block_turtle_chunks

__all__ = ["STREAM_INPUTS", "STREAM_OUTPUTS", "Converted", "convert_stream"]

#: the input formats (registry names) the streaming converter reads
STREAM_INPUTS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
#: the output formats it writes
STREAM_OUTPUTS = frozenset({"turtle", "ntriples"})

#: a subject's objects by predicate, in input order
_Props = dict[str, list[Any]]
#: a subject's triples as one flat list, predicate and object by turn, in input order
#: (a list a subject, not a dict and a list a predicate: a third of the memory; objects
#: as `_stream_terms` holds them)
_Flat = Flat
#: what sends a conversion to the model path: an unsure shape, the parser's syntax errors
#: and its buffer limit (a MemoryError: a 16 MiB token), a file that cannot be read or
#: decoded, a value or limit the library refuses
_DOUBTS = (UnsureError, SyntaxError, MemoryError, OSError, ValueError, SkillGraphError)
#: nodes given ids between two clearings of the id maps' caches (`_Converter.node_ids`)
_FORGET = 4096


@dataclass(frozen=True)
class Converted:
    """A conversion's output and what the graph holds (for the CLI's summary).

    ``chunks`` is the output, read once: made before (every check done), and held in memory
    or, past a few MB, in an anonymous temporary file (`_spill.Spill`).
    """

    chunks: Iterator[bytes]
    roles: int
    skills: int
    requirements: int

    def write(self, out: BinaryIO) -> None:
        """Write the output to ``out``."""
        for chunk in self.chunks:
            out.write(chunk)


def convert_stream(source: Source, in_format: str, out_format: str) -> Converted | None:
    """``source`` (in ``in_format``) converted to ``out_format`` without the model; None
    when the streaming path cannot promise the model path's exact output (then convert
    through the model: it reads, refuses and warns as always).
    """
    fmt = STREAM_INPUTS.get(in_format)
    if fmt is None or out_format not in STREAM_OUTPUTS:
        return None
    given = _limits.current()  # the read's limits, with the size-based triple cap
    limits = _limits.Limits(given.max_bytes, given.max_triples, source.size())
    try:
        with paused_gc(), _limits.applied(limits):  # many tuples, no cycles: nothing to collect
            return _Converter(source, fmt).run(out_format)
    except _DOUBTS:  # the model path decides and reports
        return None


def _declined(k: str, kind: NodeType) -> bool:
    """Whether node ``k`` of ``kind`` is one the converter leaves to the model path: of a
    kind it does not take (learning resources), a blank node or an ESCO ISCO group."""
    return kind not in KINDS or k[:2] == "_:" or esco.isco_code(k) is not None


class _Meta(NamedTuple):
    """What the graph holds besides its nodes (as `skillgraph.SkillGraph` would hold it)."""

    language: str
    metadata: dict[str, str]
    prefixes: dict[str, str]


def _pairs(flat: _Flat) -> Iterator[tuple[str, Any]]:
    """The (predicate, object) pairs of a subject's flat list, in input order (the list
    sliced in C: faster than pairing one iterator with itself)."""
    return zip(flat[::2], flat[1::2], strict=True)


def _grouped(flat: _Flat) -> _Props:
    """A subject's objects by predicate (predicates in order of first appearance, objects
    in input order), from its flat list."""
    by: _Props = {}
    for p, o in _pairs(flat):
        objs = by.get(p)
        if objs is None:
            by[p] = [o]
        else:
            objs.append(o)
    return by


class _Converter:
    def __init__(self, source: Source, fmt: ox.RdfFormat) -> None:
        self.source = source
        self.fmt = fmt
        #: the subjects' triples (IRIs, literals and blank nodes as `_stream_terms` holds
        #: them), in runs of a bounded size (`_runs`)
        self.runs = Runs()
        #: blank-node subject key -> its triples (once collected)
        self.blanks: dict[str, _Flat] = {}
        #: subject key -> its rdf:type IRIs (one frozenset for each distinct set, shared)
        self.types: dict[str, frozenset[str]] = {}
        self.shared: dict[frozenset[str], frozenset[str]] = {}
        #: a node's kept triples, made while it is read (written with it)
        self.extra: set[Triple] = set()
        #: the kept triples of what is not a node (written at the end)
        self.others: set[Triple] = set()
        self.consumed: set[str] = set()

    @property
    def props(self) -> dict[str, _Flat]:
        """The current run: subject key -> its triples (every subject while the input is
        smaller than a run, `_runs.BUDGET` triples)."""
        return self.runs.props

    def keep(self, k: str, p: str, o: Any) -> None:
        self.extra.add(extra_triple(k, p, o))

    def typed(self, k: str, o: str) -> None:
        """Note subject ``k``'s rdf:type IRI ``o``; raise at once when that makes ``k`` a
        node the converter declines (`_declined`, as `kinds` would): the parse stops there,
        not at the end of the file (real ESCO's ISCO groups come first).

        Raises:
            UnsureError: such a node.
        """
        found = self.types.get(k)
        if found is None or o not in found:
            more = frozenset((o,)) if found is None else found | {o}
            self.types[k] = self.shared.setdefault(more, more)
        kind = NODE_TYPES.get(o)
        if kind is not None and _declined(k, kind):
            raise UnsureError("a blank, ISCO node or a kind of node the converter does not take")

    def lines(self) -> TextIO:
        """The input as text, its lines ended by ``\\n`` only (N-Triples; reading it
        raises ValueError where it is not UTF-8)."""
        src = self.source
        if src.data is not None:
            return io.TextIOWrapper(io.BytesIO(src.data), encoding="utf-8", newline="\n")
        assert src.path is not None
        return open(src.path, encoding="utf-8", newline="\n")

    def parse(self) -> Iterator[ox.Quad]:
        src = self.source
        options: dict[str, Any] = {"format": self.fmt, "without_named_graphs": True}
        if src.data is not None:
            return ox.parse(src.data, **options)
        assert src.path is not None
        return ox.parse(path=src.path, **options)

    def collect(self) -> None:
        """Group the triples by subject into `runs` (subjects keyed as
        `_collect.Collected.collect` keys them), and collect each subject's types:
        N-Triples from its lines (`group_lines`), Turtle from pyoxigraph's terms
        (`group_terms`).

        Raises:
            UnsureError: a byte order mark (either way), or what the grouping raises.
        """
        if self.source.head(3) == BOM:
            raise UnsureError("a byte order mark")
        cap, _ = _limits.current().triple_cap()
        if self.fmt == ox.RdfFormat.N_TRIPLES:
            with self.lines() as lines:
                group_lines(lines, cap, self.typed, self.runs)
        else:
            self.group_terms(cap)

    def group_terms(self, cap: int) -> None:
        """Group the parsed triples by subject into `runs`, their types by `typed`.

        Raises:
            UnsureError: more than ``cap`` triples, or a term the converter does not take.
            SyntaxError: the parser's.
        """
        runs = self.runs
        props, budget = runs.props, runs.budget
        named = ox.NamedNode
        blank = ox.BlankNode
        literal = ox.Literal
        blanks: dict[str, str] = {}
        # IRIs (objects and predicates) kept as their IRI strings (a ``str`` object is an
        # IRI, any other a literal or blank node), one string per distinct IRI: the links
        # repeat a few thousand IRIs hundreds of thousands of times, and read each as a
        # string (no per-triple term, no ``.value`` a link); rdf:type is `vocab.TYPE`
        # itself (told by identity); interned, so read back from the runs as that very
        # string (`_runs`)
        rdf_type = vocab.TYPE
        iris: dict[Any, str] = {named(rdf_type): rdf_type}
        typed = self.typed
        stream = self.parse()
        last: Any = None  # the last subject term (a subject's triples mostly come together)
        k = p = ""
        last_p: Any = None
        flat: _Flat = []
        held = base = 0  # the run's triples (times 2) before the subject's, then its own
        for t in islice(stream, cap):
            s: Any = t.subject
            if s != last:  # a term compared: no string made for each triple's subject
                held += len(flat) - base
                if held > budget:
                    runs.spill()
                    held = 0
                if type(s) is named:
                    k = iris.get(s) or iris.setdefault(s, intern(s.value))
                elif type(s) is not blank:
                    raise UnsureError("a subject that is no IRI or blank node")
                else:
                    label = blanks.get(s.value)
                    if label is None:
                        label = blanks[s.value] = f"_:b{len(blanks)}"
                    k = label
                found = props.get(k)
                if found is None:
                    found = props[k] = []
                flat = found
                base = len(flat)
                last = s
            o: Any = t.object
            if type(o) is named:
                iri = iris.get(o)
                if iri is None:
                    iri = iris[o] = intern(o.value)
                o = iri
            elif type(o) is literal:
                o = lit(o)
            elif type(o) is blank:
                label = blanks.get(o.value)
                if label is None:
                    label = blanks[o.value] = f"_:b{len(blanks)}"
                o = label.encode()
            else:
                raise UnsureError("an object that is no IRI, blank node or literal")
            pn = t.predicate
            if pn != last_p:  # a subject's triples mostly come in runs of one predicate
                found_p = iris.get(pn)
                p = found_p if found_p is not None else iris.setdefault(pn, intern(pn.value))
                last_p = pn
            flat += (p, o)
            if p is rdf_type and type(o) is str:
                typed(k, o)
        if next(stream, None) is not None:
            raise UnsureError("more triples than the limits allow")

    def ontology(self) -> tuple[str, dict[str, str], dict[str, str], dict[str, str]]:
        """The language, metadata, prefixes and compact prefixes of the ontology node."""
        onto = [k for k, ts in self.types.items() if vocab.ONTOLOGY in ts]
        if not onto:
            return "en", {}, {}, {}
        if len(onto) > 1:
            raise UnsureError("several ontology nodes")
        k = onto[0]
        self.consumed.add(k)
        flat = self.blanks.get(k) if k[:2] == "_:" else self.runs.subject(k)
        assert flat is not None  # typed, so it has triples
        language: str | None = None
        metadata: dict[str, str] = {}
        prefixes: dict[str, str] = {}
        compact: dict[str, str] = {}
        for p, o in [(p, o) for p, objs in _grouped(flat).items() for o in objs]:
            text = lit_text(o)
            if p == vocab.TYPE and o == vocab.ONTOLOGY:
                continue
            if p == vocab.SG_LANGUAGE and text is not None and language is None:
                language = text
            elif p.startswith(vocab.DCTERMS) and p[len(vocab.DCTERMS) :] in vocab.DC_METADATA:
                name = p[len(vocab.DCTERMS) :]
                if text is None or o[1] is not None or name in metadata:
                    raise UnsureError("an unusual metadata triple")
                metadata[name] = text
            elif p == vocab.VERSION_INFO and text is not None and o[1] is None:
                if "version" in metadata:
                    raise UnsureError("two versions")
                metadata["version"] = text
            elif p == vocab.SG_PREFIX and type(o) is bytes:
                name, ns, is_compact = self.prefix(o.decode())
                if name in prefixes:
                    raise UnsureError("a prefix named twice")
                prefixes[name] = ns
                if is_compact:
                    compact[name] = ns
            else:
                raise UnsureError("an ontology triple the converter does not take")
        if language is None:
            raise UnsureError("no sg:language")
        return language, metadata, prefixes, compact

    def prefix(self, b: str) -> tuple[str, str, bool]:
        """An ``sg:prefix`` node's name, namespace and compact-ids flag (as the reader's
        ``pair`` takes it)."""
        flat = self.blanks.get(b)
        if flat is None or b in self.consumed:
            raise UnsureError("an sg:prefix node that is not one")
        by = _grouped(flat)
        is_compact = any(nt(v) == TRUE for v in by.get(vocab.SG_COMPACT_IDS, ()))
        got = {q: objs[-1] for q, objs in by.items()}  # as dict() of the triples
        name = lit_text(got.get(vocab.SG_PREFIX_NAME))
        ns = value(got.get(vocab.SG_NAMESPACE))
        if (
            sum(map(len, by.values())) != (3 if is_compact else 2)
            or name is None
            or not isinstance(ns, str)
        ):
            raise UnsureError("an sg:prefix node that is not one")
        self.consumed.add(b)
        return name, ns, is_compact

    def kinds(self) -> dict[str, NodeType]:
        kinds: dict[str, NodeType] = {}
        # the kinds of each distinct set of types (the sets are shared: a few in all)
        of: dict[frozenset[str], set[NodeType]] = {}
        for k, ts in self.types.items():
            found = of.get(ts)
            if found is None:
                found = of[ts] = {NODE_TYPES[t] for t in ts if t in NODE_TYPES}
            if not found:
                continue
            if len(found) > 1:
                raise UnsureError("a node of two kinds")
            (kind,) = found
            if _declined(k, kind):
                raise UnsureError("a blank, ISCO node or a kind the converter does not take")
            kinds[k] = kind
        return kinds

    def node_ids(
        self, kinds: dict[str, NodeType], compact: dict[str, str], prefixes: dict[str, str]
    ) -> dict[str, str]:
        """Node IRI -> the id the reader gives it, each checked to come back to its IRI
        under the graph's ``prefixes`` (the id maps and their caches let go on return:
        not held through the writing)."""
        reader_ids = IdMap(compact, source=self.source.name)
        writer_ids = IdMap(prefixes)
        node_id: dict[str, str] = {}
        for n, k in enumerate(kinds, 1):
            i = node_id[k] = reader_ids.id(k)
            if not valid_id(i) or not writer_ids.stands_for(i, k):
                raise UnsureError("an IRI that does not come back from its id")
            if not n % _FORGET:  # each IRI read once: the caches would only grow
                reader_ids.forget()
                writer_ids.forget()
        return node_id

    def run(self, out_format: str) -> Converted:
        try:
            return self.convert(out_format)
        finally:  # the runs' temporary files let go, whatever happens
            self.runs.close()

    def convert(self, out_format: str) -> Converted:
        self.collect()
        self.blanks = self.runs.blanks()
        language, metadata, prefixes, compact = self.ontology()
        language = canonical_language(language)
        if not is_language(language):  # as SkillGraph refuses it
            raise UnsureError("sg:language is not a language tag")
        meta = _Meta(language, metadata, prefixes)
        kinds = self.kinds()
        if self.consumed & kinds.keys():
            raise UnsureError("an ontology node that is a node")
        node_id = self.node_ids(kinds, compact, prefixes)
        clusters = [node_id[k] for k, n in kinds.items() if n == NodeType.CLUSTER]
        if any(esco.isco_code(c) for c in clusters):
            raise UnsureError("an ISCO cluster")
        reader = NodeGroups(language, kinds, node_id, self.keep)
        used = {i.partition(":")[0] for i in node_id.values() if ":" in i} & set(prefixes)
        del node_id, clusters  # the reader keeps the ids it needs (if any)
        self.types.clear()
        blocks = self.blocks(meta, used, kinds, reader)
        if out_format == "ntriples":
            chunks = block_nt_chunks(blocks, None)
        else:
            chunks = block_turtle_chunks(blocks, prefix_declarations(prefixes), None)
        out = Spill()
        try:  # the output written as the nodes are read, handed on once all is checked
            for chunk in chunks:
                out.write(chunk)
        except BaseException:
            out.close()
            raise
        count = list(kinds.values())
        roles, skills = count.count(NodeType.ROLE), count.count(NodeType.SKILL)
        return Converted(out.chunks(), roles, skills, reader.requirements)

    def other(self, k: str, flat: _Flat) -> None:
        """Keep the triples of ``k``, which is no node (in `others`).

        Raises:
            UnsureError: a vocabulary triple among them.
        """
        others = self.others
        for p, o in _pairs(flat):  # kept in a set, or refused: order is no matter
            if (p == vocab.TYPE and type(o) is str and not reserved(o)) or not reserved(p):
                others.add(extra_triple(k, p, o))
            else:
                raise UnsureError("a vocabulary triple about what is not a node")

    def blocks(
        self, meta: _Meta, used: set[str], kinds: dict[str, NodeType], reader: NodeGroups
    ) -> Iterator[Block]:
        """The writer's blocks: ontology, nodes (by IRI) with their kept triples, then the
        other kept triples (see `skillgraph.io.rdf._writer`); each node's triples let go
        once its block is made.

        Raises:
            UnsureError: a triple the model path might read otherwise, or a cycle (once
                every node is read: after the last node's block).
        """
        counter = [0]

        def new_blank(kind: str) -> str:
            counter[0] += 1
            return f"_:sg{kind}{counter[0]}"

        level = esco.DEFAULT_CLUSTER_LEVEL
        yield from ontology_blocks(*meta, level=level, used=used, new_blank=new_blank)
        extra, consumed = self.extra, self.consumed
        assert not extra  # a node's kept triples are the ones kept while it is read
        for k, flat in self.runs.merged():  # IRI subjects, by IRI
            kind = kinds.get(k)
            if kind is None:
                if k not in consumed:
                    self.other(k, flat)
                continue
            groups = reader.groups(k, kind, _grouped(flat))
            if extra:
                groups.extend([(p, [o]) for _, p, o in sorted(extra)])
                extra.clear()
            yield f"<{k}>", groups
        for rel in ("broader", "prerequisite", "cluster"):
            if cycle(reader.links[rel]):
                raise UnsureError("a cycle")
        for k, flat in self.blanks.items():
            if k not in consumed:
                self.other(k, flat)
        self.blanks.clear()
        by_subject: dict[str, list[Triple]] = {}
        for t in sorted(self.others):
            by_subject.setdefault(t[0], []).append(t)
        self.others.clear()
        for key in sorted(by_subject):
            yield key, [(p, [o]) for _, p, o in by_subject[key]]
