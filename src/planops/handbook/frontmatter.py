"""Front matter of hand-written pages, made safe for the theme: every string escaped, theme controls checked.

Themes print page meta into the page as it is: mkdocs-material writes
``title:`` into ``<title>`` and the header, ``description:`` and ``author:``
into ``<meta>`` attributes, ``subtitle:`` and ``status:`` into the navigation,
includes ``.icons/<icon>.svg`` as a template, and renders the page with the
template ``template:`` names. Pages arrive in pull requests, so

* every string anywhere in the front matter is HTML-escaped (quotes too);
* ``template:`` is refused: it picks the theme template, and some (material's
  ``redirect.html``) write other keys into a script unescaped;
* keys the theme reads with a shape (``hide:``, ``search:``, ``tags:``,
  ``icon:``, and the text keys) must have that shape, or the build would stop
  with a traceback;
* a front matter that walks to more than :data:`MAX_VALUES` values (aliases
  count each time they are used) or nests deeper than :data:`MAX_DEPTH` is refused.

A refusal names the key and says what was expected; :func:`make_safe` returns
the escaped copy and the refusals at once, so that a page reports all of them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from planops.diagnostics import did_you_mean
from planops.limits import MAX_FRONT_MATTER_DEPTH, MAX_FRONT_MATTER_VALUES

MAX_VALUES = MAX_FRONT_MATTER_VALUES
MAX_DEPTH = MAX_FRONT_MATTER_DEPTH
HIDE = ("feedback", "footer", "navigation", "path", "tags", "toc")
SEARCH = {"exclude": (bool,), "boost": (int, float)}
# Keys the theme prints as text or uses as a name: a scalar, never a list or a mapping.
TEXT_KEYS = frozenset(
    {
        "title",
        "description",
        "subtitle",
        "author",
        "status",
        "icon",
        "location",
        "revision_date",
        "git_revision_date_localized",
        "git_creation_date_localized",
    }
)
REFUSED = {
    "template": "it chooses the theme template the page is rendered with; a page from the plan cannot "
    "choose one (remove the key)"
}
_ICON = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*(?:/[a-z0-9]+(?:[-_][a-z0-9]+)*)+")
_INERT = (bool, int, float, datetime.date, type(None))  # shown as str(): no markup possible
_SCALAR = (str, *_INERT)


@dataclass(frozen=True, slots=True)
class Refusal:
    key: str
    message: str


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_VALUES

    def spend(self, depth: int) -> None:
        self.left -= 1
        if self.left < 0:
            raise _TooLarge(
                f"the front matter holds more than {MAX_VALUES} values (aliases count each time "
                "they are used); keep it small"
            )
        if depth > MAX_DEPTH:
            raise _TooLarge(f"the front matter nests deeper than {MAX_DEPTH} levels; keep it flat")


class _TooLarge(Exception):
    pass


def make_safe(
    meta: Mapping[Any, Any], icon_exists: Callable[[str], bool] | None = None
) -> tuple[dict[Any, Any], list[Refusal]]:
    """An escaped copy of ``meta`` and what in it cannot be made safe (``icon_exists`` checks theme icons)."""
    safe: dict[Any, Any] = {}
    refused: list[Refusal] = []
    budget = _Budget()
    for key, value in meta.items():
        name = str(key)
        problem = _shape(name, value, icon_exists)
        if problem:
            refused.append(Refusal(name, problem))
            continue
        try:
            safe[key] = _escaped(value, budget)
        except _TooLarge as exc:
            refused.append(Refusal(name, str(exc)))
            break
    return safe, refused


def _escaped(value: Any, budget: _Budget, depth: int = 1) -> Any:
    budget.spend(depth)
    if isinstance(value, str):
        return escape(value, quote=True)
    if isinstance(value, _INERT):
        return value
    if isinstance(value, Mapping):
        return {k: _escaped(v, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_escaped(v, budget, depth + 1) for v in value]
    return escape(str(value), quote=True)  # bytes (!!binary), sets: as escaped text


def _shape(key: str, value: Any, icon_exists: Callable[[str], bool] | None) -> str | None:
    """Why ``value`` cannot stand for ``key``, or None."""
    if key in REFUSED:
        return REFUSED[key]
    if key in TEXT_KEYS and not isinstance(value, _SCALAR):
        return f"expected text, found {_kind(value)}"
    if key == "icon" and value is not None:
        return _icon(str(value), icon_exists)
    shape = _SHAPES.get(key)
    return shape(value) if shape and value is not None else None


def _icon(name: str, exists: Callable[[str], bool] | None) -> str | None:
    if not _ICON.fullmatch(name):
        return f"expected an icon name like material/home, found {name!r}"
    if exists is not None and not exists(name):
        return f"the theme has no icon {name!r} (icons look like material/home or fontawesome/brands/github)"
    return None


def _names(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return f"expected a list of {', '.join(HIDE)}, found {_kind(value)}"
    for name in value:
        if name not in HIDE:
            hint = did_you_mean(name, HIDE)
            return f"{name[:40]!r} is not a part of the page that can be hidden (known: {', '.join(HIDE)})" + (
                f"; {hint}" if hint else ""
            )
    return None


def _search(value: Any) -> str | None:
    expected = "expected a mapping with exclude: true/false and boost: a number"
    if not isinstance(value, Mapping):
        return f"{expected}, found {_kind(value)}"
    for key, item in value.items():
        kinds = SEARCH.get(str(key))
        if kinds is None or not isinstance(item, kinds) or (bool not in kinds and isinstance(item, bool)):
            return f"{expected}, found {str(key)[:40]!r}: {_kind(item)}"
    return None


def _tags(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, _SCALAR) for v in value):
        return None
    return f"expected a list of tags, found {_kind(value)}"


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return f"{type(value).__name__} {str(value)[:40]!r}"


_SHAPES: dict[str, Callable[[Any], str | None]] = {"hide": _names, "search": _search, "tags": _tags}
