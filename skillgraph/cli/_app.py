"""The ``skillgraph`` click group: error handling, warnings, shared options and input reading.

Every `SkillGraphError` a command raises becomes one ``Error: …`` line on stderr and exit
code 1; click's usage errors exit 2; ``--debug`` re-raises instead, with the traceback.
Library warnings are summarised when the command ends: one ``warning: …`` line for each
distinct warning, cut before its long list of examples, with a count when it repeats
(``--debug`` prints them in full; ``--quiet`` not at all).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from .._escape import printable
from ..errors import SkillGraphError, UnsupportedFormatError

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["CliError", "SkillGraphGroup", "json_option", "ontology_option"]


class CliError(click.ClickException):
    """A user error detected by the CLI itself (exit code 1); its message is printed with
    control characters escaped (it names paths and labels from the input)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))


_SUMMARY_CHARS = 160
#: where a warning starts listing its examples
_EXAMPLE_MARKS = (": ", "; e.g. ", " (e.g. ", ", e.g. ")
#: a cut before examples keeps at least this much after the source name
_SUMMARY_MIN = 20
#: a leading source name up to this long is not counted in the summary's characters
_SUMMARY_SOURCE = 300


def summarise(message: str) -> str:
    """One line of a long warning: its first ``_SUMMARY_CHARS`` characters or so after the
    source name it starts with, cut before the examples it lists (an open bracket closed),
    else at a word.

    A cut before examples keeps the source name (the text up to the first ``": "``) and at
    least ``_SUMMARY_MIN`` characters after it, so a warning never shrinks to its file name.
    """
    # line breaks and tabs become one space; a file name's own double spaces stay
    first = " ".join(part.strip() for part in message.splitlines() if part.strip())
    first = first.replace("\t", " ")
    name = first.find(": ")
    # the budget counts after a leading source name (a zip path may be 90 characters)
    head = name + 2 if 0 <= name < _SUMMARY_SOURCE else 0
    budget = head + _SUMMARY_CHARS
    if len(first) <= budget:
        return first
    floor = head + _SUMMARY_MIN
    cut = max(first.rfind(mark, floor, budget) for mark in _EXAMPLE_MARKS)
    if cut >= floor:
        kept = first[:cut]
        return kept + ")" * max(0, kept.count("(") - kept.count(")")) + " (examples with --debug)"
    cut = first.rfind(" ", floor, budget - 24)
    return first[: cut if cut > 0 else budget - 24] + " … (more with --debug)"


class WarningSummary:
    """Collects the warnings of one command; `flush` prints each distinct one once."""

    def __init__(self, *, full: bool) -> None:
        self.full = full
        self.seen: dict[str, int] = {}

    def __call__(
        self,
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        """``warnings.showwarning``: remember ``message``."""
        text = str(message) if self.full else summarise(str(message))
        self.seen[text] = self.seen.get(text, 0) + 1

    def flush(self, *, quiet: bool) -> None:
        """Print ``warning: …`` once for each distinct warning, then forget them."""
        from ._progress import clear_active

        if not quiet and self.seen:
            clear_active()
            for text, n in self.seen.items():
                click.echo(
                    f"warning: {printable(text)}" + (f" ({n} times)" if n > 1 else ""), err=True
                )
        self.seen.clear()


class SkillGraphGroup(click.Group):
    """A click group that turns library errors into one clear message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; map errors to exit codes.

        Raises:
            CliError: a SkillGraphError (or a missing optional format module) was raised,
                unless ``--debug`` was given, in which case the original error propagates.
        """
        debug = bool(ctx.params.get("debug"))
        summary = WarningSummary(full=debug)
        with warnings.catch_warnings():
            warnings.simplefilter("always")  # the summary counts repeats itself
            warnings.showwarning = summary
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
            finally:
                summary.flush(quiet=bool(ctx.meta.get("skillgraph.quiet")))


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


def load_ontology(
    name: str,
    fmt_name: str | None = None,
    options: dict[str, Any] | None = None,
    *,
    cache: bool = False,
    progress: bool = False,
    min_bytes: int = 0,
) -> Any:
    """The graph named by ``--ontology``: a bundled name, else a path (or ``-``) read.

    Raises:
        NotFoundError: no bundled ontology of that name and no such path.
        FormatError: the file is malformed.
        InvalidValueError: a reader option does not apply to the input's format.
    """
    from ..io import bundled, load

    plain = not options and fmt_name is None and name != "-"
    if plain and (name in bundled() or not Path(name).exists()):
        return load(name)
    return read_graph(
        name, fmt_name, options or {}, progress=progress, cache=cache, min_bytes=min_bytes
    )


def read_graph(
    src: str,
    fmt_name: str | None,
    options: dict[str, Any],
    *,
    progress: bool = False,
    cache: bool = False,
    min_bytes: int = 0,
    source: Any = None,
) -> Any:
    """Read ``src`` (path, bundled name or ``-``; opened as ``source`` if given) with ``options``.

    With ``cache``, a path's snapshot is used when valid (see `skillgraph.cache`); inputs
    under ``min_bytes`` are read directly. With ``progress``, a progress bar is drawn on
    stderr when it is a terminal.

    Raises:
        FormatError: missing, unrecognised or malformed input.
        InvalidValueError: a reader option does not apply to the input's format.
    """
    import contextlib

    from ..io import read
    from ._progress import stderr_progress

    source = source if source is not None else open_source(src)

    def read_now() -> Any:
        fmt = detect_format(source, fmt_name)
        with stderr_progress() if progress else contextlib.nullcontext() as callback:
            return read(source, fmt.name, progress=callback, **options)

    if cache and source.path is not None and src != "-" and not _spooled(source.path):
        from ..cache import read_cached

        return read_cached(source.path, fmt_name, options, read_now, min_bytes=min_bytes)
    return read_now()


def _spooled(path: Path) -> bool:
    """True for the temporary copy of a FIFO or device (never cached)."""
    from ..io import _limits

    return _limits.spooled(path)


def claim_stdin(what: str) -> None:
    """Note that ``what`` (``"--have-file -"``) reads standard input in this command.

    Raises:
        click.UsageError: another option or argument of the command has read it already
            (it would find it empty).
    """
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return
    meta = ctx.find_root().meta
    first = meta.get("skillgraph.stdin")
    if first is not None:
        raise click.UsageError(
            f"standard input is read once: {first} and {what} both name it; give one of them a file"
        )
    meta["skillgraph.stdin"] = what


def open_source(src: str, what: str = "an input") -> Any:
    """A `Source` for a bundled name, a path, or ``-`` (stdin; ``what`` names it in errors).

    As in ``sg.load``, a bundled name wins over a path; stdin is read fully.

    Raises:
        FormatError: no such file or folder.
        click.UsageError: standard input was read already by another option.
    """
    from ..errors import FormatError
    from ..io import bundled
    from ..io._source import Source

    if src == "-":
        from ..io import _limits, spooled_source

        claim_stdin(f"{what} -")
        try:
            return spooled_source("<stdin>", sys.stdin.buffer, _limits.current().max_bytes)
        except OSError as exc:
            raise FormatError(f"cannot read: {exc.strerror or exc}", source="<stdin>") from None
    found = bundled()
    if src in found:
        return Source(name=str(found[src]), path=found[src])
    path = Path(src)
    if not path.exists():
        from ..io._source import missing

        raise FormatError(missing(path), source=src)
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


def read_input(
    src: str,
    fmt_name: str | None,
    *,
    progress: bool = False,
    options: dict[str, Any] | None = None,
    cache: bool = False,
    min_bytes: int = 0,
) -> tuple[Any, Any]:
    """Read ``src`` (path, bundled name or ``-``) as ``fmt_name`` or its detected format.

    Returns the graph and the `skillgraph.io.registry.Format` used; the other arguments
    are those of `read_graph`.

    Raises:
        FormatError: missing, unrecognised or malformed input.
    """
    source = open_source(src)
    fmt = detect_format(source, fmt_name)
    graph = read_graph(
        src,
        fmt_name,
        options or {},
        progress=progress,
        cache=cache,
        min_bytes=min_bytes,
        source=source,
    )
    return graph, fmt


def prepare(graph: Any, *, analysis: bool, quiet: bool = False, profiles: bool = True) -> None:
    """Build (or load from the snapshot) the indices a query needs, with progress on stderr.

    Only the label index for lookups, and with ``analysis`` the role x skill index too (with
    ``profiles=False`` its core only: a query that compares no roles).
    """
    from .._lookup import label_index
    from ._progress import stderr_progress

    stages: list[tuple[str, Callable[[], object]]] = [
        ("indexing labels", lambda: label_index(graph))
    ]
    if analysis:
        from ..analysis._index import index

        stages.append(("indexing roles and skills", lambda: index(graph, profiles=profiles)))
    if quiet:
        for _, build in stages:
            build()
        return
    with stderr_progress() as callback:
        for stage, build in stages:
            if callback is not None:
                callback(stage, 0, None)
            build()
            if callback is not None:
                callback(stage, 1, 1)


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
