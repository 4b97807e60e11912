"""Convert the demo ontology to every writable format, read each back, check equality.

Writes native JSON, Turtle, JSON-LD, N-Triples and RDF/XML into a temporary folder,
reads every file back (the format recognised from its content), checks that each gives a
graph equal to the original, and prints the sizes.

Run: python examples/convert_formats.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import skillgraph as sg

FILES = {
    "json": "demo.json",
    "turtle": "demo.ttl",
    "jsonld": "demo.jsonld",
    "ntriples": "demo.nt",
    "rdfxml": "demo.rdf",
}


def main() -> int:
    g = sg.load("demo")
    print(f"Source: {g!r}")
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'format':9} {'file':12} {'bytes':>8} {'write ms':>9} {'read ms':>8}  round trip")
        for fmt, name in FILES.items():
            path = Path(tmp) / name
            t0 = time.perf_counter()
            sg.write(g, path)
            t1 = time.perf_counter()
            back = sg.read(path)
            t2 = time.perf_counter()
            ok = back == g
            if not ok:
                failed.append(fmt)
            print(
                f"{fmt:9} {name:12} {path.stat().st_size:8d} {(t1 - t0) * 1e3:9.1f} "
                f"{(t2 - t1) * 1e3:8.1f}  {'equal' if ok else 'DIFFERENT: ' + str(g.diff(back))}"
            )
    if failed:
        print(f"round trip failed for: {', '.join(failed)}")
        return 1
    print("every format read back equal to the original")
    return 0


if __name__ == "__main__":
    sys.exit(main())
