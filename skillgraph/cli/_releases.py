"""Release commands: ``diff`` (what changed), ``extract`` (a subset), ``merge`` (two graphs).

Inputs are read like ``convert``'s (any readable format, ``-`` for standard input);
outputs are written atomically and never replace an input.
"""

from __future__ import annotations

import click

from .._escape import json_safe
from ._app import json_option, read_input, same_file
from ._files import check_output, write_output
from ._options import (
    command,
    count_option,
    from_option,
    in_out_arguments,
    many_option,
    quiet_option,
    to_option,
)

__all__ = ["diff", "extract", "merge"]

_FROM = from_option("Input format (default: detected for each input).")


@command(
    "What changed between two releases.",
    "skillgraph diff esco-v1.1.0.zip esco-v1.1.1.zip",
    "skillgraph diff old.json new.json --markdown > CHANGES.md",
    "skillgraph diff old.ttl new.ttl --json",
)
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@_FROM
@json_option
@click.option("--markdown", is_flag=True, help="Print the report as Markdown.")
@count_option(
    "--limit",
    default=20,
    help="Items shown per list in the text and Markdown reports (--json lists all).",
    minimum=0,
)
@count_option(
    "--top",
    default=10,
    help="How many of the roles whose requirements changed most to list.",
    minimum=0,
)
@quiet_option
def diff(
    old: str,
    new: str,
    from_: str | None,
    as_json: bool,
    markdown: bool,
    limit: int,
    top: int,
    quiet: bool,
) -> None:
    """Nodes, requirements and relations added, removed or changed from OLD to NEW.

    Changed nodes are shown field by field (old -> new) with their labels; renamed
    labels, re-weighted requirements and the roles whose requirements changed most are
    listed. Exit code 0 whether or not the two differ.
    """
    from ..releases import diff as diff_graphs

    if as_json and markdown:
        raise click.UsageError("--json and --markdown exclude each other")
    a, _ = read_input(old, from_, progress=not quiet)
    b, _ = read_input(new, from_, progress=not quiet)
    report = diff_graphs(a, b, top=top, names=(old, new))
    if as_json:
        click.echo(json_safe(report.to_json()))
    elif markdown:
        click.echo(report.to_markdown(limit=limit), nl=False)
    else:
        click.echo(report.to_text(limit=limit), nl=False)


@command(
    "A self-contained subset of roles, clusters or skills.",
    'skillgraph extract esco-v1.1.1.zip ict.ttl --cluster "ICT professionals"',
    'skillgraph extract demo accounting.json --role Accountant --role "tax adviser"',
    'skillgraph extract demo digital.json --skill "Digital technology" --depth 1',
)
@in_out_arguments
@many_option(
    "--role",
    "-r",
    "roles",
    metavar="ROLE",
    help="A role to keep (id or label); repeat for several.",
)
@many_option(
    "--cluster",
    "-c",
    "clusters",
    metavar="CLUSTER",
    help="A cluster whose roles to keep (id or label); repeat for several.",
)
@many_option(
    "--skill",
    "-s",
    "skills",
    metavar="SKILL",
    help="A skill or skill group to keep, with what is below it; repeat for several.",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=None,
    help="Levels kept below each --skill (default: all).",
)
@_FROM
@to_option
@quiet_option
def extract(
    src: str,
    dst: str,
    roles: tuple[str, ...],
    clusters: tuple[str, ...],
    skills: tuple[str, ...],
    depth: int | None,
    from_: str | None,
    to: str | None,
    quiet: bool,
) -> None:
    """Write to OUT the part of IN that the selected roles, clusters and skills need.

    Keeps the roles (and every role of each --cluster), the skills they require, the
    --skill concepts, the hierarchy above all of them, the clusters and industries they
    refer to, and the edges among kept nodes: OUT refers to nothing it lacks. OUT appears
    complete or not at all, and never replaces IN.
    """
    if not (roles or clusters or skills):
        raise click.UsageError("give at least one --role, --cluster or --skill")
    out_fmt = check_output(dst, to, [src])
    graph, _ = read_input(src, from_, progress=not quiet)
    sub = graph.extract(roles=roles, clusters=clusters, skills=skills, depth=depth)
    write_output(sub, dst, out_fmt)
    if quiet:
        return
    click.echo(
        f"extracted {len(sub.roles)} of {len(graph.roles)} roles, {len(sub.skills)} of "
        f"{len(graph.skills)} skills, {sub.count_requirements()} requirements -> {dst}",
        err=True,
    )


@command(
    "Merge two graphs into one.",
    "skillgraph merge esco-v1.1.1.zip our-roles.json -o combined.ttl",
    "skillgraph merge base.json patch.json -o out.json --on-conflict right --report merge.json",
)
@click.argument("left", metavar="A")
@click.argument("right", metavar="B")
@click.argument("out", metavar="[OUT]", required=False)
@click.option(
    "--output",
    "-o",
    "output",
    metavar="OUT",
    help="The merged graph ('-': standard output); OUT may also follow B, as in convert.",
)
@click.option(
    "--on-conflict",
    type=click.Choice(["error", "left", "right"]),
    default="error",
    show_default=True,
    help="What to do when A and B declare the same thing differently: fail listing "
    "every conflict, or keep A's (left) or B's (right) value.",
)
@click.option(
    "--report",
    "report_path",
    metavar="FILE",
    help="Also write the merge report (conflicts, provenance of every node) as JSON.",
)
@_FROM
@to_option
@quiet_option
def merge(
    left: str,
    right: str,
    out: str | None,
    output: str | None,
    on_conflict: str,
    report_path: str | None,
    from_: str | None,
    to: str | None,
    quiet: bool,
) -> None:
    """Merge A and B into OUT: every node and edge of both.

    Nodes are matched by id. Content both declare differently is a conflict: with
    --on-conflict error (the default) each is listed with both values and nothing is
    written (exit code 1; with --report, the report lists every conflict). OUT appears
    complete or not at all, and never replaces A or B.
    """
    from pathlib import Path

    from ..errors import MergeConflictError
    from ..io._atomic import atomic_output
    from ..releases import MergeReport, merge_with_report

    if (out is None) == (output is None):
        raise click.UsageError("give the merged graph OUT once: after B, or as -o OUT")
    dst = out or output or ""
    out_fmt = check_output(dst, to, [left, right])
    if report_path is not None:
        if report_path == "-" or (dst != "-" and same_file(Path(report_path), Path(dst))):
            raise click.UsageError("--report needs a file name of its own (not '-' nor OUT)")
        check_output(report_path, "json", [left, right])
    a, _ = read_input(left, from_, progress=not quiet)
    b, _ = read_input(right, from_, progress=not quiet)
    try:
        merged, report = merge_with_report(
            a,
            b,
            on_conflict=on_conflict,  # type: ignore[arg-type]
            names=(left, right),
        )
    except MergeConflictError as exc:
        if report_path is not None:  # every conflict, for the user to go through
            failed = MergeReport(left=left, right=right, conflicts=exc.conflicts)
            with atomic_output(Path(report_path)) as fh:
                fh.write(failed.to_json().encode("utf-8") + b"\n")
        raise
    write_output(merged, dst, out_fmt)
    if report_path is not None:
        with atomic_output(Path(report_path)) as fh:
            fh.write(report.to_json().encode("utf-8") + b"\n")
    if not quiet:
        click.echo(report.to_text(), err=True)
