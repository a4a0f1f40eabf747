"""The handbook shows the plan's parameters, and their values wherever a rule reads one; plan text stays inert."""

from __future__ import annotations

from pathlib import Path

from tests.handbook.conftest import TODAY, mkdocs
from tests.helpers import edit

from planops.handbook import site
from planops.handbook.context import Context
from planops.pipeline import check_plan

GOALS = "goals:\n"
PARAMETERS = (
    "parameters:\n"
    "  refund_limit: {value: 500.0, description: 'Refunds above it need the lead. <script>alert(1)</script>'}\n"
    "  lang: '<img src=x onerror=alert(1)>'\n"
    "  __proto__: 500\n"
)
CELL = '<td style="text-align: left;">'


def with_parameters(project: Path) -> None:
    plan = project / "plan"
    edit(plan / "plan.yaml", GOALS, PARAMETERS + GOALS)
    edit(plan / "service.yaml", "ticket.amount > 500.0", "ticket.amount > plan.refund_limit")
    edit(plan / "workflows" / "refund.yaml", "ticket.amount > 500.0", "ticket.amount > plan.__proto__")


def pages(project: Path) -> dict[str, str]:
    plan, found = check_plan(project / "plan", TODAY)
    assert found == [] and plan is not None
    return {p.uri: p.markdown for p in site.build_pages(Context(plan, TODAY), lambda wf: "")}


def test_the_home_page_lists_each_parameter_with_its_value_uses_and_meaning(project: Path) -> None:
    with_parameters(project)
    home = pages(project)["index.md"]
    rows = [line for line in home.splitlines() if "parameter-" in line]
    assert rows == [
        f'<tr>{CELL}<code id="parameter-refund_limit">plan.refund&#95;limit</code></td>'
        f"{CELL}<code>500.0</code></td>"
        f'{CELL}routing rule <a href="routing/#rule-big-refund"><code>big-refund</code></a></td>'
        f"{CELL}Refunds above it need the lead.</td></tr>",
        f'<tr>{CELL}<code id="parameter-lang">plan.lang</code></td>'
        f"{CELL}<code>“&#60;img src=x onerror=alert(1)&#62;”</code></td>{CELL}not used</td>{CELL}—</td></tr>",
        f'<tr>{CELL}<code id="parameter-__proto__">plan.&#95;&#95;proto&#95;&#95;</code></td>'
        f"{CELL}<code>500</code></td>"
        f'{CELL}<a href="workflows/refund/">Refund request</a>, step '
        f'<a href="workflows/refund/#state-triage">Triage</a></td>{CELL}—</td></tr>',
    ]
    assert "<script>" not in home and "<img" not in home


def test_a_rule_that_reads_a_parameter_shows_its_value_and_links_to_it(project: Path) -> None:
    with_parameters(project)
    found = pages(project)
    routing = next(line for line in found["routing.md"].splitlines() if "rule-big-refund" in line)
    assert (
        f"{CELL}category is “billing” and amount is more than refund limit (500.0)<br>"
        "<code>ticket.category == 'billing' &#38;&#38; ticket.amount &#62; plan.refund&#95;limit</code><br>"
        '<a href="../#parameter-refund_limit"><code>plan.refund&#95;limit</code></a> (500.0)</td>'
    ) in routing
    workflow = found["workflows/refund.md"]
    assert (
        "amount is more than proto (500)<br><code>ticket.amount &#62; plan.&#95;&#95;proto&#95;&#95;</code><br>"
        '<a href="../../#parameter-__proto__"><code>plan.&#95;&#95;proto&#95;&#95;</code></a> (500)</td>'
    ) in workflow


def test_a_plan_without_parameters_has_no_parameters_section(project: Path) -> None:
    assert "## Parameters" not in pages(project)["index.md"]


def test_the_built_site_links_to_the_parameter_and_runs_no_plan_markup(project: Path) -> None:
    with_parameters(project)
    result = mkdocs(project)
    assert result.returncode == 0, result.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    routing = (project / "site" / "routing" / "index.html").read_text(encoding="utf-8")
    assert '<code id="parameter-refund_limit">' in home and 'href="../#parameter-refund_limit"' in routing
    assert "<script>alert(1)" not in home and "<img src=x" not in home
    assert "&lt;img src=x onerror=alert(1)&gt;" in home or "&#60;img src=x onerror=alert(1)&#62;" in home
