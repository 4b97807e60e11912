"""Fit the weights of the title re-ranker (`skillgraph.text._rerank.WEIGHTS`, `ORDER_WEIGHTS`).

    python benchmarks/fit_rerank.py [--seed 11 --seed 12] [--eval-seed N ...] [--queries 2000]
        [--window W] [--pairwise] [--order [--all-pairs]] [--trees N [--write FILE]]
        [--l2 X] [--cache DIR]

For each seed, the held-out split of ``bench_text.py`` (a seeded 10% of the alt labels
removed before indexing) of O*NET 29.3 alternate titles and of ESCO v1.1.1 occupation alt
labels; for each held-out title, the re-ranker's candidates and their features exactly as
``match_roles`` computes them. The weights minimise the listwise softmax cross-entropy of
the title's own role among the candidates that do not hold the title verbatim (those stay
first), each taxonomy weighted equally, plus ``L2`` times the squared weights (L-BFGS from
"lexical score only"). Titles whose role is not among the candidates are skipped; with
``--window W`` the loss runs over the first W candidates only, on the titles whose role
is among them, and accuracy is scored with only those W re-ordered by these weights.
``--pairwise`` fits by the pairwise logistic loss of every other candidate against the
own role instead (rewarding the own role for passing each candidate). As shipped for the
first model: ``--window 5 --seed 11 --seed 12 --seed 13 --seed 14``.

``--order`` fits the order model instead (`ORDER_WEIGHTS` over `ORDER_FEATURES`, the
pairwise loss, window ``ORDER_WINDOW`` unless ``--window``): over the candidates below
the first model's first place (whose place the order model does not decide), or with
``--all-pairs`` over all candidates of the window; it prints titles right @1 / @5 per
seed for lexical order, main's re-ranker (the first model alone) and with the order
model. As shipped: ``--order --all-pairs --seed 91 --seed 92 --seed 93 --seed 94`` (the
variant chosen on tuning seeds 25-28, see ``benchmarks/KEEP_RULE_issue15_round9.md``; the
features since ``benchmarks/KEEP_RULE_issue15_round11.md``).
``--trees N`` fits the order model's boosted trees instead (`skillgraph.text._trees`:
N trees on top of the shipped linear ``ORDER_WEIGHTS``, over the window's candidates)
and writes them to ``skillgraph/text/order_trees.json`` (or ``--write``); it prints
titles right per seed with the linear order model and with the trees. As shipped:
``--trees 150 --seed 131 ... --seed 138 --eval-seed 139 --eval-seed 140``
(``benchmarks/KEEP_RULE_issue15_round12.md``), over the 30 features of then (the lexical
ranks since appended are 0 in them). Round 15's refit over all the features, measured
and not kept (``benchmarks/KEEP_RULE_issue15_round15.md``): ``--trees 150 --seed 166
--seed 167 --seed 168 --seed 169 --seed 176 --seed 177 --exclude-seed 171 ...
--exclude-seed 175 --eval-seed 170 --eval-seed 178``.
``--exclude-seed N`` (repeatable) leaves every title queried at seed N (a report seed)
out of the fit: the report never scores a title the model was fitted on.
The fit is deterministic (same seeds, same weights); ``--cache DIR`` keeps the titles'
features between runs.

Fit on tuning seeds only (default 11 and 12), never on the seeds the benchmark reports
(1-5): ``--eval-seed`` prints the accuracy of the fitted weights on
other seeds, for inspection, and is not used by the fit.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

from _util import data_dir
from bench_text import held_out

import skillgraph as sg
from skillgraph.model import NodeType
from skillgraph.text import _rerank
from skillgraph.text._analyze import STOP_WORDS, Token, tokens, words
from skillgraph.text._index import TextIndex, text_index
from skillgraph.text._titles import DESCRIPTION_WEIGHT, _title_scores
from skillgraph.text._trees import TREES_FILE, Trees, boost, trees_document

L2 = 1e-3
#: (features, index of the own role or -1, pinned mask) per query
Query = tuple[np.ndarray, int, np.ndarray]


def lexical_scores(
    h: sg.SkillGraph, ix: TextIndex, docs: Any, mask: np.ndarray, title: str
) -> tuple[np.ndarray, np.ndarray, Any, list[Token], np.ndarray, np.ndarray]:
    """The lexical scores of every node for ``title`` as `match_roles` makes them (title
    scores plus the description's share), the description's share alone, the entry
    scores, the title's content tokens and their index columns and weights."""
    best, entry_scores = _title_scores(h, ix, title, mask)
    toks = [t for t in tokens(title) if t.word not in STOP_WORDS]
    cols, w = ix.query_stems([t.stem for t in toks])
    added = np.zeros(len(best))
    if len(cols):
        dscore = docs[cols].T @ (w / np.linalg.norm(w))
        dscore[~mask] = 0.0
        added = DESCRIPTION_WEIGHT * dscore * (best > 0)
        best = best + added
    return best, added, entry_scores, toks, cols, w


def queries_of(g: sg.SkillGraph, seed: int, n_max: int) -> list[Query]:
    """The candidates' features (`skillgraph.text._rerank.ORDER_FEATURES`: the first
    model's, then the word bigrams') of every held-out title of ``g``'s roles at ``seed``."""
    h, queries = held_out(g, NodeType.ROLE, n_max, seed)
    ix = text_index(h)
    mask = ix.type_mask((NodeType.ROLE,))
    assert mask is not None
    docs, _ = ix.descriptions(h)
    out: list[Query] = []
    for title, nid in queries:
        best, added, entry_scores, toks, cols, w = lexical_scores(h, ix, docs, mask, title)
        order = np.lexsort((np.arange(len(best)), -best))
        cands = order[: _rerank.RERANK_CANDIDATES]
        cands = cands[best[cands] > 0.0]
        verbatim = {n for _, n in ix.same_title(words(title))}
        said = _rerank.TitleWords(
            order=tuple(ix.vocab.get(t.stem) for t in toks), verbatim=frozenset(verbatim)
        )
        f = _rerank.features(h, ix, cands, best[cands], added[cands], entry_scores, cols, w, said)
        # the order model's features: the first model's, the bigrams', evidence, lexical ranks
        f = _rerank.order_features(h, ix, cands, f, entry_scores, cols, w, said)
        own = np.flatnonzero(cands == ix.position[nid])
        pinned = np.array([n in verbatim for n in cands.tolist()], dtype=bool)
        out.append((f, int(own[0]) if len(own) else -1, pinned))
    return out


def excluded(g: sg.SkillGraph, seeds: list[int], n_max: int, exclude: list[int]) -> list[bool]:
    """For the held-out titles of each of ``seeds`` in turn (`queries_of`'s order),
    whether the (title, role) pair is among the held-out titles queried at one of the
    ``exclude`` seeds (the report seeds: never fitted on)."""
    banned = {pair for s in exclude for pair in held_out(g, NodeType.ROLE, n_max, s)[1]}
    return [pair in banned for s in seeds for pair in held_out(g, NodeType.ROLE, n_max, s)[1]]


def rank_of(q: Query, weights: np.ndarray | None, window: int | None = None) -> int:
    """Rank (0-based) of the own role: pinned first, then by the model; 99 if absent.
    With ``window``, only the first ``window`` candidates are re-ordered (as
    `skillgraph.text._rerank.rerank` does), the others keep their place."""
    f, own, pinned = q
    if own < 0:
        return 99
    if window is not None:
        if own >= window:
            return own
        if int((~pinned[:window]).sum()) < 2:
            return own  # nothing to re-order
        f, pinned = f[:window], pinned[:window]
    z = -np.arange(len(f), dtype=float) if weights is None else f @ weights
    key = np.lexsort((np.arange(len(f)), np.where(pinned, 0.0, -z), ~pinned))
    return int(np.flatnonzero(key == own)[0])


def accuracy(
    qs: list[Query], weights: np.ndarray | None, window: int | None = None
) -> tuple[float, float]:
    r = np.array([rank_of(q, weights, window) for q in qs])
    return float((r == 0).mean()), float((r < 5).mean())


def in_window(qs: list[Query], window: int) -> list[Query]:
    """The queries whose own role is among the first ``window`` candidates, cut to them
    (what a re-ranker of that window can change)."""
    return [(f[:window], own, pinned[:window]) for f, own, pinned in qs if 0 <= own < window]


def _averaged(
    weights: np.ndarray,
    sets: list[list[Query]],
    per_title: Callable[[np.ndarray, int], tuple[float, np.ndarray]],
) -> tuple[float, np.ndarray]:
    """The mean over titles of ``per_title(free, t)`` (loss and gradient; ``free`` the
    features of the candidates not holding the title verbatim, ``t`` the own role's row),
    each set (taxonomy) weighted equally, plus ``L2`` times the squared weights."""
    total, grad = 0.0, np.zeros_like(weights)
    for qs in sets:
        n, lt, gt = 0, 0.0, np.zeros_like(weights)
        for f, own, pinned in qs:
            if own < 0 or pinned[own]:
                continue
            one, g = per_title(f[~pinned], int((~pinned)[:own].sum()))
            lt += one
            gt += g
            n += 1
        total += lt / max(n, 1) / len(sets)
        grad += gt / max(n, 1) / len(sets)
    return total + L2 * float(weights @ weights), grad + 2 * L2 * weights


def loss(weights: np.ndarray, sets: list[list[Query]]) -> tuple[float, np.ndarray]:
    """The listwise softmax cross-entropy of the own role (see the module docstring)."""

    def softmax(free: np.ndarray, t: int) -> tuple[float, np.ndarray]:
        z = free @ weights
        p = np.exp(z - z.max())
        p /= p.sum()
        return -float(np.log(p[t] + 1e-12)), p @ free - free[t]

    return _averaged(weights, sets, softmax)


def pairwise_loss(weights: np.ndarray, sets: list[list[Query]]) -> tuple[float, np.ndarray]:
    """The logistic loss of every candidate (not holding the title verbatim) against the
    title's own role, ``sum log(1 + exp(z_other - z_own))``: it rewards the own role for
    passing each candidate, not only for coming first (what an order model for acc@5
    wants)."""

    def pairs(free: np.ndarray, t: int) -> tuple[float, np.ndarray]:
        d = np.delete(free - free[t], t, axis=0)  # each other candidate less the own role
        m = d @ weights
        return float(np.logaddexp(0.0, m).sum()), (1.0 / (1.0 + np.exp(-m))) @ d

    return _averaged(weights, sets, pairs)


def first_place(f: np.ndarray, pinned: np.ndarray, weights: np.ndarray) -> int:
    """The candidate (index) the first model puts first, as `skillgraph.text._rerank`
    does: of the window, a verbatim holder, else the best by ``weights`` over the first
    model's features."""
    window = min(_rerank.RERANK_WINDOW, len(f))
    if int((~pinned[:window]).sum()) < 2:
        return 0
    z = f[:window, : len(_rerank.FEATURES)] @ weights
    z[: _rerank.PROMOTION_TOP] += _rerank.PROMOTION_MARGIN
    key = np.lexsort((np.arange(window), np.where(pinned[:window], 0.0, -z), ~pinned[:window]))
    return int(key[0])


def _below_first(q: Query, span: int) -> tuple[int, np.ndarray]:
    """The first model's first place and the other candidates of the first ``span``."""
    f, _, pinned = q
    first = first_place(f, pinned, _rerank.WEIGHTS)
    rest = np.arange(min(max(span, _rerank.RERANK_WINDOW), len(f)))
    return first, rest[rest != first]


def combined_rank(q: Query, weights: np.ndarray, span: int, trees: Trees | None = None) -> int:
    """Rank (0-based) of the own role as `skillgraph.text._rerank.rerank` ranks it: the
    first model's first place, then the first ``span`` others by the order model
    ``weights`` (plus ``trees``; verbatim holders first), then lexical order; 99 if
    absent."""
    f, own, pinned = q
    if own < 0:
        return 99
    first, rest = _below_first(q, span)
    if len(rest) < 2:  # too few to order: the first model alone
        return rank_of((f[:, : len(_rerank.FEATURES)], own, pinned), _rerank.WEIGHTS, 5)
    if own == first:
        return 0
    if own > rest[-1]:
        return own
    z = f[rest] @ weights
    if trees is not None:
        z = z + trees.predict(f[rest])
    key = np.lexsort((np.arange(len(rest)), np.where(pinned[rest], 0.0, -z), ~pinned[rest]))
    return 1 + int(np.flatnonzero(rest[key] == own)[0])


def order_sets(qs: list[Query], span: int, all_pairs: bool) -> list[Query]:
    """What the order model is fitted on: per title whose own role is within the first
    ``span`` and not the first model's first place, the candidates below that place
    (``all_pairs``: the first ``span`` candidates, the first place included)."""
    if all_pairs:
        return in_window(qs, span)
    out: list[Query] = []
    for q in qs:
        f, own, pinned = q
        first, rest = _below_first(q, span)
        if own < 0 or own == first or not len(rest) or own > rest[-1]:
            continue
        out.append((f[rest], int(np.flatnonzero(rest == own)[0]), pinned[rest]))
    return out


def _counts(
    qs: list[Query], order_weights: np.ndarray | None, span: int, trees: Trees | None = None
) -> str:
    """Titles right @1 / @5: lexical, the first model alone (window 5), with the order
    model ``order_weights``, and with ``trees`` added to it."""
    first = [(f[:, : len(_rerank.FEATURES)], own, pinned) for f, own, pinned in qs]
    rows = {
        "lexical": [rank_of(q, None, 5) for q in first],
        "main": [rank_of(q, _rerank.WEIGHTS, 5) for q in first],
    }
    if order_weights is not None:
        rows["order"] = [combined_rank(q, order_weights, span) for q in qs]
        if trees is not None:
            rows["trees"] = [combined_rank(q, order_weights, span, trees) for q in qs]
    return "  ".join(
        f"{k} {sum(r == 0 for r in v)} / {sum(r < 5 for r in v)}" for k, v in rows.items()
    )


def cached_queries(
    g: sg.SkillGraph, name: str, seed: int, n: int, cache: Path | None
) -> list[Query]:
    """`queries_of`, kept in ``cache`` (a folder) when given: the features are
    deterministic, so a kept copy equals a recomputed one for the same code."""
    if cache is None:
        return queries_of(g, seed, n)
    path = cache / f"{name.split()[0].replace('*', '')}-{seed}-{n}.pkl"
    if path.exists():
        with path.open("rb") as fh:
            kept: list[Query] = pickle.load(fh)
            return kept
    out = queries_of(g, seed, n)
    cache.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump(out, fh)
    return out


def _acc(name: str, acc: tuple[float, float]) -> str:
    return f"{name} {acc[0]:.3f} / {acc[1]:.3f}"


def main(argv: list[str] | None = None) -> int:
    global L2
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, action="append", help="tuning seed (default 11, 12)")
    p.add_argument("--eval-seed", type=int, action="append", default=[])
    p.add_argument("--queries", type=int, default=2000)
    p.add_argument(
        "--exclude-seed",
        type=int,
        action="append",
        default=[],
        help="leave out of the fit every title held out and queried at this seed (the"
        " report seeds)",
    )
    p.add_argument(
        "--window",
        type=int,
        help="fit and score as a re-ranker of the first W candidates only (as shipped: 5;"
        " with --order: the order window, default ORDER_WINDOW)",
    )
    p.add_argument(
        "--pairwise",
        action="store_true",
        help="fit by the pairwise logistic loss instead of the listwise softmax",
    )
    p.add_argument(
        "--order",
        action="store_true",
        help="fit the order model (ORDER_WEIGHTS, pairwise, below the first model's first"
        " place) instead of the first model",
    )
    p.add_argument(
        "--all-pairs",
        action="store_true",
        help="with --order: fit over all the window's candidates, the first place included",
    )
    p.add_argument(
        "--trees",
        type=int,
        metavar="N",
        help="fit N boosted trees on top of the shipped ORDER_WEIGHTS and write them to"
        " skillgraph/text/order_trees.json (or --write)",
    )
    p.add_argument("--write", type=Path, default=TREES_FILE, help="with --trees: where to")
    p.add_argument("--l2", type=float, default=L2, help=f"L2 weight (default {L2:g})")
    p.add_argument("--cache", type=Path, help="folder keeping the titles' features")
    args = p.parse_args(argv)
    data = data_dir()
    if data is None:
        print("real data folder missing", file=sys.stderr)
        return 1
    L2 = args.l2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graphs = {
            "O*NET 29.3": sg.read(data / "onet" / "29.3"),
            "ESCO v1.1.1": sg.read(data / "esco" / "v1.1.1" / "csv"),
        }
    seeds = args.seed or [11, 12]

    def load(name: str, seed: int) -> list[Query]:
        return cached_queries(graphs[name], name, seed, args.queries, args.cache)

    sets = {name: [q for s in seeds for q in load(name, s)] for name in graphs}
    if args.exclude_seed:  # the report seeds' held-out titles are never fitted on
        for name, g in graphs.items():
            drop = excluded(g, seeds, args.queries, args.exclude_seed)
            sets[name] = [q for q, bad in zip(sets[name], drop, strict=True) if not bad]
            print(
                f"{name}: {sum(drop)} titles of the fit seeds left out (held out at seeds"
                f" {args.exclude_seed})"
            )
    if args.trees:
        return _fit_trees(args, sets, seeds, load)
    if args.order:
        return _fit_order(args, sets, seeds, load)
    n_first = len(_rerank.FEATURES)
    sets = {k: [(f[:, :n_first], o, pn) for f, o, pn in qs] for k, qs in sets.items()}
    start = np.zeros(n_first)
    start[0] = 10.0
    fit_sets = [in_window(qs, args.window) if args.window else qs for qs in sets.values()]
    objective = pairwise_loss if args.pairwise else loss
    fitted = minimize(objective, start, args=(fit_sets,), jac=True, method="L-BFGS-B").x
    _print_weights("WEIGHTS", _rerank.FEATURES, fitted)
    for name, qs in sets.items():
        print(
            name,
            "tuning seeds",
            seeds,
            _acc("lexical", accuracy(qs, None, args.window)),
            _acc("re-ranked", accuracy(qs, fitted, args.window)),
        )
    for s in args.eval_seed:
        for name in graphs:
            qs = [(f[:, :n_first], o, pn) for f, o, pn in load(name, s)]
            print(
                name,
                "seed",
                s,
                _acc("lexical", accuracy(qs, None, args.window)),
                _acc("re-ranked", accuracy(qs, fitted, args.window)),
            )
    return 0


def _pair_rows(sets: list[list[Query]], span: int) -> tuple[np.ndarray, ...]:
    """The order model's training rows: per title whose own role is among the first
    ``span`` candidates and not verbatim, its candidates that do not hold the title
    verbatim (features, title number, own-role mask, title weight: each taxonomy weighted
    equally, and the fifth place less the verbatim holders ahead of the window)."""
    rows, title, own_rows, weight, cut = [], [], [], [], []
    k = 0
    for qs in sets:
        kept = [(f, o, pn) for f, o, pn in in_window(qs, span) if not pn[o] and (~pn).sum() > 1]
        for f, own, pinned in kept:
            free = f[~pinned]
            rows.append(free)
            title.append(np.full(len(free), k))
            mine = np.zeros(len(free), dtype=bool)
            mine[int((~pinned)[:own].sum())] = True
            own_rows.append(mine)
            k += 1
        weight.append(np.full(len(kept), 1.0 / (len(sets) * max(len(kept), 1))))
        cut.extend(max(1, 5 - int(pn[:5].sum())) for _, _, pn in kept)
    w = np.concatenate(weight)
    return (
        np.vstack(rows),
        np.concatenate(title),
        np.concatenate(own_rows),
        w * len(w),
        np.asarray(cut),
    )


def fit_trees(sets: list[list[Query]], span: int, n_trees: int) -> Trees:
    """``n_trees`` boosted trees on top of the linear order model (`ORDER_WEIGHTS`),
    over the order model's training rows (`_pair_rows`) of ``sets``."""
    x, title, mine, weight, cut = _pair_rows(sets, span)
    return boost(x, x @ _rerank.ORDER_WEIGHTS, title, mine, weight, cut, n_trees)


def _print_weights(name: str, features: tuple[str, ...], fitted: np.ndarray) -> None:
    print(f"{name} = np.array([" + ", ".join(f"{x:.4g}" for x in fitted) + "])")
    for feature, x in zip(features, fitted, strict=True):
        print(f"  {feature}: {x:.4g}")


def _fit_order(
    args: argparse.Namespace,
    sets: dict[str, list[Query]],
    seeds: list[int],
    load: Callable[[str, int], list[Query]],
) -> int:
    """Fit and print the order model (``--order``), then titles right on each seed."""
    span = args.window or _rerank.ORDER_WINDOW
    start = np.zeros(len(_rerank.ORDER_FEATURES))
    start[0] = 10.0
    fit_sets = [order_sets(qs, span, args.all_pairs) for qs in sets.values()]
    fitted = minimize(pairwise_loss, start, args=(fit_sets,), jac=True, method="L-BFGS-B").x
    _print_weights("ORDER_WEIGHTS", _rerank.ORDER_FEATURES, fitted)
    print("titles right @1 / @5 (lexical, main's re-ranker, with this order model):")
    for s in [*seeds, *args.eval_seed]:
        for name in sets:
            tag = "tuning" if s in seeds else "check"
            print(f"  {name} seed {s} ({tag}): {_counts(load(name, s), fitted, span)}")
    return 0


def _fit_trees(
    args: argparse.Namespace,
    sets: dict[str, list[Query]],
    seeds: list[int],
    load: Callable[[str, int], list[Query]],
) -> int:
    """Fit and write the order model's boosted trees (``--trees``), then titles right on
    each seed."""
    span = args.window or _rerank.ORDER_WINDOW
    trees = fit_trees(list(sets.values()), span, args.trees)
    document = trees_document(trees, _rerank.ORDER_FEATURES)
    args.write.write_text(json.dumps(document) + "\n", encoding="utf-8")
    print(f"{args.trees} trees written to {args.write}")
    print("titles right @1 / @5 (lexical, main's re-ranker, order model, with the trees):")
    for s in [*seeds, *args.eval_seed]:
        for name in sets:
            tag = "tuning" if s in seeds else "check"
            counts = _counts(load(name, s), _rerank.ORDER_WEIGHTS, span, trees)
            print(f"  {name} seed {s} ({tag}): {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
