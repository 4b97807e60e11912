"""Where ``sg.read`` of RDF spends its time: the reader's phases beside the parser's floors.

Issue #21's target is ``sg.read`` <= 2x the bare (strict) ``pyoxigraph.parse`` iteration.
This prints, in one process and alternating so that load on a shared machine falls on all
alike, the medians of RUNS (wall and CPU time, each as a ratio to the bare strict parse):

- floors: the lenient parse the reader uses, that parse with the minimum term decoding
  (subject, predicate IRI, object), and with the minimum storage (a list of tuples);
- ``sg.read`` whole, and the reader's phases: collect (parse + decoding + dispatch by
  predicate into per-subject lists), check (the lenient parse's IRIs and tags), ESCO
  shapes, reader set-up (node kinds, ids), build (nodes, model checks, edges, extra
  triples), release (freeing the collected triples).

    python benchmarks/bench_rdf_read_phases.py            # ~500k triples, 5 runs
    python benchmarks/bench_rdf_read_phases.py --quick    # ~30k triples
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
from _util import tree_on_path

tree_on_path(ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=float, default=1.7, help="esco_like scale (1.7: ~500k)")
    parser.add_argument("--quick", action="store_true", help="scale 0.1 (~30k triples)")
    args = parser.parse_args()
    import pyoxigraph as ox

    import skillgraph as sg
    from skillgraph._synthetic import esco_like
    from skillgraph._trusted import paused_gc
    from skillgraph.io.rdf import _esco
    from skillgraph.io.rdf._collect import Collected
    from skillgraph.io.rdf._reader import _Reader

    fmt = ox.RdfFormat.N_TRIPLES
    scale = 0.1 if args.quick else args.scale
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "esco-like.nt")
        sg.write(esco_like(scale, seed=0), path, format="ntriples")
        gc.collect()

        def lenient() -> Any:
            return ox.parse(path=path, format=fmt, lenient=True, without_named_graphs=True)

        def strict_parse() -> None:
            for _ in ox.parse(path=path, format=fmt):
                pass

        def lenient_parse() -> None:
            for _ in lenient():
                pass

        def decode() -> None:
            named = ox.NamedNode
            for t in lenient():
                _s, _p, o = t.subject.value, t.predicate.value, t.object
                if type(o) is named:
                    o = o.value

        def store() -> None:
            with paused_gc():  # as the reader does: the collector would scan every tuple
                rows = [(t.subject.value, t.predicate.value, t.object) for t in lenient()]
                del rows

        def read() -> None:
            sg.read(path, format="ntriples")

        plain: dict[str, Callable[[], None]] = {
            "strict parse (bare)": strict_parse,
            "lenient parse": lenient_parse,
            "  + term decoding": decode,
            "  + list of tuples": store,
            "sg.read": read,
        }
        phases = ["collect", "check", "ESCO shapes", "reader set-up", "build", "release"]
        wall: dict[str, list[float]] = {k: [] for k in [*plain, *phases]}
        cpu: dict[str, list[float]] = {k: [] for k in wall}
        for _ in range(args.runs):
            for name, fn in plain.items():
                gc.collect()
                t, c = time.perf_counter(), time.process_time()
                fn()
                wall[name].append(time.perf_counter() - t)
                cpu[name].append(time.process_time() - c)
            gc.collect()
            marks = [(time.perf_counter(), time.process_time())]
            with paused_gc():  # as the reader does
                col = Collected(path)
                col.collect(lenient(), None, unchecked=True)
                marks.append((time.perf_counter(), time.process_time()))
                col.check()
                marks.append((time.perf_counter(), time.process_time()))
                _esco.normalise(col, False)
                marks.append((time.perf_counter(), time.process_time()))
                reader = _Reader(col, None, None, None, None)
                marks.append((time.perf_counter(), time.process_time()))
                g = reader.build()
                marks.append((time.perf_counter(), time.process_time()))
                reader.release()
                col.clear()
                del g
                marks.append((time.perf_counter(), time.process_time()))
            for name, a, b in zip(phases, marks, marks[1:], strict=False):
                wall[name].append(b[0] - a[0])
                cpu[name].append(b[1] - a[1])
    bw = statistics.median(wall["strict parse (bare)"])
    bc = statistics.median(cpu["strict parse (bare)"])
    print(f"ESCO-shaped N-Triples x{scale}, {args.runs} runs; load {os.getloadavg()[0]:.2f}")
    print(f"{'':<22} {'wall s':>7} {'ratio':>6} {'cpu s':>7} {'ratio':>6}")
    for name in wall:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"{name:<22} {w:>7.3f} {w / bw:>5.2f}x {c:>7.3f} {c / bc:>5.2f}x")
    print("(phases: the reader's own steps, run outside sg.read; target: sg.read <= 2x bare)")


if __name__ == "__main__":
    main()
