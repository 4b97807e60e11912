"""The ``skillgraph`` command line: convert, validate, info, formats and the query verbs.

Start-up stays light: this package imports click only; a command's module is imported
when that command is looked up (``--help`` lists them all, so it imports each), and each
command imports the readers, writers and analyses it needs when it runs.

Exit codes: 0 ok, 1 invalid input or not found (any SkillGraphError), 2 usage error.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

import click

from ._app import SkillGraphGroup
from ._lazy import LazyCommands

__all__ = ["cli", "main"]


@click.group(
    cls=SkillGraphGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="""\b
Examples:
  skillgraph reskill --from "retail sales assistant" --to "digital marketing specialist"
  skillgraph gap --role "software engineer" --have python --have git
  skillgraph convert esco-v1.1.1.zip esco.ttl
  skillgraph validate my-ontology.json

Run 'skillgraph COMMAND --help' for a command's options and an example.
""",
)
@click.option("--debug", is_flag=True, help="Show the full traceback of errors.")
@click.version_option(package_name="skillgraph", prog_name="skillgraph")
def cli(debug: bool) -> None:
    """Skills, roles and industries as a typed graph: gaps, upskilling, reskilling, conversion.

    Query verbs run on the bundled demo ontology unless --ontology names another one.
    """


#: each command and the module defining it (``skillgraph.cli.<module>``), in the order
#: they were registered; ``cli.commands`` imports a module when one of its commands is read
COMMANDS = {
    "convert": "_files",
    "validate": "_files",
    "info": "_files",
    "formats": "_files",
    "gap": "_query",
    "upskill": "_query",
    "reskill": "_query",
    "classify": "_query",
    "similar": "_query",
    "adjacent": "_query",
    "path": "_query",
    "diff": "_releases",
    "extract": "_releases",
    "merge": "_releases",
    "cache": "_session",
    "shell": "_session",
    "match": "_text",
    "align": "_text",
    "sparql": "_sparql",
    "plan": "_learning",
    "progress": "_learning",
    "advise": "_learning",
    "workforce": "_workforce",
    "batch": "_workforce",
}
cli.commands = LazyCommands(__name__, COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``skillgraph`` command with ``argv`` (default: ``sys.argv[1:]``); the exit code."""
    try:
        try:
            cli.main(args=list(argv) if argv is not None else None, prog_name="skillgraph")
        finally:
            sys.stdout.flush()  # here, not at exit: a full disk is reported below
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return _done(exc.code or 0, argv)
        click.echo(str(exc.code), err=True)
        return _done(1, argv)
    except OSError as exc:  # standard output unwritable (/dev/full, a closed pipe)
        _silence_stdout()
        reason = exc.strerror or str(exc) or type(exc).__name__
        click.echo(f"Error: cannot write to standard output: {reason}", err=True)
        return 1
    return _done(0, argv)


def _done(code: int, argv: Sequence[str] | None) -> int:
    """``code``; run as the console script after reading a graph, exit at once instead.

    Freeing a large graph object by object takes longer than answering from it (about a
    second for ESCO); the process is ending, so the operating system reclaims it all.
    """
    from . import _options

    if argv is None and _options.LOADED:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _silence_stdout() -> None:
    """Drop what is left in standard output's buffer, so exit does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
