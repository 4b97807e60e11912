"""Free-text commands: ``match`` (skills or roles named by a text) and ``align`` (a mapping
of one ontology onto another), and the ``--have-text FILE`` option of the query verbs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .._escape import printable
from ._app import CliError, json_option, load_ontology
from ._options import (
    GraphSource,
    command,
    count_option,
    graph_options,
    output_option,
    quiet_option,
    read_text,
    spreadsheet_safe_option,
)

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ..results import InputMatch, InputReport

__all__ = ["align", "have_inputs", "have_text_option", "inputs_text", "match", "say_alias"]

F = TypeVar("F", bound=Callable[..., Any])


def have_text_option(f: F) -> F:
    """``--have-text FILE``: the person's skills as free text (a CV, a list), ``-`` = stdin."""
    return click.option(
        "--have-text",
        "have_text",
        metavar="FILE",
        default=None,
        help="The person's skills as free text (CV lines, a list); '-' reads stdin. "
        "Matched leniently: what names no skill is reported, not an error.",
    )(f)


def have_inputs(
    g: SkillGraph,
    have: tuple[str, ...],
    have_text: str | None,
    aliases: Sequence[InputMatch] = (),
) -> tuple[list[str] | None, InputReport | None]:
    """Skill ids from ``--have`` (strict) plus ``--have-text`` (lenient), and the report:
    what each ``--have`` resolved to, then what ``--have-text`` matched, and the role
    arguments named by an alternative label (``aliases``, `say_alias`); None: none of
    them."""
    from ..results import InputMatch, InputReport

    ids = [g.resolve(s, "skill") for s in have]
    given = [
        InputMatch(text=s, id=i, label=g.label(i), score=1.0, how=_how(g, s, i))
        for s, i in zip(have, ids, strict=True)
    ]
    if have_text is None:
        if not given and not aliases:
            return (ids or None), None
        return (ids or None), InputReport(matched=given, aliases=list(aliases))
    from ..text.lenient import resolve_have

    found, report = resolve_have(g, read_text(have_text, "--have-text"))
    report = report.model_copy(update={"matched": given + report.matched, "aliases": list(aliases)})
    return list(dict.fromkeys(ids + found)) or None, report


def say_alias(
    g: SkillGraph, ref: str, node_id: str, aliases: list[InputMatch] | None = None
) -> None:
    """A notice on stderr when ``ref`` named ``node_id`` by one of its alternative labels
    (ESCO "teacher" is an alt label of "politics lecturer"): never silently another name;
    the notice is also added to ``aliases`` (the ``inputs`` report's)."""
    from .._lookup import alias_of
    from ..results import InputMatch

    alt = alias_of(g, ref, node_id)
    if alt is None:
        return
    kind = "skill" if node_id in g.skills else "role" if node_id in g.roles else "one"
    click.echo(
        f"note: {printable(ref)!r} is an alternative label of {printable(g.label(node_id))}"
        f" ({printable(node_id)}); using that {kind}",
        err=True,
    )
    if aliases is not None:
        node = g.nodes[node_id]
        how = "alt_label" if alt in node.alt_labels else "hidden_label"
        aliases.append(InputMatch(text=ref, id=node_id, label=node.label, score=1.0, how=how))


def _how(g: SkillGraph, text: str, sid: str) -> str:
    """How ``text`` named skill ``sid``: ``exact`` (its id or label), ``alt_label``,
    ``hidden_label``, else ``closest`` (the lookup's nearest label)."""
    key = " ".join(text.split()).casefold()
    node = g.skills[sid]
    if key in (sid.casefold(), " ".join(node.label.split()).casefold()):
        return "exact"
    for how, labels in (("alt_label", node.alt_labels), ("hidden_label", node.hidden_labels)):
        if any(" ".join(a.split()).casefold() == key for a in labels):
            return how
    return "closest"


def inputs_text(report: InputReport | None, have: int = 0, text: bool = True) -> str:
    """The lines telling what the first ``have`` inputs of ``report`` (``--have``) resolved
    to when not their own label, and (with ``text``) what ``--have-text`` matched and did
    not (empty without either)."""
    if report is None:
        return ""
    lines = [
        f"--have {m.text!r} is {printable(m.label)} ({printable(m.id)}), by its "
        + ("alternative label" if m.how == "alt_label" else m.how.replace("_", " "))
        for m in report.matched[:have]
        if m.how != "exact"
    ]
    if not text:
        return "".join(line + "\n" for line in lines)
    rest = report.matched[have:]
    lines.append(f"From --have-text: {len(rest)} skill mention(s) matched.")
    for m in rest[:20]:
        lines.append(
            f"  {m.text!r} -> {printable(m.label)} ({printable(m.id)}), {m.how} {m.score:.2f}"
        )
    if len(rest) > 20:
        lines.append(f"  ... and {len(rest) - 20} more")
    if report.unmatched:
        lines.append(f"Not matched to any skill: {phrases(report.unmatched)}")
    lines.extend(did_you_mean([(r.text, r.label, r.score, r.reason) for r in report.rejected]))
    return "\n".join(lines) + "\n"


#: the most "did you mean" lines shown
_REJECTED = 10


def did_you_mean(rejected: list[tuple[str, str, float, str]]) -> list[str]:
    """Lines for the candidates not credited: (text, skill label, score, reason) each."""
    if not rejected:
        return []
    lines = ["Not credited (did you mean?):"]
    for text, label, score, reason in rejected[:_REJECTED]:
        lines.append(f"  {text!r} -> {printable(label)}? {score:.2f}, {printable(reason)}")
    if len(rejected) > _REJECTED:
        lines.append(f"  ... and {len(rejected) - _REJECTED} more")
    return lines


#: the most phrases a "Not matched" line lists, and the most characters shown of each
_PHRASES, _PHRASE_CHARS = 10, 60


def phrases(texts: list[str]) -> str:
    """``texts`` quoted for one line: the first few, each cut to a few dozen characters."""
    cut = [t if len(t) <= _PHRASE_CHARS else t[: _PHRASE_CHARS - 1] + "…" for t in texts]
    shown = "; ".join(repr(t) for t in cut[:_PHRASES])
    return shown + (f" and {len(texts) - _PHRASES} more" if len(texts) > _PHRASES else "")


@command(
    "Skills (or roles) named by a free text.",
    'skillgraph match "I did tills and stock, some Excel, a bit of Python"',
    'skillgraph match --roles "RN, night shift" -O onet-29.3/',
    "skillgraph match -O esco-v1.1.1/ - < cv.txt",
)
@click.argument("text")
@click.option("--roles", is_flag=True, help="Match job titles to roles instead of skills.")
@count_option("-k", default=10, help="How many matches.")
@graph_options
@json_option
def match(text: str, roles: bool, k: int, source: GraphSource, as_json: bool) -> None:
    """The skills TEXT mentions (a CV, a job ad, a list; '-' reads stdin), with the span of
    text each matched and why; phrases that name no skill are listed too."""
    from ._render import table

    body = read_text("-", "TEXT") if text == "-" else text
    # the snapshot cache (unless --no-cache) keeps the match index and its learned synonyms
    g = source.load()
    if roles:
        found = g.match_roles(body, k)
        if as_json:
            import json

            click.echo(json.dumps([m.model_dump(mode="json") for m in found], indent=2))
            return
        from ..text._cv import long_text

        if long_text(body):  # a CV: the roles of its title lines and credited skills
            rows = [
                [str(i), f"{m.score:.2f}", m.label, "; ".join(m.evidence), m.id]
                for i, m in enumerate(found, 1)
            ]
            click.echo(
                f"Roles named by {body.strip()[:60]!r} (read as a CV)\n"
                + table(["#", "score", "role", "evidence", "id"], rows)
                + "\nRanked by the text's title lines and the roles' skills it credits."
            )
            return
        # the order is the re-ranker's, not the title score's: say where each row comes from
        rows = [
            [str(i), f"{m.score:.2f}", m.label, m.matched, "; ".join(m.evidence[1:]), m.id]
            for i, m in enumerate(found, 1)
        ]
        click.echo(
            f"Roles matching {body.strip()[:60]!r}\n"
            + table(["#", "title score", "role", "matched title", "rank", "id"], rows)
            + "\nRanked by title and skill-profile evidence together; 'title score' is the"
            " matched title's own score."
        )
        return
    result = g.match_skills(body, k)
    if as_json:
        click.echo(result.to_json())
        return
    rows = [[f"{m.score:.2f}", m.text, m.label, m.field.replace("_", " "), m.id] for m in result]
    out = [f"{len(result)} skill(s) found", table(["score", "text", "skill", "via", "id"], rows)]
    if result.unmatched:
        out.append("Not matched to any skill: " + phrases([p.text for p in result.unmatched]))
    out.extend(did_you_mean([(r.text, r.label, r.score, r.reason) for r in result.rejected]))
    click.echo("\n".join(out))


@command(
    "Map one ontology's roles and skills onto another's.",
    "skillgraph align esco-v1.1.1/ onet-29.3/ -o esco-onet.ttl",
    "skillgraph align esco-v1.1.1/ onet-29.3/ --roles-only -k 3 -o esco-onet.csv",
)
@click.argument("source")
@click.argument("target")
@output_option(
    "output",
    metavar="FILE",
    help="Mapping file: .csv, or RDF (.ttl, .nt, .nq, .trig, .rdf, .jsonld, .n3); '-' with "
    "--format for standard output.",
)
@click.option("--format", "fmt", default=None, metavar="NAME", help="Override the suffix.")
@click.option("--roles-only", is_flag=True, help="Map roles only (not skills).")
@count_option("-k", default=1, help="Targets per source.")
@click.option(
    "--min-score",
    default=0.0,
    show_default=True,
    type=click.FloatRange(0.0, 1.0),
    help="Leave out pairs scoring less.",
)
@spreadsheet_safe_option
@quiet_option
def align(
    source: str,
    target: str,
    output: str,
    fmt: str | None,
    roles_only: bool,
    k: int,
    min_score: float,
    spreadsheet_safe: bool,
    quiet: bool,
) -> None:
    """Map the roles (and skills) of SOURCE onto TARGET (paths or bundled names) by
    titles, descriptions and skill profiles; write SKOS mapping triples or CSV."""
    from ..text._mapping import format_of as _format_of
    from ..text.alignment import align as align_graphs
    from ._files import check_output_path  # not at import: the query verbs import this module

    out = Path(output)
    to_stdout = output == "-"
    if to_stdout and fmt is None:
        raise CliError("-o -: standard output has no suffix; give --format (csv, turtle, ...)")
    fmt = fmt or _format_of(out)  # fail on a bad suffix, folder or input before the long work
    if spreadsheet_safe and fmt != "csv":
        raise CliError(f"--spreadsheet-safe applies to CSV output, not {fmt} ({output})")
    if not to_stdout:
        check_output_path(output, [source, target])
    a = load_ontology(source)
    b = load_ontology(target)
    if not quiet:
        click.echo(f"aligning {len(a.roles)} roles onto {len(b.roles)}...", err=True)
    mapping = align_graphs(a, b, skills=not roles_only, k=k, min_score=min_score)
    n_roles = len(mapping.best("role"))
    n_skills = len(mapping.best("skill"))
    done = f"{len(mapping)} pairs ({n_roles} roles, {n_skills} skills)"
    if to_stdout:  # red team s25 (14): '-o -' wrote a file named '-'
        if fmt == "csv":
            data = mapping.to_csv(spreadsheet_safe=spreadsheet_safe).encode("utf-8")
        else:
            data = mapping.to_rdf(fmt)
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        if not quiet:
            click.echo(f"wrote {done} to standard output", err=True)
        return
    mapping.write(out, fmt, spreadsheet_safe=spreadsheet_safe)
    click.echo(f"wrote {done} to {output}")
