"""N-Triples grouped by subject from its lines, for the streaming converter (`_stream`).

Most lines of an N-Triples file are written the plain way (``<s> <p> <o> .``, one space
apart, no escapes): `group_lines` splits those itself, which costs a third less than making
pyoxigraph's three terms and quad a triple, and hands every other line (comments, escapes,
tabs, other spacing, long tokens...) to pyoxigraph's strict parser, one line at a time, so
it reads exactly as the whole file would. Each distinct IRI, language tag and datatype is
checked once, as a strict parse checks it (`pyoxigraph.NamedNode`, a parse of the suffix).
Anything it cannot promise to read as pyoxigraph does raises (`UnsureError`, or the
parser's own ``SyntaxError``), and the caller converts through the model instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice
from sys import intern
from typing import Any

import pyoxigraph as ox

from . import _vocab as vocab
from ._runs import Flat, Runs
from ._stream_nodes import DeclinedError, UnsureError
from ._stream_terms import Blanks, Lit, lit

__all__ = ["group_lines"]

#: lines this long go to the parser, which refuses a token beyond its 16 MiB buffer (a
#: character is at most 4 bytes)
_LONG = 4 * 1024**2
#: the literal suffixes split here (others: the line goes to the parser)
_SUFFIX = re.compile(r"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^<[^<>\s]+>)?")
#: the blank node labels split here (a subset of N-Triples' own)
_LABEL = re.compile(r"_:[A-Za-z0-9_][A-Za-z0-9_-]*")
_NT = ox.RdfFormat.N_TRIPLES
_LANG_STRING = vocab.RDF + "langString"


def _parsed(line: str) -> tuple[str, str, Any] | None:
    """The triple of ``line`` as pyoxigraph's strict parser reads it (None: the line
    holds none), in the form `group_lines` splits a plain line into: subject and
    predicate tokens as N-Triples writes them, the object an IRI ``str``, a `Lit` or a
    blank node term.

    The whole line is parsed, so whatever follows its first triple is checked too.

    Raises:
        SyntaxError: the line is not N-Triples.
        UnsureError: the line holds more than one triple (a bare CR ends a line in
            N-Triples, and a line split at LF only may hold two), or an object that is
            no IRI, literal or blank node.
    """
    found = list(islice(ox.parse(line.encode("utf-8"), format=_NT), 2))
    if not found:
        return None
    if len(found) > 1:
        raise UnsureError("a line holding more than one triple")
    q = found[0]
    s: Any = q.subject
    o: Any = q.object
    token = f"<{s.value}>" if type(s) is ox.NamedNode else f"_:{s.value}"
    if type(o) is ox.NamedNode:
        o = o.value
    elif type(o) is ox.Literal:
        o = lit(o)
    elif type(o) is not ox.BlankNode:
        raise UnsureError("an object that is no IRI, blank node or literal")
    return token, f"<{q.predicate.value}>", o


class _Literals(dict[str, tuple[str | None, str] | None]):
    """Literal suffix as written (``""``, ``@en``, ``^^<iri>``) -> the language tag and
    datatype of a literal with it, as the parser reads them (a `_stream_terms.Lit` but its
    lexical form; each suffix parsed by pyoxigraph once); None for a suffix `group_lines`
    leaves to the parser (not of `_SUFFIX`'s forms).

    Raises:
        SyntaxError: the parser refuses the suffix.
        UnsureError: an rdf:langString literal with no language.
    """

    def __missing__(self, suffix: str) -> tuple[str | None, str] | None:
        if not _SUFFIX.fullmatch(suffix):
            self[suffix] = None
            return None
        (q,) = ox.parse(f'<x:s> <x:p> ""{suffix} .'.encode(), format=_NT)
        o: Any = q.object
        if o.language is None and o.datatype.value == _LANG_STRING:
            raise UnsureError("an rdf:langString without a language")
        tail: Lit = lit(o)
        found = self[suffix] = tail[1:]
        return found


def group_lines(
    lines: Iterable[str], cap: int, typed: Callable[[str, str], None], runs: Runs
) -> None:
    """The triples of N-Triples ``lines`` grouped by subject into ``runs``, as
    `_stream._Converter.collect` groups pyoxigraph's (subjects keyed as it keys them,
    blank nodes relabelled ``bN`` in order of appearance, IRIs as one ``str`` each, objects
    as `_stream_terms` holds them); ``typed(k, iri)`` is told each rdf:type IRI of
    subject ``k``.

    Raises:
        UnsureError: more than ``cap`` lines, or a term this module does not take.
        SyntaxError: a line the parser refuses.
        ValueError: an invalid IRI or blank node label.
    """
    at = runs.at
    blanks = Blanks()
    rdf_type = vocab.TYPE
    predicates: dict[str, str] = {f"<{rdf_type}>": rdf_type}  # predicate token -> its IRI
    # subject and object token -> its key or IRI (one string an IRI, subject or object;
    # interned: read back from the runs as that very string, `_runs`)
    iris: dict[str, str] = {}
    literals = _Literals()
    label_ok = _LABEL.fullmatch
    named, blank = ox.NamedNode, ox.BlankNode

    long = _LONG
    last_s: str | None = None  # no token is None: the first line's are always checked
    last_p: str | None = None
    k = p = ""
    flat: Flat = []
    lines = iter(lines)
    for line in islice(lines, cap):  # at least a line a triple
        # a plain line split here (`o` then set), any other read by the parser
        o: Any = None
        parts = line.split(" ", 2)
        if len(parts) == 3 and "\\" not in line and len(line) < long:
            s, pt, rest = parts
            obj = rest[:-3]
            if rest[-3:] == " .\n" and obj:
                c = obj[0]
                if c == "<":
                    o = iris.get(obj)
                    if o is None and obj[-1] == ">":
                        o = iris[obj] = intern(obj[1:-1])
                        named(o)  # raises ValueError as the strict parser refuses it
                elif c == '"':
                    end = obj.rfind('"')
                    lex = obj[1:end]
                    tail = literals[obj[end + 1 :]]
                    if tail is not None and end and '"' not in lex and lex.isprintable():
                        o = (lex, *tail)
                elif c == "_" and label_ok(obj):
                    o = blanks[obj[2:]].encode()
        if o is None:
            got = _parsed(line)
            if got is None:
                continue
            s, pt, o = got
            if type(o) is blank:
                o = blanks[o.value].encode()
        if s != last_s:  # the subject step, after its key (and checks)
            found = iris.get(s)
            if found is None:
                if s[:1] == "<" and s[-1:] == ">":
                    found = intern(s[1:-1])
                    named(found)
                elif label_ok(s):
                    found = blanks[s[2:]]
                else:
                    raise UnsureError("a subject token the converter does not take")
                iris[s] = found
            k = found
            flat = at(k)
            last_s = s
        if pt != last_p:
            found = predicates.get(pt)
            if found is None:
                if pt[:1] != "<" or pt[-1:] != ">":
                    raise UnsureError("a predicate token the converter does not take")
                found = predicates[pt] = intern(pt[1:-1])
                named(found)
            p = found
            last_p = pt
        flat += (p, o)
        if p is rdf_type and type(o) is str:
            typed(k, o)
    if next(lines, None) is not None:
        raise DeclinedError("more lines than the triple limit")
