"""RDF read speed against its floor: ``sg.read`` beside the bare ``pyoxigraph.parse`` iteration.

Issue #21's target: ``sg.read`` of the ~500k-triple ESCO-shaped N-Triples file within 2x of
iterating ``pyoxigraph.parse`` over the same file (no model), both timed in this one
process, alternating (parse, read, parse, read, ...) so that load on a shared machine falls
on both alike. Prints the median of RUNS of each and the ratio of the medians.
``PYTHONPATH=OTHER_TREE`` measures another checkout (this one is only a fallback).

    python benchmarks/bench_rdf_read.py              # ~500k triples, N-Triples and Turtle
    python benchmarks/bench_rdf_read.py --runs 5 --syntax ntriples
    python benchmarks/bench_rdf_read.py --quick      # ~30k triples
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from _util import tree_on_path

tree_on_path(ROOT)

SUFFIX = {"ntriples": ".nt", "turtle": ".ttl"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.7, help="esco_like scale (1.7: ~500k)")
    parser.add_argument("--quick", action="store_true", help="scale 0.1 (~30k triples)")
    parser.add_argument("--syntax", choices=sorted(SUFFIX), action="append")
    args = parser.parse_args()
    import pyoxigraph as ox

    import skillgraph as sg
    from skillgraph._synthetic import esco_like
    from skillgraph.io import rdf  # noqa: F401  (import cost outside the timing)

    scale = 0.1 if args.quick else args.scale
    g = esco_like(scale, seed=0)
    formats = {"ntriples": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE}
    print(f"ESCO-shaped graph x{scale}: {g!r}; load {os.getloadavg()[0]:.2f} (1 min)")
    syntaxes = args.syntax or ["ntriples", "turtle"]
    with tempfile.TemporaryDirectory() as tmp:
        paths = {s: Path(tmp) / f"esco-like{SUFFIX[s]}" for s in syntaxes}
        for syntax, path in paths.items():
            sg.write(g, path, format=syntax)
        del g  # the reads run without the generated graph in memory
        gc.collect()
        print(f"{'syntax':<9} {'triples':>8} {'parse s':>8} {'sg.read s':>10} {'ratio':>6}  target")
        for syntax, path in paths.items():
            bare: list[float] = []
            ours: list[float] = []
            n = 0
            for _ in range(args.runs):
                gc.collect()
                t = time.perf_counter()
                n = sum(1 for _ in ox.parse(path=str(path), format=formats[syntax]))
                bare.append(time.perf_counter() - t)
                gc.collect()
                t = time.perf_counter()
                read = sg.read(path, format=syntax)
                ours.append(time.perf_counter() - t)
                del read
            b, o = statistics.median(bare), statistics.median(ours)
            mark = "ok" if o <= 2 * b else "MISSED"
            print(f"{syntax:<9} {n:>8,} {b:>8.3f} {o:>10.3f} {o / b:>5.2f}x  <= 2x {mark}")
    print(f"load {os.getloadavg()[0]:.2f} (1 min) after")


if __name__ == "__main__":
    main()
