"""What a long report is doing, on one line of standard error: only on a terminal, never in a pipe, a file or
a CI log (``CI`` set, or ``TERM=dumb``), so nothing a script reads changes."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import TextIO

CLEAR = "\r\x1b[K"
"""Back to the start of the line, and the line erased."""


class TerminalProgress:
    """Each step written over the last one; :meth:`close` erases the line, leaving the terminal as it was."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False
        self._lock = threading.Lock()  # the steps of a running statement come from a watcher thread

    def __call__(self, step: str) -> None:
        from planops.output.escape import text_line

        with self._lock:
            self.stream.write(CLEAR + text_line(step))
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        with self._lock:
            if self.shown:
                self.stream.write(CLEAR)
                self.stream.flush()
                self.shown = False


def terminal_progress(stream: TextIO, environ: Mapping[str, str] = os.environ) -> TerminalProgress | None:
    """A progress display on ``stream`` when it is a terminal a person watches, else None."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        terminal = False
    if not terminal or environ.get("CI") or environ.get("TERM") == "dumb":
        return None
    return TerminalProgress(stream)
