"""Role feature matrices for similarity: one unit-row matrix per component.

Each builder returns a role x feature matrix whose rows are unit length (or zero, for a role
the component knows nothing about), so the dot product of two rows is a cosine in [-1, 1]
(in [0, 1] for the non-negative components). See ``_index`` for how the components are mixed
and docs/concepts.md for what each one means.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import chain, count

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ._ratings import parse_ratings
from ._stopwords import STOP_WORDS

__all__ = [
    "DESCRIPTION_WEIGHT",
    "LEVEL_WEIGHT",
    "PREFIX_LENGTH",
    "STOP_WORDS",
    "parse_ratings",
    "rating_profiles",
    "set_profiles",
    "text_profiles",
    "unit_rows",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

PREFIX_LENGTH = 5
"""Title words longer than this also give their first ``PREFIX_LENGTH`` letters as a term,
a cheap stem ("accountant" and "accounting" share "accou")."""
LEVEL_WEIGHT = 0.25
"""Weight of the level block of a rated profile relative to the importance block."""
DESCRIPTION_WEIGHT = 0.5
"""Weight of the description block of the text profile relative to the title block."""

_WORD = re.compile(r"[^\W\d_]{2,}")
#: ``_WORD`` on ASCII text (a simpler, faster class; upper case is kept, as a folded text
#: may hold it: "ℍ" decomposes to "H")
_ASCII_WORD = re.compile(r"[A-Za-z]{2,}")


def unit_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    """``m`` with every non-zero row scaled to unit Euclidean length (indices sorted)."""
    m = sp.csr_matrix(m, dtype=np.float64)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    scale = np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 0.0)
    out = sp.csr_matrix(sp.diags(scale) @ m)
    out.sort_indices()
    out.eliminate_zeros()
    return out


def set_profiles(
    rows: IntArray, cols: IntArray, values: FloatArray, shape: tuple[int, int]
) -> sp.csr_matrix:
    """Unit-row sparse profiles from ``(row, col, value)`` triples (repeats summed)."""
    m = sp.csr_matrix((values, (rows, cols)), shape=shape)
    return unit_rows(m)


def rating_profiles(
    importance: FloatArray, level: FloatArray, known_im: BoolArray, known_lv: BoolArray
) -> FloatArray:
    """Unit rows of rated profiles: importance and level, each centred per role.

    ``importance`` and ``level`` are roles x rated elements, ``known_*`` mark the published
    cells. Each role's ratings are centred on their own mean (unknown cells count as that
    mean), so the cosine of two rows is the correlation of their profiles' shapes: what a
    role needs more and less of, not the offset every rating shares. Each block is scaled
    by its spread over the known cells; the level block is weighted ``LEVEL_WEIGHT``.
    Roles rating nothing get a zero row.
    """
    n, m = importance.shape
    if n == 0 or m == 0:
        return np.zeros((n, 2 * m))
    blocks = []
    for values, known, weight in (
        (importance, known_im, 1.0),
        (level, known_lv, LEVEL_WEIGHT),
    ):
        cnt = known.sum(axis=1, keepdims=True)
        mean = np.where(known, values, 0.0).sum(axis=1, keepdims=True) / np.maximum(cnt, 1)
        dev = np.where(known, values - mean, 0.0)
        spread = float(np.sqrt((dev * dev).sum() / max(int(known.sum()), 1)))
        blocks.append(dev * (weight / spread if spread > 0 else 0.0))
    z = np.hstack(blocks)
    norms = np.linalg.norm(z, axis=1)
    out: FloatArray = z / np.where(norms > 0, norms, 1.0)[:, None]
    return out


def _fold(text: str) -> str:
    """Case-folded ``text`` without accents (a fast path for ASCII text)."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    # the combining marks dropped by one translate (a table of the marks this text has)
    marks = {ord(c): None for c in set(decomposed) if unicodedata.combining(c)}
    return decomposed.translate(marks) if marks else decomposed


def _words(text: str) -> list[str]:
    folded = _fold(text)
    found = (_ASCII_WORD if folded.isascii() else _WORD).findall(folded)
    return [w for w in found if w not in STOP_WORDS]


def _counts(docs: Sequence[Sequence[str]], vocab: dict[str, int]) -> sp.csr_matrix:
    """Document x term counts (``vocab`` grows with new terms, numbered in first-seen
    order)."""
    terms = list(chain.from_iterable(docs))
    new = dict.fromkeys(terms)  # new terms in first-seen order, as setdefault would
    if vocab:
        new = dict.fromkeys(t for t in new if t not in vocab)
    vocab.update(zip(new, count(len(vocab))))
    cols = np.fromiter(map(vocab.__getitem__, terms), dtype=np.int64, count=len(terms))
    lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
    m = sp.csr_matrix((np.ones(len(terms)), (rows, cols)), shape=(len(docs), len(vocab)))
    m.sum_duplicates()
    return m


def _tfidf(counts: sp.csr_matrix) -> sp.csr_matrix:
    """Sublinear TF x smoothed IDF, unit rows."""
    m = sp.csr_matrix(counts, dtype=np.float64)
    m.sum_duplicates()
    m.data = 1.0 + np.log(m.data)
    n = m.shape[0]
    df = np.bincount(m.indices, minlength=m.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    return unit_rows(sp.csr_matrix(m @ sp.diags(idf)))


def _with_prefixes(words: list[str]) -> list[str]:
    return words + ["~" + w[:PREFIX_LENGTH] for w in words if len(w) > PREFIX_LENGTH]


def text_profiles(titles: Sequence[Sequence[str]], descriptions: Sequence[str]) -> sp.csr_matrix:
    """TF-IDF profiles of roles' titles and descriptions, unit rows.

    Per role, ``titles`` holds its label and alternative labels, ``descriptions`` its
    description. Two blocks, each TF-IDF weighted (sublinear term frequency, smoothed IDF)
    with unit rows: title words with their prefixes (``PREFIX_LENGTH``, so "accountant"
    meets "accounting"), and description words weighted ``DESCRIPTION_WEIGHT``.
    Words are runs of two or more letters (digits split them); ``STOP_WORDS`` are
    left out.
    """
    blocks = [
        _tfidf(_counts([_with_prefixes(_words("\n".join(ts))) for ts in titles], {})),
        DESCRIPTION_WEIGHT * _tfidf(_counts([_words(d) for d in descriptions], {})),
    ]
    return unit_rows(sp.csr_matrix(sp.hstack(blocks)))
