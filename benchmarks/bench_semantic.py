"""Held-out titles through the embedding methods only, and their speed (needs the extra).

    python benchmarks/bench_semantic.py --seed N [--queries 1000] [--hybrid-queries N]
        [--what onet|esco|skills ...] [--speed] [--json OUT]

The held-out split of ``bench_text.py`` (a seeded 10% of the alt labels removed before
the index is built; the same seeded sample of ``--queries`` labels as ``bench_text.py
--queries``), each removed label looked up by ``match_nodes`` with ``method="hybrid"``
(the lexical score mixed with the embedding cosine, not re-ranked: main's
``match_roles(method="hybrid")``; the first ``--hybrid-queries`` only) and, for roles,
``match_roles(method="hybrid")`` of this tree (the lexical and embedding candidates
ordered by the semantic model, `skillgraph.text._semantic`); acc@1 / @5 as in
``bench_text.py``. The lexical figures and the baseline of the same split come from
``bench_text.py --queries N``.

``--speed``: CPU time (``time.process_time``, medians) of the model load, of the
embeddings of every index entry and of the node vectors, and of ``match_roles`` per
title, lexical, hybrid not re-ranked and hybrid re-ranked, on the held-out split.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

from _util import data_dir
from bench_text import held_out

import skillgraph as sg
from skillgraph.model import NodeType
from skillgraph.text.match import match_nodes

WHAT = {
    "onet": ("O*NET 29.3 alternate titles", ("onet", "29.3"), NodeType.ROLE),
    "esco": ("ESCO v1.1.1 occupation alt labels", ("esco", "v1.1.1", "csv"), NodeType.ROLE),
    "skills": ("ESCO v1.1.1 skill alt labels", ("esco", "v1.1.1", "csv"), NodeType.SKILL),
}


def accuracy(g: sg.SkillGraph, what: str, seed: int, n: int, n_hybrid: int) -> dict[str, object]:
    name, _, kind = WHAT[what]
    h, queries = held_out(g, kind, n, seed)
    roles = kind is NodeType.ROLE
    rows: dict[str, object] = {"what": name, "seed": seed, "queries": len(queries)}
    methods = [("hybrid re-ranked", True)] if roles else []
    methods.append(("hybrid", False))
    for tag, rerank in methods:
        a1 = a5 = 0
        sample = queries if rerank else queries[:n_hybrid]
        rows[f"{tag} queries"] = len(sample)
        for q, nid in sample:
            found = match_nodes(
                h, q, (kind,), 5, descriptions=roles, method="hybrid", rerank=rerank
            )
            got = [m.id for m in found]
            a1 += bool(got) and got[0] == nid
            a5 += nid in got
        rows[f"{tag} acc@1"] = a1 / max(1, len(sample))
        rows[f"{tag} acc@5"] = a5 / max(1, len(sample))
        print(rows, flush=True)
    return rows


def speed(g: sg.SkillGraph, what: str, seed: int, n: int) -> dict[str, object]:
    from skillgraph.text import _embed, _semantic
    from skillgraph.text._index import text_index

    name, _, kind = WHAT[what]
    h, queries = held_out(g, kind, n, seed)
    _embed.embedder.cache_clear()
    c = time.process_time()
    _embed.embedder()
    load = time.process_time() - c
    text_index(h)
    c = time.process_time()
    _embed.entry_vectors(h)
    entries = time.process_time() - c
    c = time.process_time()
    _semantic.node_vectors(h)
    nodes = time.process_time() - c
    h.match_roles("warm up", method="hybrid")
    row: dict[str, object] = {
        "what": f"speed, {name}",
        "model load s": load,
        "entry embeddings s": entries,
        "node vectors s": nodes,
    }
    for tag, method, rerank in (
        ("lexical", "lexical", True),
        ("hybrid", "hybrid", False),
        ("hybrid re-ranked", "hybrid", True),
    ):
        times = []
        for q, _ in queries:
            c = time.process_time()
            h.match_roles(q, 5, method=method, rerank=rerank)  # type: ignore[arg-type]
            times.append(time.process_time() - c)
        row[f"match_roles {tag} p50 ms"] = 1000 * statistics.median(times)
    print(row, flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument(
        "--hybrid-queries",
        type=int,
        default=1000,
        help='of those, how many go through "hybrid" (not re-ranked; default 1,000)',
    )
    p.add_argument("--what", choices=sorted(WHAT), action="append")
    p.add_argument("--speed", action="store_true", help="time instead (roles only)")
    p.add_argument("--json", type=Path)
    args = p.parse_args(argv)
    data = data_dir()
    if data is None:
        print("real data folder missing", file=sys.stderr)
        return 1
    out = []
    graphs: dict[tuple[str, ...], sg.SkillGraph] = {}
    for what in args.what or sorted(WHAT):
        path = WHAT[what][1]
        if path not in graphs:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                graphs[path] = sg.read(data.joinpath(*path))
        if args.speed:
            out.append(speed(graphs[path], what, args.seed, args.queries))
        else:
            out.append(accuracy(graphs[path], what, args.seed, args.queries, args.hybrid_queries))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
