"""What the native build runs: the same as the ``assetreg`` command."""

import sys

from assetreg.app import main

if __name__ == "__main__":
    sys.exit(main())
