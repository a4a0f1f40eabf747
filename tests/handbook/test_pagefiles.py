"""The pages folder check on its own; through mkdocs (and the rest of its corpus) in test_hostile_pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from planops.handbook import pagefiles


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder any user may enter (pytest's temp root is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="planops-pages-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def _as_nobody(folder: Path) -> list[str]:
    """The check run by an unprivileged user (a user namespace: root reads everything)."""
    code = (
        "import sys; from pathlib import Path; from planops.handbook.pagefiles import check; "
        "print('\\n'.join(f'{d.path}:{d.line}:{d.col}: {d.code}: {d.message}' for d in check(Path('pages'))))"
    )
    result = subprocess.run(
        ["unshare", "--user", sys.executable, "-c", code],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.splitlines()


def test_an_unreadable_folder_is_reported_not_skipped(open_dir: Path) -> None:
    secret = open_dir / "pages" / "secret"
    secret.mkdir(parents=True)
    (secret / "a.md").write_text("# A\n", encoding="utf-8")
    (open_dir / "pages" / "b.md").write_text("# B\n", encoding="utf-8")
    (open_dir / "pages" / "b.md").chmod(0o000)
    secret.chmod(0o000)
    assert _as_nobody(open_dir) == [
        "pages/b.md:1:1: page-unreadable: cannot read this file (Permission denied)",
        "pages/secret:1:1: page-unreadable: cannot read this folder (Permission denied); MkDocs would leave it out "
        "without a word: make it readable or remove it",
    ]


def test_the_walk_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefiles, "MAX_ENTRIES", 5)
    for n in range(9):
        (tmp_path / f"p{n}.md").write_text("# P\n", encoding="utf-8")
    found = pagefiles.check(tmp_path)
    assert [(d.path, d.line, d.col, d.code, d.message) for d in found] == [
        (
            str(tmp_path),
            1,
            1,
            "page-too-many-files",
            "the pages folder holds more than 5 files and folders; a handbook needs far fewer",
        )
    ]


def test_a_link_inside_the_folder_is_checked_as_its_name(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("# Real\n", encoding="utf-8")
    os.symlink("real.md", tmp_path / "alias.html")
    found = pagefiles.check(tmp_path)
    assert [(Path(d.path).name, d.code) for d in found] == [("alias.html", "page-file-type")]
