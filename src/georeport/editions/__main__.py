"""``python -m georeport.editions html|pdf|all [SOURCE] [BUILD]``: the editions."""

import sys

from .build import main

sys.exit(main())
