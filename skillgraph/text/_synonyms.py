"""Synonyms and abbreviations learned from a graph's own labels.

Two kinds of evidence, both read from the labels of one node at a time (so a graph only
ever learns from what it holds):

- **Substitutions.** Two labels of the same node that differ in one run of at most
  `MAX_SPAN` words, the rest of the label equal (``"operate cash register"`` /
  ``"operate till"``, ``"manage stock"`` / ``"oversee stock"``), make the two runs
  substitutes. A pair counts once per node and is kept when at least `MIN_SUPPORT`
  nodes show it (one node's quirk is no synonym) and its confidence, the share of the
  nodes holding the rarer run that show it, is at least `MIN_CONFIDENCE` (co-hyponyms
  such as "restaurant" / "banquet" in a few job titles are not kept); each run keeps its
  `TOP` most confident partners. Words are compared by stem, so inflections are no
  substitutes of each other.
- **Abbreviations.** A one-word label of 2-6 letters (not a stop word) that spells the
  initials of another label of the same node (``"RN"`` / ``"registered nurse"``,
  ``"CSS"`` / ``"cascading style sheets"``) is an abbreviation of it; one node is enough.

`Synonyms.spans` finds the runs of a query that have substitutes: title matching adds
the substitutes' stems to the query at a reduced weight, free-text matching lets a run
stand for its substitutes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ._analyze import STOP_WORDS

if TYPE_CHECKING:
    from ._index import TextIndex

__all__ = ["MAX_SPAN", "MIN_CONFIDENCE", "MIN_SUPPORT", "TOP", "Synonyms", "learn"]

#: longest run of words that is substituted (and longest query run looked up)
MAX_SPAN = 3
#: nodes that must show a substitution before it is kept
MIN_SUPPORT = 3
#: share of the nodes holding the rarer of two runs that substitute one for the other,
#: below which the pair is no synonym ("restaurant" / "banquet" in a few job titles)
MIN_CONFIDENCE = 0.3
#: partners kept for each run, most confident first
TOP = 3
#: groups of labels sharing a context larger than this are skipped (boilerplate)
_MAX_GROUP = 8
_ACRONYM = range(2, 7)

_U = np.uint64
_Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Synonyms:
    """Runs of stems (index vocabulary columns) -> their substitutes, with confidence.

    ``table[run]`` lists ``(partner stems, confidence, abbreviation)``, best first; the
    confidence (in (0, 1], 1 for an abbreviation) is the share of the nodes holding the
    rarer run whose labels substitute the two; a partner holds content stems only.
    ``words`` names each stem for evidence.
    """

    table: dict[tuple[int, ...], list[tuple[tuple[int, ...], float, bool]]]
    words: dict[int, str]

    def spans(self, cols: list[int | None]) -> list[tuple[int, int, tuple[int, ...], float]]:
        """``(start, end, partner, confidence)`` for every run ``cols[start:end]`` (stem
        columns of a query's words, None for unknown words) that has substitutes."""
        out: list[tuple[int, int, tuple[int, ...], float]] = []
        if not self.table:
            return out
        n = len(cols)
        for i in range(n):
            for length in range(1, MAX_SPAN + 1):
                if i + length > n:
                    break
                run = cols[i : i + length]
                if None in run:
                    break
                found = self.table.get(tuple(c for c in run if c is not None))
                if found:
                    out.extend((i, i + length, p, c) for p, c, _ in found)
        return out

    def name(self, stems: tuple[int, ...]) -> str:
        """The words of ``stems``, for evidence."""
        return " ".join(self.words.get(s, "?") for s in stems)


def _hash_runs(t: np.ndarray, rel: np.ndarray, base: int) -> np.ndarray:
    """Exclusive prefix sums of ``(t + 1) * base ** rel`` (uint64, wrapping)."""
    powers = np.cumprod(np.concatenate([[1], np.full(max(1, int(rel.max(initial=0))), base)]))
    with np.errstate(over="ignore"):
        terms = (t.astype(_U) + _U(1)) * powers.astype(_U)[rel]
    out = np.zeros(len(t) + 1, dtype=_U)
    np.cumsum(terms, out=out[1:])
    return out


def _substitutions(
    ix: TextIndex, is_content: Callable[[np.ndarray], np.ndarray]
) -> dict[tuple[int, int], int]:
    """(run code, run code) -> the number of nodes whose labels substitute one for the
    other (see the module docstring); codes from `_code`."""
    t = ix.word_stem[ix.flat_words].astype(np.int64)
    ends = ix.word_ends.astype(np.int64)
    counts = np.diff(ends, prepend=0)
    starts = ends - counts
    n_tok = len(t)
    if n_tok == 0:
        return {}
    entry_of = np.repeat(np.arange(len(ends)), counts)
    rel = np.arange(n_tok) - starts[entry_of]
    rel_end = ends[entry_of] - 1 - np.arange(n_tok)
    pre = _hash_runs(t, rel, 1_000_003)
    suf = _hash_runs(t, rel_end, 998_244_353)
    m = len(ix.vocab) + 1
    node_of = ix.entry_node[entry_of].astype(np.int64)
    keys_l, codes_l, nodes_l = [], [], []
    for length in range(1, MAX_SPAN + 1):
        if m**length >= 1 << 62:
            break
        i = np.arange(n_tok - length + 1)
        e = entry_of[i]
        i = i[(i + length <= ends[e])]
        e = entry_of[i]
        run = np.zeros(len(i), dtype=np.int64)
        for k in range(length):
            run += (t[i + k] + 1) * m**k
        a = i - starts[e]
        b = ends[e] - (i + length)
        ok = (a + b) >= 1
        i, e, run, a, b = i[ok], e[ok], run[ok], a[ok], b[ok]
        with np.errstate(over="ignore"):
            key = (
                (pre[i] - pre[starts[e]]) * _U(0x9E3779B97F4A7C15)
                + (suf[ends[e]] - suf[i + length]) * _U(0xC2B2AE3D27D4EB4F)
                + node_of[i].astype(_U) * _U(0x165667B19E3779F9)
                + a.astype(_U) * _U(0x27D4EB2F165667C5)
                + b.astype(_U) * _U(0x85EBCA77C2B2AE63)
            )
        keys_l.append(key)
        codes_l.append(run)
        nodes_l.append(node_of[i])
    keys = np.concatenate(keys_l)
    codes = np.concatenate(codes_l)
    nodes = np.concatenate(nodes_l)
    # only a context held by two runs or more can pair them: find those by one plain sort
    # of the keys, then sort just their runs by (key, code) (a stable sort restricted to
    # them, in their first order: the order the sort of all runs gives them)
    by_key = np.argsort(keys)
    sorted_keys = keys[by_key]
    twice = sorted_keys[1:] == sorted_keys[:-1]
    held = np.zeros(len(keys), dtype=bool)
    held[1:] |= twice
    held[:-1] |= twice
    shared = np.sort(by_key[held])
    order = shared[np.lexsort((codes[shared], keys[shared]))]
    keys, codes, nodes = keys[order], codes[order], nodes[order]
    fresh = np.ones(len(keys), dtype=bool)
    fresh[1:] = (keys[1:] != keys[:-1]) | (codes[1:] != codes[:-1])
    keys, codes, nodes = keys[fresh], codes[fresh], nodes[fresh]
    if not len(keys):
        return {}
    new_group = np.ones(len(keys), dtype=bool)
    new_group[1:] = keys[1:] != keys[:-1]
    group = np.cumsum(new_group) - 1
    gstart = np.flatnonzero(new_group)
    gsize = np.diff(np.append(gstart, len(keys)))
    size = gsize[group]
    inside = (size >= 2) & (size <= _MAX_GROUP)
    elems = np.flatnonzero(inside)
    reps = size[elems]
    rep = np.repeat(elems, reps)
    within = np.arange(len(rep)) - np.repeat(np.cumsum(reps) - reps, reps)
    partner = gstart[group[rep]] + within
    keep = rep < partner  # each unordered pair once
    a_code, b_code, node = codes[rep[keep]], codes[partner[keep]], nodes[rep[keep]]
    good = is_content(a_code) & is_content(b_code)
    a_code, b_code, node = a_code[good], b_code[good], node[good]
    swap = a_code > b_code
    a_code, b_code = np.where(swap, b_code, a_code), np.where(swap, a_code, b_code)
    order = np.lexsort((node, b_code, a_code))
    a_code, b_code, node = a_code[order], b_code[order], node[order]
    if not len(a_code):
        return {}
    pair_new = np.ones(len(a_code), dtype=bool)
    pair_new[1:] = (a_code[1:] != a_code[:-1]) | (b_code[1:] != b_code[:-1])
    triple_new = pair_new.copy()
    triple_new[1:] |= node[1:] != node[:-1]
    pair_id = np.cumsum(pair_new) - 1
    support = np.bincount(pair_id[triple_new], minlength=int(pair_id[-1]) + 1)
    first = np.flatnonzero(pair_new)
    kept = np.flatnonzero(support >= MIN_SUPPORT)
    out: dict[tuple[int, int], int] = {}
    for x, y, n in zip(
        a_code[first[kept]].tolist(),
        b_code[first[kept]].tolist(),
        support[kept].tolist(),
        strict=True,
    ):
        out[(x, y)] = n
        out[(y, x)] = n
    return out


def _decode(run: int, m: int) -> tuple[int, ...]:
    out = []
    while run:
        run, digit = divmod(run, m)
        out.append(digit - 1)
    return tuple(out)


def _abbreviations(ix: TextIndex, word_of: list[str]) -> list[_Pair]:
    """(abbreviation stem, expansion stems) of every one-word label that spells the
    initials of another label of its node."""
    counts = np.diff(ix.word_ends, prepend=0)
    starts = ix.word_ends - counts
    found: list[_Pair] = []
    single = np.flatnonzero(counts == 1)
    by_node: dict[int, dict[str, list[int]]] = {}  # each node's initials, once per node
    for e in single.tolist():
        w = word_of[int(ix.flat_words[starts[e]])]
        if len(w) not in _ACRONYM or not w.isalpha() or w in STOP_WORDS:
            continue
        node = int(ix.entry_node[e])
        spelled = by_node.get(node)
        if spelled is None:
            spelled = by_node[node] = _initials(ix, word_of, node, counts, starts)
        for other in spelled.get(w, ()):
            ids = ix.flat_words[starts[other] : ix.word_ends[other]].tolist()
            stems = tuple(int(ix.word_stem[i]) for i in ids)
            found.append(((int(ix.word_stem[ix.flat_words[starts[e]]]),), stems))
    return found


def _initials(
    ix: TextIndex, word_of: list[str], node: int, counts: np.ndarray, starts: np.ndarray
) -> dict[str, list[int]]:
    """The initials of the labels of two words or more of ``node`` (of every word, and of
    its content words) -> those labels, in entry order."""
    out: dict[str, list[int]] = {}
    for other in ix.entries_of(node):
        if counts[other] < 2:
            continue
        ws = [word_of[i] for i in ix.flat_words[starts[other] : ix.word_ends[other]].tolist()]
        every = "".join(x[0] for x in ws)
        content = "".join(x[0] for x in ws if x not in STOP_WORDS)
        out.setdefault(every, []).append(other)
        if content != every:
            out.setdefault(content, []).append(other)
    return out


def learn(ix: TextIndex) -> Synonyms:
    """The `Synonyms` of the labels in ``ix``."""
    word_of = [""] * len(ix.words)
    for w, j in ix.words.items():
        word_of[j] = w
    n_stems = len(ix.vocab)
    stop = np.zeros(n_stems + 1, dtype=bool)
    names: dict[int, str] = {}
    for w, j in ix.words.items():
        s = int(ix.word_stem[j])
        names.setdefault(s, w)
        if w in STOP_WORDS:
            stop[s] = True
    m = n_stems + 1

    def is_content(codes: np.ndarray) -> np.ndarray:
        """Which runs hold a content (not stop-word) stem."""
        out = np.zeros(len(codes), dtype=bool)
        rest = codes.copy()
        while rest.any():
            digit = rest % m
            has = digit > 0
            out |= has & ~stop[np.maximum(digit - 1, 0)]
            rest //= m
        return out

    # nodes holding each stem (from its idf, see `build_index`); a run is held by at most
    # as many nodes as its rarest content stem
    held = np.rint(max(1, len(ix.ids)) / np.expm1(ix.idf))

    def nodes_with(run: tuple[int, ...]) -> float:
        return float(min((held[s] for s in run if not stop[s]), default=1.0))

    support = _substitutions(ix, is_content)
    by_run: dict[tuple[int, ...], list[tuple[tuple[int, ...], float, bool]]] = {}
    for (x, y), n in support.items():
        run, other = _decode(x, m), _decode(y, m)
        if set(run) & set(other):
            continue  # "cash register" / "register": a part, not a substitute
        confidence = n / max(1.0, min(nodes_with(run), nodes_with(other)))
        if confidence < MIN_CONFIDENCE:
            continue
        partner = tuple(s for s in other if not stop[s])
        by_run.setdefault(run, []).append((partner, min(1.0, confidence), False))
    for short, long in _abbreviations(ix, word_of):
        partner = tuple(s for s in long if not stop[s])
        for run, p in ((short, partner), (long, short)):
            if len(run) <= MAX_SPAN and p and p != run:
                entries = by_run.setdefault(run, [])
                if all(q != p for q, _, _ in entries):
                    entries.append((p, 1.0, True))
    table = {
        run: sorted(ps, key=lambda x: (-x[1], x[0]))[:TOP] for run, ps in sorted(by_run.items())
    }
    return Synonyms(table=table, words=names)
