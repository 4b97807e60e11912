"""Language tags (BCP 47): one spelling for each tag."""

from __future__ import annotations

import re

__all__ = ["canonical_language", "is_language"]

#: A language tag as RDF and BCP 47 spell it: letters, then hyphen-separated subtags.
_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*\Z")


def is_language(tag: object) -> bool:
    """Whether ``tag`` is a well-formed language tag (``en``, ``pt-PT``; not ``""``, ``en fr``)."""
    return isinstance(tag, str) and _TAG.match(tag) is not None


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
