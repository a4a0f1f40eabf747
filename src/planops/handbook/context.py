"""What every page renderer gets: the plan, the build date, and links between pages.

Every cross-link is made here, so that a role always points at its team entry,
a workflow at its page and a state at its anchor, from wherever the link sits.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from planops.handbook import markup
from planops.kinds import BY_NAME
from planops.plan import ValidPlan

# Where each kind of object lives in the site (src URIs of Markdown pages).
HOME = "index.md"
KPIS = "kpis.md"
PERFORMANCE = "performance.md"
STAFFING = "staffing.md"
SEGMENTS = "segments.md"
CHANNELS = "channels.md"
SLA = "sla.md"
ROUTING = "routing.md"
ROUTER = "router.md"
TEAM = "team.md"
BUDGET = "budget.md"
REVIEW = "review.md"
REFERENCE = "reference.md"
UNTRUSTED = "untrusted.md"
WORKFLOWS = "workflows/index.md"
SCENARIOS = "scenarios/index.md"
CHANGELOG = "changelog.md"
NO_WORKFLOW = "unrouted"


def page_url(uri: str, directory_urls: bool) -> str:
    """The site-relative URL MkDocs gives a page's source URI (``team.md`` → ``team/``)."""
    stem = uri[:-3]
    if not directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        return posixpath.dirname(stem) + "/" if posixpath.dirname(stem) else "./"
    return stem + "/"


def workflow_uri(name: str) -> str:
    return f"workflows/{name}.md"


def examples_uri(workflow: str | None) -> str:
    """Worked examples are grouped by the workflow their ticket follows."""
    return f"scenarios/{workflow or NO_WORKFLOW}.md"


@dataclass(frozen=True)
class Context:
    """The plan and what was computed from it once per build; ``uri`` is the page being written."""

    plan: ValidPlan  # the handbook is built only from a plan without errors
    today: date
    uri: str = HOME
    runs: Mapping[str, Any] = field(default_factory=dict)  # scenario name -> engine result
    releases: tuple[Any, ...] = ()  # planops.review.history.Release, newest first
    directory_urls: bool = True
    actuals: Any = None  # planops.actuals.archive.History: the saved actuals, when the repository has them
    groups: Mapping[str | None, list[str]] = field(default_factory=dict)
    """Scenario names by the workflow their tickets follow, in plan order (worked out once, then carried by ``at``)."""
    coverage: Any = None
    """planops.engine.Coverage of ``runs``, as ``planops test --coverage`` counts it (worked out once, like groups)."""

    def __post_init__(self) -> None:
        if self.coverage is None:
            from planops.engine import coverage

            runs = [o.run for o in self.runs.values() if getattr(o, "run", None) is not None]
            object.__setattr__(self, "coverage", coverage(self.plan, runs))
        if not self.groups:
            found: dict[str | None, list[str]] = {}
            for name in self.plan.scenarios:
                found.setdefault(self.scenario_workflow(name), []).append(name)
            object.__setattr__(self, "groups", found)

    def at(self, uri: str) -> Context:
        return replace(self, uri=uri)

    def href(self, target: str, anchor: str | None = None) -> str:
        """The URL of ``target`` (a page's source URI) relative to the current page, as MkDocs will serve it.

        Links are written as HTML (tables are raw HTML blocks, which MkDocs does
        not rewrite), so the final URL is computed here for either URL style.
        """
        path = _relative(self.uri, target, self.directory_urls)
        return f"{path}#{anchor}" if anchor else path

    def link(self, label: str, target: str, anchor: str | None = None) -> str:
        """An ``<a>`` to ``target``; ``label`` is already safe inline HTML."""
        return f'<a href="{markup.attr(self.href(target, anchor) or "#")}">{label}</a>'

    # Links to plan objects, each labelled with its human title (shortened: see markup.label).

    def role(self, name: str | None) -> str:
        if not name:
            return ""
        role = self.plan.roles.get(name)
        if role is None:
            return markup.code(name)
        return self.link(markup.label(role.title), TEAM, f"role-{name}")

    def workflow(self, name: str | None) -> str:
        if not name:
            return ""
        wf = self.plan.workflows.get(name)
        return self.link(markup.label(wf.label), workflow_uri(name)) if wf else markup.code(name)

    def state(self, workflow: str, state: str) -> str:
        wf = self.plan.workflows.get(workflow)
        if wf is None or state not in wf.states:
            return markup.code(state)
        label = wf.states[state].title or state
        return self.link(markup.label(label), workflow_uri(workflow), f"state-{state}")

    def kpi(self, name: str) -> str:
        kpi = self.plan.kpis.get(name)
        return self.link(markup.label(kpi.label), KPIS, f"kpi-{name}") if kpi else markup.code(name)

    def segment(self, name: str | None) -> str:
        if not name:
            return ""
        seg = self.plan.segmentation
        found = next((s for s in seg.segments if s.name == name), None) if seg else None
        if found is None:
            return markup.code(name)
        return self.link(markup.label(found.title or found.name), SEGMENTS, f"segment-{name}")

    def calendar(self, name: str | None) -> str:
        if not name:
            return "24×7 (every hour counts)"
        cal = self.plan.calendars.get(name)
        return self.link(markup.label(cal.label), CHANNELS, f"calendar-{name}") if cal else markup.code(name)

    def channel(self, name: str | None) -> str:
        if not name:
            return ""
        ch = self.plan.channels.get(name)
        return self.link(markup.label(ch.label), CHANNELS, f"channel-{name}") if ch else markup.code(name)

    def policy(self, name: str | None) -> str:
        if not name:
            return ""
        found = next((p for p in self.plan.sla_policies if p.name == name), None)
        return self.link(markup.label(found.label), SLA, f"policy-{name}") if found else markup.code(name)

    def rule(self, name: str) -> str:
        return self.link(markup.code(name), ROUTING, f"rule-{name}")

    def queue(self, name: str | None) -> str:
        return self.link(markup.code(name), TEAM, f"queue-{name}") if name else ""

    def scenario(self, name: str) -> str:
        sc = self.plan.scenarios.get(name)
        if sc is None:
            return markup.code(name)
        return self.link(markup.label(sc.label), examples_uri(self.scenario_workflow(name)), f"scenario-{name}")

    def scenario_workflow(self, name: str) -> str | None:
        """The workflow a scenario's ticket follows: from its run, else what it expects."""
        outcome = self.runs.get(name)
        run = getattr(outcome, "run", None)
        found = run.routed.workflow if run is not None else None
        if found in self.plan.workflows:
            return str(found)
        sc = self.plan.scenarios.get(name)
        expected = sc.expect.workflow if sc else None
        return expected if expected in self.plan.workflows else None


def object_target(kind: str, name: str) -> tuple[str, str | None]:
    """The page (and anchor) that shows a plan object of ``kind``."""
    found = BY_NAME.get(kind)
    return found.target(name) if found else (REVIEW, None)


@functools.lru_cache(maxsize=65536)
def _relative(here_uri: str, target: str, directory_urls: bool) -> str:
    """The path from one page to another as MkDocs serves them (remembered: pages link the same targets often)."""
    if target == here_uri:
        return ""
    here = page_url(here_uri, directory_urls)
    there = page_url(target, directory_urls)
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    path = posixpath.relpath(there.rstrip("/") or ".", base or ".")
    if there.endswith("/"):
        path = "./" if path == "." else path + "/"
    return path
