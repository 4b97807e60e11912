"""An alignment as data: its rows, its SKOS / CSV export and reading it back.

`Alignment` holds the scored pairs `skillgraph.text.alignment.align` found; it exports
as SKOS mapping triples (``skos:exactMatch`` / ``closeMatch`` / ``relatedMatch``) in
every RDF syntax, with one ``sg:Mapping`` node a pair holding score and evidence so
that it reads back, and as CSV (`CSV_COLUMNS`). `read_alignment` reads either back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import FormatError, UnsupportedFormatError

if TYPE_CHECKING:
    from ..io.rdf import IdMap

__all__ = [
    "CSV_COLUMNS",
    "RDF_FORMATS",
    "Alignment",
    "AlignmentRow",
    "Relation",
    "format_of",
    "ordered",
    "read_alignment",
]

SKOS = "http://www.w3.org/2004/02/skos/core#"
SG = "https://w3id.org/skillgraph/vocab#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"

#: RDF syntaxes and their suffixes
RDF_FORMATS = {
    "turtle": (".ttl",),
    "ntriples": (".nt",),
    "nquads": (".nq",),
    "trig": (".trig",),
    "rdfxml": (".rdf", ".owl", ".xml"),
    "jsonld": (".jsonld",),
    "n3": (".n3",),
}
CSV_COLUMNS = (
    "kind",
    "source",
    "source_label",
    "target",
    "target_label",
    "score",
    "relation",
    "rank",
    "evidence",
)

Relation = Literal["exactMatch", "closeMatch", "relatedMatch"]


class AlignmentRow(BaseModel):
    """One mapped pair: ``source`` (a node of the first graph) onto ``target`` (of the
    second), with ``score`` in [0, 1], ``rank`` among the source's targets (1 = best), the
    SKOS ``relation`` and the ``evidence`` (component scores, matched titles)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["role", "skill"]
    source: str
    source_label: str
    target: str
    target_label: str
    score: float
    relation: Relation
    rank: int = 1
    evidence: list[str] = Field(default_factory=list)


class Alignment(BaseModel):
    """A mapping from the nodes of one graph onto another (see ``sg.align``).

    ``rows`` are ordered by kind (roles first), source id, then rank. ``source_prefixes``
    and ``target_prefixes`` expand the two graphs' CURIE ids to IRIs in RDF output.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rows: list[AlignmentRow]
    source_prefixes: dict[str, str] = Field(default_factory=dict)
    target_prefixes: dict[str, str] = Field(default_factory=dict)

    def __iter__(self) -> Iterator[AlignmentRow]:  # type: ignore[override]
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i: int) -> AlignmentRow:
        return self.rows[i]

    def best(self, kind: Literal["role", "skill"] | None = None) -> list[AlignmentRow]:
        """The rank-1 row of every source (of ``kind``, if given)."""
        return [r for r in self.rows if r.rank == 1 and (kind is None or r.kind == kind)]

    def target_of(self, source: str) -> str | None:
        """The best target of ``source``, or None."""
        for r in self.rows:
            if r.source == source and r.rank == 1:
                return r.target
        return None

    # ------------------------------------------------------------------ export
    def to_csv(self, *, spreadsheet_safe: bool = False) -> str:
        """The rows as CSV text (header: kind, source, ..., evidence joined by ``" | "``);
        ``spreadsheet_safe``: text that starts like a formula (``=``, ``+``, ``-``, ``@``, a
        tab or CR) gets a leading ``'`` so a spreadsheet shows it as text (the CSV then no
        longer reads back to the same labels).

        Raises:
            InvalidValueError: ``spreadsheet_safe`` is not True or False.
        """
        from .._validate import check_bool
        from ..io._csv_cells import spreadsheet_cell

        check_bool("spreadsheet_safe", spreadsheet_safe)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        cell = spreadsheet_cell if spreadsheet_safe else _same
        for r in self.rows:
            w.writerow(
                cell(v)
                for v in [
                    r.kind,
                    r.source,
                    r.source_label,
                    r.target,
                    r.target_label,
                    repr(r.score),
                    r.relation,
                    r.rank,
                    " | ".join(r.evidence),
                ]
            )
        return buf.getvalue()

    def to_rdf(self, format: str = "turtle") -> bytes:
        """The mapping as RDF in ``format`` (turtle, ntriples, nquads, trig, rdfxml, jsonld,
        n3): ``source skos:exactMatch|closeMatch|relatedMatch target`` for every rank-1 row, and one
        ``sg:Mapping`` node a row with its score, rank, kind and evidence (one literal,
        parts joined by ``" | "``).

        Raises:
            UnsupportedFormatError: unknown format.
        """
        import pyoxigraph as ox

        fmt = _ox_format(format)
        src, dst = _id_maps(self)
        quads: list[ox.Triple] = []
        mapping_set = ox.BlankNode("mappings")
        quads.append(
            ox.Triple(mapping_set, ox.NamedNode(RDF_TYPE), ox.NamedNode(SG + "MappingSet"))
        )
        for side, prefixes in (("source", self.source_prefixes), ("target", self.target_prefixes)):
            for p in sorted(prefixes):
                quads.append(
                    ox.Triple(
                        mapping_set,
                        ox.NamedNode(f"{SG}{side}Prefix"),
                        ox.Literal(f"{p} {prefixes[p]}"),
                    )
                )
        for i, r in enumerate(self.rows):
            s, t = src.named(r.source), dst.named(r.target)
            rel = ox.NamedNode(SKOS + r.relation)
            if r.rank == 1:
                quads.append(ox.Triple(s, rel, t))
            m = ox.BlankNode(f"m{i}")
            quads += [
                ox.Triple(m, ox.NamedNode(RDF_TYPE), ox.NamedNode(SG + "Mapping")),
                ox.Triple(m, ox.NamedNode(SG + "inSet"), mapping_set),
                ox.Triple(m, ox.NamedNode(SG + "source"), s),
                ox.Triple(m, ox.NamedNode(SG + "target"), t),
                ox.Triple(m, ox.NamedNode(SG + "relation"), rel),
                ox.Triple(m, ox.NamedNode(SG + "kind"), ox.Literal(r.kind)),
                ox.Triple(m, ox.NamedNode(SG + "rank"), ox.Literal(str(r.rank))),
                ox.Triple(
                    m,
                    ox.NamedNode(SG + "score"),
                    ox.Literal(repr(r.score), datatype=ox.NamedNode(XSD_DOUBLE)),
                ),
                # the ids as the graphs spell them (an IRI id and a CURIE can share an IRI)
                ox.Triple(m, ox.NamedNode(SG + "sourceId"), ox.Literal(r.source)),
                ox.Triple(m, ox.NamedNode(SG + "targetId"), ox.Literal(r.target)),
                ox.Triple(m, ox.NamedNode(SG + "sourceLabel"), ox.Literal(r.source_label)),
                ox.Triple(m, ox.NamedNode(SG + "targetLabel"), ox.Literal(r.target_label)),
            ]
            if r.evidence:  # one literal: RDF keeps no order among repeated values
                quads.append(
                    ox.Triple(m, ox.NamedNode(SG + "evidence"), ox.Literal(" | ".join(r.evidence)))
                )
        from ..io.rdf import valid_namespace

        prefixes = {"skos": SKOS, "sg": SG}
        for p, ns in {**self.target_prefixes, **self.source_prefixes}.items():
            if p not in prefixes and valid_namespace(ns):
                prefixes[p] = ns
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
            out = ox.serialize(quads, format=fmt, prefixes=prefixes)
        else:
            out = ox.serialize(quads, format=fmt)
        assert out is not None
        return bytes(out)

    def write(
        self, path: str | Path, format: str | None = None, *, spreadsheet_safe: bool = False
    ) -> None:
        """Write the mapping to ``path`` atomically: CSV for ``.csv`` (or ``format="csv"``),
        else RDF in the syntax of ``format`` or of the suffix; ``spreadsheet_safe`` as in
        `to_csv` (CSV only).

        Raises:
            UnsupportedFormatError: no format matches.
            OutputError: the file cannot be written.
        """
        from ..io._atomic import atomic_output

        fmt = format or format_of(Path(path))
        if fmt == "csv":
            data = self.to_csv(spreadsheet_safe=spreadsheet_safe).encode("utf-8")
        else:
            data = self.to_rdf(fmt)
        with atomic_output(Path(path)) as fh:
            fh.write(data)


def _same(value: Any) -> Any:
    return value


def _ox_format(name: str) -> Any:
    import pyoxigraph as ox

    table = {
        "turtle": ox.RdfFormat.TURTLE,
        "ttl": ox.RdfFormat.TURTLE,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "nt": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG,
        "rdfxml": ox.RdfFormat.RDF_XML,
        "xml": ox.RdfFormat.RDF_XML,
        "jsonld": ox.RdfFormat.JSON_LD,
        "json-ld": ox.RdfFormat.JSON_LD,
        "n3": ox.RdfFormat.N3,
    }
    fmt = table.get(name.lower())
    if fmt is None:
        raise UnsupportedFormatError(
            f"unknown mapping format {name!r}: expected csv or one of {', '.join(RDF_FORMATS)}"
        )
    return fmt


def format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    for name, suffixes in RDF_FORMATS.items():
        if suffix in suffixes:
            return name
    raise UnsupportedFormatError(
        f"cannot tell the mapping format from the suffix {suffix!r}: use .csv, "
        + ", ".join(s for v in RDF_FORMATS.values() for s in v),
        source=str(path),
    )


def _id_maps(al: Alignment) -> tuple[IdMap, IdMap]:
    from ..io.rdf import IdMap

    return IdMap(al.source_prefixes), IdMap(al.target_prefixes)


# ---------------------------------------------------------------------- reading back
def read_alignment(path: str | Path, format: str | None = None) -> Alignment:
    """An `Alignment` written by `Alignment.write` (CSV or any RDF syntax).

    Raises:
        FormatError: the file is missing, or is not a mapping written by skillgraph
            (names the line or field).
        UnsupportedFormatError: no format matches.
    """
    p = Path(path)
    fmt = format or format_of(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", source=str(p)) from None
    return _read_csv(data, str(p)) if fmt == "csv" else _read_rdf(data, fmt, str(p))


def _read_csv(data: bytes, source: str) -> Alignment:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 at byte {exc.start}", source=source) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise FormatError(
            f"missing column(s) {', '.join(missing)}: expected {', '.join(CSV_COLUMNS)}",
            source=source,
            line=1,
        )
    rows = []
    for line, rec in enumerate(reader, start=2):
        try:
            rows.append(
                AlignmentRow(
                    kind=rec["kind"],
                    source=rec["source"],
                    source_label=rec["source_label"],
                    target=rec["target"],
                    target_label=rec["target_label"],
                    score=float(rec["score"]),
                    relation=rec["relation"],
                    rank=int(rec["rank"]),
                    evidence=[e for e in rec["evidence"].split(" | ") if e],
                )
            )
        except (ValueError, TypeError) as exc:
            raise FormatError(
                f"bad mapping row: {_first_error(exc)}", source=source, line=line
            ) from None
    return Alignment(rows=ordered(rows))


def _first_error(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _read_rdf(data: bytes, fmt: str, source: str) -> Alignment:
    import pyoxigraph as ox

    from ..io.rdf import IdMap

    try:
        quads = list(ox.parse(data, format=_ox_format(fmt), base_iri="urn:x-skillgraph:mapping"))
    except (SyntaxError, ValueError) as exc:
        raise FormatError(f"not valid {fmt}: {_first_error(exc)}", source=source) from None
    by_subject: dict[str, dict[str, list[object]]] = {}
    for q in quads:
        by_subject.setdefault(str(q.subject), {}).setdefault(q.predicate.value, []).append(q.object)
    prefixes: dict[str, dict[str, str]] = {"source": {}, "target": {}}
    for props in by_subject.values():
        for side in ("source", "target"):
            for lit in props.get(f"{SG}{side}Prefix", []):
                name, _, ns = str(getattr(lit, "value", "")).partition(" ")
                prefixes[side][name] = ns
    src, dst = IdMap(prefixes["source"]), IdMap(prefixes["target"])
    rows = []
    for subject, props in sorted(by_subject.items()):
        types = [getattr(o, "value", None) for o in props.get(RDF_TYPE, [])]
        if SG + "Mapping" not in types:
            continue

        def one(key: str, subject: str = subject, props: dict[str, list[object]] = props) -> str:
            vals = props.get(SG + key, [])
            if len(vals) != 1:
                raise FormatError(
                    f"mapping {subject}: expected one sg:{key}, found {len(vals)}", source=source
                )
            return str(getattr(vals[0], "value", ""))

        rel = one("relation")
        try:
            rows.append(
                AlignmentRow(
                    kind=one("kind"),
                    source=_id_of(props, "sourceId") or src.id(one("source")),
                    source_label=one("sourceLabel"),
                    target=_id_of(props, "targetId") or dst.id(one("target")),
                    target_label=one("targetLabel"),
                    score=float(one("score")),
                    relation=rel.removeprefix(SKOS),
                    rank=int(one("rank")),
                    evidence=[
                        part
                        for e in props.get(SG + "evidence", [])
                        for part in str(getattr(e, "value", "")).split(" | ")
                        if part
                    ],
                )
            )
        except (ValueError, TypeError) as exc:
            raise FormatError(f"mapping {subject}: {_first_error(exc)}", source=source) from None
    if not rows and quads:
        raise FormatError("no sg:Mapping nodes: not a mapping written by skillgraph", source=source)
    return Alignment(
        rows=ordered(rows), source_prefixes=prefixes["source"], target_prefixes=prefixes["target"]
    )


def _id_of(props: dict[str, list[object]], key: str) -> str | None:
    vals = props.get(SG + key, [])
    return str(getattr(vals[0], "value", "")) or None if len(vals) == 1 else None


def ordered(rows: Iterable[AlignmentRow]) -> list[AlignmentRow]:
    return sorted(rows, key=lambda r: (r.kind != "role", r.source, r.rank, r.target))
