"""Turtle grouped by subject from pyoxigraph's terms, for the streaming converter (`_stream`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from sys import intern
from typing import Any

import pyoxigraph as ox

from . import _vocab as vocab
from ._runs import Flat, Runs
from ._stream_nodes import DeclinedError, UnsureError
from ._stream_terms import Blanks, lit

__all__ = ["group_terms"]


def group_terms(
    stream: Iterator[ox.Quad], cap: int, typed: Callable[[str, str], None], runs: Runs
) -> None:
    """Group the parsed triples by subject into `runs`, their types by `typed`.

    Raises:
        UnsureError: more than ``cap`` triples, or a term the converter does not take.
        SyntaxError: the parser's.
    """
    at = runs.at
    named = ox.NamedNode
    blank = ox.BlankNode
    literal = ox.Literal
    blanks = Blanks()
    # IRIs (objects and predicates) kept as their IRI strings (a ``str`` object is an
    # IRI, any other a literal or blank node), one string per distinct IRI: the links
    # repeat a few thousand IRIs hundreds of thousands of times, and read each as a
    # string (no per-triple term, no ``.value`` a link); rdf:type is `vocab.TYPE`
    # itself (told by identity); interned, so read back from the runs as that very
    # string (`_runs`)
    rdf_type = vocab.TYPE
    iris: dict[Any, str] = {named(rdf_type): rdf_type}
    last: Any = None  # the last subject term (a subject's triples mostly come together)
    k = p = ""
    last_p: Any = None
    flat: Flat = []
    for t in islice(stream, cap):
        s: Any = t.subject
        if s != last:  # a term compared: no string made for each triple's subject
            if type(s) is named:
                k = iris.get(s) or iris.setdefault(s, intern(s.value))
            elif type(s) is not blank:
                raise UnsureError("a subject that is no IRI or blank node")
            else:
                k = blanks[s.value]
            flat = at(k)  # the subject step
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
            o = blanks[o.value].encode()
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
        raise DeclinedError("more triples than the limits allow")
