"""What a folder of hand-written pages may publish: Markdown and plain raster images, nothing that leaves it.

MkDocs copies every file of its ``docs_dir`` into the site as it is (an
``.html``, ``.js`` or ``.svg`` from a pull request would run in readers'
browsers) and follows symbolic links while it walks (``x.md -> /etc/passwd``
would be published, search index included; a link to a parent folder makes the
walk endless). So before MkDocs reads the folder, :func:`check` walks it
without following any link and reports, located and with a stable code:

* a link to a folder, a link to nothing, or a link whose target is outside the
  folder (a link to a file inside it is fine);
* a file that is not Markdown or a PNG, JPEG, GIF or WebP image (SVG included:
  it may carry scripts, and is refused rather than sanitized), or not a
  regular file (a named pipe would block the build);
* an image whose first bytes are not those of its kind (a ``.png`` that is HTML);
* a Markdown page that is not UTF-8, over :data:`MAX_PAGE_BYTES`, or whose
  front matter cannot be made safe (see :mod:`planops.handbook.frontmatter`);
* a folder or file that cannot be read (MkDocs would skip the folder silently).

Names starting with ``.`` are not published (MkDocs leaves them out), so only
their links are checked.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from planops.checks.pages import FILE_TYPE, FRONT_MATTER, IMAGE_CONTENT, LINK, TOO_MANY, UNREADABLE
from planops.diagnostics import Code, Diagnostic, sort_key
from planops.handbook import frontmatter
from planops.limits import MAX_FILE_BYTES, MAX_PAGE_ENTRIES
from planops.loader.codes import FILE_TOO_LARGE, NOT_UTF8  # a page is read as a plan file is
from planops.loader.source import display_path

MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs renders as pages
IMAGES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # and b"WEBP" at offset 8
}
MAX_PAGE_BYTES = MAX_FILE_BYTES  # as for plan files
MAX_ENTRIES = MAX_PAGE_ENTRIES

_ALLOWED = ", ".join(IMAGES)
# How a page holding meta starts, by MkDocs's own patterns (mkdocs.utils.meta: YAML_RE or META_RE on line one).
_MAY_HOLD_META = re.compile(r"-{3}[ \t]*\n|[ ]{0,3}[A-Za-z0-9_-]+:")


def check(folder: Path, icon_exists: Callable[[str], bool] | None = None) -> list[Diagnostic]:
    """Every reason the pages in ``folder`` cannot be published, sorted; empty when they can."""
    if folder.is_symlink():
        return [
            _at(
                folder,
                LINK,
                f"the pages folder is a link ({os.readlink(folder)!r}); links are not followed: make it a real folder",
            )
        ]
    found: list[Diagnostic] = []
    root = os.path.realpath(folder)
    for count, (path, published) in enumerate(_walk(folder, found)):
        if count == MAX_ENTRIES:
            found.append(
                _at(
                    folder,
                    TOO_MANY,
                    f"the pages folder holds more than {MAX_ENTRIES} files and folders; a handbook needs far fewer",
                )
            )
            break
        found.extend(_entry(path, root, published, icon_exists))
    return sorted(found, key=sort_key)


def _walk(folder: Path, found: list[Diagnostic]) -> Iterator[tuple[Path, bool]]:
    """Every file and folder below ``folder`` (links included, never followed) and whether MkDocs publishes it."""

    def unreadable(exc: OSError) -> None:
        found.append(
            _at(
                Path(exc.filename),
                UNREADABLE,
                f"cannot read this folder ({exc.strerror}); MkDocs "
                "would leave it out without a word: make it readable or remove it",
            )
        )

    for top, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs.sort()
        hidden = any(part.startswith(".") for part in Path(top).relative_to(folder).parts)
        for name in [*dirs, *sorted(files)]:
            yield Path(top, name), not (hidden or name.startswith("."))


def _entry(path: Path, root: str, published: bool, icon_exists: Callable[[str], bool] | None) -> list[Diagnostic]:
    problem = _link(path, root) if path.is_symlink() else None
    if problem:
        return [_at(path, LINK, problem)]
    mode = path.stat().st_mode  # of the target, for a link to a file inside the folder
    if stat.S_ISDIR(mode):
        return []
    if not stat.S_ISREG(mode):  # reading a named pipe would never end
        return [_at(path, FILE_TYPE, "not a regular file (a named pipe, socket or device); remove it")]
    if not published:
        return []
    suffix = path.suffix.lower()
    if path.suffix in MARKDOWN:
        return _markdown(path, icon_exists)
    if suffix in MARKDOWN:  # MkDocs would copy it as it is, not render it
        return [
            _at(
                path,
                FILE_TYPE,
                f"MkDocs renders only {suffix!r} in lower case as a page; rename the file "
                f"to {(path.stem + suffix)[-60:]!r}",
            )
        ]
    if suffix in IMAGES:
        return _image(path, suffix)
    return [_at(path, FILE_TYPE, _not_published(suffix or path.name))]


def _not_published(kind: str) -> str:
    why = (
        "SVG can carry scripts: save it as PNG"
        if kind == ".svg"
        else "a site's own scripts and styles belong in the theme's custom_dir"
    )
    return (
        f"{kind[:40]!r} files are not published from the pages folder, only Markdown pages and {_ALLOWED} "
        f"images ({why}); remove the file or move it out of the pages folder"
    )


def _link(path: Path, root: str) -> str | None:
    """Why the link ``path`` is refused, or None for a link to a file inside ``root``."""
    target = os.readlink(path)
    resolved = os.path.realpath(path)
    if os.path.isdir(resolved):
        return f"a link to a folder ({target!r}); links are not followed: copy the folder in or remove the link"
    if not os.path.exists(resolved):
        return f"a link to nothing ({target!r}); remove it"
    if os.path.commonpath([root, resolved]) != root:
        return (
            f"a link to {target!r}, outside the pages folder; links are not followed: copy the file in or "
            "remove the link"
        )
    return None


def _image(path: Path, suffix: str) -> list[Diagnostic]:
    try:
        with path.open("rb") as f:
            head = f.read(12)
    except OSError as exc:
        return [_at(path, UNREADABLE, f"cannot read this file ({exc.strerror})")]
    ok = head.startswith(IMAGES[suffix]) and (suffix != ".webp" or head[8:12] == b"WEBP")
    if ok:
        return []
    return [
        _at(
            path,
            IMAGE_CONTENT,
            f"the file is named {suffix} but its content is not a {suffix[1:].upper()} "
            "image; save it as a real image or remove it",
        )
    ]


def _markdown(path: Path, icon_exists: Callable[[str], bool] | None) -> list[Diagnostic]:
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            return [_at(path, FILE_TOO_LARGE, f"file is {size} bytes; pages may be at most 5 MB")]
        raw = path.read_bytes()
    except OSError as exc:
        return [_at(path, UNREADABLE, f"cannot read this file ({exc.strerror})")]
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [_at(path, NOT_UTF8, f"the page is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8", line)]
    return _front_matter(path, source, icon_exists)


def _front_matter(path: Path, source: str, icon_exists: Callable[[str], bool] | None) -> list[Diagnostic]:
    if not _MAY_HOLD_META.match(source):  # neither YAML nor MultiMarkdown meta: MkDocs's parser need not load
        return []
    from mkdocs.utils.meta import get_data  # the parser MkDocs reads front matter with

    _doc, meta = get_data(source)
    _safe, refused = frontmatter.make_safe(meta, icon_exists)
    head = source.splitlines()[:200]
    return [
        _at(
            path,
            FRONT_MATTER,
            f"front matter key {r.key[:40]!r} cannot be published: {r.message}",
            *_key_place(head, r.key),
        )
        for r in refused
    ]


def _key_place(head: list[str], key: str) -> tuple[int, int]:
    """Line and column of ``key:`` at the top of a page (1, 1 when it cannot be told)."""
    pattern = re.compile(rf"(\s{{0,3}})[\"']?{re.escape(key)}[\"']?\s*:", re.I)
    for number, line in enumerate(head, 1):
        match = pattern.match(line)
        if match:
            return number, len(match.group(1)) + 1
    return 1, 1


def _at(path: Path, code: Code, message: str, line: int = 1, col: int = 1) -> Diagnostic:
    return code.located(display_path(path), line, col, message)
