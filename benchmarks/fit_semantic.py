"""Fit the semantic trees of ``match_roles(method="hybrid")`` (`skillgraph.text._semantic`).

    python benchmarks/fit_semantic.py --seed 186 ... [--eval-seed 190] [--exclude-seed 181 ...]
        [--trees N] [--queries 2000] [--only onet|esco] [--cache DIR] [--write FILE]

Needs the ``embeddings`` extra. For each seed, the held-out split of ``bench_text.py`` (a
seeded 10% of the alt labels removed before indexing) of O*NET 29.3 alternate titles and
of ESCO v1.1.1 occupation alt labels; for each held-out title, the candidates of
`skillgraph.text._semantic.semantic_candidates` and their features exactly as
``match_roles(title, method="hybrid")`` computes them, and the own role's rank under
main's ``match_roles`` (lexical, re-ranked). N boosted trees (`skillgraph.text._trees.boost`:
the pairwise logistic loss of the own role against each other candidate, pairs across the
fifth place weighted up, each taxonomy weighted equally) are fitted on top of the lexical
order model's score (linear weights and trees) and written to
``skillgraph/text/semantic_trees.json`` (or ``--write``). It prints titles right @1 / @5
per seed: main's lexical re-ranker, the lexical order model over the semantic candidates
(the trees at 0) and with the trees. ``--exclude-seed`` (the report seeds) leaves every
(title, role) pair queried at those seeds out of the fit. Fit on tuning seeds only.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import warnings
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

from _util import data_dir
from bench_text import held_out
from fit_rerank import excluded, lexical_scores

import skillgraph as sg
from skillgraph.model import NodeType
from skillgraph.text import _rerank, _semantic
from skillgraph.text._analyze import words
from skillgraph.text._embed import embedder
from skillgraph.text._index import text_index
from skillgraph.text._trees import Trees, boost, order_trees, trees_document

#: L2 weight of `linear_fit`
L2 = 1e-3
#: the lexical features the semantic trees may split on (with every semantic feature):
#: what says how much the words settle (fewer columns: a fit the machine can afford)
TREE_LEXICAL = (
    "score",
    "coverage",
    "best title",
    "owner",
    "log titles",
    "is best",
    "label field",
    "head in best",
    "first share",
    "catch-all",
)

#: (features, own role's candidate index or -1, pinned mask, main's rank of the own role,
#: main's first place's candidate index or -1)
Query = tuple[np.ndarray, int, np.ndarray, int, int]


def queries_of(g: sg.SkillGraph, seed: int, n_max: int, main: bool = True) -> list[Query]:
    """The semantic candidates' features of every held-out title of ``g``'s roles (and
    main's rank of the own role, unless not ``main``: 99)."""
    h, queries = held_out(g, NodeType.ROLE, n_max, seed)
    ix = text_index(h)
    mask = ix.type_mask((NodeType.ROLE,))
    assert mask is not None
    docs, _ = ix.descriptions(h)
    vectors = embedder()([t for t, _ in queries]) if queries else np.zeros((0, 256))
    out: list[Query] = []
    for (title, nid), query in zip(queries, vectors, strict=True):
        best, added, entry_scores, toks, cols, w = lexical_scores(h, ix, docs, mask, title)
        verbatim = frozenset(n for _, n in ix.same_title(words(title)))
        said = _rerank.TitleWords(
            order=tuple(ix.vocab.get(t.stem) for t in toks), verbatim=verbatim
        )
        es, emb_best = _semantic.semantic_scores(h, ix, query, mask)
        cands, x = _semantic.semantic_candidates(
            h, ix, query, best, added, entry_scores, cols, w, said, es, emb_best, mask
        )
        me = ix.position[nid]
        lexical = _rerank.rerank(h, ix, best, added, entry_scores, cols, w, said) if main else []
        at = np.flatnonzero(np.asarray(lexical) == me)
        top = np.flatnonzero(cands == lexical[0]) if len(lexical) else []
        own = np.flatnonzero(cands == me)
        pinned = np.array([n in verbatim for n in cands.tolist()], dtype=bool)
        out.append(
            (
                x.astype(np.float32),
                int(own[0]) if len(own) else -1,
                pinned,
                int(at[0]) if len(at) else 99,
                int(top[0]) if len(top) else -1,
            )
        )
    return out


def lexical_score(x: np.ndarray) -> np.ndarray:
    """The lexical order model's score (linear weights and trees) of rows ``x``."""
    n = len(_rerank.ORDER_FEATURES)
    lex = x[:, :n].astype(np.float64)
    return np.asarray(
        lex @ _rerank.ORDER_WEIGHTS + order_trees(_rerank.ORDER_FEATURES).predict(lex)
    )


def linear_fit(
    x: np.ndarray, base: np.ndarray, title: np.ndarray, mine: np.ndarray, weight: np.ndarray
) -> np.ndarray:
    """`skillgraph.text._semantic.SEMANTIC_WEIGHTS`: weights of the semantic features
    (the columns after the lexical order model's) minimising the pairwise logistic loss
    of the own role against each other candidate of its title, on top of ``base``, plus
    ``L2`` times their squares (L-BFGS from 0)."""
    sem = x[:, len(_rerank.ORDER_FEATURES) :]
    own_of = np.zeros(int(title.max()) + 1, dtype=np.int64)
    own_of[title[mine]] = np.flatnonzero(mine)
    other = ~mine
    rows, owner = np.flatnonzero(other), own_of[title[other]]
    d_x = sem[rows] - sem[owner]
    d_base = base[rows] - base[owner]
    w = weight[title[rows]] / (int(title.max()) + 1)

    def objective(v: np.ndarray) -> tuple[float, np.ndarray]:
        m = d_base + d_x @ v
        loss = float(w @ np.logaddexp(0.0, m)) + L2 * float(v @ v)
        grad = (w / (1.0 + np.exp(-m))) @ d_x + 2 * L2 * v
        return loss, grad

    fitted: np.ndarray = minimize(objective, np.zeros(sem.shape[1]), jac=True, method="L-BFGS-B").x
    return fitted


def rank(
    q: Query, weights: np.ndarray | None, trees: Trees | None, main_first: bool = False
) -> int:
    """The own role's rank under `skillgraph.text._semantic.semantic_order` with the
    semantic ``weights`` and ``trees`` (None: 0), 99 if it is not a candidate;
    ``main_first``: main's first place first (when known), the others by the model."""
    x, own, pinned, _, top = q
    if own < 0:
        return 99
    if main_first and top >= 0:
        if own == top:
            return 0
        keep = np.arange(len(x)) != top
        q = (x[keep], own - int(top < own), pinned[keep], 99, -1)
        return 1 + rank(q, weights, trees)
    z = lexical_score(x)
    if weights is not None:
        z = z + x[:, len(_rerank.ORDER_FEATURES) :].astype(np.float64) @ weights
    if trees is not None:
        z = z + trees.predict(x.astype(np.float64))
    key = np.lexsort((np.arange(len(x)), np.where(pinned, 0.0, -z), ~pinned))
    return int(np.flatnonzero(key == own)[0])


def first(trees: Trees, k: int) -> Trees:
    """The first ``k`` of ``trees``."""
    return Trees(trees.depth, trees.feature[:k], trees.threshold[:k], trees.leaf[:k])


def pair_rows(sets: list[list[Query]]) -> tuple[np.ndarray, ...]:
    """Training rows: per title whose own role is a candidate and not verbatim, its
    candidates that do not hold the title verbatim (see ``fit_rerank._pair_rows``)."""
    rows, title, own_rows, weight, cut = [], [], [], [], []
    k = 0
    for qs in sets:
        kept = [q for q in qs if q[1] >= 0 and not q[2][q[1]] and (~q[2]).sum() > 1]
        for x, own, pinned, *_ in kept:
            rows.append(x[~pinned])
            title.append(np.full(int((~pinned).sum()), k))
            mine = np.zeros(int((~pinned).sum()), dtype=bool)
            mine[int((~pinned)[:own].sum())] = True
            own_rows.append(mine)
            k += 1
        weight.append(np.full(len(kept), 1.0 / (len(sets) * max(len(kept), 1))))
        cut.extend(max(1, 5 - int(pn[:5].sum())) for _, _, pn, *_ in kept)
    w = np.concatenate(weight)
    return (
        np.vstack(rows).astype(np.float64),
        np.concatenate(title),
        np.concatenate(own_rows),
        w * len(w),
        np.asarray(cut),
    )


def counts(qs: list[Query], variants: dict[str, tuple[np.ndarray | None, Trees | None]]) -> str:
    """Titles right @1 / @5: main's ``match_roles`` (when computed) and each variant."""
    rows = {"main": [q[3] for q in qs]} if any(q[3] < 99 for q in qs) else {}
    rows.update({k: [rank(q, v, t) for q in qs] for k, (v, t) in variants.items()})
    if "main" in rows:
        rows.update(
            {
                f"{k}, main first": [rank(q, v, t, True) for q in qs]
                for k, (v, t) in variants.items()
            }
        )
    return "  ".join(
        f"{k} {sum(r == 0 for r in v)} / {sum(r < 5 for r in v)}" for k, v in rows.items()
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, action="append", required=True)
    p.add_argument("--eval-seed", type=int, action="append", default=[])
    p.add_argument("--exclude-seed", type=int, action="append", default=[])
    p.add_argument("--queries", type=int, default=2000)
    p.add_argument("--trees", type=int, default=0)
    p.add_argument("--only", choices=("onet", "esco"))
    p.add_argument("--cache", type=Path)
    p.add_argument("--write", type=Path, default=_semantic.SEMANTIC_TREES_FILE)
    args = p.parse_args(argv)
    data = data_dir()
    if data is None:
        print("real data folder missing", file=sys.stderr)
        return 1
    paths = {"onet": data / "onet" / "29.3", "esco": data / "esco" / "v1.1.1" / "csv"}
    names = [args.only] if args.only else list(paths)
    read: dict[str, sg.SkillGraph] = {}

    def graph(name: str) -> sg.SkillGraph:
        if name not in read:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                read[name] = sg.read(paths[name])
        return read[name]

    def load(name: str, seed: int) -> list[Query]:
        path = args.cache / f"{name}-{seed}-{args.queries}.pkl" if args.cache else None
        if path is not None and path.exists():
            with path.open("rb") as fh:
                kept: list[Query] = pickle.load(fh)
                # features kept before main's first place was recorded: unknown (-1)
                return [q if len(q) == 5 else (*q, -1) for q in kept]  # type: ignore[misc]
        out = queries_of(graph(name), seed, args.queries, seed in args.eval_seed)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                pickle.dump(out, fh)
        print(f"features: {name} seed {seed}", flush=True)
        return out

    sets = {name: [q for s in args.seed for q in load(name, s)] for name in names}
    for s in args.eval_seed:
        for name in names:
            load(name, s)
    if args.exclude_seed:
        for name in names:
            drop = excluded(graph(name), args.seed, args.queries, args.exclude_seed)
            sets[name] = [q for q, bad in zip(sets[name], drop, strict=True) if not bad]
            print(f"{name}: {sum(drop)} fit titles left out (queried at {args.exclude_seed})")
    x, title, mine, weight, cut = pair_rows(list(sets.values()))
    base = lexical_score(x)
    weights = linear_fit(x, base, title, mine, weight)
    print("SEMANTIC_WEIGHTS = np.array([" + ", ".join(f"{v:.4g}" for v in weights) + "])")
    variants: dict[str, tuple[np.ndarray | None, Trees | None]] = {
        "lexical model": (None, None),
        "linear": (weights, None),
    }
    if args.trees:
        sem = x[:, len(_rerank.ORDER_FEATURES) :] @ weights
        names_ = _semantic.SEMANTIC_MODEL_FEATURES
        columns = np.array([names_.index(c) for c in (*TREE_LEXICAL, *_semantic.SEMANTIC_FEATURES)])
        small = boost(x[:, columns], base + sem, title, mine, weight, cut, args.trees)
        # the splits over the columns of the whole feature row
        trees = Trees(small.depth, columns[small.feature], small.threshold, small.leaf)
        for k in sorted({args.trees // 4, args.trees // 2, args.trees} - {0}):
            variants[f"{k} trees"] = (weights, first(trees, k))
        document = trees_document(trees, _semantic.SEMANTIC_MODEL_FEATURES)
        args.write.write_text(json.dumps(document) + "\n", encoding="utf-8")
        print(f"{args.trees} trees written to {args.write}")
    print("titles right @1 / @5:")
    for s in [*args.seed, *args.eval_seed]:
        for name in names:
            tag = "tuning" if s in args.seed else "check"
            print(f"  {name} seed {s} ({tag}): {counts(load(name, s), variants)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
