"""The CEL evaluator, without the command-line tool its package loads first.

The ``cel`` package (common-expression-language) is a Rust extension module,
``cel.cel``, and a package ``__init__`` that imports the package's REPL first
(typer, rich, prompt_toolkit, pygments): about a third of a second before any
plan file is read, for a tool planops never runs. The extension needs nothing
from the Python side, so it is loaded from the package's folder without running
that ``__init__``, and kept as ``cel.cel`` in ``sys.modules``, where a later
``import cel`` finds and reuses it.

If anything about that is not as expected (another layout, a missing name in
another version), ``import cel`` is used as is: slower, never wrong.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

NEEDED = ("compile", "Context", "Program")
"""What planops uses of the module: a module without them is not taken."""


def _extension() -> ModuleType | None:
    """``cel.cel``: already loaded, or loaded straight from the installed package's folder; else None."""
    loaded = sys.modules.get("cel.cel")
    if loaded is not None:
        return loaded
    package = importlib.util.find_spec("cel")  # finds the package without running its __init__
    if package is None or not package.submodule_search_locations:
        return None
    for folder in package.submodule_search_locations:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = Path(folder) / f"cel{suffix}"
            if path.is_file():
                return _load(path)
    return None


def _load(path: Path) -> ModuleType | None:
    spec = importlib.util.spec_from_file_location("cel.cel", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # Kept even if not taken below: an extension may refuse to be initialised twice, and `import cel` reuses it.
    sys.modules["cel.cel"] = module
    return module


def _cel() -> ModuleType:
    try:
        found = _extension()
    except (ImportError, OSError):
        found = None
    if found is not None and all(hasattr(found, name) for name in NEEDED):
        return found
    import cel as package

    return package


if TYPE_CHECKING:
    import cel as cel
else:
    cel = _cel()
