"""Reading and writing skills graphs: one module per format family, one registry."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .._validate import arguments_checked, check_int, check_str, shown
from ..errors import (
    FormatError,
    InvalidValueError,
    NotFoundError,
    OutputError,
    ResourceLimitError,
    SkillGraphError,
)
from . import _limits, registry
from ._atomic import atomic_output
from ._source import Progress, Source

if TYPE_CHECKING:  # imported when a graph is read or written: not by the streaming converter
    from ..graph import SkillGraph

__all__ = ["Progress", "Source", "bundled", "dumps", "load", "loads", "read", "write"]


def _check_source(source: Any) -> Source:
    if isinstance(source, Source):
        return source
    if isinstance(source, str):
        check_str("source", source)
    elif not isinstance(source, Path | bytes | bytearray | memoryview):
        raise InvalidValueError(
            f"source must be a path (str or Path), bytes or a Source, got {shown(source)}",
            field="source",
        )
    return Source.of(source)


def _check_format(format: Any) -> str | None:
    return None if format is None else check_str("format", format)


def _within_limits(src: Source, max_bytes: int) -> Source:
    """``src``, read into memory when it is a FIFO, device or other non-regular file (so
    that sniffing its format and reading it see the same bytes, once), with its size known.

    Raises:
        ResourceLimitError: more than ``max_bytes`` bytes.
        FormatError: it cannot be read.
    """
    if src.data is not None:
        if len(src.data) > max_bytes:
            raise _limits.too_big(len(src.data), max_bytes, src.name)
        return src
    assert src.path is not None
    try:
        st = os.stat(src.path)
        if stat.S_ISDIR(st.st_mode):
            return src
        if stat.S_ISREG(st.st_mode):
            if st.st_size > max_bytes:
                raise _limits.too_big(st.st_size, max_bytes, src.name)
            return src
        with open(src.path, "rb") as fh:
            return spooled_source(src.name, fh, max_bytes)
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", source=src.name) from None


def spooled_source(name: str, stream: BinaryIO, max_bytes: int) -> Source:
    """A `Source` named ``name`` holding all of ``stream`` (standard input, a FIFO, a
    device), in memory when small, else in a temporary file (see `_limits.spool`).

    Raises:
        ResourceLimitError: more than ``max_bytes`` bytes.
        OSError: it cannot be read.
    """
    kept = _limits.spool(stream, max_bytes, name)
    if isinstance(kept, Path):
        return Source(name, path=kept)
    return Source(name, data=kept)


@arguments_checked
def read(
    source: str | Path | bytes | Source,
    format: str | None = None,
    *,
    progress: Progress | None = None,
    cache: bool = False,
    max_bytes: int | None = None,
    max_triples: int | None = None,
    **options: Any,
) -> SkillGraph:
    """Read a graph from a file, folder or bytes.

    The format is recognised from the content (ESCO and O*NET folders and zips, native
    JSON, the RDF syntaxes), else from the suffix, unless ``format`` names it (see
    ``skillgraph.formats()``). ``progress(stage, done, total)`` is called during long reads.

    With ``cache``, a file or folder is read from its snapshot in the user's cache folder
    when one matches its content, the format, the options and the library version (see
    `skillgraph.cache`); otherwise it is read and the snapshot written. Its label and
    analysis indices are then kept in the snapshot too, so later reads answer queries
    without rebuilding them. Bytes are never cached.

    ``max_bytes`` and ``max_triples`` override the input limits (defaults: 4 GiB and
    100 million triples, or the environment variables ``SKILLGRAPH_MAX_INPUT_BYTES`` and
    ``SKILLGRAPH_MAX_TRIPLES``); see the error catalogue. FIFOs, devices and other files
    that are not regular files are read once, within ``max_bytes`` (into a temporary
    file when large, so memory stays bounded).

    Raises:
        FormatError: the input is missing, unrecognised or malformed (naming the file and
            the line, row or field).
        ResourceLimitError: the input exceeds a limit.
        InvalidValueError: an argument is of the wrong type or out of range, or an option
            is unknown to the reader.
    """
    src = _check_source(source)
    name = _check_format(format)
    if progress is not None and not callable(progress):
        raise InvalidValueError(
            f"progress must be a function (stage, done, total), got {shown(progress)}",
            field="progress",
        )
    defaults = _limits.current()
    byte_cap = (
        defaults.max_bytes if max_bytes is None else check_int("max_bytes", max_bytes, minimum=1)
    )
    triple_cap = (
        defaults.max_triples
        if max_triples is None
        else check_int("max_triples", max_triples, minimum=1)
    )
    if src.path is not None and not src.path.exists():
        from ._source import missing

        raise FormatError(missing(src.path), source=src.name)
    if cache and src.path is not None:
        from ..cache import read_cached

        return read_cached(
            src.path,
            name,
            options,
            lambda: _read(src, name, progress, options, byte_cap, triple_cap),
        )
    return _read(src, name, progress, options, byte_cap, triple_cap)


def _read(
    src: Source,
    name: str | None,
    progress: Progress | None,
    options: dict[str, Any],
    byte_cap: int,
    triple_cap: int,
) -> SkillGraph:
    given = src
    src = _within_limits(src, byte_cap)
    try:
        limits = _limits.Limits(byte_cap, triple_cap, src.size())
        return _read_within(src, name, progress, options, limits)
    finally:
        if src is not given and src.path is not None:
            _limits.discard(src.path)  # a FIFO or device copied to a temporary file


def _read_within(
    src: Source,
    name: str | None,
    progress: Progress | None,
    options: dict[str, Any],
    limits: _limits.Limits,
) -> SkillGraph:
    fmt = registry.get(name) if name is not None else registry.detect(src)
    reader = fmt.get_reader()
    try:
        with _limits.applied(limits):
            return reader(src, progress=progress, **options)
    except SkillGraphError:
        raise
    except TypeError as exc:  # an option the reader does not take
        _unknown_option(exc, fmt, "reader")
        raise
    except RecursionError:
        raise ResourceLimitError(
            "the input is nested too deeply to read", source=src.name
        ) from None
    except (OSError, MemoryError) as exc:
        reason = str(exc) or type(exc).__name__
        raise FormatError(f"cannot read: {reason}", source=src.name) from None


@arguments_checked
def loads(data: bytes | str, format: str = "json", **options: Any) -> SkillGraph:
    """Read a graph from bytes or text in ``format``.

    Raises:
        FormatError: the data is malformed.
        InvalidValueError: ``data`` is neither bytes nor text, or ``format`` is not a string.
    """
    if isinstance(data, str):
        raw = data.encode("utf-8", "surrogatepass")
    elif isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
    else:
        raise InvalidValueError(f"data must be bytes or str, got {shown(data)}", field="data")
    return read(Source(name="<data>", data=raw), check_str("format", format), **options)


def _unknown_option(exc: TypeError, fmt: Any, role: str) -> None:
    """Raise the error naming the option if ``exc`` says the format's ``role`` (reader or
    writer) was given a keyword it does not take; return if ``exc`` is another TypeError.

    Raises:
        InvalidValueError: ``exc`` is an unexpected keyword argument.
    """
    if "unexpected keyword argument" not in str(exc):
        return
    bad = str(exc).rsplit(" ", 1)[-1].strip("'")
    raise InvalidValueError(
        f"unknown option {bad!r} for the {fmt.name} {role}", field=bad
    ) from None


def _check_graph(graph: Any) -> SkillGraph:
    from ..graph import SkillGraph

    if not isinstance(graph, SkillGraph):
        raise InvalidValueError(f"graph must be a SkillGraph, got {shown(graph)}", field="graph")
    return graph


def _check_write_options(options: dict[str, Any]) -> None:
    if "indent" in options and options["indent"] is not None:
        check_int("indent", options["indent"], minimum=0, maximum=16)
    if "cluster_level" in options and options["cluster_level"] is not None:
        check_int("cluster_level", options["cluster_level"], minimum=1, maximum=4)


def _serialise(writer: Any, graph: SkillGraph, out: Any, fmt: Any, options: dict[str, Any]) -> None:
    try:
        writer(graph, out, **options)
    except TypeError as exc:
        _unknown_option(exc, fmt, "writer")
        raise


@arguments_checked
def dumps(graph: SkillGraph, format: str = "json", **options: Any) -> bytes:
    """The graph serialised in ``format``.

    Raises:
        UnsupportedFormatError: the format cannot be written.
        InvalidValueError: ``graph`` is not a SkillGraph, or an option is wrong or unknown.
    """
    _check_graph(graph)
    fmt, writer = registry.writer_for(check_str("format", format), None)
    _check_write_options(options)
    buf = io.BytesIO()
    with graph.locked():
        _serialise(writer, graph, buf, fmt, options)
    return buf.getvalue()


@arguments_checked
def write(graph: SkillGraph, target: str | Path, format: str | None = None, **options: Any) -> None:
    """Write ``graph`` to ``target`` (``"-"`` for standard output), atomically.

    The format comes from ``format``, else from the file suffix. The file appears
    complete or not at all: an error or interruption (SIGINT, SIGTERM, SIGHUP included)
    leaves any previous file intact and no temporary file. A symbolic link at ``target``
    keeps pointing where it did: its target file is replaced. Character devices, FIFOs
    and ``/dev/stdout`` are not replaced but written into (streamed).

    Raises:
        UnsupportedFormatError: no writable format matches (``"-"`` needs ``format``).
        FormatError: the folder does not exist or is not writable, or ``target`` is a folder.
        OutputError: writing failed (disk full, permission denied).
        InvalidValueError: an argument is of the wrong type, or an option is wrong or unknown.
    """
    _check_graph(graph)
    if isinstance(target, str):
        check_str("target", target)
    elif not isinstance(target, Path):
        raise InvalidValueError(
            f"target must be a path (str or Path) or '-', got {shown(target)}", field="target"
        )
    name = str(target)
    fmt, writer = registry.writer_for(_check_format(format), name)
    _check_write_options(options)
    if name == "-":
        buf = io.BytesIO()
        with graph.locked():
            _serialise(writer, graph, buf, fmt, options)
        try:
            sys.stdout.buffer.write(buf.getvalue())
            sys.stdout.buffer.flush()
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", path="<stdout>") from None
        return
    with atomic_output(Path(target)) as fh, graph.locked():
        _serialise(writer, graph, fh, fmt, options)


def _ontology_dirs() -> list[Path]:
    dirs = []
    with contextlib.suppress(ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        packaged = resources.files("skillgraph") / "ontologies"
        dirs.append(Path(str(packaged)))
    dirs.append(Path(__file__).resolve().parent.parent.parent / "ontologies")
    return [d for d in dirs if d.is_dir()]


def bundled() -> dict[str, Path]:
    """Name -> path of every ontology shipped with skillgraph."""
    out: dict[str, Path] = {}
    for folder in _ontology_dirs():
        for path in sorted(folder.iterdir()):
            if path.is_file() and registry.by_suffix(path.name) is not None:
                name = path.name.split(".", 1)[0]
                out.setdefault(name, path)
    return out


@arguments_checked
def load(name: str = "demo") -> SkillGraph:
    """A bundled ontology by name (``"demo"``), or a path to any readable input.

    Raises:
        NotFoundError: no bundled ontology has that name and it is not an existing path.
        FormatError: the file is malformed.
        InvalidValueError: ``name`` is not a string.
    """
    check_str("name", name)
    found = bundled()
    if name in found:
        return read(found[name])
    if Path(name).exists() or Path(name).is_symlink():  # a broken link: read names it
        return read(name)
    raise NotFoundError(
        f"no bundled ontology named {name!r} and no such file; bundled: {sorted(found)}",
        query=name,
        suggestions=[(n, n) for n in sorted(found)],
    )
