"""``python -m skillgraph.cli``: the ``skillgraph`` command."""

from . import main

raise SystemExit(main())
