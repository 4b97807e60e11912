"""Reading and writing skills graphs: one module per format family, one registry."""

from __future__ import annotations

import contextlib
import io
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import FormatError, NotFoundError, SkillGraphError
from ..graph import SkillGraph
from . import registry
from ._atomic import atomic_output
from ._source import Progress, Source

__all__ = ["Progress", "Source", "bundled", "dumps", "load", "loads", "read", "write"]


def read(
    source: str | Path | bytes | Source,
    format: str | None = None,
    *,
    progress: Progress | None = None,
    cache: bool = False,
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

    Raises:
        FormatError: the input is missing, unrecognised or malformed (naming the file and
            the line, row or field).
    """
    src = Source.of(source)
    if src.path is not None and not src.path.exists():
        raise FormatError("no such file or folder", source=src.name)
    if cache and src.path is not None:
        from ..cache import read_cached

        return read_cached(src.path, format, options, lambda: _read(src, format, progress, options))
    return _read(src, format, progress, options)


def _read(
    src: Source, format: str | None, progress: Progress | None, options: dict[str, Any]
) -> SkillGraph:
    fmt = registry.get(format) if format is not None else registry.detect(src)
    reader = fmt.get_reader()
    try:
        return reader(src, progress=progress, **options)
    except SkillGraphError:
        raise
    except (OSError, MemoryError) as exc:
        raise FormatError(f"cannot read: {exc}", source=src.name) from None


def loads(data: bytes | str, format: str = "json", **options: Any) -> SkillGraph:
    """Read a graph from bytes or text in ``format``.

    Raises:
        FormatError: the data is malformed.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read(Source(name="<data>", data=raw), format, **options)


def dumps(graph: SkillGraph, format: str = "json", **options: Any) -> bytes:
    """The graph serialised in ``format``.

    Raises:
        UnsupportedFormatError: the format cannot be written.
    """
    _fmt, writer = registry.writer_for(format, None)
    buf = io.BytesIO()
    writer(graph, buf, **options)
    return buf.getvalue()


def write(graph: SkillGraph, target: str | Path, format: str | None = None, **options: Any) -> None:
    """Write ``graph`` to ``target`` (``"-"`` for standard output), atomically.

    The format comes from ``format``, else from the file suffix. The file appears
    complete or not at all: an error or interruption leaves any previous file intact.

    Raises:
        UnsupportedFormatError: no writable format matches (``"-"`` needs ``format``).
        FormatError: the folder does not exist or is not writable, or ``target`` is a folder.
    """
    name = str(target)
    _fmt, writer = registry.writer_for(format, name)
    if name == "-":
        buf = io.BytesIO()
        writer(graph, buf, **options)
        sys.stdout.buffer.write(buf.getvalue())
        sys.stdout.buffer.flush()
        return
    with atomic_output(Path(target)) as fh:
        writer(graph, fh, **options)


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


def load(name: str = "demo") -> SkillGraph:
    """A bundled ontology by name (``"demo"``), or a path to any readable input.

    Raises:
        NotFoundError: no bundled ontology has that name and it is not an existing path.
        FormatError: the file is malformed.
    """
    found = bundled()
    if name in found:
        return read(found[name])
    if Path(name).exists():
        return read(name)
    raise NotFoundError(
        f"no bundled ontology named {name!r} and no such file; bundled: {sorted(found)}",
        query=name,
        suggestions=[(n, n) for n in sorted(found)],
    )
