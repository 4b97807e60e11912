"""``python -m skillgraph``: the ``skillgraph`` command."""

from .cli import main

raise SystemExit(main())
