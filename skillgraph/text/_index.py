"""The lexical index of a graph's labels: words (stems, idf-weighted) and character 3-grams.

One row ("entry") per label, alt label, hidden label and label variant of every node;
``W`` holds each entry's content stems weighted by idf, ``C`` its character 3-grams as an
l2-normalised tf-idf vector, built from a word x 3-gram matrix so that the per-label Python
work is tokenisation only. Descriptions are indexed separately, on first use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from .._store import cached
from ..model import NodeType
from ._analyze import (
    STOP_WORDS,
    WORD_PATTERN,
    char_ngrams,
    fold,
    label_variants,
    singular,
    stem,
)
from ._owners import OwnerModel, owner_model
from ._synonyms import Synonyms, learn

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["FIELDS", "TextIndex", "build_index", "text_index"]

_WORDS_OR_BREAK = re.compile(WORD_PATTERN + r"|\n")

#: entry fields, in priority order (index = code); a variant is a label's part, e.g. "RN"
FIELDS = ("label", "alt_label", "hidden_label", "label_variant", "alt_label_variant")
FIELD_WEIGHT = np.array([1.0, 0.97, 0.95, 0.96, 0.93])
TYPE_CODES = {t: i for i, t in enumerate(NodeType)}
BM25_K1 = 1.2
BM25_B = 0.3


def _normalise_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    # a canonical matrix squares in place (what m.multiply(m) gives, without its pass)
    square = m.power(2) if m.has_canonical_format else m.multiply(m)
    norms = np.sqrt(np.asarray(square.sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)


@dataclass
class TextIndex:
    """Sparse matrices over a graph's labels (see the module docstring)."""

    ids: list[str]
    node_type: np.ndarray  # type code per node
    entry_node: np.ndarray  # node index per entry
    entry_field: np.ndarray  # FIELDS code per entry
    entry_text: list[str]
    vocab: dict[str, int]  # stem -> column of W
    idf: np.ndarray
    W: sp.csr_matrix  # entries x stems, idf weights (binary tf)
    W_counted: sp.csr_matrix  # W as idf + 1j: a product sums idf and counts stems at once
    anchors: sp.csr_matrix  # stems x entries: the stems a text must hold to name the entry
    WnT: sp.csr_matrix  # W with l2-normalised rows, transposed
    mass: np.ndarray  # row sums of W
    ntok: np.ndarray  # content stems per entry
    words: dict[str, int]  # folded word -> column of the word x gram matrix
    grams: dict[str, int]
    gram_idf: np.ndarray
    C: sp.csc_matrix  # entries x grams, l2-normalised tf-idf (column-sliced at query time)
    WG: sp.csc_matrix  # words x grams, binary
    word_gram_count: np.ndarray  # distinct grams per word
    word_stem: np.ndarray  # stem column of each word
    word_ends: np.ndarray  # end of each entry's words in flat_words
    flat_words: np.ndarray  # word ids of every entry, entry after entry
    position: dict[str, int] = field(default_factory=dict)  # node id -> index
    _desc: tuple[sp.csr_matrix, np.ndarray] | None = None
    _keys: tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray] | None = None
    _entry_keys: np.ndarray | None = None
    _bm25: sp.csr_matrix | None = None
    _synonyms: Synonyms | None = None
    _owners: OwnerModel | None = None
    _built: Callable[[str, Any], None] | None = None
    _saved: Callable[[str], Any] | None = None

    def synonyms(self) -> Synonyms:
        """The synonyms and abbreviations learned from these labels, built on first use."""
        if self._synonyms is None:
            self._synonyms = self._load("synonyms")
        if self._synonyms is None:
            self._synonyms = learn(self)
            self._keep("synonyms", self._synonyms)
        return self._synonyms

    def owners(self, g: SkillGraph) -> OwnerModel:
        """The naive Bayes model of which node owns a title (`skillgraph.text._owners`),
        built on first use (``g`` is the graph of this index: it gives the nodes' groups)."""
        if self._owners is None:
            self._owners = owner_model(self, g)
        return self._owners

    def _keep(self, name: str, value: Any) -> None:
        if self._built is not None:
            self._built(name, value)

    def _load(self, name: str) -> Any:
        return None if self._saved is None else self._saved(name)

    def later_parts(self) -> dict[str, Any]:
        """The values built on first use (``"synonyms"``, ``"descriptions"``), None if not
        built or loaded yet: what a cache snapshot may keep beside the index."""
        return {"synonyms": self._synonyms, "descriptions": self._desc}

    def when_built(
        self, callback: Callable[[str, Any], None], saved: Callable[[str], Any] | None = None
    ) -> None:
        """Call ``callback(name, value)`` once a later part is built (to keep it); on first
        use of a later part, ask ``saved(name)`` for a copy kept before (None: build it)."""
        self._built = callback
        self._saved = saved

    def same_title(self, words: list[str]) -> list[tuple[int, int]]:
        """(field, node index) of the entries whose words are ``words`` up to plurals
        (``words`` folded, as `_analyze.words` gives them), in entry order."""
        if self._keys is None:
            self._keys = _title_keys(self.words, self.flat_words, self.word_ends)
        sing_ids, word_sing, order, sorted_keys = self._keys
        seq = [sing_ids.get(singular(w)) for w in words]
        if not seq or None in seq:
            return []
        query = np.array(seq, dtype=np.uint64)
        key = _hash_words(query, np.zeros(1, dtype=np.int64), np.array([len(seq)]))[0]
        lo = int(np.searchsorted(sorted_keys, key, side="left"))
        hi = int(np.searchsorted(sorted_keys, key, side="right"))
        out: list[tuple[int, int]] = []
        for e in sorted(order[lo:hi].tolist()):  # same hash: compare the words themselves
            start = int(self.word_ends[e - 1]) if e else 0
            if np.array_equal(word_sing[self.flat_words[start : self.word_ends[e]]], query):
                out.append((int(self.entry_field[e]), int(self.entry_node[e])))
        return out

    def shared_titles(self, holders: set[int]) -> np.ndarray:
        """Per node, the number of distinct titles (labels, alt and hidden labels, up to
        plurals) it shares with each node of ``holders``, summed over ``holders`` (a node
        is not counted against itself). Titles are compared by their 64-bit word hash."""
        out = np.zeros(len(self.ids))
        if self._keys is None:
            self.same_title(["x"])
        assert self._keys is not None
        _, _, order, sorted_keys = self._keys
        if self._entry_keys is None:
            keyed = np.zeros(len(self.entry_text), dtype=np.uint64)
            keyed[order] = sorted_keys
            self._entry_keys = keyed
        n_nodes = len(self.ids)
        for a in sorted(holders):
            own = [e for e in self.entries_of(a) if self.entry_field[e] <= 2]
            keys = np.unique(self._entry_keys[own]) if own else np.zeros(0, dtype=np.uint64)
            lo = np.searchsorted(sorted_keys, keys, side="left")
            hi = np.searchsorted(sorted_keys, keys, side="right")
            if not len(keys) or not (hi - lo).any():
                continue
            idx = np.concatenate(
                [np.arange(x, y) for x, y in zip(lo.tolist(), hi.tolist(), strict=True)]
            )
            entries = order[idx]
            key_of = np.repeat(np.arange(len(keys)), hi - lo)
            titled = self.entry_field[entries] <= 2
            pairs = np.unique(key_of[titled] * n_nodes + self.entry_node[entries][titled])
            nodes = pairs % n_nodes
            out += np.bincount(nodes[nodes != a], minlength=n_nodes)
        return out

    @property
    def rare_idf(self) -> float:
        """The idf of a stem that only two nodes have."""
        return float(np.log1p(max(1, len(self.ids)) / 2.0))

    def type_mask(self, types: tuple[NodeType, ...] | None) -> np.ndarray | None:
        """Boolean mask of the nodes of ``types`` (None: every node)."""
        if types is None:
            return None
        codes = [TYPE_CODES[t] for t in types]
        return np.isin(self.node_type, codes)

    def query_stems(self, stems: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Columns and idf weights of the known, distinct ``stems``."""
        cols = sorted({self.vocab[s] for s in stems if s in self.vocab})
        arr = np.array(cols, dtype=np.int64)
        return arr, self.idf[arr] if cols else np.zeros(0)

    def title_bm25(self) -> sp.csr_matrix:
        """Stems x nodes BM25 weights of each node's bag of label words (all its labels
        together: a word in many of a node's titles weighs more), built on first use."""
        if self._bm25 is None:
            n_nodes, n_entries = len(self.ids), len(self.entry_text)
            agg = sp.csr_matrix(
                (np.ones(n_entries), (self.entry_node, np.arange(n_entries))),
                shape=(n_nodes, n_entries),
            )
            w_bin = self.W.copy()
            w_bin.data = np.ones_like(w_bin.data)
            bag = sp.csr_matrix(agg @ w_bin)
            length = np.asarray(bag.sum(axis=1)).ravel()
            avg = float(length.mean()) if n_nodes else 1.0
            k1, b = BM25_K1, BM25_B
            rows = np.repeat(np.arange(n_nodes), np.diff(bag.indptr))
            tf = bag.data
            bag.data = tf * (k1 + 1) / (tf + k1 * (1 - b + b * length[rows] / max(avg, 1e-9)))
            self._bm25 = sp.csr_matrix(bag.T)
        return self._bm25

    def similar_words(self, word: str, threshold: float = 0.6) -> list[tuple[int, float]]:
        """Stem columns of the known words spelled like ``word`` (3-gram Dice >= threshold),
        with their Dice coefficient, best first (at most 3)."""
        grams = {self.grams[g] for g in char_ngrams(word) if g in self.grams}
        if not grams:
            return []
        shared = np.asarray(self.WG[:, sorted(grams)].sum(axis=1)).ravel()
        n_q = len(set(char_ngrams(word)))
        dice = 2.0 * shared / (n_q + self.word_gram_count)
        best = np.flatnonzero(dice >= threshold)
        best = best[np.lexsort((best, -dice[best]))][:3]
        return [(int(self.word_stem[j]), float(dice[j])) for j in best.tolist()]

    def query_grams(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Columns and l2-normalised tf-idf weights of the 3-grams of ``words``."""
        counts: dict[int, int] = {}
        for w in words:
            for g in char_ngrams(w):
                j = self.grams.get(g)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        cols = np.array(sorted(counts), dtype=np.int64)
        vals = np.array([1.0 + math.log(counts[j]) for j in cols.tolist()]) * self.gram_idf[cols]
        return cols, vals / np.linalg.norm(vals)

    def descriptions(self, g: SkillGraph) -> tuple[sp.csr_matrix, np.ndarray]:
        """Stems x nodes tf-idf of each node's labels and description (l2-normalised
        columns), and whether each node has a description; built on first use."""
        if self._desc is None:
            self._desc = self._load("descriptions")
        if self._desc is None:
            nodes = g.nodes
            texts = [(nodes[nid].description or "").replace("\n", " ") for nid in self.ids]
            has = np.array([bool(t) for t in texts], dtype=bool)
            joined = "\n".join([t if t.isascii() else fold(t) for t in texts]).lower()
            found = _WORDS_OR_BREAK.findall(joined + "\n")
            stem_of: dict[str, int] = {"\n": -2}
            for w in dict.fromkeys(found):
                if w != "\n":
                    j = self.vocab.get(stem(w.strip("'.’")))
                    stem_of[w] = -1 if j is None or w in STOP_WORDS else j
            code = np.fromiter(map(stem_of.__getitem__, found), dtype=np.int64, count=len(found))
            breaks = code == -2
            node_of = np.cumsum(breaks) - breaks
            keep = code >= 0
            n_nodes, n_stems = len(self.ids), len(self.vocab)
            desc = sp.csr_matrix(
                (np.ones(int(keep.sum())), (node_of[keep], code[keep])), shape=(n_nodes, n_stems)
            )
            desc.sum_duplicates()
            desc.data = 1.0 + np.log(desc.data)
            agg = sp.csr_matrix(
                (np.ones(len(self.entry_node)), (self.entry_node, np.arange(len(self.entry_node)))),
                shape=(n_nodes, len(self.entry_node)),
            )
            labels = sp.csr_matrix(agg @ self.W)
            labels.data = np.full_like(labels.data, 2.0)  # labels count as two mentions
            m = sp.csr_matrix(desc + labels)
            m.data = m.data * self.idf[m.indices]
            self._desc = (sp.csr_matrix(_normalise_rows(m).T), has)
            self._keep("descriptions", self._desc)
        return self._desc

    def stems_of(self, entry: int) -> np.ndarray:
        """The stem columns of ``entry``."""
        found: np.ndarray = self.W.indices[self.W.indptr[entry] : self.W.indptr[entry + 1]]
        return found

    def entries_of(self, node: int) -> range:
        """The entries of node index ``node`` (they are contiguous)."""
        lo = int(np.searchsorted(self.entry_node, node, side="left"))
        hi = int(np.searchsorted(self.entry_node, node, side="right"))
        return range(lo, hi)


_HASH_BASE = np.uint64(1_000_003)


def _hash_words(seq: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """A 64-bit polynomial hash of each run ``seq[start : start + count]`` (uint64 ids)."""
    n = len(counts)
    longest = int(counts.max()) if n else 0
    powers = np.cumprod(np.full(max(1, longest), _HASH_BASE, dtype=np.uint64))
    run = np.repeat(np.arange(n), counts)
    position = np.arange(len(run)) - np.repeat(starts, counts)
    with np.errstate(over="ignore"):
        terms = (seq + np.uint64(1)) * powers[position]
        keys = np.zeros(n, dtype=np.uint64)
        np.add.at(keys, run, terms)
        keys += counts.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return keys


def _title_keys(
    words: dict[str, int], flat_words: np.ndarray, word_ends: np.ndarray
) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """The lookup behind `TextIndex.same_title`: singular word ids, each word's singular,
    and the entries (those with words) in order of the hash of their singular words."""
    sing_ids: dict[str, int] = {}
    word_sing = np.array(
        [sing_ids.setdefault(singular(w), len(sing_ids)) for w in words], dtype=np.uint64
    )
    counts = np.diff(word_ends, prepend=0)
    starts = word_ends - counts
    keys = _hash_words(word_sing[flat_words], starts, counts)
    with_words = np.flatnonzero(counts > 0)
    order = with_words[np.argsort(keys[with_words], kind="stable")]
    return sing_ids, word_sing, order, keys[order]


#: share of an entry's idf mass a text may miss and still name it (labels of four stems or
#: more; shorter labels need every stem)
MISSING_SHARE = 0.25
#: stems of four or more name an entry from ``1 - MISSING_SHARE`` of its mass on
LONG_LABEL = 4


def _anchors(w: sp.csr_matrix, mass: np.ndarray, ntok: np.ndarray, n_stems: int) -> sp.csr_matrix:
    """Stems x entries: for each entry, its rarest stems up to just over ``MISSING_SHARE``
    of its idf mass (one stem for labels shorter than ``LONG_LABEL``).

    A text that holds none of an entry's anchors misses more than ``MISSING_SHARE`` of
    its mass (or, for a short label, one of its stems), so it cannot name the entry: free
    text is only compared in full with the entries whose anchors it holds.
    """
    n_entries = w.shape[0]
    row = np.repeat(np.arange(n_entries), np.diff(w.indptr))
    order = np.lexsort((w.indices, -w.data, row))  # each row's stems, rarest first
    data = w.data[order]
    total = np.cumsum(data)
    starts = w.indptr[:-1]
    offset = np.zeros(n_entries)
    has = ntok > 0
    offset[has] = total[starts[has]] - data[starts[has]]
    before = total - data - offset[row]  # mass of the entry's rarer stems
    first = np.arange(len(data)) == starts[row]
    long_label = ntok[row] >= LONG_LABEL
    # a prefix holding a little more than the share (float rounding cannot let a text
    # missing all of it pass)
    keep = first | (long_label & (before < (MISSING_SHARE + 0.01) * mass[row]))
    return sp.csr_matrix(
        (np.ones(int(keep.sum())), (w.indices[order][keep], row[keep])),
        shape=(n_stems, n_entries),
    )


def _one_line(label: str) -> str:
    """``label`` accent-folded, on one line."""
    return fold(label).replace("\n", " ")


def build_index(g: SkillGraph) -> TextIndex:
    """The `TextIndex` of every node of ``g`` (ids in sorted order)."""
    ids = sorted(g.nodes)
    nodes = g.nodes
    node_type = np.array([TYPE_CODES[nodes[i].node_type] for i in ids], dtype=np.int8)
    entry_text: list[str] = []
    entry_field: list[int] = []
    per_node: list[int] = []
    for nid in ids:
        node = nodes[nid]
        labels = (node.label, *node.alt_labels, *node.hidden_labels)
        fields = [0] + [1] * len(node.alt_labels) + [2] * len(node.hidden_labels)
        if "(" in "".join(labels):  # "RN (Registered Nurse)" is also "RN" and ...
            found_variants = [
                (3 if f == 0 else 4, v)
                for f, t in zip(fields, labels, strict=True)
                for v in label_variants(t)
            ]
            found_variants.sort(key=lambda fv: fv[0])
            labels += tuple(v for _, v in found_variants)
            fields += [f for f, _ in found_variants]
        entry_text.extend(labels)
        entry_field.extend(fields)
        per_node.append(len(labels))
    # one tokenisation of all labels at once: a new line closes each label; only labels
    # with non-ASCII letters need the (slower) accent folding
    joined = "\n".join(entry_text)
    if joined.count("\n") != len(entry_text) - 1 or not joined.isascii():
        joined = "\n".join(
            [t if t.isascii() and "\n" not in t else _one_line(t) for t in entry_text]
        )
    found = _WORDS_OR_BREAK.findall(joined.lower() + "\n")
    wid: dict[str, int] = {}
    lookup: dict[str, int] = {"\n": -2}
    for w in dict.fromkeys(found):
        if w == "\n":
            continue
        c = w.replace("’", "'").strip("'.") if ("'" in w or "." in w or "’" in w) else w
        lookup[w] = wid.setdefault(c, len(wid)) if c else -1
    code = np.fromiter(map(lookup.__getitem__, found), dtype=np.int64, count=len(found))
    breaks = code == -2
    entry_of = np.cumsum(breaks) - breaks  # the label each token belongs to
    valid = code >= 0
    flat_w, flat_e = code[valid], entry_of[valid]
    n_entries = len(entry_text)
    n_words = len(wid)
    # stems of the content words (an entry of stop words only keeps them all)
    stem_ids: dict[str, int] = {}
    word_stem = np.empty(n_words, dtype=np.int64)
    is_stop = np.zeros(n_words, dtype=bool)
    for w, j in wid.items():
        word_stem[j] = stem_ids.setdefault(stem(w), len(stem_ids))
        is_stop[j] = w in STOP_WORDS
    stop = is_stop[flat_w]
    content_count = np.bincount(flat_e[~stop], minlength=n_entries)
    keep = ~stop | (content_count[flat_e] == 0)
    rows, cols = flat_e[keep], word_stem[flat_w[keep]]
    w_mat = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_entries, len(stem_ids)))
    w_mat.sum_duplicates()
    w_mat.data[:] = 1.0
    nodes_of = np.repeat(np.arange(len(ids), dtype=np.int64), per_node)
    pairs = np.unique(
        nodes_of[np.repeat(np.arange(n_entries), np.diff(w_mat.indptr))] * max(1, len(stem_ids))
        + w_mat.indices
    )
    df = np.bincount(pairs % max(1, len(stem_ids)), minlength=len(stem_ids)).astype(np.float64)
    idf = np.log1p(max(1, len(ids)) / np.maximum(df, 1.0))
    w_mat.data = idf[w_mat.indices]
    mass = np.asarray(w_mat.sum(axis=1)).ravel()
    ntok = np.diff(w_mat.indptr)
    # character 3-grams through a word x gram matrix
    grams: dict[str, int] = {}
    wg_rows: list[int] = []
    wg_cols: list[int] = []
    for w, j in wid.items():
        for gram in char_ngrams(w):
            k = grams.get(gram)
            if k is None:
                k = grams[gram] = len(grams)
            wg_rows.append(j)
            wg_cols.append(k)
    ew = sp.csr_matrix((np.ones(len(flat_w)), (flat_e, flat_w)), shape=(n_entries, n_words))
    wg = sp.csr_matrix((np.ones(len(wg_rows)), (wg_rows, wg_cols)), shape=(n_words, len(grams)))
    grams_mat = sp.csr_matrix(ew @ wg)
    gram_df = np.bincount(grams_mat.indices, minlength=len(grams)).astype(np.float64)
    gram_idf = np.log1p(max(1, n_entries) / np.maximum(gram_df, 1.0))
    grams_mat.data = (1.0 + np.log(grams_mat.data)) * gram_idf[grams_mat.indices]
    grams_mat = _normalise_rows(grams_mat)
    n_stems = len(stem_ids)
    return TextIndex(
        ids=ids,
        node_type=node_type,
        entry_node=nodes_of,
        entry_field=np.array(entry_field, dtype=np.int8),
        entry_text=entry_text,
        vocab=stem_ids,
        idf=idf,
        W=w_mat,
        W_counted=sp.csr_matrix((w_mat.data + 1j, w_mat.indices, w_mat.indptr), shape=w_mat.shape),
        anchors=_anchors(w_mat, mass, ntok, n_stems),
        WnT=sp.csr_matrix(_normalise_rows(w_mat).T),
        mass=mass,
        ntok=ntok,
        words=wid,
        grams=grams,
        gram_idf=gram_idf,
        C=sp.csc_matrix(grams_mat),
        WG=sp.csc_matrix(wg),
        word_gram_count=np.diff(wg.indptr),
        word_stem=word_stem,
        word_ends=np.cumsum(np.bincount(flat_e, minlength=n_entries)),
        flat_words=flat_w,
        position={nid: i for i, nid in enumerate(ids)},
    )


def text_index(g: SkillGraph) -> TextIndex:
    """The graph's `TextIndex`, built once per graph version."""
    return cached(g, "text_index", build_index)
