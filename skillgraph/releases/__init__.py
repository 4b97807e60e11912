"""Release tools: compare two graphs (``diff``), take a subset (``extract``), ``merge`` two.

They sit beside ``analysis`` and ``io``: they read graphs through the public
`skillgraph.SkillGraph` API and build new graphs with it.
"""

from __future__ import annotations

from . import report
from .diff import diff
from .extract import extract
from .merge import merge, merge_with_report
from .report import *  # noqa: F403  (the report models; their list is report.__all__)

__all__ = ["diff", "extract", "merge", "merge_with_report"]
__all__ += report.__all__
