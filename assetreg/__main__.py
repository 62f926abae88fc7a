"""``python -m assetreg`` runs the same as the ``assetreg`` command."""

import sys

from .app import main

sys.exit(main())
