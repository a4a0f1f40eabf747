"""Where plan files come from: a folder on disk (git revisions live in planops.review.git).

Only regular files inside the plan folder are read. What cannot be read is a
finding, never a silent gap and never a fatal error that hides the others:

* a symbolic link (to a file or a folder, inside the plan or out of it, or to
  nothing) is never followed: ``link-outside-plan`` or ``link-in-plan``. Git
  cannot follow a link either, so the folder and its git revisions read the
  same files; and nothing outside the plan is ever opened or shown;
* a folder that cannot be listed and a file that cannot be read: ``unreadable``;
* a FIFO, device or socket named like a plan file is not opened (opening a
  FIFO waits for a writer): ``not-a-file``.

``--plan`` itself may be a link: that is the user's own choice.
"""

from __future__ import annotations

import os
import posixpath
import stat
from dataclasses import dataclass, field
from pathlib import Path

from planops.diagnostics import Code, Diagnostic
from planops.errors import PlanopsError
from planops.limits import MAX_FILE_BYTES, MAX_PLAN_FILES
from planops.loader import codes
from planops.loader.yaml12 import too_large

PLAN_SUFFIXES = (".yaml", ".yml")
MAX_FILES = MAX_PLAN_FILES
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_SPECIAL = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}

Files = list[tuple[str, bytes]]


def display_path(path: Path) -> str:
    """The path as users should read it: relative to the working folder when inside it."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:  # outside the working folder: keep it whole
        return str(path)


def finding(path: str, code: Code, message: str) -> Diagnostic:
    """A finding about a whole file or folder (it has no line of its own)."""
    return code.located(path, 1, 1, message)


def link_finding(path: str, target: str, outside: bool, folder: bool = False) -> Diagnostic:
    """The finding for a symbolic link at ``path`` (``target`` is its own text, never what it points at)."""
    what = "folder" if folder else "file"
    to = f" to '{target}'" if target.isprintable() and len(target) <= 200 else ""
    if outside:
        return finding(
            path,
            codes.LINK_OUTSIDE_PLAN,
            f"this {what} is a symbolic link{to}, which leaves the plan "
            f"folder; planops never follows links: put the {what} itself into the plan",
        )
    return finding(
        path,
        codes.LINK_IN_PLAN,
        f"this {what} is a symbolic link{to}; planops never follows links, "
        f"not even inside the plan: replace the link with the {what} itself",
    )


def leaves(folder: str, link: str, target: str) -> bool:
    """Whether ``target``, the text of the link at ``link`` (paths '/'-separated), points out of ``folder``."""
    base = posixpath.normpath(folder)
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(link), target))
    if posixpath.isabs(resolved) != posixpath.isabs(base):
        return True
    if base == ".":
        return resolved == ".." or resolved.startswith("../")
    return not resolved.startswith(base.rstrip("/") + "/")


@dataclass
class _Walk:
    root: Path
    real_root: str
    files: list[Path] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)

    def folder(self, folder: Path) -> list[Path]:
        """Plan files and subfolders of one folder; links and special files become findings."""
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            self.findings.append(
                finding(
                    display_path(folder),
                    codes.UNREADABLE,
                    f"cannot list this folder: {exc.strerror}; its plan files were not read: fix its permissions",
                )
            )
            return []
        folders = []
        for entry in entries:
            path = folder / entry.name
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                self.findings.append(finding(display_path(path), codes.UNREADABLE, f"cannot read this: {exc.strerror}"))
                continue
            if stat.S_ISLNK(mode):
                self.link(path)
            elif stat.S_ISDIR(mode):
                folders.append(path)
            elif path.suffix in PLAN_SUFFIXES:
                self.file(path, mode)
        return folders

    def link(self, path: Path) -> None:
        folder = path.is_dir()  # follows the link, but only to see what it is: nothing is opened
        if not (folder or path.suffix in PLAN_SUFFIXES):
            return  # a link to a picture or a page: no plan file
        try:
            target = os.readlink(path)
        except OSError:
            target = ""
        real = os.path.realpath(path)  # reads links only, never a file; a loop ends where it repeats
        outside = real != self.real_root and not real.startswith(self.real_root.rstrip(os.sep) + os.sep)
        self.findings.append(link_finding(display_path(path), target, outside, folder))

    def file(self, path: Path, mode: int) -> None:
        if stat.S_ISREG(mode):
            self.files.append(path)
        else:
            kind = _SPECIAL.get(stat.S_IFMT(mode), "not a regular file")
            self.findings.append(
                finding(
                    display_path(path),
                    codes.NOT_A_FILE,
                    f"this is {kind}, not a regular file, and is not read: plan files are regular files",
                )
            )


def read_folder(root: Path) -> tuple[Files, list[Diagnostic]]:
    """Every plan file below ``root``, sorted, as (display path, bytes); and what could not be read."""
    if not root.is_dir():
        raise PlanopsError(f"plan folder '{display_path(root)}' not found (use --plan DIR to point at it)")
    walk = _Walk(root, os.path.realpath(root))
    pending = [root]
    while pending:
        pending.extend(walk.folder(pending.pop()))
        if len(walk.files) > MAX_FILES:
            raise PlanopsError(f"plan folder '{display_path(root)}' holds more than {MAX_FILES} YAML files")
    files: Files = []
    for path in sorted(walk.files):
        raw, problem = read_file(path)
        if problem is not None:
            walk.findings.append(problem)
        else:
            files.append((display_path(path), raw))
    return files, walk.findings


def read_file(path: Path) -> tuple[bytes, Diagnostic | None]:
    """The bytes of one regular plan file, never following a link nor waiting on a FIFO put in its place."""
    shown = display_path(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return b"", finding(shown, codes.UNREADABLE, f"cannot read this file: {exc.strerror}; fix its permissions")
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped since it was listed
            return b"", finding(shown, codes.NOT_A_FILE, "this is not a regular file and is not read")
        if info.st_size > MAX_FILE_BYTES:
            return b"", too_large(shown, info.st_size)
        try:
            raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            return b"", finding(shown, codes.UNREADABLE, f"cannot read this file: {exc.strerror}")
    if len(raw) > MAX_FILE_BYTES:
        return b"", too_large(shown, len(raw))
    return raw, None
