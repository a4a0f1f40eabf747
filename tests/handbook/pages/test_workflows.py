"""A workflow page says, in words and in its diagram, which steps and transitions the scenarios cover."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import covered

from planops.handbook import coverage, markup
from planops.handbook.context import Context, workflow_uri
from planops.handbook.pages import workflows
from planops.review.mermaid import state_diagram

NOT_COVERED = "<strong>not covered</strong>"


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    return covered.context(tmp_path)


def _page(ctx: Context, name: str) -> str:
    wf = ctx.plan.workflows[name]
    return workflows.render(ctx.at(workflow_uri(name)), wf, state_diagram(wf))


def test_the_count_and_what_is_not_covered(ctx: Context) -> None:
    page = _page(ctx, "general")
    assert (
        "The scenarios enter 2 of 3 steps and take 1 of 4 transitions: 3 of 7 (42.9%), as `planops test --coverage` "
        "counts them."
    ) in page
    missed = page.split("**Not covered:**\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert missed == [
        '- step <a href="#state-lead-review">lead-review</a>: not covered',
        '- transition <a href="#state-answer">answer</a> → <code>escalate</code> → '
        '<a href="#state-lead-review">lead-review</a>: not covered',
        '- transition <a href="#state-lead-review">lead-review</a> → <code>resolve</code> → '
        '<a href="#state-resolved">resolved</a>: not covered',
        '- transition <a href="#state-lead-review">lead-review</a> → <code>reassign</code> → '
        '<a href="#state-answer">answer</a>: not covered',
    ]


def test_each_step_names_its_worked_examples_or_not_covered(ctx: Context) -> None:
    page = _page(ctx, "general")
    wrong = f'<a href="../../scenarios/general/#scenario-wrong">{markup.label(covered.HOSTILE)}</a>'
    cell = '<td style="text-align: left;">'
    assert f'{cell}<a href="#state-answer">answer</a></td>{cell}{wrong}</td>' in page
    assert f'{cell}<a href="#state-lead-review">lead-review</a></td>{cell}{NOT_COVERED}</td>' in page
    assert page.count(NOT_COVERED) == 4  # lead-review, and the three transitions never taken
    assert covered.HOSTILE not in page and "<img" not in page


def test_a_transition_the_timer_took_says_so(ctx: Context) -> None:
    page = _page(ctx, "billing-dispute")
    timer = '<a href="../../scenarios/billing-dispute/#scenario-timer">timer</a> (by the timer)'
    row = next(line for line in page.splitlines() if timer in line)
    assert (
        '<code>escalate</code> or the timer (after <abbr title="2 business hours">2h</abbr>)' in row
        and "#state-manager-approval" in row
    )
    # the timer's other branch, to billing-review, was never taken
    other = next(line for line in page.splitlines() if "otherwise" in line and "or the timer" in line)
    assert NOT_COVERED in other


def test_the_diagram_marks_uncovered_steps_and_the_legend_names_them(ctx: Context) -> None:
    page = _page(ctx, "billing-dispute")
    assert f"    classDef uncovered {coverage.UNCOVERED_STYLE}\n" in page
    assert "    class billing_review, waiting, resolved uncovered\n```" in page
    assert (
        "**Legend:** a dashed red border marks a step no scenario enters "
        '(see <a href="#coverage">Coverage</a>):\n\n- <a href="#state-billing-review">billing-review</a>\n'
        '- <a href="#state-waiting">waiting</a>\n- <a href="#state-resolved">resolved</a>'
    ) in page


def test_each_worked_example_shows_its_result(ctx: Context) -> None:
    wrong = f'<a href="../../scenarios/general/#scenario-wrong">{markup.label(covered.HOSTILE)}</a>'
    assert f"- {wrong}: <strong>fails</strong>: <code>state</code>: expected lead-review, got resolved" in (
        _page(ctx, "general").splitlines()
    )
    timer = '<a href="../../scenarios/billing-dispute/#scenario-timer">timer</a>'
    assert f"- {timer}: passes" in _page(ctx, "billing-dispute").splitlines()


def test_a_fully_covered_workflow_has_no_marks(tmp_path: Path) -> None:
    from tests.helpers.smallplan import load, scenario, write_plan

    from planops.handbook import examples

    events = "[{at: +1h, do: escalate}, {at: +2h, do: reassign}, {at: +3h, do: escalate}, {at: +4h, do: resolve}]"
    plan = load(
        write_plan(
            tmp_path,
            scenario("a", created=covered.MONDAY, events=events),
            scenario("b", created=covered.MONDAY, events="[{at: +1h, do: resolve}]"),
        )
    )
    page = _page(Context(plan, covered.TODAY, runs=examples.run_all(plan)), "general")
    assert "Every step and every transition is covered." in page
    assert "classDef" not in page and "**Legend:**" not in page and NOT_COVERED not in page
    assert "7 of 7 (100.0%)" in page


def test_the_runs_are_the_builds_own(ctx: Context) -> None:
    # the coverage is worked out from the context's runs, once, and carried to every page
    assert ctx.at("workflows/general.md").coverage is ctx.coverage
    assert coverage.of(ctx, "general").entered_by["answer"] == ("wrong",)


def test_a_real_strict_build_shows_coverage_and_keeps_titles_inert(tmp_path: Path) -> None:
    import json
    import shutil

    from tests.handbook.conftest import SMALL, mkdocs
    from tests.helpers.smallplan import write_plan

    project = tmp_path / "project"
    right = covered.SCENARIOS[1].replace("{state: lead-review}", "{state: resolved}")
    write_plan(project, covered.SCENARIOS[0], right)
    shutil.copy(SMALL / "mkdocs.yml", project / "mkdocs.yml")
    (project / "plan" / "pages").mkdir()
    (project / "plan" / "pages" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    result = mkdocs(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    page = (site / "workflows" / "general" / "index.html").read_text(encoding="utf-8")
    assert "3 of 7 (42.9%)" in page and page.count(NOT_COVERED) == 4
    assert "class lead_review uncovered" in page and "a dashed red border marks a step no scenario enters" in page
    assert "<img src=x" not in page and "&#60;img src=x onerror=alert(1)&#62;" in page
    assert "6 of 21 (28.6%)" in (site / "reference" / "index.html").read_text(encoding="utf-8")
    data = json.loads((site / "plan.json").read_text(encoding="utf-8"))
    assert (data["coverage"]["covered"], data["coverage"]["total"]) == (6, 21)
    assert [r["passed"] for r in data["results"]] == [True, True]
