"""RDF -> RDF without the model: N-Triples or Turtle in, the writer's exact bytes out.

`convert_stream` parses the input once, groups the triples by subject (as the reader's first
pass does, blank nodes relabelled in order of appearance), reads the plain shapes of the
ontology node and of skills, skill groups, clusters and roles (`_stream_nodes`), and writes
the blocks the model path would write, through the writers' own block formatters
(`_ntriples.block_nt_chunks`, `_turtle.block_turtle_chunks`) and ontology blocks, each
node's block as soon as its triples are read (the output held until every check has
passed: `_spill`, not the groups of every node).

Input in subject order (as the writers write it, and most dumps) is written one run of
subjects at a time as it is read (`_runs.Runs.take`): no run spilled nor merged. The
ontology node is read from the first run (written last, placed first), and what needs the
whole graph (links to nodes of the right kind, the ontology unchanged, ids in the order of
their IRIs, cycles) is checked at the end. A run that is not in order (a subject seen
before, a node before the last one written) sends the rest through spilled runs; a subject
seen again, or a doubt, once some was written, reads the input again, sorting
(`_OutOfOrderError`; the inputs are files or bytes).

Whenever the output might differ from the model path's, or the model path might warn or
refuse the input (a parser error, a limit, a cycle, an unusual shape), it returns None, and
the caller converts through the model, which then reports exactly as before.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any, BinaryIO, TextIO

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
from ._literals import Triple
from ._node_types import NODE_TYPES
from ._ntriples import block_nt_chunks
from ._ontology_out import ontology_blocks
from ._runs import Flat, Runs
from ._sniff import BOM
from ._spill import Spill
from ._stream_nodes import (
    KINDS,
    DeclinedError,
    NodeGroups,
    UnsureError,
    cycle,
    extra_triple,
    reserved,
)
from ._stream_nt import group_lines
from ._stream_onto import Ontology, grouped, ontology, pairs
from ._stream_ttl import group_terms
from ._turtle import block_turtle_chunks

__all__ = ["STREAM_INPUTS", "STREAM_OUTPUTS", "Converted", "convert_stream"]

#: the input formats (registry names) the streaming converter reads
STREAM_INPUTS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
#: the output formats it writes
STREAM_OUTPUTS = frozenset({"turtle", "ntriples"})

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
            try:  # read one subject at a time while the input comes in subject order
                return _Converter(source, fmt, out_format, ordered=True).run()
            except _OutOfOrderError:  # it did not, after some was written: read again, sorting
                return _Converter(source, fmt, out_format, ordered=False).run()
    except _DOUBTS:  # the model path decides and reports
        return None


def _declined(k: str, kind: NodeType) -> bool:
    """Whether node ``k`` of ``kind`` is one the converter leaves to the model path: of a
    kind it does not take (learning resources), a blank node or an ESCO ISCO group."""
    return kind not in KINDS or k[:2] == "_:" or esco.isco_code(k) is not None


class _OutOfOrderError(Exception):
    """Input read in subject order turned out not to be, once some output was made."""


class _Converter:
    def __init__(self, source: Source, fmt: ox.RdfFormat, out_format: str, *, ordered: bool):
        self.source = source
        self.fmt = fmt
        self.out_format = out_format
        self.ordered = ordered  # reading one subject at a time (so far)
        #: the subjects' triples (IRIs, literals and blank nodes as `_stream_terms` holds
        #: them), in runs of a bounded size (`_runs`); in subject order, each run taken
        #: and written as it is full (`take`), not spilled
        self.runs = Runs(take=self.take if ordered else None)
        #: subject key -> its rdf:type IRIs (one frozenset for each distinct set, shared)
        self.types: dict[str, frozenset[str]] = {}
        self.shared: dict[frozenset[str], frozenset[str]] = {}
        #: the kinds of each distinct set of types (a few in all)
        self.kinds_of: dict[frozenset[str], set[NodeType]] = {}
        #: a node's kept triples, made while it is read (written with it)
        self.extra: set[Triple] = set()
        #: the kept triples of what is not a node (written at the end)
        self.others: set[Triple] = set()
        self.onto = Ontology("en", {}, {}, {}, frozenset())
        #: the node reader, once the ontology is known (before the end: in subject order)
        self.reader: NodeGroups | None = None
        self.body = Spill()  # the nodes' output, written as they are read
        self.terms: dict[str, str] = {}  # the Turtle prefixes
        # in subject order: the IRI subjects written, the last node, the id maps, the
        # ontology's IRI subject's triples, the prefixes used by ids, the ids in order
        self.seen: set[str] = set()
        self.last = self.last_id = ""
        self.ids = (IdMap({}), IdMap({}))
        self.onto_flats: dict[str, _Flat] = {}
        self.used: set[str] = set()
        self.in_order = True
        self.written = 0

    @property
    def props(self) -> dict[str, _Flat]:
        """The current run: subject key -> its triples (`_runs.Runs.props`)."""
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
            raise DeclinedError("a blank, ISCO node or a kind of node the converter does not take")

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
            raise DeclinedError("a byte order mark")
        cap, _ = _limits.current().triple_cap()
        if self.fmt == ox.RdfFormat.N_TRIPLES:
            with self.lines() as lines:
                group_lines(lines, cap, self.typed, self.runs)
        else:
            group_terms(self.parse(), cap, self.typed, self.runs)

    def kind(self, k: str) -> NodeType | None:
        """The kind of node ``k`` is (None: no node).

        Raises:
            UnsureError: a node of two kinds, or one the converter declines.
        """
        ts = self.types.get(k)
        if ts is None:
            return None
        found = self.kinds_of.get(ts)
        if found is None:
            found = self.kinds_of[ts] = {NODE_TYPES[t] for t in ts if t in NODE_TYPES}
        if not found:
            return None
        if len(found) > 1:
            raise UnsureError("a node of two kinds")
        (kind,) = found
        if _declined(k, kind):
            raise UnsureError("a blank, ISCO node or a kind the converter does not take")
        return kind

    def kinds(self) -> dict[str, NodeType]:
        kind = self.kind
        return {k: n for k in self.types if (n := kind(k)) is not None}

    def node_kinds(self, onto: Ontology) -> dict[str, NodeType]:
        """Every node's kind (`kinds`), none of them part of the ontology node ``onto``.

        Raises:
            UnsureError: as `kind`, or a subject read as the ontology's is also a node.
        """
        kinds = self.kinds()
        if onto.consumed & kinds.keys():
            raise UnsureError("an ontology node that is a node")
        return kinds

    def checked_ontology(
        self, blanks: Mapping[str, _Flat], subject: Callable[[str], _Flat | None]
    ) -> Ontology:
        """The ontology node (`_stream_onto.ontology`), its language made canonical.

        Raises:
            UnsureError: as `ontology`, or sg:language is not a language tag (as
                SkillGraph refuses it).
        """
        onto = ontology(self.types, blanks, subject)
        language = canonical_language(onto.language)
        if not is_language(language):
            raise UnsureError("sg:language is not a language tag")
        return onto._replace(language=language)

    def node_ids(self, kinds: dict[str, NodeType]) -> dict[str, str]:
        """Node IRI -> the id the reader gives it (`node_id`, each checked)."""
        return {k: self.node_id(k, kind) for k, kind in kinds.items()}

    def node_id(self, k: str, kind: NodeType) -> str:
        """The id the reader gives node ``k``, checked to come back to its IRI under the
        graph's prefixes (the id maps' caches let go of now and then: each IRI read once).

        Raises:
            UnsureError: an id that does not come back, or an ISCO cluster.
        """
        reader_ids, writer_ids = self.ids
        i = reader_ids.id(k)
        if not valid_id(i) or not writer_ids.stands_for(i, k):
            raise UnsureError("an IRI that does not come back from its id")
        if kind == NodeType.CLUSTER and esco.isco_code(i):
            raise UnsureError("an ISCO cluster")
        self.written += 1
        if not self.written % _FORGET:
            reader_ids.forget()
            writer_ids.forget()
        return i

    def start(self, onto: Ontology) -> None:
        """Set what writing nodes needs: the ontology, the id maps and a node reader (for
        input read one subject at a time: the links checked at the end)."""
        self.onto = onto
        self.reader = NodeGroups(onto.language, None, None, self.keep)
        self.ids = (IdMap(onto.compact, source=self.source.name), IdMap(onto.prefixes))
        self.terms = prefix_declarations(onto.prefixes)

    def take(self, items: list[tuple[str, _Flat]]) -> bool:
        """Write a full run of IRI subjects (by key) when the input is in subject order
        so far (no subject seen before, nodes after the last node written): True; else
        False, and the runs are spilled and merged from here.

        Raises:
            UnsureError: a node the model path might read otherwise.
        """
        if self.reader is None:  # the first run: the ontology node comes first, or none
            try:
                onto = self.checked_ontology(self.runs.held, self.runs.props.get)
            except UnsureError:
                return False  # the end decides, as for input out of order
            self.onto_flats = {k: self.runs.props[k] for k in onto.consumed if k[:2] != "_:"}
            self.start(onto)
        if not self.seen.isdisjoint([k for k, _ in items]):
            return False
        first = next((k for k, _ in items if self.kind(k) is not None), None)
        if first is not None and first <= self.last:
            return False
        self.put(self.node_blocks(items))
        return True

    def node(self, k: str, kind: NodeType) -> None:
        """Check node ``k``, read one subject at a time: after the last node, its id
        (noted: the prefix it uses, whether the ids come in order).

        Raises:
            _OutOfOrderError: ``k`` comes before the last node.
            UnsureError: what `node_id` raises.
        """
        if k <= self.last:
            raise _OutOfOrderError
        self.last = k
        i = self.node_id(k, kind)
        if i <= self.last_id:
            self.in_order = False
        self.last_id = i
        name, sep, _ = i.partition(":")
        if sep and name in self.onto.prefixes:
            self.used.add(name)

    def node_blocks(self, items: Iterable[tuple[str, _Flat]]) -> Iterator[Block]:
        """The blocks of the nodes among ``items`` (IRI subjects, by key) with their kept
        triples; the other subjects' triples kept (`other`).

        Raises:
            _OutOfOrderError: in subject order, a subject seen before.
            UnsureError: a triple the model path might read otherwise.
        """
        reader = self.reader
        assert reader is not None
        extra, consumed, seen = self.extra, self.onto.consumed, self.seen
        ordered = reader.of is None
        for k, flat in items:
            if ordered:
                if k in seen:
                    raise _OutOfOrderError
                seen.add(k)
            kind = self.kind(k)
            if kind is None:
                if k not in consumed:
                    self.other(k, flat)
                continue
            if ordered:
                self.node(k, kind)
            groups = reader.groups(k, kind, grouped(flat))
            if extra:
                groups.extend([(p, [o]) for _, p, o in sorted(extra)])
                extra.clear()
            yield f"<{k}>", groups

    def put(self, blocks: Iterable[Block]) -> None:
        """Write ``blocks`` to the output's body."""
        for chunk in self.chunks(blocks, declare=False):
            self.body.write(chunk)

    def chunks(self, blocks: Iterable[Block], *, declare: bool) -> Iterator[bytes]:
        """The output of ``blocks`` (with the Turtle prefixes declared if ``declare``)."""
        if self.out_format == "ntriples":
            return block_nt_chunks(blocks, None)
        return block_turtle_chunks(blocks, self.terms, None, declare=declare)

    def run(self) -> Converted:
        """The conversion (see `convert_stream`).

        Raises:
            _OutOfOrderError: some was written one subject at a time, then a doubt came
                (the input may not be in subject order: a subject's triples read in part).
            UnsureError: as `convert_stream` says.
        """
        try:
            return self.convert()
        except UnsureError as exc:
            self.body.close()
            if self.ordered and self.reader is not None and not isinstance(exc, DeclinedError):
                raise _OutOfOrderError from None  # read again, sorting: that decides
            raise
        except BaseException:
            self.body.close()
            raise
        finally:  # the runs' temporary files let go, whatever happens
            self.runs.close()

    def convert(self) -> Converted:
        self.collect()
        blanks = self.runs.blanks()
        if self.reader is None:  # all read before any was written: the checks first
            self.runs.take = None
            self.ordered = False
            onto = self.checked_ontology(blanks, self.runs.subject)
            kinds = self.node_kinds(onto)
            self.start(onto)
            node_id = self.node_ids(kinds)
            self.used = {i.partition(":")[0] for i in node_id.values() if ":" in i}
            self.used &= set(onto.prefixes)
            self.reader = NodeGroups(onto.language, kinds, node_id, self.keep)
            del node_id
            self.types = {k: self.types[k] for k in kinds}  # the kinds, as read by `kind`
            self.put(self.node_blocks(self.runs.merged()))
        else:  # written one run at a time: what was read later must agree
            self.put(self.node_blocks(self.runs.merged()))
            if self.checked_ontology(blanks, self.onto_flats.get) != self.onto:
                raise UnsureError("an ontology node changed by what came later")
            kinds = self.node_kinds(self.onto)
            self.reader.settle(kinds)
            if not self.in_order:
                raise _OutOfOrderError  # the links sort by id: read again, all ids known first
        reader = self.reader
        for rel in ("broader", "prerequisite", "cluster"):
            if cycle(reader.links[rel]):
                raise UnsureError("a cycle")
        consumed = self.onto.consumed
        for k, flat in blanks.items():
            if k not in consumed:
                self.other(k, flat)
        blanks.clear()
        self.types.clear()
        counter = [0]

        def new_blank(kind: str) -> str:
            counter[0] += 1
            return f"_:sg{kind}{counter[0]}"

        onto = self.onto
        meta = (onto.language, onto.metadata, onto.prefixes)
        level = esco.DEFAULT_CLUSTER_LEVEL
        head = b"".join(
            self.chunks(
                ontology_blocks(*meta, level=level, used=self.used, new_blank=new_blank),
                declare=True,
            )
        )
        tail = b"".join(self.chunks(self.other_blocks(), declare=False))
        count = list(kinds.values())
        roles, skills = count.count(NodeType.ROLE), count.count(NodeType.SKILL)
        chunks = chain((head,), self.body.chunks(), (tail,))
        return Converted(chunks, roles, skills, reader.requirements)

    def other(self, k: str, flat: _Flat) -> None:
        """Keep the triples of ``k``, which is no node (in `others`).

        Raises:
            UnsureError: a vocabulary triple among them.
        """
        others = self.others
        for p, o in pairs(flat):  # kept in a set, or refused: order is no matter
            if (p == vocab.TYPE and type(o) is str and not reserved(o)) or not reserved(p):
                others.add(extra_triple(k, p, o))
            else:
                raise UnsureError("a vocabulary triple about what is not a node")

    def other_blocks(self) -> Iterator[Block]:
        """The kept triples of what is no node, by subject (the end of the output)."""
        by_subject: dict[str, list[Triple]] = {}
        for t in sorted(self.others):
            by_subject.setdefault(t[0], []).append(t)
        self.others.clear()
        for key in sorted(by_subject):
            yield key, [(p, [o]) for _, p, o in by_subject[key]]
