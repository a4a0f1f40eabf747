"""The handbook for software agents: ``plan.json``, its schema, and ``llms.txt``.

``plan.json`` holds every object of the compiled plan as it would be written
in a plan file (each validates against ``planops.schema.json`` beside it),
grouped by kind, with where it was written and which page shows it; with the
build's runs, also what the scenarios cover of each workflow and whether each passed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from planops.handbook.context import PERFORMANCE, Context, page_url
from planops.handbook.site import Page
from planops.handbook.twin import twin_uri
from planops.plan import CompiledPlan

if TYPE_CHECKING:
    from planops.actuals.archive import Saved

PLAN_JSON = "plan.json"
SCHEMA_JSON = "planops.schema.json"
LLMS_TXT = "llms.txt"
LLMS_FULL_TXT = "llms-full.txt"
FORMAT = "planops-plan/1"


def plan_json(
    plan: CompiledPlan,
    today: date,
    pages: Sequence[Page],
    use_directory_urls: bool,
    actuals: Saved | None = None,
    *,
    tested: Context | None = None,
) -> str:
    """The plan as JSON; with saved actuals, ``"actuals"``: the latest period's KPIs of the whole period.

    With ``tested`` (the build's context, its runs and coverage): ``"coverage"`` as ``planops test --coverage
    --format json`` has it, with the scenarios covering each state and transition, and ``"results"``.
    """
    objects: dict[str, list[dict[str, Any]]] = {}
    sources: dict[str, str] = {}
    for entry in plan.entries:
        obj, doc = entry.obj, entry.doc
        objects.setdefault(obj.kind, []).append(obj.model_dump(mode="json", by_alias=True, exclude_none=True))
        sources.setdefault(f"{obj.kind}/{obj.name}", f"{doc.path}:{doc.loc()[0]}")
    manifest = plan.manifest
    data = {
        "format": FORMAT,
        "schema": SCHEMA_JSON,
        "title": manifest.title if manifest else None,
        "version": manifest.version if manifest else None,
        "effective": manifest.effective.isoformat() if manifest else None,
        "built": today.isoformat(),
        "objects": objects,
        "sources": sources,
        "pages": {p.uri: page_url(p.uri, use_directory_urls) for p in pages},
    }
    if actuals is not None:
        data["actuals"] = actuals.summary()
    if tested is not None:
        from planops.handbook.coverage import plan_data

        data.update(plan_data(tested.coverage, tested.runs, tested.groups, use_directory_urls))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def llms_txt(
    plan: CompiledPlan,
    pages: Sequence[Page],
    site_url: str,
    use_directory_urls: bool,
    titles: Mapping[str, str],
    guides: Sequence[tuple[str, str]] = (),
    actuals: Saved | None = None,
) -> str:
    """The llmstxt.org format: a title, a summary, then every page with a one-line summary."""
    manifest = plan.manifest
    title = manifest.title if manifest else "Customer service handbook"
    lines = [f"# {_line(title)}", ""]
    if manifest:
        summary = f"Version {manifest.version}, effective {manifest.effective.isoformat()}."
        vision = f" {_line(manifest.vision)}" if manifest.vision else ""
        lines += [f"> {summary}{vision}", ""]
    lines += [
        "The customer-service handbook generated from the plan files. Each page below links to its "
        "Markdown version (the HTML page is beside it); the whole handbook as one text: "
        f"[{LLMS_FULL_TXT}]({_url(site_url, LLMS_FULL_TXT)}). "
        f"The whole plan, machine-readable: [{PLAN_JSON}]({_url(site_url, PLAN_JSON)}) "
        f"(JSON Schema of each object: [{SCHEMA_JSON}]({_url(site_url, SCHEMA_JSON)})).",
        "",
    ]
    section = None
    for page in pages:
        if page.section != section:
            section = page.section
            lines += ["", f"## {_line(titles.get(section, section)) if section else 'Start'}", ""]
        url = _url(site_url, twin_uri(page.uri))
        lines.append(f"- [{_line(page.title)}]({url}): {_line(page.summary)}")
    if guides:
        lines += ["", f"## {_line(titles.get('guides', 'Guides'))}", ""]
        lines += [f"- [{_line(t)}]({_url(site_url, twin_uri(u))})" for u, t in guides]
    if actuals is not None:
        lines += _actuals_lines(plan, actuals, _url(site_url, twin_uri(PERFORMANCE)))
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def llms_full(twins: Mapping[str, str]) -> str:
    """The whole handbook as one Markdown text: every twin (path -> text), each headed by where it is."""
    parts = [f"Page: [{uri}]({uri})\n\n{text.strip()}\n" for uri, text in twins.items()]
    return "\n---\n\n".join(parts)


def _actuals_lines(plan: CompiledPlan, saved: Saved, url: str) -> list[str]:
    period = _line(saved.period)
    lines = ["", f"## Actuals {period}", "", f"The KPIs measured in {period} ([Performance]({url})):", ""]
    for row in saved.overall:
        kpi = plan.kpis.get(row.kpi)
        value = "not measured" if row.value is None else f"{row.value:g} {row.unit}".strip()
        bound = ", ".join(f"{'at most' if k == 'max' else 'at least'} {v:g}" for k, v in row.target.items())
        met = {True: "met", False: "missed", None: "unknown"}[row.met]
        name = _line(kpi.label if kpi else row.kpi)
        lines.append(f"- {name} (`{_line(row.kpi)}`): {_line(value)}; target {bound or 'none'}: {met}")
    return lines


def _line(text: str) -> str:
    return " ".join(str(text).split()).replace("[", "(").replace("]", ")")


def _url(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else path
