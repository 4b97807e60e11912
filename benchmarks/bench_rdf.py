"""RDF read/write speed and peak memory: skillgraph (pyoxigraph) next to rdflib.

Generates an ESCO-shaped graph (``skillgraph._synthetic.esco_like``) of about 500k triples,
writes it as Turtle and N-Triples, then for each syntax runs, each in a fresh subprocess:

- skillgraph: ``sg.read`` (pyoxigraph streaming parse into the model), then ``sg.write``;
- rdflib: ``rdflib.Graph().parse``, then ``Graph.serialize``;
- pyoxigraph: the bare ``pyoxigraph.parse`` iteration over the file (no model), the
  baseline of the read target: ``sg.read`` within 2x of it (issue #21).

Peak memory is the growth of the subprocess's peak RSS over its RSS after imports (it
includes what the Rust side allocates, which tracemalloc would miss); the write column is
the peak of read + write, as each subprocess writes the graph it has just read.

    python benchmarks/bench_rdf.py            # ~500k triples (a few minutes: rdflib is slow)
    python benchmarks/bench_rdf.py --quick    # ~30k triples
    python benchmarks/bench_rdf.py --traced   # also both tools under tracemalloc (slow)

``--traced`` repeats every run with ``tracemalloc`` started before the timing. It is not
how the table's figures are taken (tracing slows Python code several times, Rust code
not at all); it shows where the reference figures quoted in the RDF issue come from
(rdflib 30 s to read, 5.2 s to write N-Triples: what rdflib takes here when traced).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULL_SCALE = 1.7  # esco_like(1.7) gives about 500k triples
QUICK_SCALE = 0.1
SUFFIX = {"turtle": ".ttl", "ntriples": ".nt"}
RDFLIB = {"turtle": "turtle", "ntriples": "nt"}


def _peak_mib() -> float:
    """This process's peak RSS.

    ``VmHWM`` where Linux gives it: ``ru_maxrss`` survives ``exec`` and would report the
    parent's peak (the parent holds the generated graph) instead of the child's.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _rss_mib() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 1024**2


def child(tool: str, syntax: str, path: str, traced: bool = False) -> None:
    """Time read then write of ``path`` with ``tool``; print a JSON result line."""
    out_path = path + ".out"
    if traced:
        import tracemalloc

        tracemalloc.start()
    if tool == "skillgraph":
        import skillgraph as sg
        from skillgraph.io import (
            rdf,  # noqa: F401  (import cost outside the timing)
            registry,
        )

        base = _rss_mib()
        t0 = time.perf_counter()
        g = sg.read(path, format=syntax)
        t1 = time.perf_counter()
        read_peak = _peak_mib() - base
        writer = registry.get(syntax).get_writer()
        with open(out_path, "wb") as fh:  # as rdflib: a plain file, no atomic rename/fsync
            writer(g, fh)
        t2 = time.perf_counter()
        n = len(g)
    elif tool == "pyoxigraph":
        import pyoxigraph as ox

        fmt = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}[syntax]
        base = _rss_mib()
        t0 = time.perf_counter()
        n = sum(1 for _ in ox.parse(path=path, format=fmt))
        t1 = t2 = time.perf_counter()
        read_peak = _peak_mib() - base
    else:
        import rdflib

        base = _rss_mib()
        t0 = time.perf_counter()
        graph = rdflib.Graph().parse(path, format=RDFLIB[syntax])
        t1 = time.perf_counter()
        read_peak = _peak_mib() - base
        graph.serialize(out_path, format=RDFLIB[syntax])
        t2 = time.perf_counter()
        n = len(graph)
    print(
        json.dumps(
            {
                "read": t1 - t0,
                "write": t2 - t1,
                "read_mib": read_peak,
                "write_mib": _peak_mib() - base,
                "size": n,
            }
        )
    )


def run(tool: str, syntax: str, path: Path, traced: bool = False) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", tool, syntax, str(path)]
        + (["--traced"] if traced else []),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="about 30k triples")
    parser.add_argument("--scale", type=float, default=None)
    parser.add_argument(
        "--traced", action="store_true", help="also time both tools under tracemalloc"
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("TOOL", "SYNTAX", "PATH"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        tool, syntax, path = args.child
        child(tool, syntax, path, traced=args.traced)
        return
    sys.path.insert(0, str(ROOT))
    import skillgraph as sg
    from skillgraph._synthetic import esco_like
    from skillgraph.io import rdf

    scale = args.scale or (QUICK_SCALE if args.quick else FULL_SCALE)
    g = esco_like(scale, seed=0)
    n_triples = len(rdf.triples(g))
    print(f"ESCO-shaped graph x{scale}: {g!r}, {n_triples:,} triples\n")
    header = (
        f"{'syntax':<10} {'op':<6} {'skillgraph s':>13} {'rdflib s':>10} {'ratio':>7} "
        f"{'skillgraph MiB':>15} {'rdflib MiB':>11} {'target':>7}"
    )
    print(header)
    print("-" * len(header))
    targets = {
        ("turtle", "read"): 15,
        ("ntriples", "read"): 15,
        ("turtle", "write"): 20,
        ("ntriples", "write"): 5,
    }
    with tempfile.TemporaryDirectory() as tmp:
        for syntax in ("turtle", "ntriples"):
            path = Path(tmp) / f"esco-like{SUFFIX[syntax]}"
            sg.write(g, path, format=syntax)
            ours = run("skillgraph", syntax, path)
            theirs = run("rdflib", syntax, path)
            bare = run("pyoxigraph", syntax, path)
            for op in ("read", "write"):
                ratio = theirs[op] / ours[op]
                target = targets[(syntax, op)]
                mark = "ok" if ratio >= target else "MISSED"
                print(
                    f"{syntax:<10} {op:<6} {ours[op]:>13.2f} {theirs[op]:>10.2f} "
                    f"{ratio:>6.1f}x {ours[op + '_mib']:>15.0f} {theirs[op + '_mib']:>11.0f} "
                    f"{'>=' + str(target) + 'x ' + mark:>7}"
                )
            print(
                f"{syntax:<10} {'parse':<6} {bare['read']:>13.2f} {'':>10} "
                f"{ours['read'] / bare['read']:>6.1f}x  (bare pyoxigraph.parse; target <= 2x)"
            )
            size = path.stat().st_size / 1024**2
            print(
                f"{'':<10} file {size:.1f} MiB; skillgraph nodes {ours['size']:,.0f}, "
                f"rdflib triples {theirs['size']:,.0f}"
            )
            if args.traced:
                ours_t = run("skillgraph", syntax, path, traced=True)
                theirs_t = run("rdflib", syntax, path, traced=True)
                for op in ("read", "write"):
                    print(
                        f"{syntax:<10} {op + '*':<6} {ours_t[op]:>13.2f} {theirs_t[op]:>10.2f} "
                        f"{theirs_t[op] / ours_t[op]:>6.1f}x  (* both under tracemalloc)"
                    )


if __name__ == "__main__":
    main()
