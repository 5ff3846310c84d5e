"""``python -m georeport``: the same as the ``georeport`` command."""

from georeport.cli import main

raise SystemExit(main())
