"""How much a second recall source could add to ``match_roles``: the held-out titles that
``match_roles`` misses at @5, and how many of them a document BM25 would recall.

    python benchmarks/bench_text_recall.py [--seed N ...] [--queries 2000] [--esco]

For each seed, the held-out split of ``bench_text.py`` (a seeded 10% of the O*NET 29.3
alternate titles removed before indexing; with ``--esco`` also ESCO v1.1.1 occupation
alt labels). Per held-out title: the own role's place under ``match_roles`` (re-ranked)
and in lexical order (the re-ranker sees the first ``RERANK_CANDIDATES``, 40), and its
place under a word BM25 (k1 1.2, b 0.75, stems, stop words dropped) over each role's
document, one of:

- ``description``: the role's description (in the graph);
- ``tasks``: its O*NET Task Statements (``Task Statements.txt`` of the data folder, which
  `skillgraph.io.onet` does not read; the description where a role has none);
- ``description + tasks``;
- ``description + tasks + titles``: also the role's label and remaining alt labels.

Printed: acc@5, lexical recall at 40 / 80 / 300, and for each document the misses @5
whose own role is outside the 40 lexical candidates that the document's BM25 ranks in
its first 5 / 10 / 20 (at most what merging that many BM25 candidates into the re-ranker's
set could add at @5, if the re-ranker then placed every one of them in the first five).
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
import warnings
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

from _util import data_dir
from bench_text import held_out

import skillgraph as sg
from skillgraph.model import NodeType
from skillgraph.text._analyze import STOP_WORDS, tokens
from skillgraph.text._rerank import RERANK_CANDIDATES
from skillgraph.text.match import match_nodes

DOCUMENTS = ("description", "tasks", "description + tasks", "description + tasks + titles")
CUTS = (5, 10, 20)
#: ranks past the last one looked at
FAR = 10**6


def _stems(text: str) -> list[str]:
    return [t.stem for t in tokens(text) if t.word not in STOP_WORDS]


class Bm25:
    """Word BM25 over one document per role (stems; k1 1.2, b 0.75)."""

    def __init__(self, texts: list[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for i, text in enumerate(texts):
            for s in _stems(text):
                rows.append(i)
                cols.append(self.vocab.setdefault(s, len(self.vocab)))
        n = len(texts)
        m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(self.vocab)))
        m.sum_duplicates()
        df = np.bincount(m.indices, minlength=len(self.vocab))
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        length = np.asarray(m.sum(axis=1)).ravel()
        avg = max(float(length.mean()), 1e-9) if n else 1.0
        row = np.repeat(np.arange(n), np.diff(m.indptr))
        tf = m.data
        m.data = idf[m.indices] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length[row] / avg))
        self.m = sp.csc_matrix(m)

    def rank(self, query: str, own: int) -> int:
        """The 1-based place of document ``own`` for ``query`` (FAR if it scores 0)."""
        cols = sorted({self.vocab[s] for s in _stems(query) if s in self.vocab})
        if not cols:
            return FAR
        score = np.asarray(self.m[:, cols].sum(axis=1)).ravel()
        if score[own] <= 0.0:
            return FAR
        # ties: the lower index first, as a stable sort gives
        ahead = (score > score[own]).sum() + (score[:own] == score[own]).sum()
        return int(ahead) + 1


def task_statements(folder: Path) -> dict[str, list[str]]:
    """O*NET role id -> its task statements (empty if the file is missing)."""
    path = folder / "Task Statements.txt"
    out: dict[str, list[str]] = collections.defaultdict(list)
    if not path.exists():
        return out
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t")
        head = next(rows)
        code, task = head.index("O*NET-SOC Code"), head.index("Task")
        for r in rows:
            out[f"onet:{r[code]}"].append(r[task])
    return out


def documents(h: sg.SkillGraph, ids: list[str], tasks: dict[str, list[str]]) -> dict[str, Bm25]:
    roles = h.roles
    desc = [roles[i].description or "" for i in ids]
    task = [" ".join(tasks.get(i, ())) for i in ids]
    titles = [" ".join((roles[i].label, *roles[i].alt_labels)) for i in ids]
    return {
        "description": Bm25(desc),
        "tasks": Bm25([t or d for t, d in zip(task, desc, strict=True)]),
        "description + tasks": Bm25([f"{d} {t}" for d, t in zip(desc, task, strict=True)]),
        "description + tasks + titles": Bm25(
            [f"{d} {t} {x}" for d, t, x in zip(desc, task, titles, strict=True)]
        ),
    }


def one_split(name: str, g: sg.SkillGraph, tasks: dict[str, list[str]], seed: int, n: int) -> None:
    h, queries = held_out(g, NodeType.ROLE, n, seed)
    ids = sorted(h.roles)
    at = {nid: i for i, nid in enumerate(ids)}
    docs = documents(h, ids, tasks)
    ranked, lexical = [], []
    found: dict[str, list[int]] = {d: [] for d in DOCUMENTS}
    for q, nid in queries:
        for out, rerank in ((ranked, True), (lexical, False)):
            got = [
                m.id
                for m in match_nodes(h, q, (NodeType.ROLE,), 300, descriptions=True, rerank=rerank)
            ]
            out.append(got.index(nid) + 1 if nid in got else FAR)
        for d in DOCUMENTS:
            found[d].append(docs[d].rank(q, at[nid]))
    r, lx = np.array(ranked), np.array(lexical)
    miss = r > 5
    outside = miss & (lx > RERANK_CANDIDATES)
    print(
        f"{name} seed {seed}: {len(queries)} titles, acc@5 {float((r <= 5).mean()):.4f};"
        f" lexical recall @40 {float((lx <= 40).mean()):.4f}, @80 {float((lx <= 80).mean()):.4f},"
        f" @300 {float((lx <= 300).mean()):.4f}; misses @5 {int(miss.sum())},"
        f" own role outside the {RERANK_CANDIDATES} candidates {int(outside.sum())}"
    )
    cuts = " / ".join(f"@{k}" for k in CUTS)
    print(f"  {'document':32s} of those, BM25 {cuts}   (every title: {cuts})")
    for d in DOCUMENTS:
        if d != "description" and not tasks:
            continue
        dr = np.array(found[d])
        inside = " / ".join(str(int((outside & (dr <= k)).sum())) for k in CUTS)
        every = " / ".join(str(int((dr <= k).sum())) for k in CUTS)
        print(f"  {d:32s} {inside:>18s}   ({every})")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, action="append", help="held-out split (default 153)")
    p.add_argument("--queries", type=int, default=2000)
    p.add_argument("--esco", action="store_true", help="also ESCO v1.1.1 occupations")
    args = p.parse_args(argv)
    data = data_dir()
    if data is None:
        print("real data folder missing: skipped", file=sys.stderr)
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graphs = [("O*NET 29.3", sg.read(data / "onet" / "29.3"), data / "onet" / "29.3")]
        if args.esco:
            graphs.append(("ESCO v1.1.1", sg.read(data / "esco" / "v1.1.1" / "csv"), None))
    for name, g, folder in graphs:
        tasks = task_statements(folder) if folder is not None else {}
        for seed in args.seed or [153]:
            one_split(name, g, tasks, seed, args.queries)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
