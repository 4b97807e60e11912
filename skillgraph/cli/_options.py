"""Options shared by the commands that read a graph or take a person's skills.

One decorator per concern, so a new command (or a new option) is one line:

- `graph_options`: ``--ontology`` plus the reader options (``--format``,
  ``--cluster-level``, ``--language``, ``--min-importance``), ``--no-cache`` and
  ``--quiet``; the command receives one ``source: GraphSource`` argument.
- `have_options`: ``--have SKILL`` (repeatable) and ``--have-file FILE`` (``-`` for
  stdin); the command receives ``have: tuple[str, ...]``.
- `diagram_options`: ``--mermaid`` and ``--dot``; the command receives ``diagram``
  (``"mermaid"``, ``"dot"`` or None).
- `command`: a command with its one-line help and the example command lines of its epilog.
- `count_option`: a whole-number option (``-k``, ``--top``...) with its default shown.
- `many_option`: a repeatable option (``--role A --role B``); the command receives a tuple.
- `output_option`: the required ``--output`` / ``-o`` of a command that writes a file.
- `target_option`: the required ``--to`` / ``-t`` of a move or plan (a role, cluster or
  industry).
- `from_option` / `to_option`: ``--from FORMAT`` / ``--to FORMAT``, the input and output
  formats of a command that reads or writes files.
- `in_out_arguments`: the ``IN OUT`` arguments of a command that reads a graph and writes one.
- `ends_options`: the required ``--from`` / ``-f`` and ``--to`` / ``-t`` ends of a move or path.
"""

from __future__ import annotations

import functools
import os
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click

from ._app import CliError, claim_stdin, load_ontology, ontology_option

F = TypeVar("F", bound=Callable[..., Any])
_DEFAULT = click.core.ParameterSource.DEFAULT

__all__ = [
    "CLI_CACHE_MIN_BYTES",
    "GraphSource",
    "cache_min_bytes",
    "command",
    "count_option",
    "diagram_options",
    "ends_options",
    "from_option",
    "graph_options",
    "have_options",
    "in_out_arguments",
    "quiet_option",
    "read_skill_list",
    "reader_options",
    "to_option",
]

#: inputs smaller than this are read directly (they read faster than a snapshot is checked);
#: ``$SKILLGRAPH_CACHE_MIN_BYTES`` overrides it
CLI_CACHE_MIN_BYTES = 1_000_000


#: set once a command has read a graph: `skillgraph.cli.main` then exits without freeing it
LOADED = False


def cache_min_bytes() -> int:
    """``$SKILLGRAPH_CACHE_MIN_BYTES`` (unset or empty: `CLI_CACHE_MIN_BYTES`).

    Raises:
        CliError: the variable is not a whole number of bytes.
    """
    raw = os.environ.get("SKILLGRAPH_CACHE_MIN_BYTES", "").strip()
    if not raw:
        return CLI_CACHE_MIN_BYTES
    if not (raw.isascii() and raw.isdigit()):
        raise CliError(
            f"environment variable SKILLGRAPH_CACHE_MIN_BYTES={raw!r}: expected a whole "
            "number of bytes"
        )
    return int(raw)


@dataclass
class GraphSource:
    """What ``--ontology`` and the reader options name; ``load()`` reads it once."""

    ontology: str = "demo"
    format: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    cache: bool = True
    quiet: bool = False
    _graph: Any = None

    def load(self) -> Any:
        """The graph (read once; from the snapshot cache when allowed and valid).

        Raises:
            NotFoundError: no bundled ontology of that name and no such path.
            FormatError: the input is malformed.
            InvalidValueError: a reader option does not apply to this format.
        """
        if self._graph is None:
            self._graph = load_ontology(
                self.ontology,
                self.format,
                self.options,
                cache=self.cache,
                progress=not self.quiet,
                min_bytes=cache_min_bytes(),
            )
            global LOADED
            LOADED = True
            import gc

            gc.freeze()  # the graph lives until exit: no collector scans of its objects
        return self._graph


class _Command(click.Command):
    """A command that, given positional words it takes none of while a required option is
    missing, says the words are unexpected and names the option, rather than only that the
    option is missing (``similar "data analyst"``: use ``--role``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse ``args``; unexpected positional words are named first.

        Raises:
            click.UsageError: a missing option, with the unexpected words and the option
                to give them with when there are some.
        """
        given = list(args)  # the parser consumes the list it is given
        try:
            return super().parse_args(ctx, args)
        except click.MissingParameter as exc:
            if not isinstance(exc.param, click.Option) or ctx.allow_extra_args:
                raise
            try:
                opts, extra, _ = self.make_parser(ctx).parse_args(args=given)
            except click.UsageError:
                raise exc from None
            if not extra:
                raise
            words, many = " ".join(extra), len(extra) > 1
            missing = [
                p
                for p in self.params
                if isinstance(p, click.Option) and p.required and opts.get(p.name) is None
            ]
            if len(missing) < 2 or len(missing) != len(extra):  # the words are one value
                missing, extra = [exc.param], [words]
            hint = " and ".join(p.get_error_hint(ctx) for p in missing)
            said = "are" if len(missing) > 1 else "is"
            mean = " ".join(
                f"{max(p.opts, key=len)} {shlex.quote(w)}"
                for p, w in zip(missing, extra, strict=True)
            )
            raise click.UsageError(
                f"Got unexpected extra argument{'s' * many} ({words}), and "
                f"{hint} {said} missing: did you mean {mean}?",
                ctx,
            ) from None


def command(short_help: str, *examples: str) -> Callable[[Callable[..., Any]], click.Command]:
    """A click command with ``short_help`` and an epilog of ``examples`` (command lines, shown
    verbatim under "Example:" or "Examples:")."""
    heading = "Examples:" if len(examples) > 1 else "Example:"
    lines = "".join(f"  {line}\n" for line in examples)
    return click.command(cls=_Command, short_help=short_help, epilog=f"\b\n{heading}\n{lines}")


def count_option(*decls: str, default: int, help: str, minimum: int = 1) -> Callable[[F], F]:
    """A whole-number option of at least ``minimum``, its default shown in the help."""
    return click.option(
        *decls, default=default, show_default=True, type=click.IntRange(min=minimum), help=help
    )


def many_option(
    *decls: str, metavar: str | None = None, help: str, required: bool = False, **kw: Any
) -> Callable[[F], F]:
    """A repeatable option: each use adds a value (an id or label, mostly) to a tuple."""
    return click.option(*decls, multiple=True, required=required, metavar=metavar, help=help, **kw)


def output_option(dest: str, *, help: str, metavar: str = "OUT") -> Callable[[F], F]:
    """``--output`` / ``-o``, required: where a command writes its result (into ``dest``)."""
    return click.option("--output", "-o", dest, required=True, metavar=metavar, help=help)


def target_option(help: str) -> Callable[[F], F]:
    """``--to`` / ``-t TARGET``, required: the target of a move or plan."""
    return click.option("--to", "-t", "to", required=True, metavar="TARGET", help=help)


def from_option(help: str = "Input format (default: detected).") -> Callable[[F], F]:
    """``--from FORMAT``: the format of the input (into ``from_``; None: detected)."""
    return click.option("--from", "from_", metavar="FORMAT", help=help)


def to_option(f: F) -> F:
    """``--to FORMAT``: the format of OUT (into ``to``; None: from OUT's suffix)."""
    return click.option(
        "--to", "to", metavar="FORMAT", help="Output format (default: from OUT's suffix)."
    )(f)


def in_out_arguments(f: F) -> F:
    """The ``IN`` and ``OUT`` arguments of a command that reads a graph and writes one (into
    ``src`` and ``dst``)."""
    return click.argument("src", metavar="IN")(click.argument("dst", metavar="OUT")(f))


def ends_options(metavar: str, from_help: str, to_help: str) -> Callable[[F], F]:
    """``--from`` / ``-f`` and ``--to`` / ``-t``, both required: the two ends of a move or a
    path (into ``from_`` and ``to``)."""
    start = click.option("--from", "-f", "from_", required=True, metavar=metavar, help=from_help)
    end = click.option("--to", "-t", "to", required=True, metavar=metavar, help=to_help)

    def decorate(f: F) -> F:
        return start(end(f))

    return decorate


#: each reader option: the keyword of ``sg.read`` it sets -> its type, metavar and help
_READER_OPTIONS: dict[str, tuple[click.ParamType[Any] | None, str, str]] = {
    "cluster_level": (
        click.IntRange(1, 4),
        "1-4",
        "ESCO: ISCO digits of the cluster (job family) of a role (default 3).",
    ),
    "language": (
        None,
        "LANG",
        "ESCO: language of the CSV files to read (default en, or the only one).",
    ),
    "min_importance": (
        click.FloatRange(1, 5),
        "1-5",
        "O*NET: lowest importance rating (IM scale) that makes a requirement.",
    ),
}


def _reader_params() -> list[Callable[[F], F]]:
    return [
        *(
            click.option("--" + name.replace("_", "-"), type=kind, metavar=metavar, help=text)
            for name, (kind, metavar, text) in _READER_OPTIONS.items()
        ),
        click.option(
            "--no-cache",
            is_flag=True,
            help="Read the input itself, not its snapshot (and write none).",
        ),
    ]


def reader_options(f: F) -> F:
    """The reader options and ``--no-cache``; the command receives ``reader: dict``.

    ``reader`` holds ``format`` (None: detected), ``options`` (for ``sg.read``) and ``cache``.
    """

    @functools.wraps(f)
    def wrapper(*args: Any, **kw: Any) -> Any:
        fmt = kw.pop("in_format", None)
        no_cache = kw.pop("no_cache")
        params = {k: kw.pop(k) for k in _READER_OPTIONS}
        options = {k: v for k, v in params.items() if v is not None}
        reader = {"format": fmt, "options": options, "cache": not no_cache}
        return f(*args, reader=reader, **kw)

    out: Any = wrapper
    for option in reversed(_reader_params()):
        out = option(out)
    return out  # type: ignore[no-any-return]


def spreadsheet_safe_option(f: F) -> F:
    """``--spreadsheet-safe``: CSV text that starts like a formula gets a leading ``'``."""
    return click.option(
        "--spreadsheet-safe",
        is_flag=True,
        help="In CSV output, write text starting with = + - @, a tab or CR with a leading ' "
        "so a spreadsheet shows it as text, not a formula (the CSV then differs from the "
        "data). Only with CSV output.",
    )(f)


def quiet_option(f: F) -> F:
    """``--quiet``: no progress and no data warnings on stderr (errors still print)."""

    def remember(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        if value:
            ctx.meta["skillgraph.quiet"] = True
        return value

    return click.option(
        "--quiet",
        "-q",
        is_flag=True,
        callback=remember,
        expose_value=True,
        is_eager=True,
        help="No progress or data warnings on stderr.",
    )(f)


def graph_options(f: F) -> F:
    """``--ontology`` and the reader options; the command receives ``source: GraphSource``."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kw: Any) -> Any:
        ontology = kw.pop("ontology")
        quiet = kw.pop("quiet")
        reader = kw.pop("reader")
        source = GraphSource(
            ontology=ontology,
            format=reader["format"],
            options=reader["options"],
            cache=reader["cache"],
            quiet=quiet,
        )
        ctx = click.get_current_context()
        loaded = ctx.find_root().obj
        if loaded is not None and ctx.get_parameter_source("ontology") is _DEFAULT:
            source._graph = loaded  # inside ``skillgraph shell``: its graph, already read
        return f(*args, source=source, **kw)

    out: Any = reader_options(wrapper)
    out = click.option(
        "--format",
        "in_format",
        metavar="FORMAT",
        help="Input format of --ontology (default: detected).",
    )(out)
    out = quiet_option(out)
    return ontology_option(out)  # type: ignore[no-any-return]


#: the most text read from a file or stdin (bytes): a skill list or a text to match
MAX_TEXT_BYTES = 5_000_000


def read_text(src: str, option: str | None = None) -> str:
    """The text of ``src``: a file path, or ``-`` for standard input (UTF-8, a byte order
    mark dropped, at most `MAX_TEXT_BYTES`); errors name ``option`` and the file.

    Raises:
        CliError: the name is empty, the file cannot be read, is not UTF-8 or is too large.
    """
    where = "standard input" if src == "-" else src
    where = f"{option} {where}" if option else where
    if not src:
        raise CliError(f"{option or 'file'}: empty file name; expected a file or '-'")
    from ..errors import FormatError
    from ..io._text_input import read_utf8

    try:
        if src == "-":
            claim_stdin(f"{option or 'the text'} -")
            return read_utf8(sys.stdin.buffer, limit=MAX_TEXT_BYTES)
        return read_utf8(src, limit=MAX_TEXT_BYTES)
    except FormatError as exc:
        raise CliError(f"{where}: {exc.reason}") from None


#: the header names of a CSV's skill column, first found first used (case-insensitive)
SKILL_COLUMNS = ("skill", "skill id", "skill name", "id", "label", "name")


def read_skill_list(text: str, name: str, *, table: bool = False) -> list[str]:
    """Skills listed in ``text``: one a line, or a CSV whose ``skill``/``skill id``/
    ``skill name``/``id``/``label``/``name`` column (else, with ``table``, its first column)
    names them. A CSV (comma- or tab-separated) is told by a first line naming one of those
    columns, or ``table`` (a ``.csv``/``.tsv`` file); otherwise each line is one skill,
    commas and all (ESCO labels hold commas). Blank lines and ``#`` comments are skipped.

    Raises:
        CliError: the text lists no skill, or is a CSV that does not parse.
    """
    import csv
    import io

    numbered = [
        (n, ln)
        for n, ln in enumerate(text.splitlines(), start=1)
        if ln.strip() and not ln.lstrip().startswith("#")
    ]
    lines = [ln for _, ln in numbered]
    if not lines:
        raise CliError(f"{name}: no skill listed (expected one skill a line, or a CSV)")
    dialect = "excel-tab" if "\t" in lines[0] and "," not in lines[0] else "excel"
    first = next(csv.reader([lines[0]], dialect=dialect), [])
    header = [" ".join(c.split()).lower() for c in first]
    col = next((header.index(h) for h in SKILL_COLUMNS if h in header), None)
    if col is None and not table:
        return [ln.strip() for ln in lines]
    reader = csv.reader(io.StringIO("\n".join(lines)), dialect=dialect)
    try:
        rows = [r for r in reader if r]
    except csv.Error as exc:  # a field longer than the csv module's limit (128 kB)
        line = numbered[max(reader.line_num, 1) - 1][0]
        raise CliError(f"{name}, line {line}: not a CSV of skills: {exc}") from None
    body = rows[1:] if col is not None else rows
    at = col if col is not None else 0
    found = [r[at].strip() for r in body if len(r) > at and r[at].strip()]
    if not found:
        raise CliError(f"{name}: no skill listed in column {at + 1}")
    return found


def have_options(f: F) -> F:
    """``--have SKILL`` (repeatable) and ``--have-file FILE``; the command gets ``have``."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kw: Any) -> Any:
        have = list(kw.pop("have"))
        have_file = kw.pop("have_file")
        if have_file is not None:
            name = "standard input" if have_file == "-" else have_file
            table = have_file.lower().endswith((".csv", ".tsv"))
            text = read_text(have_file, "--have-file")
            have += read_skill_list(text, f"--have-file {name}", table=table)
        return f(*args, have=tuple(dict.fromkeys(have)), **kw)

    out: Any = click.option(
        "--have-file",
        metavar="FILE",
        help="Skills the person has: one a line, or a CSV (.csv, or a header naming a "
        "skill/id/label/name column); '-' = stdin.",
    )(wrapper)
    out = many_option(
        "--have",
        "-s",
        "have",
        metavar="SKILL",
        help="A skill the person already has (id or label); repeat for several.",
    )(out)
    return out  # type: ignore[no-any-return]


def diagram_options(f: F) -> F:
    """``--mermaid`` / ``--dot``: print a diagram; the command gets ``diagram``."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kw: Any) -> Any:
        mermaid, dot = kw.pop("mermaid"), kw.pop("dot")
        if mermaid and dot:
            raise click.UsageError("--mermaid and --dot exclude each other")
        if (mermaid or dot) and kw.get("as_json"):
            which = "--mermaid" if mermaid else "--dot"
            raise click.UsageError(f"--json and {which} exclude each other: one output a call")
        return f(*args, diagram="mermaid" if mermaid else "dot" if dot else None, **kw)

    out: Any = click.option("--dot", is_flag=True, help="Print a Graphviz DOT diagram.")(wrapper)
    out = click.option("--mermaid", is_flag=True, help="Print a Mermaid flowchart.")(out)
    return out  # type: ignore[no-any-return]
