"""planops's own folder in the user's cache (``$PLANOPS_CACHE_DIR``, else ``$XDG_CACHE_HOME/planops``, else
``~/.cache/planops``), for what is slow to work out and never changes for an installed version: the
handbook's downloaded browser assets, the CEL parser's tables, the public-holiday facts, the CEL checker's
findings by a hash of each expression.

Only a folder of the user's own, writable by nobody else, is used; anything
else (no home, a read-only disk, a folder of another owner) means no cache,
which is slower and never wrong. No ticket data is kept here; deleting the folder is always safe.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, TypeVar

MAX_CACHE_BYTES = 4 * 1024 * 1024
"""A remembered-facts file larger than this is not read (and is written afresh)."""
MAX_ANSWERS = 20_000
"""Answers kept per file: the oldest go first."""

F = TypeVar("F", bound=Callable[..., Any])


def location() -> Path:
    """Where the cache folder is: ``$PLANOPS_CACHE_DIR``, else ``$XDG_CACHE_HOME/planops``, else the home's."""
    if explicit := os.environ.get("PLANOPS_CACHE_DIR"):
        return Path(explicit)
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg) / "planops"
    return Path.home() / ".cache" / "planops"


@lru_cache(maxsize=1)
def folder() -> Path | None:
    """The cache folder for facts, made if need be; None when there is none that only this user can write."""
    try:
        path = location()
    except RuntimeError:  # no home folder
        return None
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError:
        return None
    own = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022
    return path if own and os.access(path, os.W_OK) else None


def files_stamp(paths: Iterable[Path]) -> str:
    """The size and modification time of each file (those missing left out): a stamp that changes with them."""
    marks = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        marks.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(marks)


class Remembered:
    """JSON-able answers by key, kept in one file of the cache folder for as long as ``stamp`` is the same."""

    def __init__(self, name: str, stamp: Callable[[], str]) -> None:
        self.name, self.stamp = name, stamp
        self._answers: dict[str, Any] | None = None
        self._unwritten = False

    def _file(self) -> Path | None:
        base = folder()
        return None if base is None else base / f"{self.name}.json"

    def answers(self) -> dict[str, Any]:
        if self._answers is None:
            self._answers = self._read()
        return self._answers

    def _read(self) -> dict[str, Any]:
        path = self._file()
        try:
            if path is None or path.stat().st_size > MAX_CACHE_BYTES:
                return {}
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("stamp") != self.stamp() or not isinstance(data.get("answers"), dict):
            return {}
        answers: dict[str, Any] = data["answers"]
        return answers

    def keep(self, key: str, value: Any, *, write: bool = True) -> None:
        """Remember ``value``; written at once, or (``write=False``) with the next :meth:`flush`."""
        answers = self.answers()
        answers[key] = value
        self._unwritten = True
        if write:
            self.flush()

    def flush(self) -> None:
        """Write what was kept since the last write (the oldest answers beyond MAX_ANSWERS left out)."""
        path = self._file()
        if path is None or not self._unwritten:
            return
        self._unwritten = False
        answers = self.answers()
        while len(answers) > MAX_ANSWERS:
            del answers[next(iter(answers))]
        try:
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{self.name}.")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"stamp": self.stamp(), "answers": answers}, out)
            os.replace(temporary, path)
        except (OSError, TypeError, ValueError):
            return  # no cache this time


def remembered(store: Remembered, load: Callable[[Any], Any], dump: Callable[[Any], Any]) -> Callable[[F], F]:
    """Remember a function's answers in ``store`` by its arguments; ``dump``/``load`` turn them to JSON and back.

    A call that raises is not remembered.
    """

    def wrap(function: F) -> F:
        @wraps(function)
        def call(*args: Any) -> Any:
            key = json.dumps([function.__name__, *args])
            answers = store.answers()
            if key in answers:
                try:
                    return load(answers[key])
                except (TypeError, ValueError, KeyError):
                    pass  # an answer of another shape: work it out again
            value = function(*args)
            store.keep(key, dump(value))
            return value

        return call  # type: ignore[return-value]

    return wrap
