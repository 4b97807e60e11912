"""Subjects' triples grouped within a memory budget: sorted runs in temporary files, merged.

The streaming converter (`_stream`) groups the triples it reads by subject, then needs them
subject by subject in the order of the subjects' keys. `Runs` holds the current run's
groups (`props`) until they hold about `BUDGET` triples, then writes them, sorted by
subject, to an anonymous temporary file (`spill`) and starts a new run; `merged` reads the
runs back together, in key order, a subject's triples in input order (its runs' lists
joined, in the order read); when each run's keys all come after the run before's (input
in subject order, as the writer writes it) the runs are read one after another, with no
merge. Blank-node subjects (keys ``_:...``, never nodes) are kept in
memory (`blanks`). The objects must be what `marshal` writes (``str``, ``bytes``, tuples);
interned strings (the IRIs) come back as the very strings written, not copies.

The files have no name (`tempfile.TemporaryFile`): nothing is left behind on any exit, a
crash included; `close` lets them go at once.
"""

from __future__ import annotations

import heapq
import marshal
import tempfile
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import Any, BinaryIO

__all__ = ["BUDGET", "PIECE_TRIPLES", "Flat", "Runs"]

#: triples held in a run before it is written to a temporary file
BUDGET = 1 << 18
#: triples (about) in each piece of a run read back at once while merging
PIECE_TRIPLES = 1 << 11
#: a subject's triples as one flat list, predicate and object by turn, in input order
Flat = list[Any]
_HEAD = 8  # the bytes giving a piece's length
_first = itemgetter(0)


def _read(file: BinaryIO) -> Iterator[tuple[list[str], list[Flat]]]:
    """The pieces of a run from its start: (keys, their flat lists) each (the file left open)."""
    file.seek(0)
    while head := file.read(_HEAD):
        keys, flats = marshal.loads(file.read(int.from_bytes(head, "little")))
        yield keys, flats


def _pieces(file: BinaryIO) -> Iterator[tuple[str, Flat]]:
    """The (key, flat) pairs of a run, piece by piece (the file then closed)."""
    with file:
        for keys, flats in _read(file):
            yield from zip(keys, flats, strict=True)


def _apart(bounds: list[tuple[str, str] | None]) -> bool:
    """Whether the runs of these first and last keys (None: a run with no key) follow
    one another: each key after every key of the runs before (input in subject order)."""
    top: str | None = None
    for b in bounds:
        if b is None:
            continue
        if top is not None and b[0] <= top:
            return False
        top = b[1]
    return True


class Runs:
    """A subject's flat lists, collected in runs of about ``budget`` triples (see the module).

    ``props`` is the current run (the grouping adds to it and calls `spill` when `full`).
    """

    def __init__(
        self,
        budget: int | None = None,
        take: Callable[[list[tuple[str, Flat]]], bool] | None = None,
    ) -> None:
        self.budget = BUDGET if budget is None else budget
        #: offered each full run's IRI subjects, by key, before it is written: when it
        #: returns True they are its (not written, not merged); once it returns False it
        #: is offered no more (input in subject order read one run at a time, `_stream`)
        self.take = take
        self.props: dict[str, Flat] = {}
        self.held: dict[str, Flat] = {}
        self.files: list[BinaryIO] = []
        #: the first and last IRI subject key of each run written (None: none)
        self.bounds: list[tuple[str, str] | None] = []
        # the subject step (`at`): the list last handed out, its length then, and the
        # triples (times 2) the run held before it
        self._flat: Flat = []
        self._base = 0
        self._held = 0

    def at(self, k: str) -> Flat:
        """Subject ``k``'s flat list in the current run, for the grouping to extend with
        the triples it reads next (a new list for a subject not in the run): the subject
        step both groupings (`_stream_nt`, `_stream_ttl`) take when the subject changes.
        The run is spilled first when the triples added since hold more than the budget.

        Raises:
            OSError: as `spill`.
        """
        held = self._held + len(self._flat) - self._base
        if held > self.budget:
            self.spill()
            held = 0
        self._held = held
        props = self.props
        flat = props.get(k)
        if flat is None:
            flat = props[k] = []
        self._flat = flat
        self._base = len(flat)
        return flat

    def spill(self) -> None:
        """Write the current run to a temporary file, sorted by key (its blank-node
        subjects kept in memory), unless `take` takes it, and start the next one.

        Raises:
            OSError: the file cannot be made or written.
        """
        props = self.props
        if self.take is not None:
            for k in [k for k in props if k[:2] == "_:"]:
                self._hold(k, props.pop(k))
            if self.take(sorted(props.items(), key=_first)):
                props.clear()
                return
            self.take = None
        keys = sorted(props)
        file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by merged or close)
        self.files.append(file)
        piece: list[str] = []
        size = 0
        first: str | None = None
        last = ""
        for k in keys:
            if k[:2] == "_:":
                self._hold(k, props[k])
                continue
            if first is None:
                first = k
            piece.append(k)
            last = k
            size += len(props[k])
            if size >= 2 * PIECE_TRIPLES:
                self._write(file, piece)
                piece, size = [], 0
        if piece:
            self._write(file, piece)
        self.bounds.append(None if first is None else (first, last))
        props.clear()

    def _write(self, file: BinaryIO, keys: list[str]) -> None:
        props = self.props
        data = marshal.dumps((keys, [props[k] for k in keys]))
        file.write(len(data).to_bytes(_HEAD, "little"))
        file.write(data)

    def _hold(self, k: str, flat: Flat) -> None:
        """Keep blank-node subject ``k``'s ``flat`` in memory, after what it already holds."""
        got = self.held.get(k)
        if got is None:
            self.held[k] = flat
        else:
            got += flat

    def blanks(self) -> dict[str, Flat]:
        """The blank-node subjects' flat lists (moved out of the current run)."""
        props = self.props
        for k in [k for k in props if k[:2] == "_:"]:
            self._hold(k, props.pop(k))
        return self.held

    def subject(self, k: str) -> Flat | None:
        """The flat list of IRI subject ``k`` (None: no triples), read through the runs
        when any was written (each piece read back: for one or two subjects only)."""
        found = self.props.get(k)
        if not self.files:
            return found
        out: Flat = []
        for file in self.files:
            for keys, flats in _read(file):
                if k in keys:
                    out += flats[keys.index(k)]
        if found is not None:
            out += found
        return out or None

    def merged(self) -> Iterator[tuple[str, Flat]]:
        """The IRI subjects and their flat lists, in key order, each once (the runs read
        back and let go; the current run emptied)."""
        props = self.props
        last = sorted((k, props.pop(k)) for k in list(props) if k[:2] != "_:")
        files = self.files
        if not files:
            yield from last
            return
        if _apart([*self.bounds, (last[0][0], last[-1][0]) if last else None]):
            for file in files:  # each run's keys after the one before's: no merge to make
                yield from _pieces(file)
            yield from last
            self.files = []
            return
        runs = [_pieces(f) for f in files]
        runs.append(iter(last))
        k: str | None = None
        flat: Flat = []
        for key, more in heapq.merge(*runs, key=_first):  # stable: runs in input order
            if key == k:
                flat += more
                continue
            if k is not None:
                yield k, flat
            k, flat = key, more
        if k is not None:
            yield k, flat
        self.files = []  # each closed once read

    def close(self) -> None:
        """Let go of the runs (their files closed, so gone)."""
        for file in self.files:
            file.close()
        self.files = []
        self.bounds = []
        self.props.clear()
        self.held.clear()
