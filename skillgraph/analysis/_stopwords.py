"""Stop words of role titles and descriptions, in a module without imports: the move
analyses (``_ladder``) read them on a warm path that must not load scipy, which
``_features`` does."""

from __future__ import annotations

__all__ = ["STOP_WORDS"]

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "other",
        "such",
        "that",
        "the",
        "their",
        "them",
        "these",
        "this",
        "those",
        "to",
        "with",
        "within",
        "without",
        "who",
        "whom",
        "which",
    ]
)
"""English function words left out of word features (``_features``) and of the line words
of a title (``_ladder``)."""
