"""Language tags (BCP 47): one spelling for each tag."""

from __future__ import annotations

__all__ = ["canonical_language"]


def canonical_language(tag: str) -> str:
    """A BCP 47 tag in its conventional case (``pt-pt`` -> ``pt-PT``, ``zh-hant`` -> ``zh-Hant``).

    Tags compare case-insensitively, and RDF parsers may lower-case them: the model keeps
    this one spelling so that a graph reads back equal.
    """
    parts = tag.split("-")
    out = [parts[0].lower()]
    for i, part in enumerate(parts[1:], start=1):
        if len(parts[i - 1]) == 1:  # after a singleton (x-, u-) keep lower case
            out.extend(p.lower() for p in parts[i:])
            break
        out.append(
            part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part.lower()
        )
    return "-".join(out)
