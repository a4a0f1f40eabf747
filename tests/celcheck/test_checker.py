"""The static CEL checker: each mistake of the sound-checks issue, found at its offset, with its words."""

from __future__ import annotations

import pytest

from planops.celcheck.checker import Env, Finding
from planops.model.fields import FieldSpec
from planops.ticketfields import TicketField, build

FIELDS, _ = build(
    {
        "category": FieldSpec(type="string", values=("billing", "refund", "outage")),
        "customer.plan": "string",
        "customer.churn_risk": "bool",
        "order": FieldSpec(type="map", fields={"lines": FieldSpec(type="list", items="map"), "total": "number"}),
        "attributes": "map",
    },
    {"segment": ("vip", "standard"), "channel": ("email", "chat")},
)
PARAMETERS = {"refund_limit": TicketField("number"), "language": TicketField("string")}
ENV = Env(FIELDS, PARAMETERS)


def found(source: str) -> list[tuple[str, int, str]]:
    return [(f.kind, f.offset, f.message) for f in Env(FIELDS, PARAMETERS).check(source)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "ticket.customer.order_count <= 1",
            [("field", 16, "'ticket.customer.order_count' is not a known ticket field")],
        ),
        ("ticket.customer.tier == 'gold'", [("field", 16, "'ticket.customer.tier' is not a known ticket field")]),
        (
            "tikcet.category == 'billing'",
            [("variable", 0, "'tikcet' is not a variable: expressions read `ticket` and `plan`")],
        ),
        ("ticket['categroy'] == 'billing'", [("field", 7, "'ticket.categroy' is not a known ticket field")]),
        ("ticket.order.totl > 1.0", [("field", 13, "'ticket.order.totl' is not a known ticket field")]),
        (
            "ticket.amount > '300'",
            [
                (
                    "types",
                    14,
                    "`ticket.amount > '300'` compares a decimal number (double) with text: CEL cannot order them",
                )
            ],
        ),
        (
            "ticket.category > 5",
            [("types", 16, "`ticket.category > 5` compares text with a whole number (int): CEL cannot order them")],
        ),
        (
            "ticket.category == 5",
            [("types", 16, "`ticket.category == 5` compares text with a whole number (int): never equal")],
        ),
        ("ticket.category", [("condition", 7, "the condition `ticket.category` is text, not true or false")]),
        (
            "ticket.amount > 1.0 && ticket.region",
            [("condition", 30, "`ticket.region` is text, not true or false: `&&` needs a condition")],
        ),
        ("1 / 0 == 1", [("constant", 2, "`1 / 0` always fails: division by zero")]),
        ("launch(ticket.category)", [("function", 0, "'launch' is not a function CEL provides here")]),
        (
            "ticket.category == 'refunds'",
            [("value", 19, "'refunds' is not a value of ticket.category (its values: billing, refund, outage)")],
        ),
        (
            "ticket.category in ['billing', 'refnd']",
            [("value", 31, "'refnd' is not a value of ticket.category (its values: billing, refund, outage)")],
        ),
        ("ticket.segment == 'vpi'", [("name", 18, "'vpi' is not a segment of this plan")]),
        ("ticket.channel != 'emial'", [("name", 18, "'emial' is not a channel of this plan")]),
        ("ticket.priority == 'hihg'", [("name", 19, "'hihg' is not a priority of this plan")]),
        (
            "ticket.amount + 1 > 2.0",
            [
                (
                    "types",
                    14,
                    "`ticket.amount + 1`: CEL does not define a decimal number (double) + a whole number (int)",
                )
            ],
        ),
        (
            "ticket.category.size > 3",
            [("types", 16, "'ticket.category' is text: it has no field 'size'")],
        ),
        ("plan.refund_limt < ticket.amount", [("parameter", 5, "'plan.refund_limt' is not a parameter of this plan")]),
        (
            "ticket.amount > plan.language",
            [
                (
                    "types",
                    14,
                    "`ticket.amount > plan.language` compares a decimal number (double) with text: "
                    "CEL cannot order them",
                )
            ],
        ),
        (
            "ticket.tags.exists(t, t.size() > 'a')",
            [("types", 31, "`t.size() > 'a'` compares a whole number (int) with text: CEL cannot order them")],
        ),
        ("has(ticket.customer.tierx)", [("field", 20, "'ticket.customer.tierx' is not a known ticket field")]),
        ("ticket.subject.lowerAscii() == 'a'", [("function", 15, "'lowerAscii' is not a function CEL provides here")]),
        ("M{a: 1}", [("function", 0, "`M{...}` builds a message; plans have none")]),
    ],
)
def test_each_mistake_is_found_at_its_offset(source: str, expected: list[tuple[str, int, str]]) -> None:
    assert found(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "ticket.category == 'billing' && ticket.amount > 500.0",
        "ticket.amount > 500",  # numbers compare across int and double
        "ticket.amount >= plan.refund_limit",
        "ticket.customer.churn_risk && ticket.customer.annual_value >= 50000.0",
        "ticket.segment in ['vip', 'standard'] || ticket.channel == 'chat'",
        "size(ticket.subject) > 3 && ticket.subject.startsWith('Re')",
        "ticket.created.getHours() < 9 && ticket.created.getDayOfWeek() == 5",
        "ticket.tags.exists(t, t == 'urgent') && ticket.tags.all(t, t.size() < 30)",
        "ticket.order.lines.exists(l, l.sku == 'x')",  # a map without fields: anything
        "ticket.attributes.anything == 3",
        "has(ticket.customer.plan) ? ticket.customer.plan == 'enterprise' : false",
        "type(ticket.amount) == double",
        "[1, 2].map(x, x * 2).size() == 2",
        "ticket.amount - 1.0 > 0.0 && -ticket.amount < 0.0",
        "timestamp('2026-01-01T00:00:00Z') < ticket.created",
        "duration('1h') + duration('30m') > duration('1h')",
        "ticket.subject.matches('^Re:') || 'refund' in ticket.tags",
        "ticket.language == plan.language",
    ],
)
def test_sound_expressions_have_no_findings(source: str) -> None:
    assert found(source) == []


def test_findings_are_remembered_per_text() -> None:
    env = Env(FIELDS)
    first = env.check("ticket.amout > 1.0")
    assert env.check("ticket.amout > 1.0") is first
    assert [f.kind for f in first] == ["field"]


def test_unknown_names_say_which_name_and_what_it_is() -> None:
    (finding,) = ENV.check("ticket.segment == 'vpi'")
    assert finding == Finding(
        "name", 18, "'vpi' is not a segment of this plan", "did you mean 'vip'?", ("segment", "vpi")
    )


def test_a_plan_whose_fields_are_unknown_reads_every_field() -> None:
    assert Env(None).check("ticket.whatever.deep == 3 && ticket.x") == []


@pytest.mark.parametrize(
    "source",
    [
        "ticket.amount > 1.0 && " * 300 + "true",
        "!" * 2000 + "true",
        "(" * 30 + "1" + ")" * 30 + " == 1",
        "a-1",  # a subtraction, not a literal -1
        "ticket['a'][0]['b'] == 1",
    ],
)
def test_long_and_odd_expressions_are_checked_without_a_crash(source: str) -> None:
    for f in Env(FIELDS).check(source):
        assert f.kind in ("variable", "field", "types", "condition")


def test_the_syntax_tree_points_where_the_text_is() -> None:
    source = "ticket.category == 'billing' &&\n  ticket.amout > 500.0"
    (finding,) = Env(FIELDS).check(source)
    assert source[finding.offset :].startswith("amout")


def test_a_field_at_the_end_of_a_very_long_chain_is_still_found() -> None:
    assert [(f.kind, f.offset) for f in Env(FIELDS).check("ticket" + ".a" * 1500 + " == 1")] == [("field", 7)]


@pytest.mark.parametrize("source", ["+".join(["1"] * 1500) + " > 0", "-" * 3000 + "1 == 1", "!" * 4000 + "true"])
def test_constant_chains_too_deep_to_evaluate_whole_are_not_reported_as_failing(source: str) -> None:
    assert Env(FIELDS).check(source) == []


def test_many_failing_constant_parts_are_each_found_until_the_budget_is_spent() -> None:
    found = Env(FIELDS).check(" || ".join(["1 / 0 == 1"] * 300))
    messages = {"`1 / 0` always fails: division by zero", "`(1 / 0) == 1` always fails: division by zero"}
    assert 10 < len(found) < 64 and {f.message for f in found} <= messages


def test_the_innermost_failing_part_is_the_one_reported() -> None:
    (finding,) = Env(FIELDS).check("(1 + (2 * (3 / 0))) > 1")
    assert (finding.offset, finding.message) == (13, "`3 / 0` always fails: division by zero")


def test_a_later_run_takes_the_findings_of_an_earlier_one_without_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    from planops.celcheck import checker

    first = Env(FIELDS, PARAMETERS)
    found = first.check("ticket.amout > 1.0 && ticket.segment == 'vpi'")
    first.flush()
    monkeypatch.setattr(checker.FINDINGS, "_answers", None)  # as a new process reads the file again

    def no_parse(*args: object) -> list[Finding]:
        raise AssertionError("parsed again")

    monkeypatch.setattr(checker, "_check", no_parse)
    assert Env(FIELDS, PARAMETERS).check("ticket.amout > 1.0 && ticket.segment == 'vpi'") == found
    other_fields, _ = build({}, {})
    with pytest.raises(AssertionError, match="parsed again"):  # other fields: checked afresh
        Env(other_fields, PARAMETERS).check("ticket.amout > 1.0 && ticket.segment == 'vpi'")
