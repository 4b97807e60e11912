"""The ``skillgraph`` click group: error handling, warnings, shared options and input reading.

Every :class:`~skillgraph.SkillGraphError` a command raises becomes one ``Error: …`` line
on stderr and exit code 1; click's usage errors exit 2; ``--debug`` re-raises instead, with
the traceback. Library warnings print as one ``warning: …`` line each.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from ..errors import SkillGraphError, UnsupportedFormatError
from ._escape import printable

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["CliError", "SkillGraphGroup", "json_option", "ontology_option"]


class CliError(click.ClickException):
    """A user error detected by the CLI itself (exit code 1); its message is printed with
    control characters escaped (it names paths and labels from the input)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    from ._progress import clear_active

    clear_active()
    click.echo(f"warning: {printable(str(message))}", err=True)


class SkillGraphGroup(click.Group):
    """A click group that turns library errors into one clear message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; map errors to exit codes.

        Raises:
            CliError: a SkillGraphError (or a missing optional format module) was raised,
                unless ``--debug`` was given, in which case the original error propagates.
        """
        debug = bool(ctx.params.get("debug"))
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            try:
                return super().invoke(ctx)
            except SkillGraphError as exc:
                if debug:
                    raise
                raise CliError(str(exc)) from None
            except ModuleNotFoundError as exc:
                if debug or not (exc.name or "").startswith("skillgraph."):
                    raise
                raise CliError(
                    f"this format or query is not available in this installation "
                    f"(module {exc.name} is missing)"
                ) from None


def ontology_option(f: F) -> F:
    """``--ontology PATH|NAME``: the graph to query (default: the bundled demo)."""
    return click.option(
        "--ontology",
        "-O",
        default="demo",
        show_default=True,
        metavar="PATH|NAME",
        help="Ontology to query: a bundled name or a path to any readable input.",
    )(f)


def json_option(f: F) -> F:
    """``--json``: print the library's result models as JSON."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print the result as JSON (the library's models)."
    )(f)


def load_ontology(name: str) -> Any:
    """The graph named by ``--ontology``: a bundled name, else a path read with progress.

    Raises:
        NotFoundError: no bundled ontology of that name and no such path.
        FormatError: the file is malformed.
    """
    from ..io import bundled, load

    if name in bundled() or not Path(name).exists():
        return load(name)
    graph, _ = read_input(name, None)
    return graph


def open_source(src: str) -> Any:
    """A :class:`~skillgraph.io.Source` for a bundled name, a path, or ``-`` (stdin).

    As in ``sg.load``, a bundled name wins over a path; stdin is read fully.

    Raises:
        FormatError: no such file or folder.
    """
    from ..errors import FormatError
    from ..io import bundled
    from ..io._source import Source

    if src == "-":
        from ..io import _limits

        limit = _limits.current().max_bytes
        return Source(name="<stdin>", data=_limits.read_bounded(sys.stdin.buffer, limit, "<stdin>"))
    found = bundled()
    if src in found:
        return Source(name=str(found[src]), path=found[src])
    path = Path(src)
    if not path.exists():
        raise FormatError("no such file or folder", source=src)
    from ..io import _limits, _within_limits

    # a FIFO or device is read once here: detecting its format must not consume it
    return _within_limits(Source(name=src, path=path), _limits.current().max_bytes)


def detect_format(source: Any, fmt_name: str | None) -> Any:
    """The registry format named ``fmt_name``, else the one ``source`` looks like.

    Raises:
        UnsupportedFormatError: unknown name, or nothing recognises the content.
    """
    from ..io import registry

    if fmt_name is not None:
        return registry.get(fmt_name)
    try:
        return registry.detect(source)
    except UnsupportedFormatError:
        readable = ", ".join(f.name for f in registry.formats() if f.reader)
        raise UnsupportedFormatError(
            f"cannot recognise the format; pass --from with one of: {readable}",
            source=source.name,
        ) from None


def read_input(src: str, fmt_name: str | None, *, progress: bool = False) -> tuple[Any, Any]:
    """Read ``src`` (path, bundled name or ``-``) as ``fmt_name`` or its detected format.

    Returns the graph and the :class:`~skillgraph.io.registry.Format` used. With
    ``progress``, a progress bar is drawn on stderr when stderr is a terminal.

    Raises:
        FormatError: missing, unrecognised or malformed input.
    """
    from ..io import read
    from ._progress import stderr_progress

    source = open_source(src)
    fmt = detect_format(source, fmt_name)
    if not progress:
        return read(source, fmt.name), fmt
    with stderr_progress() as callback:
        return read(source, fmt.name, progress=callback), fmt


def same_file(a: Path, b: Path) -> bool:
    """Whether paths ``a`` and ``b`` name the same file (resolved, or the same inode)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def inside_input(folder: Path, out: Path) -> str | None:
    """What of the input ``folder`` the output ``out`` would overwrite, else None.

    ``out`` (its symbolic links resolved) lies inside ``folder``, or is the target of one
    of the folder's entries (a member linked from elsewhere); the answer names it.
    """
    root = folder.resolve()
    target = out.resolve()
    if target == root or root in target.parents:
        return f"inside the folder {str(folder)!r}"
    try:
        entries = list(folder.iterdir())
    except OSError:
        return None
    for entry in entries:
        if entry.resolve() == target or (entry.exists() and same_file(entry, out)):
            return f"the input member {entry.name!r}"
    return None
