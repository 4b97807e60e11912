"""Held-out titles, lean (titles17): per seed and taxonomy, right @1 / @5 of each query.

    python benchmarks/bench_text_touched.py TREE SEED [--touched]

The held-out split of ``bench_text.py`` (2,000 labels: O*NET 29.3 alternate titles, ESCO
v1.1.1 occupation and skill alt labels), each query through ``match_nodes`` as
``bench_text.py`` calls it (roles re-ranked, with descriptions), and the character
3-gram TF-IDF baseline; with ``--touched`` only the queries the titles17 rules can touch
(one character, a brand word, a leading level word) and no baseline. Writes
``rep_<tree>_<seed>[_t].json`` in the working folder (per query: right @1, right @5).
"""

# ruff: noqa
import json
import re
import sys
import warnings

warnings.simplefilter("ignore")
tree = sys.argv[1]
seed = int(sys.argv[2])
touched_only = "--touched" in sys.argv
sys.path.insert(0, tree + "/benchmarks")
import numpy as np
import bench_text as bt
import skillgraph as sg
from skillgraph.model import NodeType
from skillgraph.text.match import match_nodes
from skillgraph.text._analyze import words

LEVEL = {"senior", "junior", "sr", "jr", "lead", "principal"}
BR = re.compile(r"\b(uber|lyft|rideshare|ridesharing)\b", re.I)


def touched(q):
    w = words(q)
    return len("".join(w)) < 2 or bool(BR.search(q)) or (len(w) > 1 and w[0] in LEVEL)


onet = sg.read("/work/shared/data/onet/29.3")
esco = sg.read("/work/shared/data/esco/v1.1.1/csv")
out = {}
for name, g, kind in (
    ("onet", onet, NodeType.ROLE),
    ("esco occ", esco, NodeType.ROLE),
    ("esco skills", esco, NodeType.SKILL),
):
    h, queries = bt.held_out(g, kind, 2000, seed)
    roles = kind is NodeType.ROLE
    sel = [(i, q, nid) for i, (q, nid) in enumerate(queries) if not touched_only or touched(q)]
    res = {}
    for i, q, nid in sel:
        got = [m.id for m in match_nodes(h, q, (kind,), 5, descriptions=roles, rerank=roles)]
        res[i] = [bool(got) and got[0] == nid, nid in got]
    row = {"n": len(queries), "ours": res}
    if not touched_only:
        nodes = h.roles if roles else h.skills
        ids = sorted(nodes)
        texts, owner = [], []
        for j, nid in enumerate(ids):
            n = nodes[nid]
            for t in (n.label, *n.alt_labels, *n.hidden_labels):
                texts.append(t)
                owner.append(j)
        tf = bt.CharTfidf(texts)
        own = np.array(owner)
        b1 = b5 = 0
        for q, nid in queries:
            base = [ids[j] for j in bt._baseline_rank(tf, own, q)]
            b1 += bool(base) and base[0] == nid
            b5 += nid in base[:5]
        row["baseline"] = [b1 / len(queries), b5 / len(queries)]
        row["touched"] = [i for i, (q, _) in enumerate(queries) if touched(q)]
    out[name] = row
    print(name, seed, len(sel), flush=True)
json.dump(out, open(f"rep_{tree.split('/')[-1]}_{seed}{'_t' if touched_only else ''}.json", "w"))
