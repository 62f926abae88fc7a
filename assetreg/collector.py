"""Python's cycle collector paused around work that makes many objects which all live until the work is done.

Cases, their facts, the due index's lines and laid-out pages have no reference cycles: reference counting frees
them. Making them by the hundred thousand, the collector would walk every one again and again for nothing to
free (a tenth to a quarter of the time on a large register or a long pack). The desktop app collects on its own
timer anyway (``gui/garbage.py``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(pause: object = True) -> Iterator[None]:
    """No cycle collection inside, when ``pause`` is true (say, the records just loaded, if there are any);
    afterwards collection is as it was before."""
    enabled = gc.isenabled()
    if enabled and pause:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
