"""The Turtle serialiser: stable prefixes, one statement a subject, streamed in chunks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO

from ..._gc import paused_gc
from .._utf8 import encode
from . import _blocks
from . import _vocab as vocab
from ._blocks import Block
from ._ids import output_prefixes

if TYPE_CHECKING:
    from ...graph import SkillGraph

__all__ = ["block_turtle_chunks", "write_turtle"]

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

    def of(self, t: str) -> str:
        """The Turtle term of ``t``, not cached (a subject: written once)."""
        if t[0] != "<":  # a literal or blank node: written as it is
            return t
        m = self.namespace.match(t, 1, len(t) - 1)
        if m is not None:
            local = t[m.end() : -1]
            if _LOCAL.match(local):
                return self.names[m.group()] + ":" + local.replace("/", "\\/")
        return t

    def __missing__(self, t: str) -> str:
        found = self.of(t)
        if t[0] == "<":
            self[t] = found
        return found


def _turtle_chunks(graph: SkillGraph, cluster_level: int | None) -> Iterator[bytes]:
    """The Turtle output, encoded a few thousand subjects at a time."""
    from ._writer import graph_blocks  # the model's writer: not on the streaming path

    blocks = graph_blocks(graph, cluster_level=cluster_level)
    return block_turtle_chunks(blocks, output_prefixes(graph), graph)


def block_turtle_chunks(
    blocks: Iterable[Block],
    prefixes: dict[str, str],
    graph: SkillGraph | None,
    *,
    declare: bool = True,
) -> Iterator[bytes]:
    """The Turtle of ``blocks`` (the writer's, for ``graph``, or None: see
    `skillgraph.io.rdf._ntriples.block_nt_chunks`) with the ``prefixes``
    declared (unless not ``declare``: a later part of one output), encoded a few thousand
    subjects at a time; parts made apart join to the bytes made at once (no subject in two).

    Raises:
        InvalidValueError: a value cannot be written (see `write_turtle`).
    """
    term = _TurtleTerms(prefixes)
    subject = term.of  # each subject's statement comes once: not cached (a third of the terms)
    buf = [f"@prefix {name}: <{ns}> .\n" for name, ns in prefixes.items()] if declare else []
    prev_s = prev_p = ""
    append = buf.append
    a = f"<{vocab.TYPE}>"  # "a" stands for rdf:type in the predicate place only
    every, most = _blocks.CHUNK, _blocks.CHUNK_TRIPLES
    n = 0
    with paused_gc():  # only acyclic strings and tuples are built: nothing to collect
        for i, (s, groups) in enumerate(blocks, 1):
            for p, objects in groups:
                n += len(objects)
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
                    append(f"{subject(s)} {'a' if p == a else term[p]} {objs}")
                    prev_s = s
                elif p == prev_p:  # the same subject and predicate: more objects
                    append(f" , {objs}")
                else:
                    append(f" ;\n\t{'a' if p == a else term[p]} {objs}")
                prev_p = p
            if not i % every or n > most:
                yield encode("".join(buf), graph)
                buf.clear()
                n = 0
        if prev_s:
            append(" .\n")
        yield encode("".join(buf), graph)
