"""The learned synonyms as JSON and back, so a snapshot can keep them (skillgraph.cache).

The learning itself (`_synonyms.learn`) is unchanged: this stores its output. A snapshot
part is keyed by the library version, so a change to the learning is a miss.
"""

from __future__ import annotations

from typing import Any

from ._synonyms import Synonyms

__all__ = ["SYNONYMS_LAYOUT", "synonyms_from_json", "synonyms_to_json"]

SYNONYMS_LAYOUT = 1
"""Version of the JSON layout below."""


def synonyms_to_json(syn: Synonyms) -> dict[str, Any]:
    """``syn`` as JSON: its table as ``[run, [[partner, confidence, abbreviation], ...]]``
    pairs in order, its words as ``[stem, word]`` pairs."""
    return {
        "table": [
            [list(run), [[list(p), float(c), bool(a)] for p, c, a in partners]]
            for run, partners in syn.table.items()
        ],
        "words": [[int(k), str(v)] for k, v in syn.words.items()],
    }


def synonyms_from_json(value: Any) -> Synonyms:
    """The `Synonyms` `synonyms_to_json` described.

    Raises:
        TypeError: ``value`` is not of that layout.
        ValueError: a number or flag is malformed.
        KeyError: ``table`` or ``words`` is missing.
    """
    if not isinstance(value, dict):
        raise TypeError("synonyms are not a mapping")
    table = {
        tuple(int(c) for c in run): [
            (tuple(int(c) for c in p), float(conf), bool(abbr)) for p, conf, abbr in partners
        ]
        for run, partners in value["table"]
    }
    return Synonyms(table=table, words={int(k): str(v) for k, v in value["words"]})
