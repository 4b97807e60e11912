"""Pass 1 of reading RDF: the triples grouped by subject as they stream (no RDF store).

ESCO's relations to IRIs (the bulk of a file) go to compact per-subject lists of object
IRIs, ESCO's shapes (SKOS-XL labels, node literals, relationship nodes...) are set aside
for `skillgraph.io.rdf._esco.normalise`, and every other triple is kept by subject as
(predicate IRI, object term), with the ``rdf:type`` objects also indexed by subject.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import pyoxigraph as ox

from ...errors import ResourceLimitError
from .. import _limits
from .._source import Progress
from . import _esco
from . import _vocab as vocab
from ._terms import Prop

__all__ = ["Collected", "UncheckedTermError"]


class UncheckedTermError(Exception):
    """A leniently parsed input holds an invalid IRI or language tag (parse it strictly)."""


class Collected:
    """The triples of one input, grouped for the reader (see the module)."""

    def __init__(self, source: str) -> None:
        self.source = source
        #: subject key (IRI or ``_:label``) -> (predicate IRI, object term), in input order
        self.props: dict[str, list[Prop]] = {}
        #: subject key -> its rdf:type IRIs
        self.types: dict[str, set[str]] = {}
        #: ESCO relations: subject key -> object IRIs, one dict a predicate
        self.essential: dict[str, list[str]] = {}
        self.optional: dict[str, list[str]] = {}
        #: ESCO shapes set aside for `_esco.normalise`: (subject key, predicate, object)
        self.shapes: list[tuple[str, str, Any]] = []

    def collect(
        self,
        triples: Iterable[ox.Triple | ox.Quad],
        progress: Progress | None,
        *,
        unchecked: bool = False,
    ) -> None:
        """Dispatch each triple on its predicate while streaming.

        ``unchecked``: the parser did not validate IRIs and language tags (`check` does,
        after this pass).

        Raises:
            ResourceLimitError: more triples than the limits allow.
            UncheckedTermError: (``unchecked`` only) an IRI could be mistaken for a blank node.
        """
        if progress is not None:
            triples = _counted(triples, progress)
        props = self.props
        types = self.types
        named = ox.NamedNode
        blank = ox.BlankNode
        # blank nodes are relabelled b0, b1, ... in order of appearance: parsers invent
        # random labels for anonymous nodes, and reading must be deterministic
        blanks: dict[str, str] = {}
        rdf_type = vocab.TYPE
        #: the predicates taken apart from the rest: ESCO's relations, then its shapes
        relations = {vocab.ESSENTIAL: self.essential, vocab.OPTIONAL: self.optional}
        shape_predicates = _esco.SHAPE_PREDICATES
        shapes = self.shapes
        cap, why = _limits.current().triple_cap()
        stream = iter(triples)
        # inputs group a subject's triples: its list (and its relation lists) are looked
        # up once a run of triples, not once a triple
        last: str | None = None  # the subject of `lst`
        lst: list[Prop] = []
        last_rel: dict[str, list[str]] | None = None  # the relation and subject of `targets`
        last_rk: str | None = None
        targets: list[str] = []
        for t in islice(stream, cap):
            s: Any = t.subject
            if type(s) is named:
                k = s.value
                if unchecked and k[0] == "_":  # no valid IRI starts so: "_:x" is a blank
                    raise UncheckedTermError(k)
            else:
                label = blanks.get(s.value)
                if label is None:
                    label = blanks[s.value] = f"b{len(blanks)}"
                k = "_:" + label
            p = t.predicate.value
            o: Any = t.object
            to = type(o)
            if to is named:
                rel = relations.get(p)
                if rel is not None:
                    if rel is not last_rel or k != last_rk:
                        found = rel.get(k)
                        if found is None:
                            found = rel[k] = []
                        targets = found
                        last_rel = rel
                        last_rk = k
                    targets.append(o.value)
                    continue
                if p in shape_predicates:
                    shapes.append((k, p, o))
                    continue
                if p == rdf_type:
                    ts = types.get(k)
                    if ts is None:
                        types[k] = {o.value}
                    else:
                        ts.add(o.value)
            elif to is blank:
                label = blanks.get(o.value)
                if label is None:
                    label = blanks[o.value] = f"b{len(blanks)}"
                o = blank(label)
                if p in shape_predicates:
                    shapes.append((k, p, o))
                    continue
            if k != last:
                found_props = props.get(k)
                if found_props is None:
                    found_props = props[k] = []
                lst = found_props
                last = k
            lst.append((p, o))
        if next(stream, None) is not None:
            raise ResourceLimitError(
                f"the input holds {why}: refused after {cap} triples", source=self.source
            )

    def clear(self) -> None:
        """Drop everything collected (before the garbage collector runs again: its first
        pass would otherwise scan all of it)."""
        for part in (self.props, self.types, self.essential, self.optional):
            part.clear()
        self.shapes.clear()

    def check(self) -> None:
        """Validate every distinct IRI and language tag collected, as a strict parser would.

        Raises:
            UncheckedTermError: one is invalid.
        """
        iris: set[str] = {k for k in self.props if k[:2] != "_:"}
        for rels in (self.essential, self.optional):
            iris.update(rels)
            for targets in rels.values():
                iris.update(targets)
        for k, p, o in self.shapes:
            iris.add(p)
            if k[:2] != "_:":
                iris.add(k)
            if type(o) is ox.NamedNode:
                iris.add(o.value)
        tags: set[str] = set()
        named = ox.NamedNode
        literal = ox.Literal
        for lst in self.props.values():
            for p, o in lst:
                iris.add(p)
                t = type(o)
                if t is named:
                    iris.add(o.value)
                elif t is literal:
                    lang = o.language
                    if lang is None:
                        iris.add(o.datatype.value)
                    else:
                        tags.add(lang)
        try:
            for iri in iris:
                named(iri)
            for tag in tags:
                literal("", language=tag)
        except ValueError as exc:
            raise UncheckedTermError(str(exc)) from None


def _counted(
    triples: Iterable[ox.Triple | ox.Quad], progress: Progress
) -> Iterator[ox.Triple | ox.Quad]:
    """The triples, reporting ``("parse", n, None)`` every 100,000 and the total at the end."""
    n = 0
    for n, t in enumerate(triples, 1):
        if not n % 100_000:
            progress("parse", n, None)
        yield t
    progress("parse", n, n)
