"""The ticket router page's parts: what it may evaluate, the plan data it carries, its browser script."""

from __future__ import annotations

from importlib.resources import files


def router_script() -> str:
    """The page's script (router.js, shipped with planops: a user's build needs no Node.js)."""
    return files(__package__).joinpath("router.js").read_text(encoding="utf-8")
