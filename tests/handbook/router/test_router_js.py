"""The Route a ticket page in real Chromium, opened from file://: it answers as ``planops route`` does."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.handbook.conftest import SMALL, mkdocs
from tests.handbook.router.tickets import Ticket, created_kinds, expected, generate
from tests.helpers.browser import Tab, chromium

from planops.handbook.router import clocks
from planops.pipeline import check_plan
from planops.plan import ValidPlan

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[3]
STARTER = REPO / "src" / "planops" / "starter"
TICKETS = 300

# Sets each ticket's values in the form, submits it and reads the answer (each value must be one the form offers).
FILL_AND_ROUTE = """
(tickets) => {
  const form = document.getElementById("planops-router");
  const out = document.getElementById("planops-router-result");
  return tickets.map((t) => {
    for (const el of form.elements) if (el.name && el.name.startsWith("ticket.")) el.value = "";
    const set = (name, value) => {
      const el = form.elements.namedItem(name);
      el.value = value;
      if (el.value !== value) throw new Error(`the form has no ${value} for ${name}`);
    };
    Object.entries(t.values).forEach(([k, v]) => set("ticket." + k, v));
    set("created", t.created);
    set("zone", t.zone);
    form.requestSubmit();
    const answer = {};
    out.querySelectorAll("[data-key]").forEach((e) => {
      answer[e.dataset.key] = e.textContent;
      if (e.hasAttribute("data-value")) answer[e.dataset.key + ":value"] = e.dataset.value;
    });
    return answer;
  });
}
"""
_KEYS = {"policy": "sla policy", "due-first_response": "due first_response", "due-resolution": "due resolution"}
_PREFIX = {"error": "Cannot route: ", "unsupported": "Not computed here: ", "input": "Check the form: "}


def as_route_lines(answer: dict[str, str]) -> dict[str, str]:
    """The page's answer in ``planops route``'s words (see tests.handbook.router.tickets.expected)."""
    for key, prefix in _PREFIX.items():
        if key in answer:
            return {key: answer[key].removeprefix(prefix)}
    shown = {_KEYS.get(k, k): v for k, v in answer.items() if ":" not in k and k != "owner"}
    return {**shown, "owner": answer["owner:value"]}


def build(tmp: Path, mkdocs_yml: Path, plan: Path) -> Path:
    root = tmp / "project"
    root.mkdir()
    shutil.copy(mkdocs_yml, root / "mkdocs.yml")
    shutil.copytree(plan, root / "plan")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if "  - offline\n" not in text:
        (root / "mkdocs.yml").write_text(text.replace("  - search\n", "  - search\n  - offline\n"), encoding="utf-8")
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def open_router(browser: Any, site: Path, shots: Path) -> Tab:
    tab = Tab(browser, site.as_uri(), shots)
    page = tab.open("router.html")
    page.wait_for_selector("#planops-router[data-ready='true']", timeout=15_000)
    return tab


def valid(root: Path) -> ValidPlan:
    checked = check_plan(root / "plan")
    assert checked.valid is not None
    return checked.valid


@pytest.mark.parametrize("which", ["bundled", "starter"])
def test_the_page_answers_as_planops_route_for_random_tickets(which: str, browser: Any, tmp_path: Path) -> None:
    source = REPO if which == "bundled" else STARTER
    root = build(tmp_path, source / "mkdocs.yml", source / "plan")
    plan = valid(root)
    assert plan.manifest is not None
    first, last = clocks.year_range(plan.manifest.effective.year)
    tickets = generate(plan, TICKETS, seed=15, first=first, last=last)
    tab = open_router(browser, root / "site", tmp_path / "shots")

    answers = tab.page.evaluate(FILL_AND_ROUTE, [vars(t) for t in tickets])

    wrong = [
        (t, want, got)
        for t, want, got in zip(
            tickets, (expected(plan, t) for t in tickets), map(as_route_lines, answers), strict=True
        )
        if want != got
    ]
    assert wrong == [], f"{len(wrong)} of {len(tickets)} differ; first: {wrong[0]}"
    routed = [expected(plan, t) for t in tickets]
    assert {r["segment"] for r in routed if "segment" in r} >= set(plan.segment_names)
    rules = {r.name for r in plan.routing.rules} if plan.routing else set()
    assert {r["rule"] for r in routed if "rule" in r} >= rules
    assert {r["sla policy"] for r in routed if "sla policy" in r} >= {p.name for p in plan.sla_policies}
    assert all(n >= 5 for n in created_kinds(plan, tickets).values()), created_kinds(plan, tickets)
    assert tab.errors == [] and tab.blocked == [] and tab.dialogs == []


def _ticket(values: dict[str, str], created: str, zone: str = "Europe/Berlin") -> Ticket:
    kinds = {"amount": "number", "customer.annual_value": "number"}
    return Ticket(values, created, zone, {k: kinds.get(k, "string") for k in values})


HOSTILE = "</script><script>window.__planopsPwned = 9</script>"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small plan with hostile text in a title and a when:, and a rule the page cannot evaluate."""
    tmp = tmp_path_factory.mktemp("small")
    copy = tmp / "source"
    shutil.copytree(SMALL / "plan", copy)
    service = copy / "service.yaml"
    text = service.read_text(encoding="utf-8")
    text = text.replace("title: VIP,", f"title: 'VIP {HOSTILE}',")
    text = text.replace(
        "rules:\n",
        "rules:\n"
        f"  - name: hostile\n    when: \"ticket.category == '{HOSTILE}'\"\n"
        "    set: {priority: high, queue: billing, workflow: refund}\n"
        "  - name: new-year\n"
        "    when: \"ticket.category == 'late' && ticket.created > timestamp('2026-01-01T00:00:00Z')\"\n"
        "    set: {priority: high, queue: billing, workflow: refund}\n",
    )
    text += (
        "---\nkind: SLAPolicy\nname: night\norder: 0\nwhen: \"ticket.category == 'night'\"\n"
        "targets:\n  high: {first_response: 1h}\n  normal: {first_response: 2h, resolution: 30h}\n"
    )
    service.write_text(text, encoding="utf-8")
    return build(tmp, SMALL / "mkdocs.yml", copy) / "site"


def route_one(tab: Tab, values: dict[str, str], created: str, zone: str = "Europe/Berlin") -> dict[str, str]:
    answers = tab.page.evaluate(FILL_AND_ROUTE, [{"values": values, "created": created, "zone": zone}])
    return as_route_lines(answers[0])


def test_hostile_plan_text_does_not_run_and_is_routed_as_text(browser: Any, small_site: Path, tmp_path: Path) -> None:
    tab = open_router(browser, small_site, tmp_path)
    page = tab.page

    answer = route_one(tab, {"category": HOSTILE}, "2026-11-02T10:00")

    assert answer["rule"] == "hostile"
    assert page.evaluate("typeof window.__planopsPwned") == "undefined"
    assert tab.dialogs == [] and tab.errors == []
    html = (small_site / "router.html").read_text(encoding="utf-8")
    data = html.split('<script type="application/json" id="planops-router-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "\\u003c/script\\u003e" in data


def test_a_rule_the_page_cannot_evaluate_is_named_not_guessed(browser: Any, small_site: Path, tmp_path: Path) -> None:
    tab = open_router(browser, small_site, tmp_path)

    late = route_one(tab, {"category": "late"}, "2026-11-02T10:00")
    billing = route_one(tab, {"category": "billing", "amount": "600"}, "2026-11-02T10:00")

    assert late == {
        "unsupported": "routing rule 'new-year' uses timestamps (ticket.created), which this page cannot evaluate: "
        "run `planops route` with this ticket"
    }
    assert billing["rule"] == "big-refund"  # new-year's operand ticket.category == 'late' is false: it cannot match
    note = tab.page.inner_text(".admonition.note")
    assert "routing rule new-year: timestamps (ticket.created)" in note


def test_a_ticket_outside_the_exported_calendars_is_sent_to_planops_route(
    browser: Any, small_site: Path, tmp_path: Path
) -> None:
    tab = open_router(browser, small_site, tmp_path)

    answer = route_one(tab, {"category": "billing"}, "2028-01-03T10:00")

    assert answer == {
        "unsupported": "this page carries the calendars from 2025-01-01 to 2027-12-31 only: run `planops route` "
        "for a ticket outside them"
    }


@pytest.mark.parametrize("created", ["2026-03-29T02:30", "2026-10-25T02:30", "2026-10-25T01:59", "2026-12-24T23:00"])
def test_without_a_calendar_every_hour_counts_in_the_offset_written(
    created: str, browser: Any, small_site: Path, tmp_path: Path
) -> None:
    tab = open_router(browser, small_site, tmp_path)
    ticket = _ticket({"category": "night"}, created)  # no channel, and the policy names no calendar

    answer = route_one(tab, ticket.values, ticket.created, ticket.zone)

    want = expected(valid(small_site.parent), ticket)
    assert answer == want
    assert want["calendar"] == "none (every hour counts)" and want["sla policy"] == "night"


def test_a_number_the_field_cannot_read_is_reported_not_dropped(browser: Any, small_site: Path, tmp_path: Path) -> None:
    tab = open_router(browser, small_site, tmp_path)
    page = tab.page
    page.fill("#planops-router-created", "2026-11-02T10:00")
    page.locator("[name='ticket.amount']").press_sequentially("1e")

    page.locator("[name='ticket.amount']").press("Enter")

    assert page.inner_text("#planops-router-result") == "Check the form: amount is a number, like 1200.5"


def test_keyboard_only_tab_type_and_enter(browser: Any, small_site: Path, tmp_path: Path) -> None:
    tab = open_router(browser, small_site, tmp_path)
    page = tab.page
    focused = "() => document.activeElement && (document.activeElement.name || document.activeElement.tagName)"
    for _ in range(200):  # from the top of the page, through the header and navigation, to the form
        page.keyboard.press("Tab")
        if page.evaluate(focused) == "ticket.channel":
            break
    order = [page.evaluate(focused)]
    while order[-1] != "BUTTON" and len(order) < 40:
        page.keyboard.press("Tab")
        now = page.evaluate(focused)
        if now != order[-1]:  # the date-time input takes a Tab for each of its parts
            order.append(now)
    assert order == [
        "ticket.channel",
        "ticket.category",
        "ticket.amount",
        "ticket.customer.annual_value",
        "created",
        "zone",
        "ticket.segment",
        "ticket.priority",
        "ticket.queue",
        "ticket.workflow",
        "BUTTON",
    ]
    page.locator("[name='ticket.category']").focus()
    page.keyboard.type("billing")
    page.keyboard.press("Tab")
    page.keyboard.type("600")
    page.keyboard.press("Tab")
    page.keyboard.type("60000")
    page.keyboard.press("Tab")
    page.keyboard.type("11022026")  # the date's parts, then the time's: the input moves on by itself
    page.keyboard.press("ArrowRight")
    page.keyboard.type("1000AM")
    page.locator("[name='ticket.amount']").focus()
    page.keyboard.press("Enter")

    region = page.locator("#planops-router-result")
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    snapshot = region.aria_snapshot()  # what assistive technology reads out when the region changes
    assert snapshot.startswith('- status "Answer":\n  - paragraph: "Routed: refund workflow, queue billing."'), snapshot
    assert page.locator("[data-key='rule']").inner_text() == "big-refund"
    assert page.locator("[data-key='segment']").inner_text() == "vip"
    assert page.locator("[data-key='created']").inner_text() == "Mon 2026-11-02 10:00 +01:00"
    assert page.locator("[data-key='due-first_response']").inner_text() == "Mon 2026-11-02 12:00 +01:00"


# The page's core of CEL (planops.handbook.router.evaluable), each against the cel package planops runs.
CORE = [
    "ticket.a == 600",
    "ticket.a != 600",
    "ticket.n == 1.0",
    "ticket.n < 1.5",
    "1 == 1",
    "1.0 < 2.0",
    "ticket.a >= 600 && ticket.n == 1",
    "ticket.s == 'x' || ticket.missing == 1",
    "ticket.missing == 1 || ticket.s == 'x'",
    "ticket.missing == 1 && false",
    "false && ticket.missing == 1",
    "!(ticket.missing == 1)",
    "!(ticket.a == 600)",
    "has(ticket.missing)",
    "has(ticket.c.v)",
    "has(ticket.c.w)",
    "ticket.s in ['x', 'y']",
    "ticket.a in [600, 700]",
    "ticket.a in [600.0, 700.0]",
    "ticket.n in [1.0]",
    "ticket.a == 'x'",
    "!(ticket.a == 'x')",
    "ticket.b == true",
    "ticket.b",
    "!ticket.b",
    "ticket.s.contains('é')",
    "ticket.u.contains('é')",
    "ticket.u.startsWith('Ü')",
    "ticket.u.endsWith('')",
    "ticket.c.v >= 50000",
    "ticket.c.v >= 50000.0 ? ticket.s == 'x' : false",
    "-1 < ticket.a",
    "ticket.a > -1.5",
    "ticket.s == null",
    "ticket.missing == null",
    "ticket.a in []",
    "plan.limit < ticket.a",
    "plan.count == 3",
    "plan.count == ticket.n",
    "plan.name == 'x'",
    "plan.on",
    "ticket.n == 1 && plan.on",
]
CORE_TICKET = {"a": 600.0, "n": 1, "s": "x", "u": "Ünïcodé", "b": True, "c": {"v": 50000.0}}
CORE_PLAN = {"limit": 500.0, "count": 3, "name": "x", "on": True}
JS_CORE = """
async ([expressions, ticket, plan]) => {
  const cel = await import("@marcbachmann/cel-js/index.js");
  const env = new cel.Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
  const vars = { ticket: { ...ticket, n: BigInt(ticket.n) }, plan: { ...plan, count: BigInt(plan.count) } };
  const run = (e) => {
    if (!env.check(e).valid) return null;  // as the page does: not evaluated (router.js, program)
    try { return env.parse(e)(vars) === true; } catch (err) { return false; }
  };
  return expressions.map(run);
}
"""


def _core_fields() -> dict[str, Any]:
    from planops.ticketfields import BUILTIN, TicketField

    return {
        **BUILTIN,
        "a": TicketField("number"),
        "n": TicketField("integer"),
        "s": TicketField("string"),
        "u": TicketField("string"),
        "b": TicketField("bool"),
        "missing": TicketField("integer"),
        "c": TicketField("map", fields={"v": TicketField("number"), "w": TicketField("number")}),
    }


def test_the_core_the_page_evaluates_agrees_with_the_cel_package(
    browser: Any, small_site: Path, tmp_path: Path
) -> None:
    from planops.expr import compile_expr, context, matches
    from planops.handbook.router.evaluable import blocker

    fields = _core_fields()
    kinds = {"limit": "number", "count": "integer", "name": "string", "on": "bool"}
    assert [e for e in CORE if blocker(e, fields, kinds)] == []
    tab = open_router(browser, small_site, tmp_path)

    in_page = tab.page.evaluate(JS_CORE, [CORE, CORE_TICKET, CORE_PLAN])

    ctx = context(CORE_TICKET, CORE_PLAN)
    in_python = [matches(compile_expr(e), ctx) for e in CORE]
    assert [(e, p) for e, p, j in zip(CORE, in_python, in_page, strict=True) if p != j] == []
    assert in_python.count(True) >= 20


class _Expressions:
    """Random expressions of the page's core (a seeded generator), over the fields of CORE_TICKET."""

    NUMBERS = ("ticket.a", "ticket.n", "ticket.c.v", "ticket.missing", "plan.limit", "plan.count")
    LITERALS = ("0", "1", "600", "-1", "1.0", "600.0", "500.5", "-0.5", "50000")
    TEXTS = ("ticket.s", "ticket.u", "plan.name", "ticket.missing", "'x'", "''", "'Ünïcodé'", "'é'")

    def __init__(self, seed: int) -> None:
        import random

        self.rng = random.Random(seed)

    def number(self) -> str:
        return self.rng.choice(self.NUMBERS + self.LITERALS)

    def text(self) -> str:
        return self.rng.choice(self.TEXTS)

    def atom(self) -> str:
        rng = self.rng
        kind = rng.randrange(8)
        if kind < 3:
            return f"{self.number()} {rng.choice(['==', '!=', '<', '<=', '>', '>='])} {self.number()}"
        if kind == 3:
            return f"{self.text()} {rng.choice(['==', '!='])} {rng.choice([self.text(), self.number()])}"
        if kind == 4:
            items = ", ".join(rng.choice([self.number, self.text])() for _ in range(rng.randrange(3)))
            return f"{rng.choice([self.number, self.text])()} in [{items}]"
        if kind == 5:
            return f"{self.text()}.{rng.choice(['contains', 'startsWith', 'endsWith'])}({self.text()})"
        if kind == 6:
            if rng.random() < 0.3:  # statically typed operands the two evaluators may not agree on
                mixed = f"({self.atom()} ? {self.number()} : {self.text()})"
                return f"{rng.choice([self.number(), mixed, 'true'])} == ({rng.choice([mixed, self.atom()])})"
            return f"has(ticket.{rng.choice(['a', 'missing', 'c.v', 'c.w'])})"
        return rng.choice(["ticket.b", "plan.on", "true", "false", "ticket.b == false", "ticket.missing"])

    def expression(self, depth: int = 3) -> str:
        rng = self.rng
        if depth == 0 or rng.random() < 0.3:
            return self.atom()
        kind = rng.randrange(4)
        if kind == 0:
            return f"!({self.expression(depth - 1)})"
        if kind == 1:
            return f"({self.expression(depth - 1)}) ? ({self.expression(depth - 1)}) : ({self.expression(depth - 1)})"
        return f"({self.expression(depth - 1)}) {rng.choice(['&&', '||'])} ({self.expression(depth - 1)})"


OTHER_TICKET = {"a": 500.0, "n": -1, "s": "", "u": "é", "b": False, "c": {"w": 1.0}}


@pytest.mark.parametrize(("seed", "ticket"), [(15, CORE_TICKET), (16, OTHER_TICKET), (17, CORE_TICKET)])
def test_random_expressions_of_the_core_agree_with_the_cel_package(
    seed: int, ticket: dict[str, Any], browser: Any, small_site: Path, tmp_path: Path
) -> None:
    from planops.expr import compile_expr, context, matches
    from planops.handbook.router.evaluable import blocker

    generated = _Expressions(seed)
    expressions = [generated.expression() for _ in range(600)]
    kinds = {"limit": "number", "count": "integer", "name": "string", "on": "bool"}
    evaluable = [e for e in expressions if blocker(e, _core_fields(), kinds) is None]
    tab = open_router(browser, small_site, tmp_path)

    in_page = tab.page.evaluate(JS_CORE, [evaluable, ticket, CORE_PLAN])

    ctx = context(ticket, CORE_PLAN)
    in_python = [matches(compile_expr(e), ctx) for e in evaluable]
    differ = [(e, p) for e, p, j in zip(evaluable, in_python, in_page, strict=True) if j is not None and p != j]
    assert differ == []
    evaluated = [p for p, j in zip(in_python, in_page, strict=True) if j is not None]
    assert len(evaluated) >= 300 and 0.2 < evaluated.count(True) / len(evaluated) < 0.8


def test_over_http_with_directory_urls_and_without_the_offline_assets(browser: Any, tmp_path: Path) -> None:
    """The small plan with ``offline: false`` (Mermaid from a CDN) and instant navigation: the router still has
    its evaluator, which no CDN has packed."""
    from tests.helpers.browser import serve

    root = tmp_path / "project"
    shutil.copytree(SMALL, root)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - planops:\n", "  - planops:\n      offline: false\n"),
        encoding="utf-8",
    )
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    assert not (root / "site" / "assets" / "planops" / "mermaid.min.js").exists()
    with serve(root / "site") as base:
        tab = Tab(browser, base, tmp_path)
        page = tab.open("")
        page.locator("nav.md-nav--primary a", has_text="Route a ticket").first.click()  # instant navigation
        page.wait_for_selector("#planops-router[data-ready='true']", timeout=15_000)

        answer = route_one(tab, {"category": "billing", "amount": "600"}, "2026-11-02T10:00")

    assert page.url == f"{base}/router/"
    assert answer["rule"] == "big-refund" and answer["due first_response"] == "Mon 2026-11-02 14:00 +01:00"
    # what offline: false takes from the web (fonts, Mermaid) is refused here; the router needs none of it
    assert not [url for url in tab.blocked if "cel" in url or "router" in url], tab.blocked
    assert set(tab.errors) <= {"Failed to load resource: net::ERR_FAILED"}
