"""``planops build`` and ``planops serve``: MkDocs' own build and serve, with its errors as one line.

MkDocs logs through ``logging``; the handlers set up here print its messages
the way ``mkdocs`` does (``WARNING -  …``), and a failed build returns 1
instead of a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from planops.errors import PlanopsError


def _config(config_file: Path, **overrides: Any) -> Any:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.is_file():
        raise PlanopsError(f"{config_file} not found (run 'planops init', or use -f FILE)", exit_code=1)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        return load_config(str(config_file), **{k: v for k, v in overrides.items() if v is not None})
    except ConfigurationError as exc:
        raise PlanopsError(f"{config_file}: {exc}", exit_code=1) from None


def _logging() -> None:
    log = logging.getLogger("mkdocs")
    if not any(getattr(h, "_planops", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._planops = True  # type: ignore[attr-defined]
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def build_site(config_file: Path, *, site_dir: Path | None = None, strict: bool = True) -> int:
    """Build the handbook; 0 when built, 1 when the plan or the site has errors (or warnings, if strict)."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, BuildError

    _logging()
    config = _config(config_file, site_dir=str(site_dir) if site_dir else None, strict=strict)
    try:
        build(config)
    except (Abort, BuildError) as exc:
        print(f"planops build: {exc}", file=sys.stderr)
        return 1
    return 0


def serve_site(config_file: Path, *, dev_addr: str, strict: bool = False) -> int:
    """Serve with live reload until interrupted; the planops plugin adds the plan folder to the watch list."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, BuildError

    _logging()
    if not config_file.is_file():
        raise PlanopsError(f"{config_file} not found (run 'planops init', or use -f FILE)", exit_code=1)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        serve(str(config_file), dev_addr=dev_addr, strict=strict or None, livereload=True)
    except (Abort, BuildError) as exc:
        print(f"planops serve: {exc}", file=sys.stderr)
        return 1
    return 0
