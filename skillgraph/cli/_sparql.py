"""``skillgraph sparql STORE QUERY``: run a SPARQL query on a store, or on any readable input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from .._escape import json_safe, printable, uchar_escaped
from ._app import json_option
from ._options import command, from_option, quiet_option, read_text

__all__ = ["sparql"]


@command(
    "Run a SPARQL query on a store (or on any input).",
    'skillgraph sparql esco.store "SELECT ?role WHERE { ?role esco:relatedEssentialSkill ?s } '
    'LIMIT 5"',
    "skillgraph sparql --load esco-v1.1.1.zip esco.store query.rq",
    'skillgraph sparql demo "ASK { ?s a esco:Skill }"',
)
@click.argument("store", metavar="STORE")
@click.argument("query", metavar="QUERY")
@click.option(
    "--load",
    "load",
    metavar="IN",
    help="First bulk-load IN (RDF file, ESCO, O*NET, JSON) into STORE, replacing its content.",
)
@from_option("Format of --load's IN (default: detected).")
@click.option("--graph", metavar="IRI", help="Query (and load) this named graph of the store.")
@json_option
@quiet_option
def sparql(
    store: str,
    query: str,
    load: str | None,
    from_: str | None,
    graph: str | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Run the SPARQL QUERY (text, or a file holding it) on STORE.

    STORE is a store folder (see skillgraph.Store; created by --load), or any input
    'skillgraph convert' reads (a bundled name, an RDF file, ESCO, O*NET...), which is then
    loaded into a temporary in-memory store. --load refuses a STORE that is its input, lies
    inside it, or is a folder holding other files than a store's. The prefixes esco:,
    skos:, sg:, dcterms:, rdf:, xsd: and owl: are predeclared. SELECT prints a
    tab-separated table (a header, then one row per solution), ASK prints true or false,
    CONSTRUCT and DESCRIBE print N-Triples. Queries using SERVICE are refused.
    """
    from ..errors import FormatError
    from ..io.rdf._vocab import STANDARD_PREFIXES
    from ..io.store import Rows, Store
    from ._app import load_ontology, open_source

    text = _query_text(query)
    # on the query's first line, so that error line numbers are the query's own
    prefixes = "".join(
        f"PREFIX {name}: <{ns}> "
        for name, ns in STANDARD_PREFIXES.items()
        if f"{name}:" not in _declared(text)
    )
    path = Path(store)
    if load is not None:
        if path.exists() and not path.is_dir():
            raise FormatError("STORE must be a store folder to --load into", source=store)
        _check_store_target(store, load)
        with Store(path) as st:
            st.load(open_source(load), format=from_, graph=graph)
    if path.is_dir() and (load is not None or _is_store(path)):
        st = Store(path, read_only=True)
    else:  # any other input, a folder of ESCO CSV or O*NET text too, read into memory
        st = Store()
        st.load(load_ontology(store), graph=graph)
    with st:
        try:
            result = st.query(prefixes + text, graph=graph)
        except FormatError as exc:  # a column of line 1 counts the prefixes put before it
            reason = _FIRST_LINE.sub(lambda m: f"{m[1]}{int(m[2]) - len(prefixes)}", exc.reason)
            raise FormatError(reason, source=exc.source, line=exc.line, column=exc.column) from None
    if as_json:
        click.echo(json_safe(json.dumps(result, ensure_ascii=False, indent=1)))
    elif isinstance(result, bool):
        click.echo("true" if result else "false")
    elif isinstance(result, Rows):  # the header also when no row is found
        names = list(result.variables)
        click.echo("\t".join(names))
        for row in result:
            click.echo("\t".join(_cell(row[n]) for n in names))
    else:
        for t in result:
            if isinstance(t, tuple):
                click.echo(" ".join(uchar_escaped(term) for term in t) + " .")


#: the place of a syntax error on the query's first line, as pyoxigraph words it
_FIRST_LINE = re.compile(r"^(malformed SPARQL: error at 1:)(\d+)")


def _check_store_target(store: str, load: str) -> None:
    """Refuse to --load into ``store`` when it is (or lies inside) the input ``load``, or is a
    non-empty folder that is not a store (a store's files would be written among others).

    Raises:
        CliError: ``store`` is not a place to create or replace a store.
    """
    from ._app import CliError
    from ._files import check_not_input

    check_not_input(store, [load], "STORE")
    path = Path(store)
    if path.is_dir() and any(path.iterdir()) and not _is_store(path):
        raise CliError(
            f"cannot --load into {store}: a folder that is not empty and not a store; "
            "give a new or empty folder, or an existing store"
        )


def _is_store(path: Path) -> bool:
    """True when the folder ``path`` holds a store (its RocksDB ``CURRENT`` file names a
    manifest)."""
    current = path / "CURRENT"
    try:
        with current.open("rb") as fh:
            return fh.read(64).startswith(b"MANIFEST-")
    except OSError:
        return False


def _query_text(query: str) -> str:
    """The query itself, or the content of the file it names (``.rq`` / ``.sparql``).

    Raises:
        CliError: the file is not UTF-8 or is too large.
    """
    path = Path(query)
    if "\n" not in query and len(query) < 4096 and path.is_file():
        return read_text(query, "QUERY")
    return query


def _declared(text: str) -> str:
    """The prefix names the query declares itself (``PREFIX x:``), joined for a search."""
    return " ".join(m.group(1) + ":" for m in re.finditer(r"PREFIX\s+([\w-]*):", text, re.I))


def _cell(value: str | None) -> str:
    """A TSV cell: backslashes doubled, then every control character (tab and newline
    included) as its escape, so a value cannot break the table or drive the terminal."""
    if value is None:
        return ""
    return printable(value.replace("\\", "\\\\"))
