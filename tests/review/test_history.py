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
    assert (latest.author, latest.commit) == ("Grace Reviewer", shas["holidays"])
    assert latest.commits == (shas["reformat"], shas["holidays"])  # the broken commit is passed over
    assert latest.authors == ("Ada Planner", "Grace Reviewer")
    assert latest.date == author_date(repo, shas["holidays"])
    assert latest.summary == ("Calendars: `office` holiday dates removed (was 2026-12-31)",)
    assert (middle.author, middle.authors, middle.commits) == (
        "Grace Reviewer",
        ("Grace Reviewer",),
        (shas["tighten"],),
    )
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
    assert "- Calendars: <code>office</code> holiday dates removed (was 2026-12-31)" in text
    assert f"By Grace Reviewer (with Ada Planner) · commit <code>{shas['holidays'][:7]}</code>" in text
    assert f"By Grace Reviewer · commit <code>{shas['tighten'][:7]}</code>" in text
    assert text.rstrip().endswith("The first recorded version of the plan.")
    assert render_changelog(Context(valid, date(2026, 11, 1))) == ""


TIGHTER = ("SLA targets: `standard` high first_response: 4h → 2h (tightened)",)
FEWER_HOLIDAYS = ("Calendars: `office` holiday dates removed (was 2026-12-31)",)


def tighten(repo: Repo) -> None:
    repo.edit("service.yaml", "high: {first_response: 4h,", "high: {first_response: 2h,")


def open_new_years_eve(repo: Repo) -> None:
    repo.edit("calendars.yaml", "dates: [2026-12-24, 2026-12-31]", "dates: [2026-12-24]")


def bump(repo: Repo, old: str, new: str) -> None:
    repo.edit("plan.yaml", f'version: "{old}"', f'version: "{new}"')


def entries(repo: Repo) -> list[tuple[str, bool, tuple[str, ...], tuple[str, ...]]]:
    """(version, unreleased, summary, commits) per entry, newest first."""
    return [(r.version, r.unreleased, r.summary, r.commits) for r in changelog(repo.root)]


def test_a_change_committed_before_the_bump_is_in_the_version_it_went_out_in(repo: Repo) -> None:
    first = repo.git("rev-parse", "HEAD")
    tighten(repo)
    change = repo.commit("Faster answers")
    bump(repo, "2026.1", "2026.2")
    release = repo.commit("Release 2026.2", author=GRACE)
    assert entries(repo) == [("2026.2", False, TIGHTER, (change, release)), ("2026.1", False, (), (first,))]
    latest = changelog(repo.root)[0]
    assert (latest.commit, latest.author, latest.authors) == (
        release,
        "Grace Reviewer",
        ("Ada Planner", "Grace Reviewer"),
    )


def test_a_change_committed_after_the_bump_is_unreleased(repo: Repo) -> None:
    bump(repo, "2026.1", "2026.2")
    release = repo.commit("Release 2026.2")
    tighten(repo)
    change = repo.commit("Faster answers", author=GRACE)
    assert entries(repo)[:2] == [("2026.2", True, TIGHTER, (change,)), ("2026.2", False, (), (release,))]
    unreleased = changelog(repo.root)[0]
    assert (unreleased.commit, unreleased.author, unreleased.first) == (change, "Grace Reviewer", False)


def test_a_change_and_its_bump_in_one_commit(repo: Repo) -> None:
    tighten(repo)
    bump(repo, "2026.1", "2026.2")
    release = repo.commit("Faster answers, 2026.2")
    assert entries(repo)[0] == ("2026.2", False, TIGHTER, (release,))


def test_two_bumps_in_a_row_the_second_without_a_change(repo: Repo) -> None:
    tighten(repo)
    change = repo.commit("Faster answers")
    bump(repo, "2026.1", "2026.2")
    second = repo.commit("Release 2026.2")
    bump(repo, "2026.2", "2026.3")
    third = repo.commit("Release 2026.3")
    assert entries(repo)[:2] == [("2026.3", False, (), (third,)), ("2026.2", False, TIGHTER, (change, second))]


def test_each_change_goes_to_the_next_bump_after_it(repo: Repo) -> None:
    tighten(repo)
    repo.commit("Faster answers")
    bump(repo, "2026.1", "2026.2")
    repo.commit("Release 2026.2")
    open_new_years_eve(repo)
    repo.commit("Open on New Year's Eve")
    repo.edit("calendars.yaml", 'mon-fri: "09:00-17:00"', "mon-fri: '09:00-17:00'")
    repo.commit("Tidy up")
    bump(repo, "2026.2", "2026.3")
    repo.commit("Release 2026.3")
    repo.edit("calendars.yaml", "mon-fri: '09:00-17:00'", 'mon-fri: "09:00-17:00"')
    repo.commit("Tidy up again")
    assert [(v, unreleased, summary, len(commits)) for v, unreleased, summary, commits in entries(repo)] == [
        ("2026.3", True, (), 1),
        ("2026.3", False, FEWER_HOLIDAYS, 3),
        ("2026.2", False, TIGHTER, 2),
        ("2026.1", False, (), 1),
    ]


def test_no_commit_after_the_newest_bump_means_no_unreleased_entry(repo: Repo) -> None:
    assert [r.unreleased for r in changelog(repo.root)] == [False]


def test_the_changelog_page_shows_unreleased_changes_first(repo: Repo) -> None:
    from planops.handbook.context import Context
    from planops.handbook.pages.review import render_changelog
    from planops.pipeline import Level, check_plan

    tighten(repo)
    repo.commit("Faster answers")
    bump(repo, "2026.1", "2026.2")
    release = repo.commit("Release 2026.2")
    open_new_years_eve(repo)
    change = repo.commit("Open on New Year's Eve", author=GRACE)
    valid = check_plan(repo.root / "plan", level=Level.MEANING).valid
    assert valid is not None
    text = render_changelog(Context(valid, date(2026, 11, 1), releases=tuple(changelog(repo.root))))
    sections = text.split("\n## ")[1:]
    assert sections[0].splitlines() == [
        "Unreleased {#unreleased}",
        "",
        "Committed after version 2026.2, not in a version yet: set a new `version:` in the Plan to release it.",
        "",
        f"By Grace Reviewer · latest commit <code>{change[:7]}</code>",
        "",
        "- Calendars: <code>office</code> holiday dates removed (was 2026-12-31)",
    ]
    assert sections[1].splitlines() == [
        f"2026.2 — {author_date(repo, release)}",
        "",
        f"By Ada Planner · commit <code>{release[:7]}</code>",
        "",
        "- SLA targets: <code>standard</code> high first&#95;response: 4h → 2h (tightened)",
    ]
    assert "No change in meaning" not in text
