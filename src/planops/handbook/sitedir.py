"""The site folder: MkDocs empties it before every build, so it may hold nothing but a site.

``mkdocs build`` deletes everything in ``site_dir`` but hidden entries before
it writes the new site, and it compares ``site_dir`` with ``docs_dir`` as
strings only. Before that clean, the plugin (and ``planops build``) refuses a
site folder that would cost the user a file:

* the plan folder or ``docs_dir``, a folder holding one of them, or a folder
  inside one of them; the folder of mkdocs.yml, or one holding it (links are
  resolved first, so a ``site`` link into the plan is the plan);
* a file, or a path below a file;
* a folder with entries but no sign of a built site: the hidden marker planops
  leaves in every site folder it builds into, or, for sites built before it,
  MkDocs' ``sitemap.xml.gz`` or planops's ``llms.txt``;
* a folder holding a link to a folder, which cleaning keeps and the build
  would write through.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from planops.loader.source import display_path

MARKER = ".planops-site"
MARKER_TEXT = "A handbook built by planops. MkDocs empties this folder before each build.\n"
SIGNS = (MARKER, "sitemap.xml.gz", "llms.txt")
SHOWN = 3
_DELETES = "MkDocs empties site_dir before each build"
_OWN_FOLDER = "set site_dir (or -d) to a folder of its own, such as 'site'"


def overlap(site_dir: str, plan_dir: str, docs_dir: str, config_dir: str) -> str | None:
    """Why ``site_dir`` overlaps a folder of the user's (one line), or None."""
    site = Path(os.path.realpath(site_dir))
    named = _named(site_dir, site)
    for label, folder, may_hold_site in (
        ("the plan folder", plan_dir, False),
        ("docs_dir", docs_dir, False),
        ("the folder of mkdocs.yml", config_dir, True),
    ):
        real = Path(os.path.realpath(folder))
        where = _relation(site, real, may_hold_site)
        if where:
            return f"{named} {where} {label} '{display_path(real)}': {_DELETES} and would delete it; {_OWN_FOLDER}"
    return None


def _relation(site: Path, folder: Path, may_hold_site: bool) -> str | None:
    if site == folder:
        return "is"
    if site in folder.parents:
        return "holds"
    if folder in site.parents and not may_hold_site:
        return "is inside"
    return None


def contents(site_dir: str) -> str | None:
    """Why cleaning ``site_dir`` would delete or write through something of the user's (one line), or None."""
    path = Path(site_dir)
    named = _named(site_dir, Path(os.path.realpath(site_dir)))
    if not path.exists():
        blocked = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        return f"cannot make {named}: '{display_path(blocked)}' is a file, not a folder" if blocked else None
    if not path.is_dir():
        return f"{named} is a file, not a folder: {_OWN_FOLDER}"
    try:
        entries = sorted(os.listdir(path))
    except OSError as exc:
        return f"cannot read {named}: {exc.strerror or exc}"
    links = [e for e in entries if (path / e).is_symlink() and (path / e).is_dir()]
    if links:
        return (
            f"{named} holds a link to a folder ({_listed(links)}), which MkDocs would write the site "
            "through: remove the link"
        )
    visible = [e for e in entries if not e.startswith(".")]
    if visible and not any(_is_plain_file(path / sign) for sign in SIGNS):
        return (
            f"{named} holds files that are not a built site ({_listed(visible)}): {_DELETES} and would "
            f"delete them; move them away, or {_OWN_FOLDER}"
        )
    return None


def mark(site_dir: str) -> None:
    """Leave the marker that tells a later build this folder holds a site (never through a link)."""
    marker = Path(site_dir, MARKER)
    if os.path.lexists(marker):
        return
    marker.parent.mkdir(parents=True, exist_ok=True)
    with marker.open("x", encoding="utf-8") as stream:
        stream.write(MARKER_TEXT)


def _is_plain_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _named(given: str, real: Path) -> str:
    shown = display_path(Path(given))
    if Path(os.path.abspath(given)) != real:
        return f"site_dir '{shown}' (resolving to '{display_path(real)}')"
    return f"site_dir '{shown}'"


def _listed(names: Iterable[str]) -> str:
    names = list(names)
    return ", ".join(names[:SHOWN]) + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")
