"""did-you-mean hints and quoted values: bounded work and bounded text, whatever a file holds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from planops.diagnostics import did_you_mean, reset_suggestions, shown
from planops.limits import MAX_NAME_CHARS, MAX_SUGGEST_COMPARISONS


@pytest.fixture(autouse=True)
def full_budget() -> Iterator[None]:
    reset_suggestions()
    yield
    reset_suggestions()


def test_a_close_name_is_suggested() -> None:
    assert did_you_mean("manger-approval", ["manager-approval", "triage"]) == "did you mean 'manager-approval'?"


@pytest.mark.parametrize(
    ("word", "choices"),
    [
        ("x" * (MAX_NAME_CHARS + 1), ["x" * MAX_NAME_CHARS]),  # the word is no name
        ("x" * 1_000_000, ["x" * 999_999]),  # a megabyte: not compared at all
        ("xxxx", ["x" * (MAX_NAME_CHARS + 1)]),  # a choice longer than a name is left out
    ],
)
def test_words_and_choices_longer_than_a_name_are_not_compared(word: str, choices: list[str]) -> None:
    assert did_you_mean(word, choices) is None


def test_a_name_at_the_bound_is_compared() -> None:
    name = "a" * (MAX_NAME_CHARS - 1) + "b"
    assert did_you_mean("a" * MAX_NAME_CHARS, [name]) == f"did you mean '{name}'?"


def test_hints_stop_when_the_budget_of_comparisons_is_spent() -> None:
    states = [f"s{i:05d}" for i in range(10_000)]
    hints = [did_you_mean(f"t{i:05d}", states) for i in range(20)]
    spent = MAX_SUGGEST_COMPARISONS // len(states)
    assert hints[:spent] == [f"did you mean 's{i:05d}'?" for i in range(spent)]
    assert hints[spent:] == [None] * (20 - spent)
    assert did_you_mean("triag", ["triage"]) is None  # even a cheap one, once spent
    reset_suggestions()
    assert did_you_mean("triag", ["triage"]) == "did you mean 'triage'?"


def test_a_plan_check_starts_with_the_whole_budget(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from planops.pipeline import check_plan

    did_you_mean("x", [f"s{i}" for i in range(MAX_SUGGEST_COMPARISONS)])
    assert did_you_mean("triag", ["triage"]) is None
    (tmp_path / "plan.yaml").write_text("kind: Workflw\nname: x\n", encoding="utf-8")
    _plan, found = check_plan(tmp_path)
    assert [d.text for d in found if d.code == "unknown-kind"] == ["unknown kind 'Workflw' (did you mean 'Workflow'?)"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("short", "short"),
        ("x" * 80, "x" * 80),
        ("x" * 81, "x" * 60 + "… (81 characters)"),
        ("y" * 1_000_000, "y" * 60 + "… (1,000,000 characters)"),
        (12345, "12345"),
    ],
)
def test_shown_cuts_long_values(value: object, text: str) -> None:
    assert shown(value) == text
