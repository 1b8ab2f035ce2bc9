"""The cyclic garbage collector during a function's init.

Each function's module pauses the collector before its first import (`gc.disable()`) and calls
`init_done()` as its last statement. Init allocates only objects that live as long as the process
(modules, classes, the AWS clients, the resolver), so the ~170 collections it would trigger find next
to nothing and cost ~15% of the import time (measured: `gc.callbacks`, python -I, 2 cores). Frozen, those
objects are also skipped by every later collection, so the first request does not pay for them either.
"""

from __future__ import annotations

import gc


def init_done() -> None:
    """End of init: keep what it built out of the collector's way, and collect again from here on."""
    gc.freeze()
    gc.enable()
