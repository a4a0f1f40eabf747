"""The site folder checks on their own: overlap with the user's folders, contents, and the marker."""

from __future__ import annotations

from pathlib import Path

import pytest

from planops.handbook import sitedir


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plan" / "pages").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("site", "relation"),
    [
        ("plan", "is the plan folder 'plan'"),
        ("plan/x/y", "is inside the plan folder 'plan'"),
        (".", "holds the plan folder 'plan'"),
        ("plan/pages", "is inside the plan folder 'plan'"),
        ("plan/../plan/workflows", "is inside the plan folder 'plan'"),
    ],
)
def test_overlap(root: Path, site: str, relation: str) -> None:
    problem = sitedir.overlap(site, "plan", "plan/pages", ".")
    assert problem is not None and problem.startswith(f"site_dir '{site}' {relation}: ")


@pytest.mark.parametrize("site", ["site", "build/site", "../elsewhere", "plans", "plan-site"])
def test_no_overlap(root: Path, site: str) -> None:
    assert sitedir.overlap(site, "plan", "plan/pages", ".") is None


def test_docs_dir_and_the_folder_of_mkdocs_yml(root: Path) -> None:
    (root / "docs").mkdir()
    assert sitedir.overlap("docs/site", "plan", "docs", ".") == (
        "site_dir 'docs/site' is inside docs_dir 'docs': MkDocs empties site_dir before each build and would delete "
        "it; set site_dir (or -d) to a folder of its own, such as 'site'"
    )
    assert sitedir.overlap("docs", "plan", "docs", "docs").startswith("site_dir 'docs' is docs_dir 'docs'")
    assert sitedir.overlap(str(root.parent), "plan", "docs", ".").startswith(
        f"site_dir '{root.parent}' holds the plan folder 'plan'"
    )


def test_the_marker_is_never_written_through_a_link(root: Path) -> None:
    (root / "site").mkdir()
    (root / "site" / sitedir.MARKER).symlink_to(root / "plan" / "plan.yaml")
    sitedir.mark("site")
    assert not (root / "plan" / "plan.yaml").exists()
    (root / "site" / "page.html").write_text("x")
    # a link is no sign of a site: a folder with a linked marker is still not known to be one
    assert sitedir.contents("site") == (
        "site_dir 'site' holds files that are not a built site (page.html): MkDocs empties site_dir before each build "
        "and would delete them; move them away, or set site_dir (or -d) to a folder of its own, such as 'site'"
    )


def test_mark_makes_the_folder_and_is_then_a_sign(root: Path) -> None:
    sitedir.mark("new/site")
    assert (root / "new" / "site" / sitedir.MARKER).read_text(encoding="utf-8") == sitedir.MARKER_TEXT
    (root / "new" / "site" / "page.html").write_text("x")
    assert sitedir.contents("new/site") is None
    sitedir.mark("new/site")  # once there, left alone
    assert (root / "new" / "site" / sitedir.MARKER).read_text(encoding="utf-8") == sitedir.MARKER_TEXT
