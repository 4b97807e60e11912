"""The format registry: which module reads and writes which format, and how to recognise it.

Entries name their module and functions as strings, so a format's dependencies (rdflib,
pyoxigraph) are imported only when that format is used.

A reader is ``read(source: Source, **options) -> SkillGraph``; a writer is
``write(graph, out: BinaryIO, **options) -> None``; a sniffer is
``sniff(source: Source, head: bytes) -> bool``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import FormatError, UnsupportedFormatError
from ._source import Source

if TYPE_CHECKING:
    from ..graph import SkillGraph

Reader = Callable[..., "SkillGraph"]
Writer = Callable[..., None]
Sniffer = Callable[[Source, bytes], bool]


@dataclass(frozen=True)
class Format:
    """One registered format."""

    name: str
    description: str
    suffixes: tuple[str, ...]
    module: str
    reader: str | None = None
    writer: str | None = None
    sniffer: str | None = None
    aliases: tuple[str, ...] = ()
    #: the sniffer's module when it is not `module` (a light one: telling a format apart
    #: then imports no reader)
    sniffer_module: str | None = None

    def _get(self, attr: str | None, what: str) -> Any:
        if attr is None:
            raise UnsupportedFormatError(f"format {self.name!r} cannot be {what}")
        return getattr(importlib.import_module(self.module), attr)

    def get_reader(self) -> Reader:
        """The reader function.

        Raises:
            UnsupportedFormatError: the format is write-only.
        """
        return self._get(self.reader, "read")  # type: ignore[no-any-return]

    def get_writer(self) -> Writer:
        """The writer function.

        Raises:
            UnsupportedFormatError: the format is read-only.
        """
        return self._get(self.writer, "written")  # type: ignore[no-any-return]

    def sniff(self, source: Source, head: bytes) -> bool:
        """Whether ``source`` looks like this format (False when no sniffer is declared)."""
        if self.sniffer is None:
            return False
        if self.sniffer_module is not None:
            fn: Sniffer = getattr(importlib.import_module(self.sniffer_module), self.sniffer)
        else:
            fn = self._get(self.sniffer, "recognised")
        return fn(source, head)


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    """Add or replace a format."""
    _FORMATS[fmt.name] = fmt


def formats() -> list[Format]:
    """Every registered format, in registration order."""
    return list(_FORMATS.values())


def get(name: str) -> Format:
    """The format called ``name`` (or one of its aliases or suffixes).

    Raises:
        UnsupportedFormatError: no such format.
    """
    key = name.lower().lstrip(".")
    for fmt in _FORMATS.values():
        if key == fmt.name or key in fmt.aliases or "." + key in fmt.suffixes:
            return fmt
    known = ", ".join(sorted(_FORMATS))
    raise UnsupportedFormatError(f"unknown format {name!r}; known formats: {known}", source=None)


def by_suffix(filename: str) -> Format | None:
    """The format whose suffix ends ``filename`` (longest suffix wins), or None."""
    lower = filename.lower()
    best: tuple[int, Format] | None = None
    for fmt in _FORMATS.values():
        for suffix in fmt.suffixes:
            if lower.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), fmt)
    return best[1] if best else None


def detect(source: Source) -> Format:
    """The format of ``source``: sniffed from its content, else from its suffix.

    Raises:
        UnsupportedFormatError: nothing recognises it.
        FormatError: the input cannot be read (permissions, I/O error).
    """
    try:
        head = source.head()
        for fmt in _FORMATS.values():
            if fmt.reader is not None and fmt.sniff(source, head):
                return fmt
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", source=source.name) from None
    if source.path is not None and not source.is_dir:
        guess = by_suffix(source.path.name)
        if guess is not None and guess.reader is not None:
            return guess
    readable = ", ".join(f.name for f in _FORMATS.values() if f.reader)
    what = "folder" if source.is_dir else "input"
    raise UnsupportedFormatError(
        f"cannot recognise the format of this {what}; pass format= one of: {readable}",
        source=source.name,
    )


def writer_for(name: str | None, filename: str | None) -> tuple[Format, Writer]:
    """The format and writer for ``name``, else for ``filename``'s suffix.

    Raises:
        UnsupportedFormatError: neither names a writable format.
    """
    if name is not None:
        fmt = get(name)
    else:
        found = by_suffix(filename or "")
        if found is None:
            writable = ", ".join(
                f"{f.name} ({' '.join(f.suffixes)})" for f in formats() if f.writer
            )
            raise UnsupportedFormatError(
                f"cannot tell the output format from the file name; "
                f"pass format= one of: {writable}",
                source=filename,
            )
        fmt = found
    return fmt, fmt.get_writer()


for _fmt in (
    Format(
        "json",
        "skillgraph native JSON",
        (".json", ".sg.json", ".skillgraph.json"),
        "skillgraph.io.native",
        "read_native",
        "write_native",
        "sniff_native",
        aliases=("native", "skillgraph"),
        sniffer_module="skillgraph.io._native_sniff",
    ),
    Format(
        "turtle",
        "RDF Turtle (SKOS/ESCO vocabulary)",
        (".ttl",),
        "skillgraph.io.rdf",
        "read_turtle",
        "write_turtle",
        "sniff_turtle",
        aliases=("ttl",),
    ),
    Format(
        "ntriples",
        "RDF N-Triples",
        (".nt",),
        "skillgraph.io.rdf",
        "read_ntriples",
        "write_ntriples",
        "sniff_ntriples",
        aliases=("nt", "n-triples"),
    ),
    Format(
        "jsonld",
        "RDF JSON-LD",
        (".jsonld", ".json-ld"),
        "skillgraph.io.rdf",
        "read_jsonld",
        "write_jsonld",
        "sniff_jsonld",
        aliases=("json-ld",),
    ),
    Format(
        "rdfxml",
        "RDF/XML",
        (".rdf", ".owl", ".xml"),
        "skillgraph.io.rdf",
        "read_rdfxml",
        "write_rdfxml",
        "sniff_rdfxml",
        aliases=("xml", "rdf/xml", "rdf"),
    ),
    Format(
        "esco",
        "ESCO CSV release (folder, official zip, or folder of zips)",
        (".zip",),
        "skillgraph.io.esco",
        "read_esco",
        None,
        "sniff_esco",
    ),
    Format(
        "onet",
        "O*NET text database folder",
        (),
        "skillgraph.io.onet",
        "read_onet",
        None,
        "sniff_onet",
        aliases=("o*net",),
    ),
):
    register(_fmt)
