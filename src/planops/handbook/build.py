"""One handbook build: load and check the plan, render every page, and hand MkDocs its files.

The plan is loaded through the pipeline on every build (the loader caches
parsed files by content, so a rebuild under ``serve`` parses only what
changed); nothing from an earlier build is kept here.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from planops.handbook import machine, markup, setup, site, static
from planops.handbook.context import Context
from planops.handbook.pages.router import ROUTER_JS
from planops.handbook.router import router_script
from planops.handbook.site import Page
from planops.plan import ValidPlan

if TYPE_CHECKING:
    from planops.actuals.archive import History, Saved


class PlanFailed(Exception):
    """The plan has errors: ``lines`` are the findings as ``planops validate`` prints them."""

    def __init__(self, lines: list[str], summary: str) -> None:
        super().__init__(summary)
        self.lines, self.summary = lines, summary


@dataclass
class Handbook:
    plan: ValidPlan
    pages: list[Page]
    extra: list[tuple[str, str | bytes]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages_dir: Path | None = None
    raw: dict[str, dict[str, str]] = field(default_factory=dict)  # page URI -> token -> HTML
    actuals: Saved | None = None  # the latest saved period, for llms.txt


def load(plan_dir: Path, today: date) -> tuple[ValidPlan, list[str]]:
    """The checked plan and its warnings; errors raise PlanFailed, a missing folder PluginError."""
    from planops.errors import PlanopsError
    from planops.output.findings import summary, text
    from planops.pipeline import check_plan

    try:
        checked = check_plan(plan_dir, today)
    except PlanopsError as exc:
        raise PluginError(f"planops: {exc}") from None
    findings = checked.findings
    if checked.valid is None:
        raise PlanFailed(
            text(findings).splitlines(),
            f"planops: the plan in '{checked.plan.root}' has {summary(findings)}; "
            "fix them (planops validate shows the same)",
        )
    return checked.valid, text(findings).splitlines()


def check_pages(plan_dir: Path, config: MkDocsConfig) -> None:
    """Refuse what the pages folders (docs_dir, the plan's pages/) must not publish; PlanFailed lists it all.

    Runs before MkDocs walks docs_dir: its walk follows links (an endless one for a link to a parent folder).
    """
    from planops.handbook import pagefiles
    from planops.output.findings import summary, text

    found = []
    for folder in page_folders(plan_dir, config):
        found += pagefiles.check(folder, icon_finder(config))
    if found:
        raise PlanFailed(
            text(found).splitlines(),
            f"planops: the hand-written pages have {summary(found)}; the handbook was not built: fix "
            "them (each line above says how)",
        )


def page_folders(plan_dir: Path, config: MkDocsConfig) -> list[Path]:
    """docs_dir and the plan's pages folder (often the same one), those that exist."""
    folders: dict[str, Path] = {}
    for folder in (Path(config.docs_dir), plan_dir / "pages"):
        if folder.is_dir() or folder.is_symlink():
            folders.setdefault(os.path.realpath(folder), folder)
    return list(folders.values())


def icon_finder(config: MkDocsConfig) -> Callable[[str], bool]:
    """Whether the theme (its custom_dir first) has an icon, as material's ``icon:`` front matter names it."""
    dirs = list(config.theme.dirs)
    return lambda name: any(os.path.isfile(os.path.join(d, ".icons", f"{name}.svg")) for d in dirs)


def handbook(
    plan_dir: Path, today: date, config: MkDocsConfig, cache: str | None, *, offline: bool, changelog: bool = True
) -> Handbook:
    from planops.handbook import examples
    from planops.review.mermaid import state_diagram
    from planops.schema import render_schema

    plan, warnings = load(plan_dir, today)
    runs = examples.run_all(plan)
    warnings += examples.problems(runs)
    actuals = _actuals(plan_dir)
    warnings += actuals.problems
    ctx = Context(
        plan,
        today,
        runs=runs,
        releases=_history(plan_dir, config, changelog),
        directory_urls=bool(config.use_directory_urls),
        actuals=actuals,
    )
    pages = site.build_pages(ctx, state_diagram)
    directory_urls = ctx.directory_urls
    guides = _guides(plan_dir / "pages", config)
    extra: list[tuple[str, str | bytes]] = [
        (machine.PLAN_JSON, machine.plan_json(plan, today, pages, directory_urls, actuals.latest, tested=ctx)),
        (machine.SCHEMA_JSON, render_schema()),
    ]
    extra += _charts(actuals, plan)
    extra += [
        (uri, text)
        for uri, text in static.FILES.items()
        if offline or uri == setup.HANDBOOK_JS or not uri.endswith(".js")
    ]
    extra += _assets(cache, everything=offline)
    extra.append((ROUTER_JS, router_script()))
    return Handbook(plan, pages, extra=extra, warnings=warnings, pages_dir=guides, actuals=actuals.latest)


def _actuals(plan_dir: Path) -> History:
    """The saved actuals next to the plan folder (``actuals/*.json``; see planops.actuals.archive)."""
    from planops.actuals.archive import actuals_dir, read_history

    return read_history(actuals_dir(plan_dir))


def _charts(actuals: History, plan: ValidPlan) -> list[tuple[str, str | bytes]]:
    """The Performance page's charts (none without saved actuals) and the Staffing page's (none without shifts
    and a forecast) as SVG files."""
    from planops.handbook.pages import performance, staffing

    try:
        return [(chart.uri, chart.svg()) for chart in [*performance.chart_list(actuals), *staffing.chart_list(plan)]]
    except ImportError:
        raise PluginError(
            "planops: the handbook's charts need vl-convert-python: pip install 'vl-convert-python>=1.6'"
        ) from None


def _history(plan_dir: Path, config: MkDocsConfig, wanted: bool) -> tuple[object, ...]:
    """The plan's releases from git, newest first; none outside a repository or when switched off."""
    from planops.errors import PlanopsError
    from planops.review.history import changelog

    if not wanted:
        return ()
    try:
        return tuple(changelog(Path(config.config_file_path or ".").parent, plan_dir.resolve()))
    except (PlanopsError, OSError):
        return ()


def _guides(pages_dir: Path, config: MkDocsConfig) -> Path | None:
    """The plan's hand-written pages folder, unless it already is the docs_dir."""
    if not pages_dir.is_dir() or pages_dir.resolve() == Path(config.docs_dir).resolve():
        return None
    return pages_dir


def _first_heading(file: File) -> str:
    """A hand-written page's title for llms.txt: its first level-1 heading, else its name."""
    if file.abs_src_path:
        for line in Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return Path(file.src_uri).stem.replace("-", " ").capitalize()


def _assets(cache: str | None, *, everything: bool) -> list[tuple[str, str | bytes]]:
    """The browser assets: all of them for an offline site, else the router's evaluator (there is no CDN copy)."""
    from planops.handbook.assets import ASSETS, AssetError, asset_files

    chosen = ASSETS if everything else {"cel-js": ASSETS["cel-js"]}
    try:
        return list(asset_files(Path(cache) if cache else None, assets=chosen))
    except AssetError as exc:
        raise PluginError(f"planops: {exc}") from None


def merge(files: Files, book: Handbook, config: MkDocsConfig, titles: dict[str, str]) -> Files:
    """Add the generated pages, the plan's own pages and the extra files; build the nav if none is given."""
    guides = _hand_written(files, book, config)
    guide_titles = [(uri, _first_heading(files.src_uris[uri])) for uri in guides]
    llms = machine.llms_txt(
        book.plan,
        book.pages,
        config.site_url or "",
        bool(config.use_directory_urls),
        titles,
        guides=guide_titles,
        actuals=book.actuals,
    )
    book.extra.append((machine.LLMS_TXT, llms))
    generated = {p.uri for p in book.pages} | {uri for uri, _ in book.extra}
    clash = sorted(generated & {f.src_uri for f in files})
    if clash:
        raise PluginError(f"planops: {', '.join(clash)} would replace a generated handbook page; rename it")
    nonce = secrets.token_hex(4)
    for page in book.pages:
        markdown, book.raw[page.uri] = page.split(nonce)
        files.append(File.generated(config, page.uri, content=markdown))
    for uri, content in book.extra:
        files.append(File.generated(config, uri, content=content))
    if config.nav is None:
        config.nav = site.nav(book.pages, guides, titles)
    return files


def page_content(html: str, uri: str, book: Handbook, anchors: set[str] | None) -> str:
    """A generated page's HTML with its tables put back; their ids join the page's anchors."""
    blocks = book.raw.get(uri)
    if not blocks:
        return html
    if anchors is not None:
        for block in blocks.values():
            anchors.update(_ID.findall(block))
    return markup.insert_raw(html, blocks)


_ID = re.compile(r'\bid="([^"]+)"')


def _hand_written(files: Files, book: Handbook, config: MkDocsConfig) -> list[str]:
    """Hand-written Markdown pages (docs_dir and plan/pages), by source URI."""
    if book.pages_dir is not None:  # checked by check_pages: no links out, only pages and images
        for path in sorted(book.pages_dir.rglob("*")):
            uri = path.relative_to(book.pages_dir).as_posix()
            hidden = any(part.startswith(".") for part in uri.split("/"))
            if path.is_file() and not hidden and files.get_file_from_path(uri) is None:
                files.append(File(uri, str(book.pages_dir), config.site_dir, config.use_directory_urls))
    return sorted(f.src_uri for f in files.documentation_pages())


def write_twins(site_dir: Path, twins: dict[str, str]) -> None:
    """Each page's Markdown twin at its path, and all of them, in order, as ``llms-full.txt``."""
    for uri, text in twins.items():
        target = site_dir.joinpath(*uri.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    site_dir.joinpath(machine.LLMS_FULL_TXT).write_text(machine.llms_full(twins), encoding="utf-8")
