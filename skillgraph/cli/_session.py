"""``skillgraph cache info|clear`` and ``skillgraph shell``: long-lived and repeated use."""

from __future__ import annotations

import io
import os
import shlex
import sys
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from .._escape import printable
from ._app import json_option
from ._options import graph_options

if TYPE_CHECKING:
    from ._options import GraphSource

__all__ = ["QUERY_VERBS", "cache", "shell"]

#: the commands the shell runs (the query verbs, which all take --ontology)
QUERY_VERBS = ("gap", "upskill", "reskill", "classify", "similar", "adjacent", "path", "match")
#: the longest line the shell reads (characters); a longer one is skipped with an error
MAX_LINE = 1_000_000
#: the options of the query verbs that read standard input when given '-'
_STDIN_OPTIONS = ("--have-file", "--have-text", "--ontology", "-O")
#: the parameters that say how the ontology is read: fixed when the shell starts
_READER_PARAMS = ("in_format", "cluster_level", "language", "min_importance", "no_cache")


@click.group(
    short_help="Show or clear the snapshot cache.",
    epilog="""\b
Examples:
  skillgraph cache info
  skillgraph cache clear
""",
)
def cache() -> None:
    """The snapshot cache of read inputs and their indices.

    Query verbs, info and convert keep a snapshot of every input of 1 MB or more, so the
    next call on the same, unchanged input skips reading it and building its indices.
    The folder is $SKILLGRAPH_CACHE, else the user's cache folder; its size is bounded by
    $SKILLGRAPH_CACHE_SIZE MiB (default 1024; 0 keeps none), least recently used
    removed first.
    --no-cache on a command bypasses it.
    """


@cache.command("info", short_help="Where the cache is and what it holds.")
@json_option
def cache_info(as_json: bool) -> None:
    """Where the cache folder is, how many snapshots it holds and their size."""
    import json

    from .. import cache as snapshots

    found = snapshots.info()
    doc = {
        "directory": str(found.directory),
        "snapshots": found.snapshots,
        "files": found.files,
        "bytes": found.bytes,
        "max_bytes": found.max_bytes,
    }
    if as_json:
        click.echo(json.dumps(doc, indent=2))
        return
    click.echo(f"cache folder: {printable(str(found.directory))}")
    click.echo(
        f"{found.snapshots} input snapshot(s), {found.files} file(s), "
        f"{found.bytes / 2**20:.1f} MiB of at most {found.max_bytes / 2**20:.0f} MiB"
    )


@cache.command("clear", short_help="Remove every snapshot.")
def cache_clear() -> None:
    """Remove every snapshot of the cache folder (they are rebuilt when next needed)."""
    from .. import cache as snapshots

    n = snapshots.clear()
    click.echo(f"removed {n} file(s) from {printable(str(snapshots.directory()))}")


@click.command(
    short_help="Interactive prompt: query one loaded graph repeatedly.",
    epilog="""\b
Example:
  skillgraph shell --ontology esco/v1.1.1/csv
  skillgraph> similar --role "data analyst" -k 5
  skillgraph> gap --role "data analyst" --have SQL
  skillgraph> quit

  printf 'similar -r "software engineer"\\ngap -r "data scientist" -s python\\n' | skillgraph shell
""",
)
@graph_options
def shell(source: GraphSource) -> None:
    """Load --ontology once, then run query verbs typed one a line on it.

    Each line is a query command without 'skillgraph' and without --ontology (gap,
    upskill, reskill, classify, similar, adjacent, path, match, with their options, --json
    included). 'help' lists them, 'quit' or end of input (Ctrl-D) leaves. An error is
    printed and the prompt goes on; at a terminal, Ctrl-C drops the line being typed or
    stops the query running. Lines are read from standard input, so a file of
    queries can be piped in; the exit code is 1 when any line failed, else 0. --ontology
    (-O), the reader options (--format, --cluster-level, --language, --min-importance,
    --no-cache: give them to shell itself) and options reading standard input are refused
    on a line.
    """
    from . import cli

    if source.ontology == "-":
        raise click.UsageError(
            "the shell reads its lines from standard input: give --ontology a file, not '-'"
        )
    graph = source.load()
    from ._app import prepare

    prepare(graph, analysis=True, quiet=source.quiet)
    stdin = sys.stdin
    interactive = stdin.isatty()
    if interactive:
        click.echo(
            f"{len(graph.roles)} roles, {len(graph.skills)} skills loaded. "
            "Type a query verb with its options, 'help' or 'quit'.",
            err=True,
        )
    number = failed = 0
    while True:
        if interactive:
            click.echo("skillgraph> ", nl=False, err=True)
        try:
            line = stdin.readline(MAX_LINE + 1)
        except KeyboardInterrupt:
            if not interactive:
                raise
            click.echo(err=True)  # Ctrl-C at the prompt drops the line, as a shell does
            continue
        if not line:
            if interactive:
                click.echo(err=True)  # Ctrl-D: the terminal's prompt on a line of its own
            break
        number += 1
        if len(line) > MAX_LINE and not line.endswith("\n"):
            while (rest := stdin.readline(MAX_LINE)) and not rest.endswith("\n"):
                pass  # the rest of the line, dropped a piece at a time
            click.echo(f"Error: line {number} is longer than {MAX_LINE} characters", err=True)
            failed += 1
            continue
        text = line.removeprefix("\ufeff").strip() if number == 1 else line.strip()
        if not text or text.startswith("#"):
            continue
        if text in ("quit", "exit"):
            break
        if text in ("help", "?"):
            click.echo("query verbs: " + ", ".join(QUERY_VERBS) + "; 'VERB --help' for options")
            continue
        try:
            args = shlex.split(text)
        except ValueError as exc:
            click.echo(f"Error: cannot parse the line: {exc}", err=True)
            failed += 1
            continue
        if args[0] not in QUERY_VERBS:
            click.echo(
                f"Error: {args[0]!r} is not a query verb; one of: {', '.join(QUERY_VERBS)}",
                err=True,
            )
            failed += 1
            continue
        refused = _refused(cli, args)
        if refused is not None:
            click.echo(f"Error: {refused}", err=True)
            failed += 1
            continue
        failed += not _run(cli, args, graph, quiet=source.quiet)
        sys.stdout.flush()
    if failed:
        click.get_current_context().exit(1)


def _flag(command: click.Command, name: str) -> str:
    """The long option that sets parameter ``name`` of ``command``."""
    for param in command.params:
        if param.name == name:
            return max(param.opts, key=len)
    return name


def _refused(group: click.Group, args: list[str]) -> str | None:
    """Why the line ``args`` cannot run in the shell (it reads standard input, names an
    ontology or a reader option), or None. The line is parsed as its verb parses it, so
    that any spelling counts (``-qO x``, ``-Ox``, ``--ontology=x``)."""
    reads = _reads_stdin(args)
    if reads is not None:
        return f"{reads} -: standard input is where the shell reads its lines; give a file name"
    # the group's settings (-h among the help options) must reach the verb: click keeps
    # the help option a context first gives a command for the rest of the process
    root = click.Context(group, info_name="skillgraph", **group.context_settings)
    command = group.get_command(root, args[0])
    if command is None:
        return None
    ctx = command.make_context(args[0], args[1:], parent=root, resilient_parsing=True)
    given = {
        p.name: ctx.params.get(p.name)
        for p in command.params
        if p.name and ctx.get_parameter_source(p.name) is ParameterSource.COMMANDLINE
    }
    if "ontology" in given:
        return (
            "--ontology (-O): the shell's ontology is given when it starts; quit and start "
            "'skillgraph shell --ontology ...' again to use another"
        )
    reader = [_flag(command, name) for name in _READER_PARAMS if name in given]
    if reader:
        return (
            f"{reader[0]}: the shell's reader options are given when it starts; quit and "
            f"start 'skillgraph shell --ontology ... {reader[0]} ...' again to use them"
        )
    if args[0] == "match" and given.get("text") == "-":
        return "TEXT -: standard input is where the shell reads its lines; give the text"
    for param in command.params:
        opts = [o for o in param.opts if o in _STDIN_OPTIONS]
        if opts and param.name in given and given[param.name] == "-":
            return (
                f"{opts[0]} -: standard input is where the shell reads its lines; give a file name"
            )
        value = given.get(param.name) if opts else None
        if isinstance(value, str) and _is_stdin(value):
            return (
                f"{opts[0]} {value}: that is the shell's standard input, where it reads its "
                "lines; give a file name"
            )
    return None


def _is_stdin(path: str) -> bool:
    """Whether ``path`` names the file the shell reads its lines from (``/dev/stdin``,
    ``/dev/fd/0``, or the very file redirected into it)."""
    try:
        return os.path.samestat(os.stat(path), os.fstat(sys.stdin.fileno()))
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False


def _reads_stdin(args: list[str]) -> str | None:
    """The option of ``args`` that would read standard input (``--have-file -``), or None."""
    for i, arg in enumerate(args):
        for option in _STDIN_OPTIONS:
            joined = f"{option}-" if len(option) == 2 else f"{option}=-"  # -O- / --ontology=-
            if arg == joined or (arg == option and args[i + 1 : i + 2] == ["-"]):
                return option
    return None


def _run(group: click.Group, args: list[str], graph: Any, *, quiet: bool) -> bool:
    """Run one query line on the loaded ``graph``: True when it succeeded; errors are
    printed, never raised."""
    extra = ["--quiet"] if quiet and "--quiet" not in args and "-q" not in args else []
    try:
        # --quiet right after the verb: after a '--' of the line it would be an argument
        line = [args[0], *extra, *args[1:]]
        group.main(args=line, prog_name="skillgraph", standalone_mode=False, obj=graph)
    except click.ClickException as exc:
        exc.show()
        return False
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return False
    except SystemExit as exc:
        if exc.code not in (None, 0):  # click's exit on a closed standard output (EPIPE)
            raise
    return True
