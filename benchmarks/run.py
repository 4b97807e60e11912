"""Run every benchmark, print one table, write the figures as JSON.

    python benchmarks/run.py                 # full run (about 15-20 minutes on 2 cores)
    python benchmarks/run.py --quick         # under 2 minutes (CI)
    python benchmarks/run.py --json out.json # default: benchmarks/results/latest.json

Sections: import, export, queries, scale, quality, clusters (see docs/benchmarks.md). Each
timed result has its reference measured in the same run and a ratio column (reference time
/ our time: above 1 means skillgraph is faster). Sections that need the real ESCO / O*NET
data are skipped, with a note, when ``../shared/data`` (or $SKILLGRAPH_DATA) is missing.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import bench_quality
import bench_queries
import bench_scale
from _util import Row, child, data_dir, fmt, ratio

import skillgraph as sg

RDF_SCALE = 1.7
"""esco_like scale giving about 500k triples."""
QUICK_RDF_SCALE = 0.1
IMPORT_TARGET = {"seconds": 2.0, "peak_mb": 300.0}
RDF_READ_TARGET = 15.0
SYNTAX_SUFFIX = {"turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld"}
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}

SG_READ = """
import skillgraph as sg
t = time.perf_counter()
g = sg.read(sys.argv[1], format=sys.argv[2])
done(seconds=time.perf_counter() - t, nodes=len(g), requirements=g.count_requirements())
"""
RDFLIB_PARSE = """
import rdflib
t = time.perf_counter()
graph = rdflib.Graph().parse(sys.argv[1], format=sys.argv[2])
done(seconds=time.perf_counter() - t, triples=len(graph))
"""
SG_WRITE = """
import skillgraph as sg
g = sg.read(sys.argv[1], format="esco")
t = time.perf_counter()
sg.write(g, sys.argv[2], format=sys.argv[3])
done(seconds=time.perf_counter() - t)
"""
RDFLIB_WRITE = """
import skillgraph as sg
g = sg.read(sys.argv[1], format="esco")
t = time.perf_counter()
graph = g.to_rdf()
convert = time.perf_counter() - t
t = time.perf_counter()
graph.serialize(sys.argv[2], format=sys.argv[3])
done(seconds=time.perf_counter() - t, to_rdf_seconds=convert, triples=len(graph))
"""


def import_section(quick: bool, tmp: Path) -> list[Row]:
    """Import time and peak RSS: ESCO CSV, O*NET, generated RDF vs rdflib."""
    rows: list[Row] = []
    data = data_dir()
    if data is not None:
        for label, path, fmt_ in (
            ("ESCO v1.1.1 CSV", data / "esco" / "v1.1.1" / "csv", "esco"),
            ("O*NET 29.3", data / "onet" / "29.3", "onet"),
        ):
            r = child(SG_READ, str(path), fmt_)
            row: Row = {"case": label, "seconds": r["seconds"], "peak_mb": r["peak_mb"]}
            if fmt_ == "esco":
                row["target"] = "<= 2 s, <= 300 MB"
                row["met"] = (
                    r["seconds"] <= IMPORT_TARGET["seconds"]
                    and r["peak_mb"] <= IMPORT_TARGET["peak_mb"]
                )
            rows.append(row)
    from skillgraph._synthetic import esco_like
    from skillgraph.io import rdf

    scales = [(QUICK_RDF_SCALE, True)] if quick else [(RDF_SCALE, True), (5 * RDF_SCALE, True)]
    for scale, with_rdflib in scales:
        g = esco_like(scale, seed=0)
        n_triples = len(rdf.triples(g))
        for syntax in ("turtle", "ntriples"):
            path = tmp / f"esco-like-{scale:g}{SYNTAX_SUFFIX[syntax]}"
            sg.write(g, path, format=syntax)
            ours = child(SG_READ, str(path), syntax)
            theirs = child(RDFLIB_PARSE, str(path), RDFLIB_FORMAT[syntax]) if with_rdflib else None
            ref = theirs["seconds"] if theirs else None
            rows.append(
                {
                    "case": f"esco_like({scale:g}) {syntax}, {n_triples:,} triples",
                    "triples": n_triples,
                    "file_mb": path.stat().st_size / 1024**2,
                    "seconds": ours["seconds"],
                    "peak_mb": ours["peak_mb"],
                    "reference": "rdflib Graph.parse",
                    "reference_seconds": ref,
                    "reference_peak_mb": theirs["peak_mb"] if theirs else None,
                    "ratio": ratio(ref, ours["seconds"]),
                    "target": f">= {RDF_READ_TARGET:g}x rdflib",
                    "met": None if ref is None else ref / ours["seconds"] >= RDF_READ_TARGET,
                }
            )
            path.unlink()
        del g
    return rows


def export_section(quick: bool, tmp: Path) -> list[Row]:
    """Write full ESCO as Turtle, N-Triples, JSON-LD: sg.write vs rdflib serialize."""
    data = data_dir()
    if data is None:
        return []
    esco = str(data / "esco" / "v1.1.1" / "csv")
    rows: list[Row] = []
    for syntax in ("turtle", "ntriples", "jsonld"):
        out = tmp / f"esco{SYNTAX_SUFFIX[syntax]}"
        ours = child(SG_WRITE, esco, str(out), syntax)
        size = out.stat().st_size / 1024**2
        out.unlink()
        theirs = None
        if not quick or syntax == "ntriples":
            theirs = child(RDFLIB_WRITE, esco, str(out), RDFLIB_FORMAT[syntax])
            out.unlink()
        ref = theirs["seconds"] if theirs else None
        rows.append(
            {
                "case": f"ESCO v1.1.1 -> {syntax}",
                "file_mb": size,
                "seconds": ours["seconds"],
                "peak_mb": ours["peak_mb"],
                "reference": "rdflib serialize (after g.to_rdf())",
                "reference_seconds": ref,
                "reference_to_rdf_seconds": theirs["to_rdf_seconds"] if theirs else None,
                "reference_peak_mb": theirs["peak_mb"] if theirs else None,
                "ratio": ratio(ref, ours["seconds"]),
                "ratio_with_to_rdf": ratio(
                    None if theirs is None else ref + theirs["to_rdf_seconds"], ours["seconds"]
                ),
            }
        )
    return rows


def query_section(quick: bool) -> list[Row]:
    """Query p50/p95 on full ESCO and O*NET with naive references."""
    data = data_dir()
    if data is None:
        return []
    n = 100 if quick else 1000
    rows: list[Row] = []
    for label, path, fmt_ in (
        ("ESCO v1.1.1", data / "esco" / "v1.1.1" / "csv", "esco"),
        ("O*NET 29.3", data / "onet" / "29.3", "onet"),
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = sg.read(path, format=fmt_)
        found = bench_queries.run(g, n)
        p50 = {r["query"]: r["p50_ms"] for r in found}
        refs = {
            "similar_roles": "similar_roles (naive Jaccard)",
            "skill_path": "skill_path (networkx)",
        }
        for r in found:
            ref = refs.get(r["query"])
            tgt = r.get("target_p50_ms")
            rows.append(
                {
                    "graph": label,
                    **r,
                    "ratio": ratio(p50.get(ref), r["p50_ms"]) if ref else None,
                    "met": None if tgt is None else r["p50_ms"] <= tgt,
                }
            )
    return rows


def print_table(results: dict[str, Any]) -> None:
    """The one table, section by section."""
    w = 58

    def head(title: str, cols: str) -> None:
        print(f"\n== {title}\n{'':{w}}{cols}")

    def mark(met: object) -> str:
        return "" if met is None else ("ok" if met else "MISSED")

    head("1. import", f"{'s':>8} {'peak MB':>8} {'ref s':>8} {'ref MB':>8} {'ratio':>7}")
    for r in results["import"]:
        print(
            f"{r['case']:{w}}{fmt(r['seconds']):>8} {fmt(r['peak_mb']):>8} "
            f"{fmt(r.get('reference_seconds')):>8} {fmt(r.get('reference_peak_mb')):>8} "
            f"{fmt(r.get('ratio')):>7}  {r.get('target', '')} {mark(r.get('met'))}"
        )
    head(
        "2. export (ref: rdflib serialize; +to_rdf: including g.to_rdf())",
        f"{'s':>8} {'peak MB':>8} {'ref s':>8} {'ratio':>7} {'+to_rdf':>8}",
    )
    for r in results["export"]:
        print(
            f"{r['case']:{w}}{fmt(r['seconds']):>8} {fmt(r['peak_mb']):>8} "
            f"{fmt(r.get('reference_seconds')):>8} {fmt(r.get('ratio')):>7} "
            f"{fmt(r.get('ratio_with_to_rdf')):>8}"
        )
    head("3. queries (ms)", f"{'n':>6} {'p50':>8} {'p95':>8} {'target':>7} {'ratio':>7}")
    for r in results["queries"]:
        print(
            f"{r['graph'] + ': ' + r['query']:{w}}{r['n']:>6} {fmt(r['p50_ms']):>8} "
            f"{fmt(r['p95_ms']):>8} {fmt(r.get('target_p50_ms')):>7} {fmt(r.get('ratio')):>7}"
            f"  {mark(r.get('met'))}"
        )
    print("\n== 4. scale (esco_like, seed 0)")
    print(bench_scale.table(results["scale"]))
    print("\n== 5-6. quality on ESCO v1.1.1 (ISCO unit-group siblings; clusters)")
    print(bench_quality.table(results["quality"]))
    for r in results["quality"]:
        if "target_recall@10" in r:
            print(
                f"recall@10 target >= {r['target_recall@10']}: {mark(r['met'])} "
                f"({fmt(r['ratio_recall'])}x the reference)"
            )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="small inputs; under 2 minutes")
    ap.add_argument("--json", dest="json_out", default=str(HERE / "results" / "latest.json"))
    args = ap.parse_args(argv)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "quick": args.quick,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": __import__("os").cpu_count(),
        },
        "data": str(data_dir()) if data_dir() else None,
    }
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmpname:
        tmp = Path(tmpname)
        for name, fn in (
            ("import", lambda: import_section(args.quick, tmp)),
            ("export", lambda: export_section(args.quick, tmp)),
            ("queries", lambda: query_section(args.quick)),
            ("scale", lambda: bench_scale.run(args.quick)),
            ("quality", lambda: bench_quality.run(args.quick)),
        ):
            t = time.perf_counter()
            print(f"running {name} ...", file=sys.stderr, flush=True)
            results[name] = fn()
            timings[name] = time.perf_counter() - t
    results["section_seconds"] = timings
    results["total_seconds"] = time.perf_counter() - started
    print_table(results)
    sections = json.dumps({k: round(v) for k, v in timings.items()})
    print(f"\ntotal {results['total_seconds']:.0f} s; sections (s) {sections}")
    out = Path(args.json_out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"figures written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
