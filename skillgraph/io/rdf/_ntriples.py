"""The N-Triples serialiser, and the graph's triples as pyoxigraph terms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from ..._gc import paused_gc
from .._utf8 import encode
from . import _blocks
from ._blocks import Block

if TYPE_CHECKING:
    from ...graph import SkillGraph

__all__ = ["block_nt_chunks", "nt_bytes", "nt_chunks", "ox_triples", "triples", "write_ntriples"]


def nt_chunks(graph: SkillGraph, cluster_level: int | None) -> Iterator[bytes]:
    """The N-Triples output, encoded a few thousand subjects at a time (`_blocks.CHUNK`).

    Raises:
        InvalidValueError: a value cannot be written (see `write_ntriples`).
    """
    from ._writer import graph_blocks  # the model's writer: not on the streaming path

    return block_nt_chunks(graph_blocks(graph, cluster_level=cluster_level), graph)


def block_nt_chunks(blocks: Iterable[Block], graph: SkillGraph | None) -> Iterator[bytes]:
    """The N-Triples of ``blocks`` (the writer's, for ``graph``: None when there is no
    graph to name the owner of an unwritable value), encoded a few thousand subjects at a
    time.

    Raises:
        InvalidValueError: a value cannot be written (see `write_ntriples`).
    """
    buf: list[str] = []
    append = buf.append
    every, most = _blocks.CHUNK, _blocks.CHUNK_TRIPLES
    n = 0
    with paused_gc():  # only acyclic strings and tuples are built: nothing to collect
        for i, (s, groups) in enumerate(blocks, 1):
            for p, objects in groups:
                n += len(objects)
                if len(objects) == 1:
                    append(f"{s} {p} {objects[0]} .\n")
                else:  # "s p o1 .\ns p o2 .\n": the objects joined by " .\ns p "
                    head = f"{s} {p} "
                    append(head + (" .\n" + head).join(objects) + " .\n")
            if not i % every or n > most:
                yield encode("".join(buf), graph)
                buf.clear()
                n = 0
        yield encode("".join(buf), graph)


def nt_bytes(graph: SkillGraph, cluster_level: int | None) -> bytes:
    """The whole N-Triples output.

    Raises:
        InvalidValueError: a value cannot be written (see `write_ntriples`).
    """
    return b"".join(nt_chunks(graph, cluster_level))


def ox_triples(graph: SkillGraph, cluster_level: int | None) -> Iterator[ox.Triple]:
    """The graph's triples as pyoxigraph terms, in output order.

    Raises:
        InvalidValueError: a value cannot be written (see `write_ntriples`).
    """
    data = nt_bytes(graph, cluster_level)
    for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        yield q.triple


def triples(graph: SkillGraph, *, cluster_level: int | None = None) -> list[ox.Triple]:
    """The graph's triples (pyoxigraph terms) in output order.

    Raises:
        InvalidValueError: a translation key is not a valid language tag.
    """
    return list(ox_triples(graph, cluster_level))


def write_ntriples(graph: SkillGraph, out: BinaryIO, *, cluster_level: int | None = None) -> None:
    """Write N-Triples, streamed as Turtle is (see `write_turtle`); the prefixes survive as
    ``sg:prefix`` triples on the ontology node.

    Raises:
        InvalidValueError: a value cannot be written (as for Turtle).
    """
    for chunk in nt_chunks(graph, cluster_level):
        out.write(chunk)
