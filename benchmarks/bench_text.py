"""Free text to the taxonomy: held-out titles, alignment ESCO -> O*NET, speed.

    python benchmarks/bench_text.py [--quick] [--lexical] [--only titles|alignment|speed]
        [--seed N ...] [--onet-only] [--rerank-only | --no-ablation] [--json OUT]
        [--hybrid-only] [--embed-queries N] [--queries N]

``--seed`` (repeatable, default 15) draws the held-out split; with several seeds each
title row is printed per seed and then their mean ("seed: mean"), so a figure is not one
lucky split.

Held-out titles: a seeded 10% of the alt labels (O*NET 29.3 alternate titles; ESCO v1.1.1
occupation alt labels; ESCO v1.1.1 skill alt labels) is removed from the graph before the
index is built, then each removed label is looked up; accuracy@1 and @5 = share whose own
node is first / in the first five distinct nodes. Baseline, same run, same split: the
character 3-gram TF-IDF nearest title (cosine over whole label strings; a node ranks by its
nearest label).

Alignment: ``sg.align(esco, onet)`` maps each ESCO occupation to its best O*NET
occupation; a pair is consistent when the occupation's ISCO-08 unit group and the O*NET
code's SOC 2010 code are linked in the BLS crosswalk
(``../shared/data/crosswalks/isco08_soc2010.csv``). Baseline: the same with labels only
(character 3-gram TF-IDF over preferred labels).

"no rerank": the same queries in lexical order, without the re-ranker of ``match_roles``
(`skillgraph.text._rerank`; roles only, skills are never re-ranked), same index.

"rerank W:M" (``--rerank-variant W:M``, repeatable): the same queries re-ranked with
``RERANK_WINDOW = W`` and ``PROMOTION_MARGIN = M`` of `skillgraph.text._rerank`.

``--rerank-only``: role rows only, without the "no synonyms" pass (what the re-ranker
changes, faster). ``--no-ablation``: every title row, without the "no synonyms" pass.

With the ``embeddings`` extra (unless ``--lexical``), the first ``--embed-queries``
(default 1,000) held-out labels also go through "hybrid" (lexical score mixed with the
embedding cosine, not re-ranked: main's ``match_roles(method="hybrid")`` before the
semantic re-ranker), "embeddings" (the model alone; skipped with ``--hybrid-only``) and,
for roles, "hybrid re-ranked" (``match_roles(method="hybrid")``: the lexical and
embedding candidates ordered by the semantic trees, `skillgraph.text._semantic`).

"no synonyms": the same queries with the synonyms learned from the labels switched off
(``skillgraph.text._titles.SYNONYM_WEIGHT = 0``), same index: what the synonyms add.

Ceiling (same split): a held-out title that is still, verbatim up to case, accents and
plurals, a title of m other nodes ranks at best m + 1 under any method that puts verbatim
titles first; ceiling acc@1 / acc@5 = share with m = 0 / m <= 4, and acc / ceiling is
reported beside acc. "acc sharing" also counts as right a node that carries the title.

Speed (CPU time by ``time.process_time`` and wall time, medians, the collector off as in
the graph's index cache, each against a plain baseline timed in the same loop): the whole
match index on ESCO (core and the parts built on first use; the first build of the
process beside the median), ``match_skills`` on 300-word texts (baseline: a dict lookup
of every 1-4 word run), ``match_roles``, ``align(ESCO, O*NET)``.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

from _util import Row, data_dir, fmt

import skillgraph as sg
from skillgraph.model import NodeType
from skillgraph.text._analyze import fold, plural_key, words
from skillgraph.text._index import build_index
from skillgraph.text._rerank import build_profiles
from skillgraph.text._results import Method

SEED = 15
HOLD_OUT = 0.10
TARGET = {"acc@1": 0.40, "acc@5": 0.80}
#: held-out queries also run through the embedding methods (when the extra is installed)
EMBED_QUERIES = 1000


def _never() -> bool:
    return False


def embeddings_available() -> bool:
    from skillgraph.text._embed import available

    return available()


# ---------------------------------------------------------------------- baseline
class CharTfidf:
    """Character 3-gram TF-IDF over whole strings (spaces kept), cosine nearest."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.vocab: dict[str, int] = {}
        rows, cols = [], []
        for i, t in enumerate(texts):
            for g in self._grams(t):
                rows.append(i)
                cols.append(self.vocab.setdefault(g, len(self.vocab)))
        m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(self.vocab)))
        m.sum_duplicates()
        df = np.bincount(m.indices, minlength=len(self.vocab))
        self.idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
        m.data = m.data * self.idf[m.indices]
        self.m = _l2(m)
        self.mt = sp.csc_matrix(self.m)

    @staticmethod
    def _grams(text: str) -> list[str]:
        t = f" {' '.join(fold(text).split())} "
        return [t[i : i + 3] for i in range(len(t) - 2)]

    def scores(self, query: str) -> np.ndarray:
        counts: dict[int, float] = {}
        for g in self._grams(query):
            j = self.vocab.get(g)
            if j is not None:
                counts[j] = counts.get(j, 0.0) + 1.0
        if not counts:
            return np.zeros(self.m.shape[0])
        cols = np.array(sorted(counts))
        v = np.array([counts[c] for c in cols.tolist()]) * self.idf[cols]
        return self.mt[:, cols] @ (v / np.linalg.norm(v))


def _l2(m: sp.csr_matrix) -> sp.csr_matrix:
    n = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    n[n == 0] = 1
    return sp.csr_matrix(sp.diags(1 / n) @ m)


def _baseline_rank(tf: CharTfidf, owner: np.ndarray, query: str, k: int = 5) -> list[int]:
    s = tf.scores(query)
    best: dict[int, float] = {}
    for i in np.argsort(-s, kind="stable")[: 20 * k].tolist():
        o = int(owner[i])
        if o not in best:
            best[o] = s[i]
        if len(best) >= k:
            break
    return list(best)


# ---------------------------------------------------------------------- held-out titles
def held_out(
    g: sg.SkillGraph, kind: NodeType, n_max: int | None, seed: int = SEED
) -> tuple[sg.SkillGraph, list[tuple[str, str]]]:
    """A copy of ``g`` without a seeded 10% of the alt labels of ``kind`` nodes, and the
    removed (label, node id) pairs (at most ``n_max``, seeded sample)."""
    rng = random.Random(seed)
    h = g.copy()
    removed: list[tuple[str, str]] = []
    nodes = g.roles if kind is NodeType.ROLE else g.skills
    for nid in sorted(nodes):
        node = nodes[nid]
        keep, out = [], []
        for alt in node.alt_labels:
            (out if rng.random() < HOLD_OUT else keep).append(alt)
        if out:
            h.add(node.model_copy(update={"alt_labels": tuple(keep)}), replace=True)
            removed.extend((alt, nid) for alt in out)
    # a held-out label that is still another label of its own node is no test: drop it
    remaining = {
        (fold(" ".join(t.split())), nid)
        for nid, n in (h.roles if kind is NodeType.ROLE else h.skills).items()
        for t in (n.label, *n.alt_labels, *n.hidden_labels)
    }
    removed = [(t, nid) for t, nid in removed if (fold(" ".join(t.split())), nid) not in remaining]
    if n_max is not None and len(removed) > n_max:
        removed = random.Random(seed).sample(removed, n_max)
    return h, removed


def titles_section(
    name: str, g: sg.SkillGraph, kind: NodeType, n_max: int | None, seed: int = SEED
) -> Row:
    h, queries = held_out(g, kind, n_max, seed)
    types = (kind,)
    from skillgraph.text.match import match_nodes

    roles = kind is NodeType.ROLE

    def ours(q: str, rerank: bool = True) -> list[str]:
        # match_roles for roles (re-ranked); skills are never re-ranked
        found = match_nodes(h, q, types, 5, descriptions=roles, rerank=roles and rerank)
        return [m.id for m in found]

    nodes = h.roles if kind is NodeType.ROLE else h.skills
    ids = sorted(nodes)
    texts, owner = [], []
    for i, nid in enumerate(ids):
        n = nodes[nid]
        for t in (n.label, *n.alt_labels, *n.hidden_labels):
            texts.append(t)
            owner.append(i)
    tf = CharTfidf(texts)
    own = np.array(owner)
    hits = {"ours": [0, 0], "base": [0, 0], "shared": [0, 0], "base shared": [0, 0]}
    t_ours: list[float] = []
    t_base: list[float] = []
    titled = _titles_by_key(nodes)
    shared = [titled.get(plural_key(q), set()) - {nid} for q, nid in queries]
    for (q, nid), others in zip(queries, shared, strict=True):
        t = time.perf_counter()
        got = ours(q)
        t_ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        base = [ids[i] for i in _baseline_rank(tf, own, q)]
        t_base.append(time.perf_counter() - t)
        for key, ranked in (("ours", got), ("base", base)):
            hits[key][0] += bool(ranked) and ranked[0] == nid
            hits[key][1] += nid in ranked[:5]
        for key, ranked in (("shared", got), ("base shared", base)):
            hits[key][0] += bool(ranked) and (ranked[0] == nid or ranked[0] in others)
            hits[key][1] += any(r == nid or r in others for r in ranked[:5])
    n = max(1, len(queries))
    # ceiling: a held-out title that is, verbatim (up to case, accents and plurals),
    # still a title of m other nodes ranks at best m + 1 under any method that puts a
    # verbatim title first (as find and every lookup must)
    ceiling = {
        "ceiling acc@1": sum(not o for o in shared) / n,
        "ceiling acc@5": sum(len(o) <= 4 for o in shared) / n,
    }
    extra: Row = {}
    if roles:  # the same queries in lexical order (no re-ranking), same index
        flat = [ours(q, rerank=False) for q, _ in queries]
        extra["no rerank acc@1"] = (
            sum(bool(r) and r[0] == nid for r, (_, nid) in zip(flat, queries, strict=True)) / n
        )
        extra["no rerank acc@5"] = (
            sum(nid in r for r, (_, nid) in zip(flat, queries, strict=True)) / n
        )
    if roles:  # other re-ranking windows / promotion margins (same index)
        from skillgraph.text import _rerank

        for window, margin in VARIANTS:
            saved = _rerank.RERANK_WINDOW, _rerank.PROMOTION_MARGIN
            _rerank.RERANK_WINDOW, _rerank.PROMOTION_MARGIN = window, margin
            try:
                alt = [ours(q) for q, _ in queries]
            finally:
                _rerank.RERANK_WINDOW, _rerank.PROMOTION_MARGIN = saved
            tag = f"rerank {window}:{margin:g}"
            extra[f"{tag} acc@1"] = (
                sum(bool(r) and r[0] == nid for r, (_, nid) in zip(alt, queries, strict=True)) / n
            )
            extra[f"{tag} acc@5"] = (
                sum(nid in r for r, (_, nid) in zip(alt, queries, strict=True)) / n
            )
    # the same queries without the synonyms learned from the labels (same index)
    from skillgraph.text import _titles

    if RERANK_ONLY:
        return _finish(name, queries, hits, n, t_ours, t_base, seed, ceiling, extra)

    if not NO_ABLATION:
        kept, _titles.SYNONYM_WEIGHT = _titles.SYNONYM_WEIGHT, 0.0
        try:
            plain = [ours(q) for q, _ in queries]
        finally:
            _titles.SYNONYM_WEIGHT = kept
        extra["no synonyms acc@1"] = (
            sum(bool(r) and r[0] == nid for r, (_, nid) in zip(plain, queries, strict=True)) / n
        )
        extra["no synonyms acc@5"] = (
            sum(nid in r for r, (_, nid) in zip(plain, queries, strict=True)) / n
        )
    if embeddings_available():
        extra.update(_embedding_rows(h, queries[:EMBED_QUERIES], kind))
    return _finish(name, queries, hits, n, t_ours, t_base, seed, ceiling, extra)


def _embedding_rows(h: sg.SkillGraph, sample: list[tuple[str, str]], kind: NodeType) -> Row:
    """acc@1 / @5 of the embedding methods on ``sample``: "hybrid" (the lexical score
    mixed with the embedding cosine, not re-ranked: main's ``match_roles(method="hybrid")``),
    "embeddings" (unless ``HYBRID_ONLY``) and, for roles, "hybrid re-ranked" (this tree's
    ``match_roles(method="hybrid")``: `skillgraph.text._semantic`)."""
    from skillgraph.text.match import match_nodes

    roles = kind is NodeType.ROLE
    methods: list[tuple[str, Method, bool]] = [("hybrid", "hybrid", False)]
    if not HYBRID_ONLY:
        methods.append(("embeddings", "embeddings", False))
    if roles:
        methods.append(("hybrid re-ranked", "hybrid", True))
    out: Row = {}
    for tag, method, rerank in methods:
        a1 = a5 = 0
        for q, nid in sample:
            found = match_nodes(h, q, (kind,), 5, descriptions=roles, method=method, rerank=rerank)
            got = [m.id for m in found]
            a1 += bool(got) and got[0] == nid
            a5 += nid in got
        out[f"{tag} acc@1"] = a1 / max(1, len(sample))
        out[f"{tag} acc@5"] = a5 / max(1, len(sample))
    out["embedding queries"] = len(sample)
    return out


def _finish(
    name: str,
    queries: list[tuple[str, str]],
    hits: dict[str, list[int]],
    n: int,
    t_ours: list[float],
    t_base: list[float],
    seed: int,
    ceiling: Row,
    extra: Row,
) -> Row:
    row = _titles_row(name, queries, hits, n, t_ours, t_base)
    return {
        **row,
        "seed": seed,
        **ceiling,
        "acc@1 / ceiling": row["acc@1"] / max(1e-9, ceiling["ceiling acc@1"]),
        "acc@5 / ceiling": row["acc@5"] / max(1e-9, ceiling["ceiling acc@5"]),
        "baseline acc@1 / ceiling": row["baseline acc@1"] / max(1e-9, ceiling["ceiling acc@1"]),
        "baseline acc@5 / ceiling": row["baseline acc@5"] / max(1e-9, ceiling["ceiling acc@5"]),
        "acc@1 sharing": hits["shared"][0] / n,
        "acc@5 sharing": hits["shared"][1] / n,
        "baseline acc@1 sharing": hits["base shared"][0] / n,
        "baseline acc@5 sharing": hits["base shared"][1] / n,
        **extra,
    }


def _titles_by_key(nodes: Mapping[str, sg.Node]) -> dict[str, set[str]]:
    """Plural-free key of every label, alt and hidden label -> the nodes carrying it."""
    out: dict[str, set[str]] = {}
    for nid, node in nodes.items():
        for t in (node.label, *node.alt_labels, *node.hidden_labels):
            out.setdefault(plural_key(t), set()).add(nid)
    return out


def _titles_row(
    name: str,
    queries: list[tuple[str, str]],
    hits: dict[str, list[int]],
    n: int,
    t_ours: list[float],
    t_base: list[float],
) -> Row:
    return {
        "section": "held-out titles",
        "what": name,
        "queries": len(queries),
        "acc@1": hits["ours"][0] / n,
        "acc@5": hits["ours"][1] / n,
        "baseline acc@1": hits["base"][0] / n,
        "baseline acc@5": hits["base"][1] / n,
        "ms/query": 1000 * statistics.median(t_ours) if t_ours else float("nan"),
        "baseline ms/query": 1000 * statistics.median(t_base) if t_base else float("nan"),
    }


# ---------------------------------------------------------------------- alignment
def crosswalk(data: Path) -> set[tuple[str, str]]:
    with (data / "crosswalks" / "isco08_soc2010.csv").open(encoding="utf-8", newline="") as fh:
        return {(r["isco08_code"].strip(), r["soc2010_code"].strip()) for r in csv.DictReader(fh)}


def _isco(role: sg.Role) -> str | None:
    code = role.attributes.get("isco_code") or role.attributes.get("iscoGroup")
    return str(code)[:4] if code else None


def _soc(role_id: str) -> str:
    code = role_id.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return code[:7]


def alignment_section(esco: sg.SkillGraph, onet: sg.SkillGraph, data: Path) -> list[Row]:
    links = crosswalk(data)
    c, t = time.process_time(), time.perf_counter()
    mapping = sg.align(esco, onet, skills=False)
    t_align, c_align = time.perf_counter() - t, time.process_time() - c
    best = {r.source: r.target for r in mapping.best()}
    # baseline: labels only, character 3-gram tf-idf nearest preferred label
    c, t = time.process_time(), time.perf_counter()
    o_ids = sorted(onet.roles)
    tf = CharTfidf([onet.roles[i].label for i in o_ids])
    base = {}
    for rid in sorted(esco.roles):
        s = tf.scores(esco.roles[rid].label)
        base[rid] = o_ids[int(np.argmax(s))]
    t_base, c_base = time.perf_counter() - t, time.process_time() - c

    def share(pairs: dict[str, str]) -> tuple[float, int]:
        ok = n = 0
        for src, dst in pairs.items():
            isco = _isco(esco.roles[src])
            if isco is None:
                continue
            n += 1
            ok += (isco, _soc(dst)) in links
        return ok / max(1, n), n

    ours, n = share(best)
    theirs, _ = share(base)
    return [
        {
            "section": "alignment",
            "what": "ESCO -> O*NET roles, crosswalk-consistent",
            "queries": n,
            "share": ours,
            "baseline share": theirs,
            "seconds": t_align,
            "cpu seconds": c_align,
            "baseline seconds": t_base,
            "baseline cpu seconds": c_base,
        }
    ]


# ---------------------------------------------------------------------- speed
CV_WORDS = (  # noqa: SIM905
    "I worked as a retail sales assistant for five years, operating the till, handling "
    "cash and card payments, restocking shelves and managing stock levels. I dealt with "
    "customer complaints, trained new staff and prepared weekly sales reports in Excel. "
    "Later I moved into an office role where I maintained the customer database in SQL, "
    "wrote small Python scripts to automate reporting, and used project management tools "
    "to plan deliveries. I am fluent in Spanish and English, hold a forklift licence, and "
    "have experience with health and safety procedures, food hygiene, first aid, teamwork, "
    "time management and communication with suppliers. "
).split()


def texts_of(n_words: int, n: int) -> list[str]:
    rng = random.Random(SEED)
    out = []
    for _ in range(n):
        start = rng.randrange(len(CV_WORDS))
        words = [CV_WORDS[(start + i) % len(CV_WORDS)] for i in range(n_words)]
        out.append(" ".join(words))
    return out


class PhraseLookup:
    """Baseline free-text matcher: every run of 1-4 words of a text looked up in a dict of
    the folded labels and alt labels of the skills."""

    def __init__(self, g: sg.SkillGraph) -> None:
        self.labels: dict[str, str] = {}
        for sid in sorted(g.skills):
            node = g.skills[sid]
            for t in (node.label, *node.alt_labels):
                self.labels.setdefault(" ".join(words(t)), sid)

    def match(self, text: str) -> set[str]:
        ws = words(text)
        found = set()
        for i in range(len(ws)):
            for n in range(1, 5):
                sid = self.labels.get(" ".join(ws[i : i + n]))
                if sid is not None:
                    found.add(sid)
        return found


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of ``fn()``; the collector off, as the graph's index
    cache runs its builds."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        c, t = time.process_time(), time.perf_counter()
        fn()
        return time.process_time() - c, time.perf_counter() - t
    finally:
        if collecting:
            gc.enable()


def _full_build(g: sg.SkillGraph) -> None:
    """Every part of the match index: the core and the parts built on first use."""
    ix = build_index(g)
    ix.same_title(["nurse"])
    ix.descriptions(g)
    ix.title_bm25()
    ix.synonyms()
    ix.owners(g)
    build_profiles(g)  # the re-ranker's role skill profiles
    try:  # the order model's word bigrams (absent from trees before it)
        from skillgraph.text._bigrams import title_bigrams
    except ImportError:
        return
    title_bigrams(g)
    try:  # the order model's skill words (absent from trees before it)
        from skillgraph.text._evidence import build_skill_words
    except ImportError:
        return
    build_skill_words(g)
    try:  # the variant words of title matching (absent from trees before titles18)
        from skillgraph.text._prefixes import variant_words
    except ImportError:
        return
    variant_words(ix)


def _median_pair(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def speed_section(esco: sg.SkillGraph, quick: bool) -> list[Row]:
    """Index build and match_skills / match_roles on ESCO: CPU and wall medians, each
    against a plain baseline timed in the same loop."""
    rows: list[Row] = []
    all_labels = [t for n in esco.nodes.values() for t in (n.label, *n.alt_labels)]
    repeats = 1 if quick else 5
    first = _timed(lambda: _full_build(esco))  # cold: word caches empty
    builds, base_builds = [first], []
    for _ in range(repeats):
        base_builds.append(_timed(lambda: CharTfidf(all_labels)))
        builds.append(_timed(lambda: _full_build(esco)))
    cpu, wall = _median_pair(builds)
    base_cpu, base_wall = _median_pair(base_builds)
    rows.append(
        {
            "section": "speed",
            "what": "match index build (all parts), ESCO (s)",
            "cpu": cpu,
            "wall": wall,
            "first cpu": first[0],
            "baseline cpu": base_cpu,
            "baseline wall": base_wall,
            "ratio cpu": cpu / base_cpu,
            "baseline is": "char 3-gram TF-IDF of every label and alt label",
            "target": 2.0,
        }
    )
    esco.match_skills("warm up")
    lookup = PhraseLookup(esco)
    texts = texts_of(300, 10 if quick else 60)
    ours, base = [], []
    for text in texts:
        ours.append(_timed(lambda text=text: esco.match_skills(text, k=20)))
        base.append(_timed(lambda text=text: lookup.match(text)))
    cpu, wall = _median_pair(ours)
    base_cpu, base_wall = _median_pair(base)
    rows.append(
        {
            "section": "speed",
            "what": "match_skills, 300-word text, ESCO (ms p50)",
            "cpu": 1000 * cpu,
            "wall": 1000 * wall,
            "baseline cpu": 1000 * base_cpu,
            "baseline wall": 1000 * base_wall,
            "ratio cpu": cpu / base_cpu,
            "baseline is": "dict lookup of every 1-4 word run",
            "target": 20.0,
        }
    )
    tf = CharTfidf([esco.roles[r].label for r in sorted(esco.roles)])
    ours, flat, base = [], [], []
    esco.match_roles("warm up")
    for q in ROLE_QUERIES * 4:
        ours.append(_timed(lambda q=q: esco.match_roles(q)))
        flat.append(_timed(lambda q=q: esco.match_roles(q, rerank=False)))
        base.append(_timed(lambda q=q: tf.scores(q)))
    cpu, wall = _median_pair(ours)
    flat_cpu, flat_wall = _median_pair(flat)
    base_cpu, base_wall = _median_pair(base)
    rows.append(
        {
            "section": "speed",
            "what": "match_roles, ESCO (ms p50)",
            "cpu": 1000 * cpu,
            "wall": 1000 * wall,
            "no rerank cpu": 1000 * flat_cpu,
            "no rerank wall": 1000 * flat_wall,
            "baseline cpu": 1000 * base_cpu,
            "baseline wall": 1000 * base_wall,
            "ratio cpu": cpu / base_cpu,
            "baseline is": "char 3-gram TF-IDF of role labels",
        }
    )
    return rows


#: job titles timed through match_roles
ROLE_QUERIES = (
    "nurse",
    "registered nurse",
    "data analyst",
    "cashier",
    "truck driver",
    "night shift warehouse operative",
    "junior software developer",
    "dough mixer",
)

SECTIONS = ("titles", "alignment", "speed")


def mean_row(rows: Sequence[Row]) -> Row:
    """The mean over seeds of the numeric figures of ``rows`` (one title row per seed)."""
    out: Row = {"section": rows[0]["section"], "what": rows[0]["what"], "seed": "mean"}
    for key, value in rows[0].items():
        if key not in out and isinstance(value, float):
            out[key] = statistics.fmean(float(r[key]) for r in rows)  # type: ignore[arg-type]
    out["seeds"] = " ".join(str(r["seed"]) for r in rows)
    return out


def _over_seeds(
    name: str, g: sg.SkillGraph, kind: NodeType, n_max: int | None, seeds: Sequence[int]
) -> list[Row]:
    rows = [_show(titles_section(name, g, kind, n_max, seed)) for seed in seeds]
    return [*rows, _show(mean_row(rows))] if len(rows) > 1 else rows


def run(
    quick: bool = False,
    sections: Sequence[str] = SECTIONS,
    seeds: Sequence[int] = (SEED,),
    onet_only: bool = False,
    queries: int | None = None,
) -> list[Row]:
    data = data_dir()
    if data is None:
        print("real data folder missing: skipped", file=sys.stderr)
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        esco = sg.read(data / "esco" / "v1.1.1" / "csv")
        onet = sg.read(data / "onet" / "29.3")
    n_max = queries or (300 if quick else 2000)
    rows: list[Row] = []
    if "titles" in sections:
        rows += _over_seeds("O*NET 29.3 alternate titles", onet, NodeType.ROLE, n_max, seeds)
        if not onet_only:
            skills = () if RERANK_ONLY else seeds
            rows += _over_seeds(
                "ESCO v1.1.1 occupation alt labels", esco, NodeType.ROLE, n_max, seeds
            )
            rows += _over_seeds(
                "ESCO v1.1.1 skill alt labels",
                esco,
                NodeType.SKILL,
                queries or (500 if quick else 2000),
                skills,
            )
    if "alignment" in sections:
        rows += [_show(r) for r in alignment_section(esco, onet, data)]
    if "speed" in sections:
        rows += [_show(r) for r in speed_section(esco, quick)]
    return rows


def _show(row: Row) -> Row:
    print(" | ".join(f"{k}: {fmt(v) if isinstance(v, float) else v}" for k, v in row.items()))
    sys.stdout.flush()
    return row


#: title section: roles only, lexical against re-ranked (no skills, no synonym ablation)
RERANK_ONLY = False
#: title section: no "no synonyms" pass (skills kept)
NO_ABLATION = False
#: title section: of the embedding methods, "hybrid" (and "hybrid re-ranked") only
HYBRID_ONLY = False
#: (window, margin) re-ranking variants of the title section (``--rerank-variant``)
VARIANTS: list[tuple[int, float]] = []


def _variant(text: str) -> tuple[int, float]:
    window, _, margin = text.partition(":")
    return int(window), float(margin or 0.0)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer queries (CI)")
    p.add_argument("--json", type=Path, help="write the rows as JSON")
    p.add_argument(
        "--lexical", action="store_true", help="skip the embedding methods of the title section"
    )
    p.add_argument(
        "--only", choices=SECTIONS, action="append", help="run only this section (repeatable)"
    )
    p.add_argument(
        "--seed",
        type=int,
        action="append",
        help=f"seed of the held-out split (repeatable; default {SEED}); several: mean too",
    )
    p.add_argument("--onet-only", action="store_true", help="title section: O*NET only")
    p.add_argument(
        "--rerank-variant",
        type=_variant,
        action="append",
        default=[],
        metavar="W:M",
        help="also re-rank roles with window W and promotion margin M (repeatable)",
    )
    p.add_argument(
        "--rerank-only",
        action="store_true",
        help="title section: roles only, lexical and re-ranked (no skills, no synonym ablation)",
    )
    p.add_argument(
        "--no-ablation",
        action="store_true",
        help='title section: every taxonomy, without the "no synonyms" pass',
    )
    p.add_argument(
        "--hybrid-only",
        action="store_true",
        help='title section: of the embedding methods, "hybrid" and "hybrid re-ranked" only',
    )
    p.add_argument(
        "--embed-queries",
        type=int,
        default=1000,
        help="held-out queries run through the embedding methods (default 1,000)",
    )
    p.add_argument(
        "--queries", type=int, help="held-out labels queried per taxonomy (default 2,000)"
    )
    args = p.parse_args(argv)
    VARIANTS[:] = args.rerank_variant
    global RERANK_ONLY, NO_ABLATION, HYBRID_ONLY, EMBED_QUERIES
    RERANK_ONLY, NO_ABLATION = args.rerank_only, args.no_ablation
    HYBRID_ONLY, EMBED_QUERIES = args.hybrid_only, args.embed_queries
    if args.lexical:
        global embeddings_available
        embeddings_available = _never
    rows = run(
        args.quick, args.only or SECTIONS, args.seed or (SEED,), args.onet_only, args.queries
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
