"""What the tabular importers (ESCO CSV, O*NET text database) share.

A tabular release is a set of named delimited files read in a fixed order. `TabularImporter`
owns that loop: the graph and its store, the ordered steps with one progress call per
file, opening each file as a strict `Table` (or reporting it missing), and mapping a
store error to the file, line and column that caused it. The free functions check the
reader options and word the warnings about rows that name concepts the release does not
define. Each importer subclasses it with its files and its mapping.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TextIO

from .._store import Store, store_of
from ..errors import DuplicateIdError, InvalidValueError, SkillGraphError
from ..graph import SkillGraph
from ..model import Node
from ._csv import Table
from ._source import Progress

__all__ = ["TabularImporter", "counted", "reject_options", "rows"]


def reject_options(reader: str, options: Mapping[str, Any]) -> None:
    """Refuse reader options that ``reader`` does not know.

    Raises:
        InvalidValueError: ``options`` is not empty (naming every unknown option).
    """
    if options:
        raise InvalidValueError(
            f"unknown option(s) for the {reader} reader: {', '.join(sorted(options))}",
            field=sorted(options)[0],
        )


def rows(n: int, *, singular: bool = True) -> str:
    """``"1 row"`` / ``"n rows"`` (always ``"rows"`` when not ``singular``)."""
    return f"{n} row{'s' if n != 1 or not singular else ''}"


def counted(counts: Counter[str], *, limit: int = 10, singular: bool = True) -> str:
    """The first ``limit`` keys of ``counts`` in sorted order with their row counts,
    ``"a (2 rows); b (1 row)"``; with ``singular``, ``"; and N more"`` past the limit."""
    shown = "; ".join(
        f"{key} ({rows(n, singular=singular)})" for key, n in sorted(counts.items())[:limit]
    )
    if singular and len(counts) > limit:
        shown += f"; and {len(counts) - limit} more"
    return shown


class TabularImporter:
    """The loop of a tabular importer: steps, progress, tables and node errors.

    Args:
        g: the graph being built (written only through its store's builder methods).
        steps: the file names, in reading order (the progress total).
        progress: called as ``progress(name, done, total)`` before each file and
            ``progress("done", total, total)`` by `finish`.
    """

    #: the delimiter of the release's files
    delimiter = ","

    def __init__(self, g: SkillGraph, steps: Sequence[str], progress: Progress | None) -> None:
        self.g = g
        self.store: Store = store_of(g)
        self.steps = list(steps)
        self.progress = progress
        self.done = 0

    def open_file(self, name: str) -> tuple[TextIO, str] | None:
        """The open text stream of the file ``name`` and its name for messages, or None
        when the release lacks it (the subclass's job; the base finds nothing).

        Raises:
            UnsafeInputError: the file is an unsafe member of its folder or archive.
        """
        return None

    def tables(self, name: str, required: tuple[str, ...]) -> Iterator[Table]:
        """Yield the table of the file ``name`` (zero or one time), reporting progress.

        Raises:
            FormatError: the file lacks one of the ``required`` columns, or is malformed.
        """
        if self.progress is not None:
            self.progress(name, self.done, len(self.steps))
        self.done += 1
        opened = self.open_file(name)
        if opened is None:
            return
        fh, shown = opened
        with fh:
            yield Table(fh, shown, required, delimiter=self.delimiter)

    def finish(self) -> SkillGraph:
        """Report the end of the import; the graph."""
        if self.progress is not None:
            self.progress("done", len(self.steps), len(self.steps))
        return self.g

    def add_node(self, table: Table, node: Node, column: str, line: int | None = None) -> None:
        """Add ``node`` to the store.

        Raises:
            FormatError: the store refused it (naming the file, ``line`` or the current
                line, and ``column``).
        """
        try:
            self.store.add_node(node)
        except DuplicateIdError as exc:
            kind = self.store.kind(node.id)  # the store's hint is for code (replace=True)
            if kind is None:
                raise table.error(str(exc), column, line=line) from None
            what = "listed twice" if kind is node.node_type else f"already a {kind.value}"
            raise table.error(
                f"{type(node).__name__} {node.id!r}: {what} in the release (an earlier "
                "row has this id); keep one row",
                column,
                line=line,
            ) from None
        except SkillGraphError as exc:
            raise table.error(str(exc), column, line=line) from None
