"""``python -m georeport.build html|pdf|all [SOURCE] [BUILD]``: the editions."""

import sys

from .editions import main

sys.exit(main())
