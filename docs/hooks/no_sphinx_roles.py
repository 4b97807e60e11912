"""mkdocs hook: fail the build when a page shows a literal Sphinx role.

mkdocstrings renders Google-style docstrings as Markdown; a Sphinx role such as
``:meth:`add``` is not understood and prints as is. Docstrings use Markdown backticks
(and mkdocstrings cross-references) instead; this hook keeps it so.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.exceptions import PluginError

#: a Sphinx role as it appears in rendered HTML: ``:meth:`` before a code span or backtick
ROLE = re.compile(
    r":(?:py:)?(?:meth|class|func|attr|data|mod|exc|obj|const|ref):(?=`|<code)",
)


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    """Refuse a page whose HTML holds a literal Sphinx role."""
    found = ROLE.findall(html)
    if found:
        raise PluginError(
            f"{page.file.src_path}: {len(found)} literal Sphinx role(s) such as {found[0]!r}; "
            "write Markdown backticks in docstrings (mkdocstrings renders Markdown)"
        )
    return html
