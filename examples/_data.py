"""Where the walkthroughs find the real ESCO and O*NET releases (not part of the library)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def data_folder(sub: str) -> Path | None:
    """``sub`` under the data folder given as the first argument, else ``$SKILLGRAPH_DATA``,
    else ``../shared/data`` next to the repository; None when it is absent.

    A first argument that already points at ``sub`` itself (a release folder) is used as is.
    """
    if len(sys.argv) > 1:
        given = Path(sys.argv[1]).expanduser()
        candidates = [given / sub, given]
    elif os.environ.get("SKILLGRAPH_DATA"):
        candidates = [Path(os.environ["SKILLGRAPH_DATA"]).expanduser() / sub]
    else:
        candidates = [REPO.parent / "shared" / "data" / sub]
    for cand in candidates:
        if cand.exists():
            return cand
    return None
