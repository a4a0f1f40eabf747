"""How far a long DuckDB statement is, told to whoever shows progress (a terminal's status line).

While the statement runs in the calling thread, a watcher thread asks the connection how far the query is
(``query_progress``, DuckDB's own estimate) and tells ``progress`` the step with its percentage; DuckDB's
own progress bar is never printed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

Progress = Callable[[str], None]
"""Told what the work does next ("reading tickets.csv…") and how far it is, for a terminal."""
EVERY = 0.25
"""Seconds between two looks at a running statement."""


@contextmanager
def watched(con: duckdb.DuckDBPyConnection, progress: Progress | None, step: str) -> Iterator[None]:
    """Tell ``progress`` ``step…``, then ``step… 42%`` while the statements inside run (nothing without it)."""
    if progress is None:
        yield
        return
    con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    progress(f"{step}…")
    done = threading.Event()

    def look() -> None:
        while not done.wait(EVERY):
            share = con.query_progress()
            if 0 <= share <= 100:
                progress(f"{step}… {share:.0f}%")

    watcher = threading.Thread(target=look, name="planops-progress", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()
