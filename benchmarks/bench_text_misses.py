"""Why held-out O*NET titles miss: each miss at @1 / @5 of `bench_text`'s title section
tagged by kind, with examples (ranked as match_roles ranks, re-ranker on).

    python benchmarks/bench_text_misses.py [SEED]

Tags (a miss may carry several): the query is verbatim a title of another role (no
method that ranks verbatim titles first can get it at @1); an abbreviation; a word the
index does not know; the head noun (last content word) is in none of the own role's
titles, and is in the top role's; no word shared with the own role's titles; the top role
is a sibling (same SOC minor group) or shares the detailed SOC code; the own role has
fewer than 10 titles; "other" when none applies.
"""

from __future__ import annotations

import collections
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

import bench_text as bt

import skillgraph as sg
from skillgraph.model import NodeType
from skillgraph.text._analyze import STOP_WORDS, plural_key, tokens
from skillgraph.text._index import text_index
from skillgraph.text.match import match_nodes


def main() -> int:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else bt.SEED
    data = bt.data_dir()
    if data is None:
        print("real data folder missing: skipped", file=sys.stderr)
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        onet = sg.read(data / "onet" / "29.3")
    h, queries = bt.held_out(onet, NodeType.ROLE, 2000, seed)
    ix = text_index(h)
    titled = bt._titles_by_key(h.roles)

    def stems_of(t):
        return [x.stem for x in tokens(t) if x.word not in STOP_WORDS]

    node_stems = {
        nid: set(s for t in (n.label, *n.alt_labels) for s in stems_of(t))
        for nid, n in h.roles.items()
    }
    cat1 = collections.Counter()
    cat5 = collections.Counter()
    rank_hist = collections.Counter()
    examples = collections.defaultdict(list)
    n1 = n5 = 0
    for q, nid in queries:
        got = [
            m.id for m in match_nodes(h, q, (NodeType.ROLE,), 50, descriptions=True, rerank=True)
        ]
        r = got.index(nid) + 1 if nid in got else 999
        if r == 1:
            continue
        n1 += 1
        if r > 5:
            n5 += 1
        rank_hist["2-5" if r <= 5 else "6-10" if r <= 10 else "11-50" if r <= 50 else ">50"] += 1
        st = stems_of(q)
        top = got[0] if got else None
        tags = []
        others = titled.get(plural_key(q), set()) - {nid}
        if others:
            tags.append("verbatim title of another role")
        if (
            any(
                x.isupper() and len(x) <= 5 and x.isalpha()
                for x in q.replace(",", " ").replace("/", " ").split()
            )
            or "." in q
        ):
            tags.append("abbreviation")
        if any(s not in ix.vocab for s in st):
            tags.append("word unknown to index")
        if st and st[-1] not in node_stems[nid]:
            tags.append("head noun not in own titles")
        if st and all(s not in node_stems[nid] for s in st):
            tags.append("no word shared with own titles")
        if top and st and st[-1] in node_stems.get(top, set()) and st[-1] not in node_stems[nid]:
            tags.append("head noun matches top role only")
        if top and h.roles[top].cluster == h.roles[nid].cluster:
            tags.append("top is sibling (same SOC minor group)")
        if top and top.split(":")[-1][:7] == nid.split(":")[-1][:7]:
            tags.append("top shares SOC 6-digit (detailed) code")
        if len(h.roles[nid].alt_labels) < 10:
            tags.append("own role has <10 titles")
        if not tags:
            tags.append("other")
        for t in tags:
            cat1[t] += 1
            if r > 5:
                cat5[t] += 1
            if len(examples[t]) < 6:
                examples[t].append((q, h.roles[nid].label, h.roles[top].label if top else None, r))
    total = len(queries)
    print(
        f"seed {seed}: queries {total}, miss@1 {n1} ({n1 / total:.3f}),"
        f" miss@5 {n5} ({n5 / total:.3f})"
    )
    print("rank of own role among misses@1:", dict(rank_hist))
    print(f"{'category':45s} {'miss@1':>7s} {'miss@5':>7s}")
    for t, c in cat1.most_common():
        print(f"{t:45s} {c:7d} {cat5[t]:7d}")
    for t, ex in examples.items():
        print("##", t)
        for e in ex:
            print("   ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
