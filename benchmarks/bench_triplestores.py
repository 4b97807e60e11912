"""ESCO's RDF, triple stores and endpoints: one command, one printed table.

    python benchmarks/bench_triplestores.py           # full (about 15-25 minutes on 2 cores)
    python benchmarks/bench_triplestores.py --quick   # small inputs, a couple of minutes

Sections (each timed figure has its baseline measured in the same run; medians of
``--repeat`` runs where a run is short enough to repeat):

1. **RDF read target**: ``sg.read`` of the ~500k-triple ESCO-shaped file
   (``esco_like(1.7)``) against a bare ``pyoxigraph.parse`` iteration over the same file,
   alternating in one fresh process; target ``sg.read`` <= 2x the bare parse.
2. **28 languages, one kept**: a generated ESCO-shaped N-Triples file in ESCO's own shapes
   (``_synthetic.write_esco_rdf``: SKOS + SKOS-XL labels and node-literal descriptions in
   28 languages; >= 5 million triples at full size, written to a temporary folder, never
   kept) read with ``language="en"``: time and peak memory (fresh process each), beside a
   bare parse of the same file. rdflib cannot hold 5 million triples in reasonable time and
   memory here (about 40 us and 1.5 KB a triple): it parses a 1/10 subset generated the
   same way (and ``sg.read`` the same subset, for a same-file ratio), under a time cap.
3. **Store**: full ESCO v1.1.1 (from the CSV release in ../shared/data) bulk-loaded into an
   on-disk ``sg.Store``; then the SPARQL query for the roles requiring a skill, for the
   20 most required skills, on the store and on rdflib's in-memory graph of the same
   triples (``g.to_rdf()``), medians.
4. **Endpoint**: full ESCO written to and read from a live Oxigraph server on 127.0.0.1
   (SPARQL Update and Graph Store Protocol), beside writing and reading the same graph as
   a local N-Triples file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from _util import tree_on_path

tree_on_path(ROOT)

from _util import child, data_dir

FULL_SCALE = 1.7  # esco_like(1.7): about 500k triples
MULTI_SCALE = 1.0  # write_esco_rdf(1.0): about 6 million triples in 28 languages
RDFLIB_CAP = 900.0  # seconds rdflib may take on the subset

RSS = """
import psutil
def rss_mb():
    return psutil.Process().memory_info().rss / 1024**2
"""

READ_VS_BARE = """
import statistics
import pyoxigraph as ox
import skillgraph as sg
from skillgraph.io import rdf  # imports outside the timing
path, fmt, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
oxf = {"ntriples": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE}[fmt]
bare, ours = [], []
for _ in range(repeat):
    t = time.perf_counter()
    n = 0
    for q in ox.parse(path=path, format=oxf, without_named_graphs=True):
        n += 1
    bare.append(time.perf_counter() - t)
    t = time.perf_counter()
    g = sg.read(path, format=fmt)
    ours.append(time.perf_counter() - t)
    del g
done(seconds=statistics.median(ours), bare=statistics.median(bare), triples=n)
"""

SG_READ_FILTERED = (
    RSS
    + """
import skillgraph as sg
from skillgraph.io import rdf
base = rss_mb()
t = time.perf_counter()
g = sg.read(sys.argv[1], format="ntriples", language=sys.argv[2])
done(seconds=time.perf_counter() - t, nodes=len(g), grown_mb=peak_mb() - base)
"""
)

BARE_PARSE = (
    RSS
    + """
import pyoxigraph as ox
base = rss_mb()
t = time.perf_counter()
n = 0
for q in ox.parse(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES):
    n += 1
done(seconds=time.perf_counter() - t, triples=n, grown_mb=peak_mb() - base)
"""
)

RDFLIB_PARSE = (
    RSS
    + """
import rdflib
base = rss_mb()
t = time.perf_counter()
graph = rdflib.Graph().parse(sys.argv[1], format="nt")
done(seconds=time.perf_counter() - t, triples=len(graph), grown_mb=peak_mb() - base)
"""
)

STORE = """
import statistics
import skillgraph as sg
g = sg.read(sys.argv[1], format="esco")
t = time.perf_counter()
store = sg.Store(sys.argv[2])
store.load(g)
load = time.perf_counter() - t
n = len(store)
top = sorted(g.skills, key=lambda s: -len(g.roles_requiring(s)))[:20]
Q = ("SELECT ?role WHERE {{ ?role a <http://data.europa.eu/esco/model#Occupation> ; "
     "<http://data.europa.eu/esco/model#relatedEssentialSkill> <{}> }}")
ours, answers = [], []
for s in top:
    t = time.perf_counter()
    rows = store.query(Q.format(s))
    ours.append(time.perf_counter() - t)
    answers.append(sorted(r["role"] for r in rows))
t = time.perf_counter()
back = store.graph()
read_back = time.perf_counter() - t
store.close()
t = time.perf_counter()
rdf = g.to_rdf()
to_rdf = time.perf_counter() - t
theirs, same = [], True
for s, want in zip(top, answers):
    t = time.perf_counter()
    rows = list(rdf.query(Q.format(s)))
    theirs.append(time.perf_counter() - t)
    same = same and sorted(str(r[0]) for r in rows) == want
done(seconds=load, triples=n, read_back=read_back, equal=back == g, to_rdf=to_rdf,
     query_ms=statistics.median(ours) * 1000, rdflib_ms=statistics.median(theirs) * 1000,
     same_answers=same, rows=statistics.median(len(a) for a in answers))
"""

ENDPOINT = """
import skillgraph as sg
g = sg.read(sys.argv[1], format="esco")
url, tmp = sys.argv[2], sys.argv[3]
ep = sg.SparqlEndpoint(url + "/query", update_url=url + "/update", store_url=url + "/store",
                       timeout=600)
upd = sg.SparqlEndpoint(url + "/query", update_url=url + "/update", timeout=600)
out = {}
t = time.perf_counter(); upd.write(g); out["update_write"] = time.perf_counter() - t
t = time.perf_counter(); back = upd.read(); out["query_read"] = time.perf_counter() - t
out["equal_query"] = back == g
t = time.perf_counter(); ep.write(g); out["gsp_write"] = time.perf_counter() - t
t = time.perf_counter(); back = ep.read(); out["gsp_read"] = time.perf_counter() - t
out["equal_gsp"] = back == g
t = time.perf_counter(); sg.write(g, tmp + "/esco.nt"); out["file_write"] = time.perf_counter() - t
t = time.perf_counter(); sg.read(tmp + "/esco.nt"); out["file_read"] = time.perf_counter() - t
out["requests"] = ep.requests + upd.requests
done(seconds=out["gsp_read"], **out)
"""


def _row(*cells: Any) -> str:
    widths = (44, 12, 12, 9, 30)
    out = []
    for cell, w in zip(cells, widths, strict=False):
        text = f"{cell:.3g}" if isinstance(cell, float) else str(cell)
        out.append(text.ljust(w) if w == 44 or w == 30 else text.rjust(w))
    return " ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the short timings")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=("read", "languages", "store"),
        default=("read", "languages", "store"),
        help="sections to run (store includes the endpoint)",
    )
    args = parser.parse_args()
    import skillgraph as sg
    from skillgraph._synthetic import esco_like, write_esco_rdf
    from tests._oxigraph import oxigraph_server

    scale = 0.1 if args.quick else FULL_SCALE
    multi = 0.05 if args.quick else MULTI_SCALE
    print(_row("case", "ours", "baseline", "ratio", "note"))
    print("-" * 112)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if "read" in args.only:
            # 1. RDF read against the bare parse
            g = esco_like(scale, seed=0)
            for syntax, suffix in (("ntriples", ".nt"), ("turtle", ".ttl")):
                path = tmp / f"esco-like{suffix}"
                sg.write(g, path, format=syntax)
                r = child(READ_VS_BARE, str(path), syntax, str(args.repeat))
                ratio = r["seconds"] / r["bare"]
                mark = "ok" if ratio <= 2.0 else "MISSED"
                print(
                    _row(
                        f"sg.read {syntax} {r['triples']:,} triples (s)",
                        r["seconds"],
                        r["bare"],
                        f"{ratio:.2f}x",
                        f"vs bare ox.parse; target <=2x {mark}",
                    )
                )
                path.unlink()
            del g
        if "languages" in args.only:
            # 2. the 28-language file, one language kept
            path = tmp / "esco-28.nt"
            n = write_esco_rdf(str(path), multi)
            size = path.stat().st_size / 1024**2
            ours = child(SG_READ_FILTERED, str(path), "en")
            bare = child(BARE_PARSE, str(path))
            print(
                _row(
                    f"28 languages, {n:,} triples, language=en (s)",
                    ours["seconds"],
                    bare["seconds"],
                    f"{ours['seconds'] / bare['seconds']:.2f}x",
                    f"vs bare ox.parse; file {size:.0f} MiB",
                )
            )
            print(
                _row(
                    "  peak memory grown (MiB)",
                    ours["grown_mb"],
                    bare["grown_mb"],
                    "",
                    f"process peak {ours['peak_mb']:.0f} MiB",
                )
            )
            path.unlink()
            sub = tmp / "esco-28-subset.nt"
            n_sub = write_esco_rdf(str(sub), max(multi / 10, 0.02))
            ours_sub = child(SG_READ_FILTERED, str(sub), "en")
            try:
                theirs = child(RDFLIB_PARSE, str(sub), timeout=RDFLIB_CAP)
                rd_s, rd_mb = theirs["seconds"], theirs["grown_mb"]
                note = f"rdflib Graph.parse, 1/10 subset {n_sub:,} triples"
            except Exception:  # the time cap (subprocess.TimeoutExpired) or a failure
                rd_s, rd_mb, note = None, None, f"rdflib over {RDFLIB_CAP:.0f} s cap"
            print(
                _row(
                    f"  subset {n_sub:,} triples, language=en (s)",
                    ours_sub["seconds"],
                    rd_s if rd_s is not None else "-",
                    f"{rd_s / ours_sub['seconds']:.1f}x faster" if rd_s else "-",
                    note,
                )
            )
            print(
                _row(
                    "  subset peak memory grown (MiB)",
                    ours_sub["grown_mb"],
                    rd_mb if rd_mb is not None else "-",
                    f"{rd_mb / max(ours_sub['grown_mb'], 1):.1f}x less" if rd_mb else "-",
                    "",
                )
            )
            sub.unlink()
        if "store" not in args.only:
            return
        # 3. store and 4. endpoint on full ESCO
        data = data_dir()
        esco = data / "esco" / "v1.1.1" / "csv" if data is not None else None
        if esco is None or not esco.is_dir():
            print("store / endpoint: skipped (ESCO v1.1.1 CSV not in ../shared/data)")
            return
        r = child(STORE, str(esco), str(tmp / "esco.store"))
        print(
            _row(
                f"Store bulk load, full ESCO {r['triples']:,} triples (s)",
                r["seconds"],
                r["to_rdf"],
                f"{r['to_rdf'] / r['seconds']:.2f}x",
                "vs g.to_rdf() (rdflib in memory)",
            )
        )
        print(
            _row(
                "  read back from the store (s)",
                r["read_back"],
                "",
                "",
                f"equal to the graph: {r['equal']}",
            )
        )
        print(
            _row(
                "  SPARQL roles requiring a skill (ms)",
                r["query_ms"],
                r["rdflib_ms"],
                f"{r['rdflib_ms'] / r['query_ms']:.1f}x",
                f"vs rdflib; median of 20, same answers: {r['same_answers']}",
            )
        )
        with oxigraph_server(tmp / "oxigraph") as url:
            if url is None:
                print("endpoint: skipped (the oxigraph server is not installed)")
                return
            e = child(ENDPOINT, str(esco), url, str(tmp))
        for key, base, label in (
            ("update_write", "file_write", "endpoint write, SPARQL Update (s)"),
            ("gsp_write", "file_write", "endpoint write, Graph Store PUT (s)"),
            ("query_read", "file_read", "endpoint read, CONSTRUCT (s)"),
            ("gsp_read", "file_read", "endpoint read, Graph Store GET (s)"),
        ):
            print(
                _row(
                    f"  {label}",
                    e[key],
                    e[base],
                    f"{e[key] / e[base]:.2f}x",
                    f"vs local N-Triples {'write' if 'write' in key else 'read'}",
                )
            )
        print(
            _row(
                "  round trips equal",
                str(e["equal_query"] and e["equal_gsp"]),
                "",
                "",
                f"{e['requests']} HTTP requests in all",
            )
        )


if __name__ == "__main__":
    main()
