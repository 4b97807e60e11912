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


#: the kinds of predicate `Collected._route` tells apart (besides ESCO's relations)
_OTHER, _SHAPE, _TYPE = 0, 1, 2


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
        #: the subject IRIs and the ESCO relations' object IRIs, each once: the keys and
        #: lists share these strings (dictionary look-ups then compare them by identity)
        self.iris: dict[str, str] = {}
        #: predicate IRI -> (the IRI, interned, and what its triples are: `_route`);
        #: a file names a few dozen predicates, so each triple costs one lookup and the
        #: collected triples share one string a predicate
        self.routes: dict[str, tuple[str, int, dict[str, list[str]] | None]] = {}

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
        routes = self.routes
        route = self._route
        shapes = self.shapes
        intern = self.iris.setdefault
        cap, why = _limits.current().triple_cap()
        stream = iter(triples)
        # inputs group a subject's triples: its list (and its relation lists) are looked
        # up once a run of triples, not once a triple
        last: str | None = None  # the subject of `lst`
        lst: list[Prop] = []
        last_rel: dict[str, list[str]] | None = None  # the relation and subject of `targets`
        last_rk: str | None = None
        targets: list[str] = []
        last_k: str | None = None  # the last IRI subject, interned
        for t in islice(stream, cap):
            s: Any = t.subject
            if type(s) is named:
                k = s.value
                if k == last_k:  # the run of one subject goes on: its interned key
                    k = last_k
                else:
                    if unchecked and k[:1] == "_":  # no valid IRI starts so: "_:x" is blank
                        raise UncheckedTermError(k)
                    k = last_k = intern(k, k)
            else:
                label = blanks.get(s.value)
                if label is None:
                    label = blanks[s.value] = f"b{len(blanks)}"
                k = "_:" + label
            pv = t.predicate.value
            found_route = routes.get(pv)
            if found_route is None:
                found_route = routes[pv] = route(pv)
            p, kind, rel = found_route
            o: Any = t.object
            to = type(o)
            if to is named:
                if rel is not None:
                    if rel is not last_rel or k != last_rk:
                        found = rel.get(k)
                        if found is None:
                            found = rel[k] = []
                        targets = found
                        last_rel = rel
                        last_rk = k
                    v = o.value
                    targets.append(intern(v, v))
                    continue
                if kind == _SHAPE:
                    shapes.append((k, p, o))
                    continue
                if kind == _TYPE:
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
                if kind == _SHAPE:
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

    def _route(self, p: str) -> tuple[str, int, dict[str, list[str]] | None]:
        """What `collect` does with the triples of predicate ``p``: an ESCO relation (to
        IRIs: its per-subject lists), an ESCO shape (set aside), ``rdf:type`` (indexed)
        or any other (kept by subject)."""
        relations = {vocab.ESSENTIAL: self.essential, vocab.OPTIONAL: self.optional}
        if p in relations:
            return p, _OTHER, relations[p]
        if p in _esco.SHAPE_PREDICATES:
            return p, _SHAPE, None
        return p, _TYPE if p == vocab.TYPE else _OTHER, None

    def clear(self) -> None:
        """Drop everything collected (before the garbage collector runs again: its first
        pass would otherwise scan all of it)."""
        parts = (self.props, self.types, self.essential, self.optional, self.iris, self.routes)
        for part in parts:
            part.clear()
        self.shapes.clear()

    def check(self) -> None:
        """Validate every distinct IRI and language tag collected, as a strict parser would.

        Raises:
            UncheckedTermError: one is invalid.
        """
        iris = set(self.iris)  # every IRI subject and ESCO relation target
        iris.update(self.routes)  # every predicate
        for _, _, o in self.shapes:
            if type(o) is ox.NamedNode:
                iris.add(o.value)
        tags: set[str] = set()
        named = ox.NamedNode
        literal = ox.Literal
        for lst in self.props.values():
            for _, o in lst:
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
