"""The Plan's ``parameters:``: names CEL can read, bounded values, plain or with a description."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from tests.helpers import edit, findings

from planops.limits import MAX_PARAMETER_TEXT, MAX_PARAMETERS
from planops.model.parameters import CEL_RESERVED, check_name, check_value
from planops.pipeline import check_plan

ANCHOR = "review: {every: quarter}\n"  # the last line of the starter's Plan manifest before `vision:`


def with_parameters(plan_dir: Path, block: str) -> list[tuple[int, int, str, str]]:
    """The findings of the starter plan whose Plan has ``parameters:`` (``block``, indented by two)."""
    edit(plan_dir / "plan.yaml", ANCHOR, ANCHOR + "parameters:\n" + block)
    return [(d.line, d.col, d.code, d.text) for d in findings(plan_dir)]


def test_plain_and_described_values_of_every_type(plan_dir: Path) -> None:
    block = (
        "  refund_approval_limit: {value: 500.0, description: Refunds above need approval}\n"
        "  vip_threshold: 50000\n"
        "  escalation_language: de\n"
        "  strict: true\n"
        "  grace: 1h30m\n"
        "  iso_grace: PT4H\n"
        "  __proto__: 1\n"
        "  has: 2\n"
        "  Paris: Paris\n"
    )
    assert with_parameters(plan_dir, block) == []
    plan, _ = check_plan(plan_dir)
    assert plan.manifest is not None
    params = plan.manifest.parameters
    assert {name: p.value for name, p in params.items()} == {
        "refund_approval_limit": 500.0,
        "vip_threshold": 50000,
        "escalation_language": "de",
        "strict": True,
        "grace": timedelta(hours=1, minutes=30),
        "iso_grace": timedelta(hours=4),
        "__proto__": 1,
        "has": 2,
        "Paris": "Paris",
    }
    assert params["refund_approval_limit"].description == "Refunds above need approval"
    assert params["vip_threshold"].description is None
    assert type(params["vip_threshold"].value) is int and type(params["strict"].value) is bool
    dumped = plan.manifest.model_dump(mode="json")["parameters"]
    assert dumped["grace"] == {"value": "1h30m", "description": None}


def test_every_bad_parameter_is_one_finding_at_its_place(plan_dir: Path) -> None:
    block = (
        "  in: 3\n"
        "  refund-limit: 4\n"
        "  2fast: 1\n"
        "  huge: 1e300\n"
        "  big: 2000000000000\n"
        "  nothing: null\n"
        "  items: [1]\n"
        "  long: 400d\n"
        "  described: {value: 1, descr: x}\n"
        "  undescribed: {description: x}\n"
        "  inf: .inf\n"
        "  nan: .nan\n"
    )
    assert with_parameters(plan_dir, block) == [
        (
            10,
            3,
            "invalid-value",
            "parameters: 'in' is a word CEL reserves, so plan.in would not parse: choose another name",
        ),
        (
            11,
            3,
            "invalid-value",
            "parameters: 'refund-limit' cannot be read as plan.refund-limit: use letters, "
            "digits and '_', not starting with a digit (e.g. 'refund_limit')",
        ),
        (
            12,
            3,
            "invalid-value",
            "parameters: '2fast' cannot be read as plan.2fast: use letters, digits and "
            "'_', not starting with a digit (e.g. '_2fast')",
        ),
        (
            13,
            9,
            "invalid-value",
            "1e+300 is out of range for a parameter: give a number from -1,000,000,000,000 to 1,000,000,000,000",
        ),
        (
            14,
            8,
            "invalid-value",
            "2,000,000,000,000 is out of range for a parameter: give a number from "
            "-1,000,000,000,000 to 1,000,000,000,000",
        ),
        (
            15,
            12,
            "invalid-value",
            "a parameter's value is a number, text, true/false or a duration like 2h, found nothing (null)",
        ),
        (
            16,
            10,
            "invalid-value",
            "a parameter's value is a number, text, true/false or a duration like 2h, found a list",
        ),
        (17, 9, "invalid-value", "'400d' is longer than durations may be: at most 8784h (366 days)"),
        (18, 25, "unknown-key", "unknown key 'descr' in 'parameters.described' (did you mean 'description'?)"),
        (19, 3, "missing-key", "missing required key 'value' in 'parameters.undescribed'"),
        (
            20,
            8,
            "invalid-value",
            "inf is out of range for a parameter: give a number from -1,000,000,000,000 to 1,000,000,000,000",
        ),
        (
            21,
            8,
            "invalid-value",
            "nan is out of range for a parameter: give a number from -1,000,000,000,000 to 1,000,000,000,000",
        ),
    ]


def test_too_many_parameters_is_one_finding_at_the_first_too_many(plan_dir: Path) -> None:
    block = "".join(f"  p{i}: {i}\n" for i in range(MAX_PARAMETERS + 1))
    assert with_parameters(plan_dir, block) == [
        (10 + MAX_PARAMETERS, 3, "invalid-value", f"a plan has at most {MAX_PARAMETERS} parameters, found 201")
    ]


def test_a_long_text_is_refused() -> None:
    assert check_value("x" * MAX_PARAMETER_TEXT) == "x" * MAX_PARAMETER_TEXT
    with pytest.raises(ValueError, match=r"^a parameter's text is at most 1,000 characters, found 1,001$"):
        check_value("x" * (MAX_PARAMETER_TEXT + 1))


@pytest.mark.parametrize("word", sorted(CEL_RESERVED))
def test_cel_reserved_words_are_not_names(word: str) -> None:
    assert check_name(word) == (f"'{word}' is a word CEL reserves, so plan.{word} would not parse: choose another name")


def test_a_very_long_name_is_refused_and_quoted_short() -> None:
    assert check_name("a" * 101) == "a parameter's name is at most 100 characters, found 101"
    assert check_name("a" * 100) is None


@pytest.mark.parametrize(
    ("written", "value"),
    [("0m", timedelta(0)), ("2d", timedelta(days=2)), ("45s", timedelta(seconds=45)), ("P1D", timedelta(days=1))],
)
def test_text_written_as_a_duration_is_a_duration(written: str, value: timedelta) -> None:
    assert check_value(written) == value


@pytest.mark.parametrize("text", ["de", "P", "Paris", "2 h", "h", "<b>x</b>", ""])
def test_other_text_stays_text(text: str) -> None:
    assert check_value(text) == text
