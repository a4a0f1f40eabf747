"""The handbook's pages, in memory: what each page is called, where it goes and what it says.

The plugin turns these into MkDocs files and a navigation; ``llms.txt`` lists
them for software agents. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType

from planops.handbook import context as where
from planops.handbook import markup
from planops.handbook.context import Context
from planops.handbook.pages import (
    budget,
    channels,
    home,
    kpis,
    performance,
    reference,
    review,
    router,
    routing,
    scenarios,
    segments,
    sla,
    staffing,
    team,
    untrusted,
    workflows,
)

# Section keys and their default titles; mkdocs.yml may rename them (plugin option `sections`).
SECTIONS: dict[str, str] = {
    "plan": "The plan",
    "workflows": "Workflows",
    "examples": "Worked examples",
    "people": "Team and budget",
    "guides": "Guides",
    "governance": "Review and reference",
}


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: its source URI, nav title, section key, one-line summary and content.

    ``markdown`` is the whole page; the plugin hands MkDocs ``extract_raw`` of it.
    """

    uri: str
    title: str
    section: str  # "" for the top level
    summary: str
    markdown: str

    def split(self, nonce: str) -> tuple[str, dict[str, str]]:
        """The Markdown MkDocs renders (tables as tokens) and the HTML of each token."""
        return markup.extract_raw(self.markdown, nonce)


_FRONT: tuple[tuple[ModuleType, str, str], ...] = (
    (home, where.HOME, ""),
    (kpis, where.KPIS, "plan"),
    (segments, where.SEGMENTS, "plan"),
    (channels, where.CHANNELS, "plan"),
    (sla, where.SLA, "plan"),
    (routing, where.ROUTING, "plan"),
    (router, where.ROUTER, "plan"),
)
_BACK: tuple[tuple[ModuleType, str, str], ...] = (
    (team, where.TEAM, "people"),
    (budget, where.BUDGET, "people"),
    (review, where.REVIEW, "governance"),
    (reference, where.REFERENCE, "governance"),
    (untrusted, where.UNTRUSTED, "governance"),
)


def build_pages(ctx: Context, diagram: Callable[..., str]) -> list[Page]:
    """Every page of the handbook for this plan, in navigation order."""
    pages = [_static(ctx, module, uri, section) for module, uri, section in _FRONT]
    if performance.present(ctx):  # right after the KPIs it measures
        pages.insert(2, _static(ctx, performance, where.PERFORMANCE, "plan"))
    pages += [*_workflow_pages(ctx, diagram), *_example_pages(ctx)]
    pages += [_static(ctx, module, uri, section) for module, uri, section in _BACK]
    if staffing.present(ctx):  # after the team and the budget it sizes
        pages.insert(
            pages.index(next(p for p in pages if p.uri == where.BUDGET)) + 1,
            _static(ctx, staffing, where.STAFFING, "people"),
        )
    changelog = review.render_changelog(ctx.at(where.CHANGELOG))
    if changelog:
        pages.append(Page(where.CHANGELOG, "Changelog", "governance", review.CHANGELOG_SUMMARY, changelog))
    return pages


def _static(ctx: Context, module: ModuleType, uri: str, section: str) -> Page:
    return Page(uri, module.TITLE, section, module.SUMMARY, module.render(ctx.at(uri)))


def _workflow_pages(ctx: Context, diagram: Callable[..., str]) -> Iterator[Page]:
    index = workflows.render_index(ctx.at(where.WORKFLOWS))
    yield Page(where.WORKFLOWS, "Overview", "workflows", workflows.SUMMARY, index)
    for wf in ctx.plan.workflows.values():
        uri = where.workflow_uri(wf.name)
        summary = f"The {wf.label} workflow: its state diagram, who owns each step, timers, guards and examples."
        yield Page(uri, markup.short(wf.label), "workflows", summary, workflows.render(ctx.at(uri), wf, diagram(wf)))


def _example_pages(ctx: Context) -> Iterator[Page]:
    groups = ctx.groups
    yield Page(
        where.SCENARIOS,
        "Overview",
        "examples",
        scenarios.SUMMARY,
        scenarios.render_index(ctx.at(where.SCENARIOS), groups),
    )
    for workflow, names in groups.items():
        uri = where.examples_uri(workflow)
        title = markup.short(ctx.plan.workflows[workflow].label) if workflow else "Not routed to a workflow"
        summary = f"Worked examples of tickets that follow {title}: ticket, timeline, outcome and due times."
        yield Page(uri, title, "examples", summary, scenarios.render_group(ctx.at(uri), workflow, names))


def nav(pages: list[Page], guides: list[str], titles: Mapping[str, str]) -> list[object]:
    """A MkDocs ``nav`` for the generated pages, with hand-written ``guides`` in their own section."""
    entries: list[object] = []
    sections: dict[str, list[object]] = {}
    for page in pages:
        if not page.section:
            entries.append({page.title: page.uri})
            continue
        if page.section not in sections:
            sections[page.section] = []
            entries.append({titles[page.section]: sections[page.section]})
        sections[page.section].append({page.title: page.uri})
    if guides:  # right after Home: "how to use this handbook" belongs at the top
        entries.insert(1 if entries else 0, {titles["guides"]: list(guides)})
    return entries
