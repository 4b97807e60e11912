"""Text normalisation and fuzzy suggestions for label lookup."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping

_SPACE = re.compile(r"[\s_]+")
_TOKEN = re.compile(r"\w+")


def normalize(text: str) -> str:
    """Case-fold, strip accents, collapse white space (``" Café  X"`` -> ``"cafe x"``)."""
    if text.isascii():  # most labels: no accents to strip, and casefold() is lower()
        return " ".join(text.replace("_", " ").lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", stripped.casefold()).strip()


def clip(text: str, limit: int = 80) -> str:
    """``repr(text)`` for a message, cut to ``limit`` characters with ``...``."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def tokens(text: str) -> set[str]:
    """The word tokens of an already normalised text."""
    return set(_TOKEN.findall(text))


def suggest(
    query: str,
    keys: Mapping[str, object],
    token_index: Mapping[str, Iterable[str]],
    n: int = 5,
) -> list[str]:
    """Normalised keys close to ``query``, best first.

    ``keys`` maps each normalised key to the ids it names; ``token_index`` maps a token to
    the keys containing it, so only keys sharing a token (or, failing that, all keys) are
    compared.
    """
    q = normalize(query)
    pool: set[str] = set()
    for tok in tokens(q):
        pool.update(token_index.get(tok, ()))
    candidates = sorted(pool) if pool else sorted(keys)
    scored = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(q)
    for key in candidates:
        matcher.set_seq1(key)
        if matcher.real_quick_ratio() < 0.4 or matcher.quick_ratio() < 0.4:
            continue
        score = matcher.ratio()
        if pool:  # reward shared tokens so "analyst" finds "data analyst"
            shared = len(tokens(key) & tokens(q))
            score += 0.5 * shared / max(1, len(tokens(q)))
        if score >= 0.5:
            scored.append((-score, key))
    scored.sort()
    return [key for _, key in scored[:n]]
