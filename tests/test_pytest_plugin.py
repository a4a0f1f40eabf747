"""The pytest plugin, in a temporary plan repository run by pytest's own `pytester`."""

from __future__ import annotations

import pytest

# Imported here, before `pytester` snapshots sys.modules: an in-process run that imported the Rust-backed
# `cel` module itself would drop it afterwards, and importing it a second time panics.
import planops.engine  # noqa: F401
from tests.helpers import edit
from tests.helpers.smallplan import scenario, write_plan

MONDAY = "2026-03-02T09:00:00+01:00"
GOOD = scenario("quick-answer", created=MONDAY, events="[{at: +1h, do: resolve}]", expect="{state: resolved}")
BAD = scenario("wrong-state", created=MONDAY, events="[{at: +1h, do: escalate}]", expect="{state: resolved}")
PYTHON_TEST = "def test_python():\n    assert 1 + 1 == 2\n"


@pytest.fixture
def repo(pytester: pytest.Pytester) -> pytest.Pytester:
    write_plan(pytester.path, GOOD, BAD)
    pytester.makepyfile(test_ordinary=PYTHON_TEST)
    return pytester


def test_every_scenario_is_a_test_next_to_python_tests(repo: pytest.Pytester) -> None:
    result = repo.runpytest("-v")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "plan/scenarios/main.yaml::quick-answer PASSED*",
            "plan/scenarios/main.yaml::wrong-state FAILED*",
            "test_ordinary.py::test_python PASSED*",
        ]
    )


def test_a_failure_shows_the_scenario_text_and_points_at_its_line(repo: pytest.Pytester) -> None:
    result = repo.runpytest()
    result.stdout.fnmatch_lines(
        [
            "*_ scenario wrong-state _*",
            "scenario 'wrong-state' failed (plan/scenarios/main.yaml:13)",
            "  state: expected resolved, got lead-review",
            "  trace (times in Europe/Berlin):",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_items_are_located_at_their_file_and_line(repo: pytest.Pytester) -> None:
    items, _ = repo.inline_genitems()
    located = {item.name: item.location for item in items}
    assert located["wrong-state"] == ("plan/scenarios/main.yaml", 12, "scenario wrong-state")
    assert located["quick-answer"] == ("plan/scenarios/main.yaml", 1, "scenario quick-answer")


def test_the_plan_folder_given_as_the_only_argument(repo: pytest.Pytester) -> None:
    repo.runpytest("plan").assert_outcomes(passed=1, failed=1)
    repo.runpytest("plan/scenarios/main.yaml::quick-answer").assert_outcomes(passed=1)


def test_it_can_be_switched_off(repo: pytest.Pytester) -> None:
    repo.runpytest("-p", "no:planops").assert_outcomes(passed=1)


def test_other_yaml_files_are_not_collected(repo: pytest.Pytester) -> None:
    (repo.path / "config.yaml").write_text("kind: Scenario\nname: not-in-the-plan\n")
    repo.runpytest("--collect-only", "-q").stdout.no_fnmatch_line("*not-in-the-plan*")


def test_the_plan_folder_can_be_chosen(pytester: pytest.Pytester) -> None:
    write_plan(pytester.path / "support", GOOD)
    pytester.runpytest("--planops-plan", "support/plan").assert_outcomes(passed=1)
    pytester.makeini("[pytest]\nplanops_plan = support/plan\n")
    pytester.runpytest().assert_outcomes(passed=1)
    pytester.runpytest("support").assert_outcomes(passed=1)


def test_a_plan_with_errors_fails_its_scenarios_with_the_findings(repo: pytest.Pytester) -> None:
    edit(repo.path / "plan" / "workflows" / "general.yaml", "reassign: answer", "reassign: anser")
    result = repo.runpytest()
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "the plan has errors; fix them before its scenarios can run:",
            "*general.yaml:11:39: error?unknown-state?: 'anser' is not a state*",
        ]
    )


def test_it_runs_under_xdist(repo: pytest.Pytester) -> None:
    result = repo.runpytest_subprocess("-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["scenario 'wrong-state' failed (plan/scenarios/main.yaml:13)"])
