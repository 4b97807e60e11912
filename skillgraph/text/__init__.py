"""Free text to the taxonomy: skills and roles named by text, and alignment between graphs.

Everything here is lexical by default (see ``match`` and ``align``). The names load on
first use, so that importing skillgraph does not import numpy and scipy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .alignment import Alignment, AlignmentRow, align, read_alignment
    from .match import Phrase, TextMatch, TextMatches

# grouped by module, as `_WHERE` places them
__all__ = [  # noqa: RUF022
    "Alignment",
    "AlignmentRow",
    "align",
    "read_alignment",
    "Phrase",
    "TextMatch",
    "TextMatches",
]

_WHERE = {
    **dict.fromkeys(("Alignment", "AlignmentRow", "align", "read_alignment"), "alignment"),
    **dict.fromkeys(("Phrase", "TextMatch", "TextMatches"), "match"),
}


def __getattr__(name: str) -> Any:
    """The public names of this package, imported from their module on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'skillgraph.text' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
