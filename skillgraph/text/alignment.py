"""Alignment between two graphs: the roles (and skills) of one mapped onto the other.

Each role of ``a`` is scored against each role of ``b`` by three documented components:

- **titles**: cosine of the idf-weighted stems of all the role's titles (label twice, alt
  and hidden labels once), mixed half and half with the cosine of the character 3-grams
  of the two preferred labels;
- **descriptions**: cosine of the idf-weighted stems of the descriptions;
- **skill profiles**: each skill of ``a`` is first mapped to its closest skill of ``b`` by
  its labels (the skill alignment), then the importance-weighted requirement profiles are
  compared by cosine.

The score is ``0.5 titles + 0.25 descriptions + 0.25 profiles`` (components missing on
both sides, such as descriptions of a graph that has none, give their weight to titles).
A pair is a ``skos:exactMatch`` when the preferred labels are equal up to case, accents and
plurals, otherwise a ``skos:closeMatch``. The result exports as SKOS mapping triples in
every RDF syntax (with one ``sg:Mapping`` node a pair, holding score and evidence, so it
reads back) and as CSV.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import scipy.sparse as sp
from pydantic import BaseModel, ConfigDict, Field

from ..errors import FormatError, InvalidValueError, UnsupportedFormatError
from ._analyze import STOP_WORDS, char_ngrams, plural_key, stem, words

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ..io.rdf._ids import IdMap

__all__ = ["Alignment", "AlignmentRow", "align", "read_alignment"]

SKOS = "http://www.w3.org/2004/02/skos/core#"
SG = "https://w3id.org/skillgraph/vocab#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"

WEIGHTS = {"titles": 0.5, "descriptions": 0.25, "profiles": 0.25}
#: a skill of ``a`` is mapped to its closest skill of ``b`` from this label cosine on
SKILL_THRESHOLD = 0.5
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

Relation = Literal["exactMatch", "closeMatch"]


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
    def to_csv(self) -> str:
        """The rows as CSV text (header: kind, source, ..., evidence joined by ``" | "``)."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        for r in self.rows:
            w.writerow(
                [
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
        n3): ``source skos:exactMatch|closeMatch target`` for every rank-1 row, and one
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
        prefixes = {"skos": SKOS, "sg": SG}
        for p, ns in {**self.target_prefixes, **self.source_prefixes}.items():
            if p not in prefixes and _valid_ns(ns):
                prefixes[p] = ns
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
            out = ox.serialize(quads, format=fmt, prefixes=prefixes)
        else:
            out = ox.serialize(quads, format=fmt)
        assert out is not None
        return bytes(out)

    def write(self, path: str | Path, format: str | None = None) -> None:
        """Write the mapping to ``path`` atomically: CSV for ``.csv`` (or ``format="csv"``),
        else RDF in the syntax of ``format`` or of the suffix.

        Raises:
            UnsupportedFormatError: no format matches.
            OutputError: the file cannot be written.
        """
        from ..io._atomic import atomic_output

        fmt = format or _format_of(Path(path))
        data = self.to_csv().encode("utf-8") if fmt == "csv" else self.to_rdf(fmt)
        with atomic_output(Path(path)) as fh:
            fh.write(data)


def _valid_ns(ns: str) -> bool:
    import pyoxigraph as ox

    try:
        ox.NamedNode(ns)
    except ValueError:
        return False
    return True


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


def _format_of(path: Path) -> str:
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
    from ..io.rdf._ids import IdMap

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
    fmt = format or _format_of(p)
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
    return Alignment(rows=_ordered(rows))


def _first_error(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _read_rdf(data: bytes, fmt: str, source: str) -> Alignment:
    import pyoxigraph as ox

    from ..io.rdf._ids import IdMap

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
        rows=_ordered(rows), source_prefixes=prefixes["source"], target_prefixes=prefixes["target"]
    )


def _id_of(props: dict[str, list[object]], key: str) -> str | None:
    vals = props.get(SG + key, [])
    return str(getattr(vals[0], "value", "")) or None if len(vals) == 1 else None


def _ordered(rows: Iterable[AlignmentRow]) -> list[AlignmentRow]:
    return sorted(rows, key=lambda r: (r.kind != "role", r.source, r.rank, r.target))


# ---------------------------------------------------------------------- scoring
def _tfidf(
    docs_a: Sequence[Sequence[tuple[str, float]]],
    docs_b: Sequence[Sequence[tuple[str, float]]],
    *,
    grams: bool = False,
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """l2-normalised tf-idf rows of two lists of documents in one vocabulary.

    A document is weighted texts; terms are content stems (or, with ``grams``, character
    3-grams of the words); tf is sublinear, idf is over both lists.
    """
    vocab: dict[str, int] = {}
    mats = []
    for docs in (docs_a, docs_b):
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for i, doc in enumerate(docs):
            counts: dict[int, float] = {}
            for text, weight in doc:
                ws = words(text)
                content = [w for w in ws if w not in STOP_WORDS] or ws
                terms = (
                    [g for w in ws for g in char_ngrams(w)] if grams else [stem(w) for w in content]
                )
                for term in terms:
                    j = vocab.setdefault(term, len(vocab))
                    counts[j] = counts.get(j, 0.0) + weight
            for j, c in counts.items():
                rows.append(i)
                cols.append(j)
                vals.append(1.0 + math.log(c) if c >= 1 else c)
        mats.append((rows, cols, vals, len(docs)))
    n_terms = max(1, len(vocab))
    built = [
        sp.csr_matrix((vals, (rows, cols)), shape=(n, n_terms), dtype=np.float64)
        for rows, cols, vals, n in mats
    ]
    df = np.zeros(n_terms)
    for m in built:
        df += np.bincount(m.indices, minlength=n_terms)
    n_docs = sum(m.shape[0] for m in built)
    idf = np.log1p(max(1, n_docs) / np.maximum(df, 1.0))
    out = []
    for m in built:
        m.data = m.data * idf[m.indices]
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        out.append(sp.csr_matrix(sp.diags(1.0 / norms) @ m))
    return out[0], out[1]


def _title_docs(g: SkillGraph, ids: Sequence[str]) -> list[list[tuple[str, float]]]:
    nodes = g.nodes
    return [
        [(nodes[i].label, 2.0)]
        + [(t, 1.0) for t in (*nodes[i].alt_labels, *nodes[i].hidden_labels)]
        for i in ids
    ]


def _dense_rows(m: sp.spmatrix, lo: int, hi: int) -> np.ndarray:
    return np.asarray(m[lo:hi].toarray())


def _profiles(g: SkillGraph, roles: Sequence[str], skills: Sequence[str]) -> sp.csr_matrix:
    """Roles x skills importance matrix (rows l2-normalised)."""
    pos = {s: j for j, s in enumerate(skills)}
    rpos = {r: i for i, r in enumerate(roles)}
    rows, cols, vals = [], [], []
    for req in g.iter_requirements():
        i, j = rpos.get(req.role), pos.get(req.skill)
        if i is not None and j is not None:
            rows.append(i)
            cols.append(j)
            vals.append(max(req.importance, 0.05) * (1.0 if req.essential else 0.6))
    m = sp.csr_matrix((vals, (rows, cols)), shape=(len(roles), len(skills)), dtype=np.float64)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)


def _skill_matches(
    a: SkillGraph, b: SkillGraph, sa: Sequence[str], sb: Sequence[str], k: int
) -> list[list[tuple[int, float]]]:
    """For every skill of ``a``, its ``k`` closest skills of ``b`` by labels (cosine)."""
    ma, mb = _tfidf(_title_docs(a, sa), _title_docs(b, sb))
    mbt = sp.csr_matrix(mb.T)
    out: list[list[tuple[int, float]]] = []
    chunk = 2000
    for lo in range(0, len(sa), chunk):
        sims = np.asarray((ma[lo : lo + chunk] @ mbt).toarray())
        for row in sims:
            top = _top(row, k)
            out.append([(j, float(row[j])) for j in top if row[j] > 0])
    return out


def _top(row: np.ndarray, k: int) -> list[int]:
    if len(row) == 0:
        return []
    k = min(k, len(row))
    idx = np.argpartition(-row, k - 1)[:k]
    return sorted(idx.tolist(), key=lambda j: (-row[j], j))


def align(
    a: SkillGraph,
    b: SkillGraph,
    *,
    roles: bool = True,
    skills: bool = True,
    k: int = 1,
    min_score: float = 0.0,
) -> Alignment:
    """Map the roles (and skills) of graph ``a`` onto graph ``b``.

    Args:
        a: the graph whose nodes are mapped (sources).
        b: the graph they are mapped onto (targets).
        roles: map roles (by titles, descriptions and skill profiles).
        skills: map skills (by labels).
        k: targets kept for each source, best first (rank 1 .. k).
        min_score: pairs scoring below this are left out.

    Raises:
        InvalidValueError: ``a`` or ``b`` is not a SkillGraph, ``k`` < 1, or ``min_score``
            is outside [0, 1].
    """
    from ..graph import SkillGraph

    for name, g in (("a", a), ("b", b)):
        if not isinstance(g, SkillGraph):
            raise InvalidValueError(
                f"{name} must be a SkillGraph, got {type(g).__name__}", field=name
            )
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidValueError(f"k must be a positive integer, got {k!r}", field="k")
    if not isinstance(min_score, int | float) or not 0.0 <= float(min_score) <= 1.0:
        raise InvalidValueError(
            f"min_score must be in [0, 1], got {min_score!r}", field="min_score"
        )
    sa, sb = sorted(a.skills), sorted(b.skills)
    skill_map = _skill_matches(a, b, sa, sb, max(k, 1)) if sa and sb else [[] for _ in sa]
    rows: list[AlignmentRow] = []
    if roles and a.roles and b.roles:
        rows += _align_roles(a, b, sa, sb, skill_map, k, min_score)
    if skills:
        for i, cands in enumerate(skill_map):
            src = sa[i]
            for rank, (j, score) in enumerate(cands[:k], start=1):
                if score < min_score:
                    continue
                rows.append(_row("skill", a, b, src, sb[j], score, rank, [f"labels {score:.2f}"]))
    return Alignment(
        rows=_ordered(rows), source_prefixes=dict(a.prefixes), target_prefixes=dict(b.prefixes)
    )


def _row(
    kind: Literal["role", "skill"],
    a: SkillGraph,
    b: SkillGraph,
    src: str,
    tgt: str,
    score: float,
    rank: int,
    evidence: list[str],
) -> AlignmentRow:
    """One alignment row from ``src`` in ``a`` to ``tgt`` in ``b``, labels and relation filled."""
    return AlignmentRow(
        kind=kind,
        source=src,
        source_label=a.label(src),
        target=tgt,
        target_label=b.label(tgt),
        score=round(score, 6),
        relation=_relation(a.label(src), b.label(tgt)),
        rank=rank,
        evidence=evidence,
    )


def _relation(x: str, y: str) -> Relation:
    return "exactMatch" if plural_key(x) == plural_key(y) else "closeMatch"


def _align_roles(
    a: SkillGraph,
    b: SkillGraph,
    sa: Sequence[str],
    sb: Sequence[str],
    skill_map: list[list[tuple[int, float]]],
    k: int,
    min_score: float,
) -> list[AlignmentRow]:
    ra, rb = sorted(a.roles), sorted(b.roles)
    ta, tb = _tfidf(_title_docs(a, ra), _title_docs(b, rb))
    ca, cb = _tfidf(
        [[(a.label(i), 1.0)] for i in ra], [[(b.label(i), 1.0)] for i in rb], grams=True
    )
    da, db = _tfidf(
        [[(a.roles[i].description or "", 1.0)] for i in ra],
        [[(b.roles[i].description or "", 1.0)] for i in rb],
    )
    has_desc = da.getnnz(axis=1) > 0, db.getnnz(axis=1) > 0
    # a's role profiles carried into b's skill space through the skill alignment
    pa = _profiles(a, ra, sa)
    pb = _profiles(b, rb, sb)
    mrows, mcols, mvals = [], [], []
    for i, cands in enumerate(skill_map):
        if cands and cands[0][1] >= SKILL_THRESHOLD:
            j, s = cands[0]
            mrows.append(i)
            mcols.append(j)
            mvals.append(s)
    carry = sp.csr_matrix((mvals, (mrows, mcols)), shape=(len(sa), len(sb)), dtype=np.float64)
    pa_b = sp.csr_matrix(pa @ carry)
    norms = np.sqrt(np.asarray(pa_b.multiply(pa_b).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    pa_b = sp.csr_matrix(sp.diags(1.0 / norms) @ pa_b)
    has_prof = pa_b.getnnz(axis=1) > 0, pb.getnnz(axis=1) > 0
    tbt, cbt, dbt, pbt = (sp.csr_matrix(m.T) for m in (tb, cb, db, pb))
    out: list[AlignmentRow] = []
    chunk = 500
    for lo in range(0, len(ra), chunk):
        hi = min(len(ra), lo + chunk)
        title = 0.5 * np.asarray((ta[lo:hi] @ tbt).toarray()) + 0.5 * np.asarray(
            (ca[lo:hi] @ cbt).toarray()
        )
        desc = np.asarray((da[lo:hi] @ dbt).toarray())
        prof = np.asarray((pa_b[lo:hi] @ pbt).toarray())
        wd = WEIGHTS["descriptions"] * np.outer(has_desc[0][lo:hi], has_desc[1])
        wp = WEIGHTS["profiles"] * np.outer(has_prof[0][lo:hi], has_prof[1])
        wt = 1.0 - wd - wp
        total = wt * title + wd * desc + wp * prof
        for r in range(hi - lo):
            src = ra[lo + r]
            for rank, j in enumerate(_top(total[r], k), start=1):
                score = float(total[r, j])
                if score <= 0.0 or score < min_score:
                    continue
                out.append(
                    _row(
                        "role",
                        a,
                        b,
                        src,
                        rb[j],
                        score,
                        rank,
                        [
                            f"titles {title[r, j]:.2f}",
                            f"descriptions {desc[r, j]:.2f}",
                            f"skill profiles {prof[r, j]:.2f}",
                        ],
                    )
                )
    return out
