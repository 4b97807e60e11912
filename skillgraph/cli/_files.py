"""File commands: ``convert``, ``validate``, ``info`` and ``formats``."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import click

from .._escape import json_safe, printable
from ._app import (
    CliError,
    detect_format,
    inside_input,
    json_option,
    open_source,
    read_input,
    same_file,
)
from ._options import (
    cache_min_bytes,
    command,
    count_option,
    from_option,
    in_out_arguments,
    quiet_option,
    reader_options,
    to_option,
)

__all__ = [
    "check_not_input",
    "check_output",
    "check_output_path",
    "convert",
    "formats",
    "info",
    "validate",
    "write_output",
]


def check_output(dst: str, to: str | None, inputs: list[str]) -> Any:
    """The writable format of output ``dst``, checked before any input is read.

    ``dst`` may be ``-`` (standard output; then ``to`` is required); otherwise its folder
    must exist, it must not be a folder, nor the same file as any of ``inputs``.

    Raises:
        click.UsageError: ``dst`` is ``-`` and ``to`` is not given.
        CliError: ``dst`` cannot be written, is an input, or its format is unknown.
    """
    from ..io import registry

    if dst == "-" and to is None:
        raise click.UsageError("--to FORMAT is required when OUT is '-' (standard output)")
    check_output_path(dst, inputs)
    if to is None and registry.by_suffix(dst) is None:
        writable = ", ".join(f.name for f in registry.formats() if f.writer)
        raise CliError(
            f"cannot tell the output format of {dst} from its suffix; "
            f"pass --to with one of: {writable}"
        )
    out_fmt, _ = registry.writer_for(to, dst)
    return out_fmt


def check_output_path(dst: str, inputs: list[str]) -> None:
    """Refuse an output file ``dst`` (``-`` passes) whose folder is missing, that is a
    folder (or ends with a slash), that is (or lies inside) one of ``inputs``, or that is a
    read-only file (an atomic write would replace it all the same).

    Raises:
        CliError: ``dst`` cannot be written or is an input.
    """
    if dst == "-":
        return
    out = Path(dst)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"cannot write {dst}: folder {str(folder)!r} does not exist")
    if out.is_dir() or dst.endswith(("/", os.sep)):
        raise CliError(f"cannot write {dst}: it is a folder; give a file name")
    check_not_input(dst, inputs, "OUT")
    if out.exists() and not os.access(out, os.W_OK):  # replaced, it would lose its guard
        raise CliError(f"cannot write {dst}: it is read-only (make it writable to replace it)")


def check_not_input(dst: str, inputs: list[str], what: str) -> None:
    """Refuse an output ``dst`` (named ``what`` in the message) that is one of ``inputs``,
    lies inside an input folder or is the target of one of its members.

    Raises:
        CliError: ``dst`` is (part of) an input.
    """
    out = Path(dst)
    for src in inputs:
        if src != "-" and Path(src).exists() and same_file(Path(src), out):
            raise CliError(
                f"input = output: {src} and {dst} are the same file; choose another {what}"
            )
        if src != "-" and Path(src).is_dir():
            member = inside_input(Path(src), out)
            if member is not None:
                raise CliError(
                    f"input = output: {dst} is {member}, part of the input {src}; "
                    f"choose another {what} outside it"
                )


def write_output(graph: Any, dst: str, out_fmt: Any) -> None:
    """Write ``graph`` to ``dst`` (atomically) or, for ``-``, to standard output.

    Raises:
        OutputError: the file could not be written (the previous one is left intact).
    """
    from ..io import dumps, write

    if dst == "-":
        stdout = sys.stdout.buffer
        stdout.write(dumps(graph, out_fmt.name))
        stdout.flush()
    else:
        write(graph, dst, out_fmt.name)


def _read(src: str, from_: str | None, reader: dict[str, Any], *, quiet: bool) -> tuple[Any, Any]:
    """IN and its format, read with the reader options (see `reader_options`); progress on
    stderr unless ``quiet``."""
    return read_input(
        src,
        from_,
        progress=not quiet,
        options=reader["options"],
        cache=reader["cache"],
        min_bytes=cache_min_bytes(),
    )


@command(
    "Convert between formats (ESCO, O*NET, JSON, RDF).",
    'skillgraph convert "ESCO dataset - v1.1.1 - classification - en - csv.zip" esco.ttl',
    "skillgraph convert esco.ttl esco.jsonld",
    "cat graph.ttl | skillgraph convert - - --from turtle --to json > graph.json",
)
@in_out_arguments
@from_option()
@to_option
@reader_options
@click.option(
    "--no-stream",
    is_flag=True,
    help="Always convert through the full model (N-Triples / Turtle -> N-Triples / Turtle "
    "otherwise streams when it can; the output is the same).",
)
@quiet_option
def convert(
    src: str,
    dst: str,
    from_: str | None,
    to: str | None,
    reader: dict[str, Any],
    no_stream: bool,
    quiet: bool,
) -> None:
    """Convert IN to OUT, between any readable and any writable format.

    IN: ESCO CSV folder or zip(s), O*NET text folder, native JSON or RDF (Turtle,
    N-Triples, JSON-LD, RDF/XML); OUT: native JSON or RDF. '-' means standard input or
    output. OUT appears complete or not at all, and never replaces IN.

    N-Triples or Turtle to N-Triples or Turtle, without reader options, streams the
    triples without building the model when the graph's shapes allow (the same bytes
    out); --no-stream always builds the model.
    """
    started = time.perf_counter()
    out_fmt = check_output(dst, to, [src])
    fast = None if no_stream or reader["options"] else _streamed(src, from_, dst, out_fmt)
    if fast is not None:
        in_name, roles, skills, reqs = fast
    else:
        graph, in_fmt = _read(src, from_, reader, quiet=quiet)
        write_output(graph, dst, out_fmt)
        in_name, roles, skills = in_fmt.name, len(graph.roles), len(graph.skills)
        reqs = graph.count_requirements()
    if quiet:
        return
    click.echo(
        f"converted {printable(src)} ({in_name}) -> {printable(dst)} ({out_fmt.name}): "
        f"{roles} roles, {skills} skills, {reqs} requirements "
        f"in {time.perf_counter() - started:.1f} s",
        err=True,
    )


def _streamed(
    src: str, from_: str | None, dst: str, out_fmt: Any
) -> tuple[str, int, int, int] | None:
    """Convert RDF ``src`` to ``dst`` by streaming (`skillgraph.io.rdf.convert_stream`):
    the input format's name and the roles, skills and requirements written; None when the
    input is not streamable (standard input, another format, an unusual graph), for the
    model path to convert.

    Raises:
        FormatError: no such input.
        OutputError: the file could not be written (the previous one is left intact).
    """
    if out_fmt.name not in ("turtle", "ntriples") or not Path(src).is_file():
        return None  # standard input, a FIFO or a bundled name: read once, by the model
    from ..errors import UnsupportedFormatError
    from ..io.rdf._stream import convert_stream

    source = open_source(src)
    try:
        in_fmt = detect_format(source, from_)
    except UnsupportedFormatError:
        return None  # the model path reports it
    from .._gc import paused_gc

    # one pause from the parse to the last byte: the converter's objects are acyclic, and
    # re-enabling the collector between its checks and its writing made it walk all of
    # them once (about 5% of the conversion)
    with paused_gc():
        done = convert_stream(source, in_fmt.name, out_fmt.name)
        if done is None:
            return None
        if dst == "-":
            done.write(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            from ..io._atomic import atomic_output

            with atomic_output(Path(dst)) as fh:
                done.write(fh)
        counts = done.roles, done.skills, done.requirements
        del done  # let go under the pause
    return in_fmt.name, *counts


@command(
    "List every problem of IN, with fix hints.",
    "skillgraph validate my-ontology.json",
    "skillgraph validate --strict esco.ttl",
    "skillgraph validate --json demo",
)
@click.argument("src", metavar="IN")
@from_option()
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
@json_option
@quiet_option
@click.pass_context
def validate(
    ctx: click.Context, src: str, from_: str | None, strict: bool, as_json: bool, quiet: bool
) -> None:
    """List every problem of IN, with its location, severity and a fix hint.

    Exit code 0 if IN is valid, 1 if not (with --strict, warnings count as errors).
    """
    from ._app import detect_format
    from ._validate import validate_source

    source = open_source(src)
    fmt = detect_format(source, from_)
    _, problems = validate_source(source, fmt)
    errors = sum(p.severity == "error" for p in problems)
    warns = len(problems) - errors
    invalid = errors > 0 or (strict and warns > 0)
    if as_json:
        doc = {
            "source": source.name,
            "format": fmt.name,
            "valid": not invalid,
            "errors": errors,
            "warnings": warns,
            "problems": [p.as_dict() for p in problems],
        }
        click.echo(json_safe(json.dumps(doc, indent=2, ensure_ascii=False)))
    else:
        for p in problems:
            click.echo(printable(p.text()))
        verdict = "invalid" if invalid else "valid"
        strict_note = " (--strict: warnings count as errors)" if strict and warns else ""
        click.echo(
            f"{printable(source.name)} ({fmt.name}): {verdict}: {errors} error(s), {warns} "
            "warning(s)"
            f"{strict_note}"
        )
    if invalid:
        ctx.exit(1)


@command(
    "Counts, clusters, languages and format of IN.",
    "skillgraph info demo",
    "skillgraph info esco.ttl --json",
)
@click.argument("src", metavar="IN")
@from_option()
@count_option("--top", default=5, help="How many of the largest clusters and industries to list.")
@reader_options
@quiet_option
@json_option
def info(
    src: str, from_: str | None, top: int, reader: dict[str, Any], quiet: bool, as_json: bool
) -> None:
    """Counts by node and edge type, clusters, industries, languages and format of IN."""
    from ._render import summarised, table

    graph, fmt = _read(src, from_, reader, quiet=quiet)
    doc = summary(graph, fmt.name, top)
    if as_json:
        click.echo(json_safe(json.dumps(doc, indent=2, ensure_ascii=False)))
        return
    click.echo(f"{printable(src)}: format {fmt.name} ({fmt.description})")
    langs = printable(summarised(doc["languages"]))
    click.echo(f"languages: {langs} (default {graph.language})")
    click.echo("\nnodes:")
    click.echo(table(["type", "count"], list(doc["nodes"].items())))
    click.echo("\nedges:")
    click.echo(table(["type", "count"], list(doc["edges"].items())))
    for what in ("clusters", "industries"):
        part = doc[what]
        click.echo(f"\n{what}: {part['count']} ({part['undeclared']} referenced but undeclared)")
        if part["top"]:
            click.echo(
                table(
                    ["id", "label", "roles"],
                    [[t["id"], t["label"], t["roles"]] for t in part["top"]],
                )
            )


def summary(graph: Any, fmt_name: str, top: int) -> dict[str, Any]:
    """The facts ``info`` prints, as a JSON-ready dict."""
    reqs = list(graph.iter_requirements())
    essential = sum(r.essential for r in reqs)
    langs = {graph.language}
    for node in graph.nodes.values():
        langs.update(node.translations)
    cluster_size = Counter(r.cluster for r in graph.roles.values() if r.cluster)
    industry_size = Counter(i for r in graph.roles.values() for i in r.industries)

    undeclared = graph.undeclared

    def ranked(nodes: Any, sizes: Counter[str]) -> dict[str, Any]:
        order = sorted(nodes, key=lambda i: (-sizes[i], i))[:top]
        return {
            "count": len(nodes),
            "undeclared": sum(1 for n in nodes if n in undeclared),
            "top": [{"id": i, "label": nodes[i].label, "roles": sizes[i]} for i in order],
        }

    return {
        "format": fmt_name,
        "language": graph.language,
        "languages": sorted(langs),
        "nodes": {
            "roles": len(graph.roles),
            "skills": len(graph.skills),
            "skill groups": len(graph.groups),
            "clusters": len(graph.clusters),
            "industries": len(graph.industries),
        },
        "edges": {
            "requires (essential)": essential,
            "requires (optional)": len(reqs) - essential,
            "broader": sum(1 for _ in graph.iter_broader()),
            "related": sum(1 for _ in graph.iter_related()),
            "prerequisites": sum(1 for _ in graph.iter_prerequisites()),
            "progressions": sum(1 for _ in graph.iter_progressions()),
            "extra RDF triples": len(graph.extra_triples),
        },
        "clusters": ranked(graph.clusters, cluster_size),
        "industries": ranked(graph.industries, industry_size),
    }


@click.command(short_help="List the registered formats.", epilog="Example:\n\n  skillgraph formats")
@json_option
def formats(as_json: bool) -> None:
    """List the registered formats: name, suffixes, whether each reads and writes."""
    from .. import formats as all_formats
    from ._render import table

    found = all_formats()
    if as_json:
        click.echo(json.dumps(found, indent=2))
        return
    click.echo(
        table(
            ["name", "read", "write", "suffixes", "description"],
            [
                [f["name"], f["read"], f["write"], " ".join(f["suffixes"]), f["description"]]
                for f in found
            ],
        )
    )
