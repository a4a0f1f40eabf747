"""Pausing Python's cyclic garbage collector around work that makes no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block.

    Loading a plan keeps hundreds of thousands of small objects (the node
    trees findings read their locations from) and checking scenarios keeps a
    run per scenario; neither forms cycles, but each allocation counts towards
    the next collection, which rescans every object still alive. On large
    plans that rescanning took longer than the work itself. Objects freed in
    the block are freed at once (reference counting does not pause); any
    cycle is collected after it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
