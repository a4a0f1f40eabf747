"""A parameter's change is one change in the diff, saying where the parameter is read."""

from __future__ import annotations

import pytest
from tests.helpers.gitrepo import PLAN, Repo, repo_fixture  # noqa: F401  (the fixture)
from tests.review.test_semantic import compiled

from planops.cli import main
from planops.kinds import DIFF_SECTIONS
from planops.output.changes import describe
from planops.review.semantic import compare

GOALS = "goals:\n"
LIMIT = "parameters:\n  approval_limit: 500.0\n"


def with_limit(limit: str = LIMIT, **edits: tuple[str, str]) -> dict[str, str]:
    """The small plan, its Plan given ``limit``, its two `> 500.0` reading ``plan.approval_limit``."""
    files = dict(PLAN)
    files["plan.yaml"] = files["plan.yaml"].replace(GOALS, limit + GOALS, 1)
    for name in ("routing.yaml", "workflows/dispute.yaml"):
        files[name] = files[name].replace("ticket.amount > 500.0", "ticket.amount > plan.approval_limit")
    for name, (old, new) in edits.items():
        assert files[name].count(old) == 1
        files[name] = files[name].replace(old, new)
    return files


def lines(old: dict[str, str], new: dict[str, str]) -> list[str]:
    return [f"{DIFF_SECTIONS[c.kind]}: {describe(c)}" for c in compare(compiled(old), compiled(new))]


def test_a_changed_value_is_one_change_with_where_it_is_read() -> None:
    assert lines(with_limit(), with_limit(LIMIT.replace("500.0", "750.0"))) == [
        "Plan: `demo-support` parameter `approval_limit`: 500.0 → 750.0, used by: routing rule `big-billing`, "
        "workflow `dispute` state `triage`"
    ]


def test_hard_coded_values_changed_in_each_rule_are_a_change_each() -> None:
    """What a parameter saves: the same edit written into the rules themselves is reported rule by rule."""
    before, after = dict(PLAN), dict(PLAN)
    for name in ("routing.yaml", "workflows/dispute.yaml"):
        after[name] = after[name].replace("> 500.0", "> 750.0")
    assert len(lines(before, after)) == 2


def test_a_number_that_becomes_whole_or_text_is_a_change() -> None:
    """CEL tells 500, 500.0 and '500' apart: each is a change."""
    assert lines(with_limit(), with_limit(LIMIT.replace("500.0", "500"))) == [
        "Plan: `demo-support` parameter `approval_limit`: 500.0 → 500, used by: routing rule `big-billing`, "
        "workflow `dispute` state `triage`"
    ]


def test_the_same_value_written_another_way_is_no_change() -> None:
    assert lines(with_limit(), with_limit("parameters:\n  approval_limit: {value: 500.0}\n")) == []


def test_added_removed_and_described_parameters() -> None:
    old = with_limit("parameters:\n  approval_limit: 500.0\n  gone: true\n")
    new = with_limit("parameters:\n  approval_limit: {value: 500.0, description: <b>USD</b>}\n  grace: 2h\n")
    assert lines(old, new) == [
        "Plan: `demo-support` parameter `gone` removed (was true)",
        "Plan: `demo-support` parameter `grace` added: 2h",
        "Titles and descriptions: Plan `demo-support` parameter `approval_limit` description changed",
    ]
    assert [c.material for c in compare(compiled(old), compiled(new))] == [True, True, False]


def test_the_used_by_list_and_values_are_escaped_and_in_json() -> None:
    old = with_limit("parameters:\n  approval_limit: 500.0\n  lang: de\n")
    new = with_limit("parameters:\n  approval_limit: 500.0\n  lang: <img src=x onerror=alert(1)>\n")
    (change,) = compare(compiled(old), compiled(new))
    assert describe(change) == "`demo-support` parameter `lang`: “de” → “&lt;img src=x onerror=alert(1)&gt;”"
    assert change.as_dict()["before"] == "“de”" and "used_by" not in change.as_dict()
    used = compare(compiled(with_limit()), compiled(with_limit(LIMIT.replace("500.0", "1.5"))))[0]
    assert used.as_dict()["used_by"] == ("routing rule `big-billing`", "workflow `dispute` state `triage`")


def test_planops_diff_between_two_commits(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    for name, text in with_limit().items():
        repo.write(name, text)
    repo.commit("The approval limit is a parameter")
    repo.edit("plan.yaml", "approval_limit: 500.0", "approval_limit: 50.0")
    repo.edit("plan.yaml", 'version: "2026.1"', 'version: "2026.2"')
    repo.commit("Approve more refunds")
    assert main(["diff", "HEAD~1", "HEAD"]) == 0
    short = {rev: repo.git("rev-parse", "--short=7", rev) for rev in ("HEAD~1", "HEAD")}
    assert capsys.readouterr().out == (
        "<!-- planops-diff -->\n"
        f"## Plan changes: `HEAD~1 ({short['HEAD~1']})` → `HEAD ({short['HEAD']})`\n"
        "\n"
        "Version: 2026.1 → 2026.2\n"
        "\n"
        "### Plan\n"
        "\n"
        "- `demo-support` parameter `approval_limit`: 500.0 → 50.0, used by: routing rule `big-billing`, "
        "workflow `dispute` state `triage`\n"
    )
