"""Rated profiles as a role carries them (O*NET's ``ratings`` attribute), read without
numpy or scipy: a warm query that explains a move reads them too."""

from __future__ import annotations

import math

__all__ = ["RATINGS_ATTRIBUTE", "parse_ratings"]

RATINGS_ATTRIBUTE = "ratings"
"""Role attribute holding a rated profile (``<skill id>=<importance>[/<level>]`` items)."""


def parse_ratings(text: str) -> list[tuple[str, float, float | None]]:
    """``(skill id, importance, level or None)`` items of a ``ratings`` attribute.

    The format is space-separated ``<skill id>=<importance>[/<level>]``; malformed items
    are skipped (the attribute is advisory: requirements stay the source of truth).
    """
    out: list[tuple[str, float, float | None]] = []
    for item in text.split():
        sid, sep, value = item.rpartition("=")
        if not sep or not sid:
            continue
        imp_s, _, lv_s = value.partition("/")
        try:
            imp = float(imp_s)
            lv = float(lv_s) if lv_s else None
        except ValueError:
            continue
        if math.isfinite(imp) and (lv is None or math.isfinite(lv)):
            out.append((sid, imp, lv))
    return out
