"""The ``planops`` MkDocs plugin: the plan, published as a handbook.

```yaml
docs_dir: plan/pages           # hand-written pages (MkDocs needs the folder to exist)
theme: {name: material}
plugins:
  - search
  - offline                    # optional: search from file:// as well
  - planops:
      plan: plan               # the plan folder, relative to mkdocs.yml
      sections: {plan: The plan, workflows: Workflows}   # rename navigation sections
      today: 2026-10-01        # build date for review status and holidays (default: today)
```

Saved actuals (``actuals/*.json`` in the folder that holds the plan folder, as ``planops report --save``
writes them) add a Performance page; without them there is none. A saved file that cannot be read is
left out with a warning naming it (so ``--strict`` fails on it).

Every page gets a Markdown twin beside it (``sla.md`` next to ``sla.html`` or
``sla/index.html``), named in the page's head by ``<link rel="alternate"
type="text/markdown">``, listed in ``llms.txt`` and gathered, in navigation
order, into ``llms-full.txt`` (see :mod:`planops.handbook.twin`).

Pages are made in memory (``File.generated``); nothing is written into
``docs_dir``. The Markdown extensions the pages need are switched on here, and
for an offline site (``offline: true``, the default) Google Fonts are turned off
and Mermaid is served from the site. A plan with errors stops the build with
the same ``file:line:col`` findings as ``planops validate``; warnings are logged
as warnings, so ``mkdocs build --strict`` fails on them too. Before MkDocs
empties ``site_dir``, a site folder that would cost the user files (the plan,
``docs_dir``, a folder of theirs) stops the build: see ``planops.handbook.sitedir``.

Hand-written pages (``docs_dir`` and the plan's ``pages/``) come from pull
requests as well: before MkDocs reads them, anything but Markdown pages and
PNG, JPEG, GIF or WebP images, any link out of the folder and front matter
that picks a template stop the build with located errors
(:mod:`planops.handbook.pagefiles`); the strings of their front matter are
escaped (:mod:`planops.handbook.frontmatter`) and their HTML sanitized.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any, TypeVar, cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from planops.handbook import setup, sitedir
from planops.handbook.twin import twin_uri

T = TypeVar("T")

log = get_plugin_logger(__name__)


class _Folder(c.Type[str]):  # type: ignore[misc, unused-ignore]
    """A folder name: an empty one would mean the folder of mkdocs.yml, the whole repository."""

    def run_validation(self, value: object) -> str:
        folder = str(super().run_validation(value))
        if not folder.strip():
            raise base.ValidationError(
                "the folder name is empty; give the plan folder, relative to mkdocs.yml (default: plan)"
            )
        return folder


class PlanopsConfig(base.Config):  # type: ignore[no-untyped-call, unused-ignore]
    plan = _Folder(str, default="plan")
    """The plan folder, relative to mkdocs.yml."""
    sections = c.Type(dict, default={})
    """Navigation section titles by key: plan, workflows, examples, people, guides, governance."""
    today = c.Optional(c.Type((str, date)))
    """The build date as YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today): review status, holidays."""
    offline = c.Type(bool, default=True)
    """Serve Mermaid (and, with material's offline plugin, the iframe-worker shim) from the site itself."""
    changelog = c.Type(bool, default=True)
    """Add a Changelog page from the git history of the plan folder (when it is in a repository)."""
    sanitize_pages = c.Type(bool, default=True)
    """Remove scripts, event handlers and javascript: links from hand-written pages too."""
    assets_cache = c.Optional(c.Type(str))
    """Where downloaded browser assets are cached (default: PLANOPS_CACHE_DIR or the user cache)."""


class PlanopsPlugin(BasePlugin[PlanopsConfig]):  # type: ignore[no-untyped-call, unused-ignore]
    """Thin: options and MkDocs events; the work is in planops.handbook.build."""

    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self._titles = setup.section_titles(self.config.sections)
            self._today = setup.build_date(cast("str | date | None", self.config.today))
        except ValueError as exc:
            raise PluginError(f"planops: {exc}") from None
        if config.theme.name != "material":
            log.info("the handbook is made for theme 'material' (content tabs, admonitions, diagrams)")
        setup.markdown_extensions(config)
        setup.handbook_css(config)
        if self.config.offline:
            setup.offline_theme(config)
        return config

    @event_priority(-100)  # last of every on_pre_build: no plugin moves site_dir after it, and MkDocs cleans next
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Before MkDocs cleans site_dir and walks the pages folders (its walk follows every link)."""
        from planops.handbook import build

        problem = self.site_problem(config)
        if problem:
            raise PluginError(f"planops: {problem}")
        _guarded(lambda: build.check_pages(self.plan_dir(config), config))
        try:
            sitedir.mark(config.site_dir)
        except OSError as exc:
            raise PluginError(f"planops: cannot write to site_dir '{config.site_dir}': {exc.strerror or exc}") from None

    def site_problem(self, config: MkDocsConfig) -> str | None:
        """Why building into ``site_dir`` would delete or change a file of the user's, or None."""
        return self.site_overlap(config) or sitedir.contents(config.site_dir)

    def site_overlap(self, config: MkDocsConfig) -> str | None:
        config_dir = os.path.dirname(config.config_file_path or "") or "."
        return sitedir.overlap(config.site_dir, str(self.plan_dir(config)), config.docs_dir, config_dir)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        from planops.handbook import build

        plan_dir = self.plan_dir(config)
        result = _guarded(
            lambda: build.handbook(
                plan_dir,
                self._today,
                config,
                self.config.assets_cache,
                offline=self.config.offline,
                changelog=self.config.changelog,
            )
        )
        for warning in result.warnings:
            log.warning(warning)
        self._book = result
        merged = build.merge(files, result, config, self._titles)
        self._twins: dict[str, str] = {}  # page URI -> its Markdown twin, as pages are rendered
        self._urls = {f.url: twin_uri(f.src_uri) for f in merged.documentation_pages()}
        return merged

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._order = [p.file.src_uri for p in nav.pages]  # llms-full.txt follows the navigation
        return nav

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Generated pages get their tables back; hand-written ones (from pull requests too) are sanitized.

        Every page title and every string of page meta (front matter) is escaped
        here, before any template is rendered: themes print them into ``<title>``,
        ``<meta>`` and the navigation unescaped, and they come from plan files,
        headings and front matter. Material's ``<title>`` unescapes ``page.title``
        again (``striptags``), so ``</`` is broken up first: no title can close
        that element.
        """
        self._safe_meta(page, config)
        if page.file.generated_by is not None:
            from planops.handbook.build import page_content

            book = getattr(self, "_book", None)
            html = page_content(html, page.file.src_uri, book, page.present_anchor_ids) if book else html
        elif self.config.sanitize_pages:
            from planops.handbook.markup import sanitize_page

            html = sanitize_page(html)
        self._twin(html, page)
        return html

    def _twin(self, html: str, page: Page) -> None:
        from html import unescape

        from planops.handbook import twin

        urls = getattr(self, "_urls", {})
        title = unescape(str(page.title)) if page.title else None
        self._twins[page.file.src_uri] = twin.markdown(html, twin.linker(page.url, urls), title)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Every page names its Markdown twin in its head (``<link rel="alternate" type="text/markdown">``)."""
        from mkdocs.utils import get_relative_url

        if page.file.src_uri not in getattr(self, "_twins", {}):
            return output
        href = escape(get_relative_url(twin_uri(page.file.src_uri), page.url))
        link = f'<link rel="alternate" type="text/markdown" href="{href}">'
        head, found, rest = output.partition("</head>")
        return f"{head}{link}\n{found}{rest}" if found else output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The twins beside their pages, and ``llms-full.txt``: every twin, in navigation order."""
        from planops.handbook import build

        twins = getattr(self, "_twins", {})
        nav = getattr(self, "_order", [])
        order = [u for u in nav if u in twins] + sorted(set(twins) - set(nav))
        try:
            build.write_twins(Path(config.site_dir), {twin_uri(u): twins[u] for u in order})
        except OSError as exc:
            raise PluginError(f"planops: cannot write the Markdown pages into '{config.site_dir}': {exc}") from None

    def _safe_meta(self, page: Page, config: MkDocsConfig) -> None:
        from planops.handbook import build, frontmatter

        title = page.title  # before the meta is escaped: the title may come from it
        page.meta, refused = frontmatter.make_safe(page.meta, build.icon_finder(config))
        if refused:  # check_pages refuses these in the pages folders; this page's meta came from elsewhere
            first = refused[0]
            raise PluginError(
                f"planops: {page.file.src_uri}: front matter key {first.key[:40]!r} cannot be "
                f"published: {first.message}"
            )
        if title is not None:
            page.title = escape(str(title).replace("</", "<\u200b/"))

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        from planops.actuals.archive import actuals_dir

        server.watch(str(self.plan_dir(config)))
        actuals = actuals_dir(self.plan_dir(config))
        if actuals.is_dir():  # the Performance page's saved periods
            server.watch(str(actuals))
        return server

    def plan_dir(self, config: MkDocsConfig) -> Path:
        base_dir = os.path.dirname(config.config_file_path or "") or "."
        return Path(base_dir, self.config.plan)


def _guarded(work: Callable[[], T]) -> T:
    """``work()``; findings become error lines (``--strict`` shows them all) and one line that stops the build."""
    from planops.handbook.build import PlanFailed

    try:
        return work()
    except PlanFailed as exc:
        for line in exc.lines:
            log.error(line)
        raise PluginError(exc.summary) from None
    except PluginError:
        raise
    except Exception as exc:  # a bug: one line for users, the traceback on request
        if os.environ.get("PLANOPS_DEBUG"):
            raise
        raise PluginError(
            f"planops: internal error: {type(exc).__name__}: {exc} "
            "(set PLANOPS_DEBUG=1 for details and please report it)"
        ) from None
