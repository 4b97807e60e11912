"""Workforce commands: ``workforce`` (a team report) and ``batch`` (top roles of many people).

Both read a people file (CSV or JSON, see ``skillgraph.workforce.people``); unknown skills
are listed on stderr with file and line (``--strict`` makes them an error). Outputs are
written atomically and never over an input.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .._escape import json_safe, printable
from ._app import CliError, json_option, prepare
from ._files import check_output_path
from ._options import (
    GraphSource,
    count_option,
    graph_options,
    many_option,
    output_option,
    spreadsheet_safe_option,
)

if TYPE_CHECKING:
    from ..workforce import RoleSkills, UnknownSkill

__all__ = ["batch", "workforce"]

TABLES = ("coverage", "candidates", "training", "reskilling")

role_skills_option = click.option(
    "--assume-role-skills",
    "role_skills",
    # the values of skillgraph.workforce.ROLE_SKILLS (not imported here: start-up)
    type=click.Choice(["if-none-listed", "always", "never"]),
    default="if-none-listed",
    show_default=True,
    help="Credit a person with their current role's requirements: only if they list no "
    "skill, always (an incumbent then covers their own role), or never.",
)


def _assumed_line(ids: list[str], mode: str) -> str:
    """Who was credited with their current role's requirements, for the text output."""
    if not ids:
        return (
            "Coverage counts only the skills each person lists"
            + ("" if mode == "never" else " (nobody was assumed to hold their role's skills)")
            + "."
        )
    why = "they list no skill" if mode == "if-none-listed" else "--assume-role-skills always"
    shown = ", ".join(ids[:10]) + (f" (+{len(ids) - 10} more)" if len(ids) > 10 else "")
    n = len(ids)
    return printable(
        f"{n} {'person' if n == 1 else 'people'} assumed to hold their current role's "
        f"requirements ({why}): {shown}"
    )


def _inputs(source: GraphSource, *files: str | None) -> list[str]:
    return [f for f in (source.ontology, *files) if f]


def _report_unknown(unknown: list[UnknownSkill], quiet: bool) -> None:
    if quiet or not unknown:
        return
    for u in unknown[:20]:
        click.echo(f"warning: {_unknown_line(u)}", err=True)
    if len(unknown) > 20:
        click.echo(f"warning: … and {len(unknown) - 20} more unknown skills", err=True)


def table_paths(out: str) -> dict[str, str]:
    """The CSV file of each report table: ``OUT`` with ``-<table>`` before its suffix."""
    p = Path(out)
    stem, suffix = (p.stem, p.suffix) if p.suffix else (p.name, ".csv")
    return {t: str(p.with_name(f"{stem}-{t}{suffix}")) for t in TABLES}


@click.command(
    short_help="Team report: coverage, candidates, training needs, reskilling.",
    epilog="""\b
Example:
  skillgraph workforce team.csv --roles "marketing analyst" --at-risk "retail sales assistant"
  skillgraph workforce team.csv -r "data analyst" --demand demand.csv --csv report.csv
""",
)
@click.argument("people", metavar="PEOPLE")
@many_option(
    "--roles",
    "-r",
    "roles",
    required=True,
    metavar="ROLE",
    help="A role the organisation needs (id or label); repeat for several.",
)
@many_option(
    "--at-risk",
    "at_risk",
    metavar="ROLE",
    help="A role at risk (declining demand): list viable targets of its people; repeatable.",
)
@click.option("--demand", metavar="FILE", help="Demand table (CSV: id, job_ads, growth, ...).")
@count_option("-k", default=5, help="Candidates a role and targets a person.")
@count_option(
    "--per-role", default=3, help="Best candidates a role counted in the training needs.", minimum=0
)
@click.option("--strict", is_flag=True, help="An unknown skill in PEOPLE is an error.")
@role_skills_option
@click.option(
    "--csv",
    "csv_out",
    metavar="OUT",
    help="Write the tables as CSV: OUT-coverage.csv, OUT-candidates.csv, ...",
)
@spreadsheet_safe_option
@graph_options
@json_option
def workforce(
    people: str,
    roles: tuple[str, ...],
    at_risk: tuple[str, ...],
    demand: str | None,
    k: int,
    per_role: int,
    strict: bool,
    role_skills: RoleSkills,
    csv_out: str | None,
    spreadsheet_safe: bool,
    source: GraphSource,
    as_json: bool,
) -> None:
    """How the people of PEOPLE (CSV or JSON: id, role, skills) cover the --roles needed:
    skills nobody has, internal candidates, training needs (by demand) and, for --at-risk
    roles, viable reskilling targets. Coverage counts the skills a person lists; a person
    who lists none is assumed to hold their current role's requirements (the report names
    them; --assume-role-skills changes it)."""
    from ..workforce import DemandSignals, Workforce

    if csv_out == "-":  # red team s25 (14): it wrote './--coverage.csv' and three more
        raise CliError(
            "--csv -: the four tables cannot share standard output; give the tables' name "
            "(OUT: OUT-coverage.csv...), or --json for one document on standard output"
        )
    if csv_out and (csv_out.endswith(("/", os.sep)) or Path(csv_out).is_dir()):
        raise CliError(
            f"--csv {csv_out}: it is a folder; give the tables' name (OUT: OUT-coverage.csv...)"
        )
    if spreadsheet_safe and not csv_out:
        raise CliError("--spreadsheet-safe applies to CSV output: give --csv OUT")
    paths = table_paths(csv_out) if csv_out else {}
    for out in paths.values():
        check_output_path(out, _inputs(source, people, demand))
    g = source.load()
    prepare(g, analysis=True, quiet=source.quiet)
    signals = DemandSignals.from_graph(g, demand)
    wf = Workforce.read(g, people, demand=signals, strict=strict, role_skills=role_skills)
    # the text report lists them itself (results, not progress: -q keeps them)
    _report_unknown(wf.unknown, source.quiet or not as_json)
    report = wf.report(list(roles), at_risk=list(at_risk), k=k, per_role=per_role)
    if paths:
        from ..workforce.tables import write_csv_tables

        tables, columns = report.tables(), report.columns()  # all four tables, or none
        write_csv_tables(
            [(tables[name], path, columns[name]) for name, path in paths.items()],
            spreadsheet_safe=spreadsheet_safe,
        )
    if as_json:
        click.echo(json_safe(report.to_json()))
    else:
        click.echo(_report_text(g, report))


def _report_text(g: Any, report: Any) -> str:
    from ..workforce.team import SEARCH
    from ._render import labelled, pct, table

    n = len(report.roles)
    people = f"{report.people} {'person' if report.people == 1 else 'people'}"
    lines = [f"Workforce of {people}, {n} needed role{'s' * (n != 1)}"]
    lines += [_assumed_line(report.assumed, report.role_skills), ""]
    lines.append("Coverage of the needed roles")
    lines.append(
        table(
            ["role", "team", "best person", "best", "holders", "nobody has"],
            [
                [
                    c.label,
                    pct(c.team_coverage),
                    c.best_person,
                    pct(c.best_coverage),
                    c.holders,
                    labelled(g, c.uncovered, 4, fit=True),
                ]
                for c in report.coverage
            ],
        )
    )
    for rid, cands in report.candidates.items():
        lines += ["", f"Candidates for {printable(g.label(rid))}"]
        lines.append(
            table(
                ["person", "now", "coverage", "viable", "desirable", "to learn"],
                [
                    [
                        c.person,
                        g.label(c.current_role) if c.current_role else None,
                        pct(c.coverage),
                        c.viable,
                        c.desirable,
                        labelled(g, c.learn, 3, fit=True),
                    ]
                    for c in cands
                ],
            )
            if cands
            else "  nobody outside the role"
        )
    lines += ["", "Training needs (highest priority first)"]
    lines.append(
        table(
            ["skill", "people", "roles", "demand", "priority"],
            [
                [t.label, len(t.people), len(t.roles), t.demand, t.priority]
                for t in report.training[:15]
            ],
        )
        if report.training
        else "  none"
    )
    if len(report.training) > 15:
        lines.append(f"  … (+{len(report.training) - 15} more; --json or --csv for all)")
    for o in report.reskilling:
        lines += ["", f"Reskilling {printable(f'{o.person} ({g.label(o.role)}')}, at risk)"]
        lines.append(
            table(
                ["target", "coverage", "similarity", "desirable", "to learn"],
                [
                    [
                        t.label,
                        pct(t.coverage),
                        t.similarity,
                        t.desirable,
                        labelled(g, t.learn, 3, fit=True),
                    ]
                    for t in o.targets
                ],
            )
            if o.targets
            else f"  no target one viable move away among the {SEARCH} roles most similar "
            "to it outside its family; `advise --aspiration declining` also plans routes "
            "of several viable moves through bridge roles"
        )
    if report.unknown:
        lines += ["", "Skills of the people file that name no skill (not counted)"]
        lines += [f"  {_unknown_line(u)}" for u in report.unknown[:20]]
        if len(report.unknown) > 20:
            lines.append(f"  … (+{len(report.unknown) - 20} more; --json for all)")
    return "\n".join(lines)


def _unknown_line(u: UnknownSkill) -> str:
    where = f"{u.source}, line {u.line}, field {u.field!r}" if u.source else u.person
    return printable(f"{where}: {u.reason}")


@click.command(
    short_help="Top roles of many people by coverage (CSV or Parquet).",
    epilog="""\b
Example:
  skillgraph batch people.csv -o top-roles.parquet -k 5
  skillgraph batch people.csv -o top-roles.csv --scheduler tcp://127.0.0.1:8786
""",
)
@click.argument("people", metavar="PEOPLE")
@output_option(
    "output", help="Output table: .parquet or .csv (person, rank, role, label, coverage)."
)
@count_option("-k", default=5, help="Roles kept a person.")
@many_option(
    "--roles",
    "-r",
    "roles",
    metavar="ROLE",
    help="Rank only these roles (default: every role with requirements).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on this dask.distributed scheduler (e.g. tcp://127.0.0.1:8786).",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    metavar="N",
    help="People scored at once (default: bounded to ~32 MB a chunk).",
)
@click.option("--strict", is_flag=True, help="An unknown skill in PEOPLE is an error.")
@role_skills_option
@spreadsheet_safe_option
@graph_options
def batch(
    people: str,
    output: str,
    k: int,
    roles: tuple[str, ...],
    scheduler: str | None,
    chunk_size: int | None,
    strict: bool,
    role_skills: RoleSkills,
    spreadsheet_safe: bool,
    source: GraphSource,
) -> None:
    """Each person's top -k roles by coverage of the skills they list (as `gap --have`
    computes it), for files of many people; with --scheduler on a Dask cluster. A person
    who lists no skill is assumed to hold their current role's requirements (column
    assumed; --assume-role-skills changes it)."""
    from ..workforce import Workforce
    from ..workforce.demand import DemandSignals
    from ..workforce.tables import table_format

    if output == "-":
        raise CliError("batch writes a file: give -o OUT.parquet or OUT.csv")
    check_output_path(output, _inputs(source, people))
    try:
        out_format = table_format(output)
    except Exception as exc:
        raise CliError(str(exc)) from None
    if spreadsheet_safe and out_format != "csv":
        raise CliError(f"--spreadsheet-safe applies to CSV output, not {out_format} ({output})")
    g = source.load()
    prepare(g, analysis=True, quiet=source.quiet)
    wf = Workforce.read(
        g, people, demand=DemandSignals(g, {}), strict=strict, role_skills=role_skills
    )
    _report_unknown(wf.unknown, source.quiet)
    client = None
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise CliError(
                "--scheduler needs dask.distributed: pip install 'skillgraph[dask]'"
            ) from None
        try:
            client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise CliError(f"cannot reach the scheduler {scheduler}: {exc}") from None
    try:
        result = wf.batch(k, roles=list(roles) or None, chunk_size=chunk_size, client=client)
    finally:
        if client is not None:
            client.close()  # type: ignore[no-untyped-call]
    result.write(output, spreadsheet_safe=spreadsheet_safe)
    if not source.quiet:
        click.echo(f"{len(result)} people, top {result.k} roles each -> {output}", err=True)
        if wf.assumed:
            click.echo(_assumed_line(list(wf.assumed), role_skills) + " (column assumed)", err=True)
