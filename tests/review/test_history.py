"""The changelog from git history: versions, dates, authors and changes in meaning."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.helpers.gitrepo import Repo

from planops.errors import PlanopsError
from planops.review.history import changelog

GRACE = "Grace Reviewer <grace@example.com>"


def author_date(repo: Repo, sha: str) -> date:
    return date.fromisoformat(repo.git("log", "-1", "--format=%aI", sha)[:10])


def history(repo: Repo) -> dict[str, str]:
    """Four more commits; returns the sha of each by a short name."""
    shas = {"first": repo.git("rev-parse", "HEAD")}
    repo.edit("service.yaml", "high: {first_response: 4h,", "high: {first_response: 2h,")
    repo.edit("plan.yaml", 'version: "2026.1"', 'version: "2026.2"')
    shas["tighten"] = repo.commit("Faster answers", author=GRACE)
    repo.edit("calendars.yaml", 'mon-fri: "09:00-17:00"', "mon-fri:   '09:00-17:00'   # office hours")
    shas["reformat"] = repo.commit("Tidy up")
    repo.edit("routing.yaml", "rules:\n", "rules: [\n")
    shas["broken"] = repo.commit("Broken on purpose", author=GRACE)
    repo.edit("routing.yaml", "rules: [\n", "rules:\n")
    repo.edit("calendars.yaml", "dates: [2026-12-24, 2026-12-31]", "dates: [2026-12-24]")
    repo.edit("plan.yaml", 'version: "2026.2"', 'version: "2026.3"')
    shas["holidays"] = repo.commit("Open on New Year's Eve", author=GRACE)
    (repo.root / "README.md").write_text("outside the plan")
    repo.commit("Docs")
    return shas


def test_changelog(repo: Repo) -> None:
    shas = history(repo)
    releases = changelog(repo.root, "plan")
    assert [r.version for r in releases] == ["2026.3", "2026.2", "2026.1"]
    latest, middle, first = releases
    assert (latest.author, latest.commit, latest.commits) == ("Grace Reviewer", shas["holidays"], (shas["holidays"],))
    assert latest.date == author_date(repo, shas["holidays"])
    assert latest.summary == ("Calendars: `office` holiday dates removed (was 2026-12-31)",)
    assert (middle.author, middle.authors) == ("Grace Reviewer", ("Grace Reviewer", "Ada Planner"))
    assert middle.commits == (shas["tighten"], shas["reformat"])  # the broken commit is passed over
    assert middle.summary == ("SLA targets: `standard` high first_response: 4h → 2h (tightened)",)
    assert first.first and first.changes == () and first.author == "Ada Planner"


def test_a_version_without_changes_in_meaning(repo: Repo) -> None:
    repo.edit("plan.yaml", 'version: "2026.1"', 'version: "2026.2"')
    repo.commit("Bump only")
    latest = changelog(repo.root)[0]
    assert (latest.version, latest.summary) == ("2026.2", ())


def test_from_a_subfolder_with_an_absolute_plan_path(repo: Repo) -> None:
    (repo.root / "docs").mkdir()
    assert [r.version for r in changelog(repo.root / "docs", repo.plan)] == ["2026.1"]


def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    with pytest.raises(PlanopsError, match="is not inside a git repository"):
        changelog(tmp_path)


def test_empty_repository(tmp_path: Path) -> None:
    Repo(tmp_path / "empty")
    assert changelog(tmp_path / "empty") == []


def test_the_handbook_changelog_page(repo: Repo) -> None:
    from planops.handbook.context import Context
    from planops.handbook.pages.review import render_changelog
    from planops.pipeline import Level, check_plan

    shas = history(repo)
    valid = check_plan(repo.root / "plan", level=Level.MEANING).valid
    assert valid is not None
    releases = tuple(changelog(repo.root, "plan"))
    text = render_changelog(Context(valid, date(2026, 11, 1), releases=releases))
    assert f"## 2026.3 — {author_date(repo, shas['holidays'])}" in text
    assert f"By Grace Reviewer · commit <code>{shas['holidays'][:7]}</code>" in text
    assert "- Calendars: <code>office</code> holiday dates removed (was 2026-12-31)" in text
    assert f"By Grace Reviewer (with Ada Planner) · commit <code>{shas['tighten'][:7]}</code>" in text
    assert text.rstrip().endswith("The first recorded version of the plan.")
    assert render_changelog(Context(valid, date(2026, 11, 1))) == ""
