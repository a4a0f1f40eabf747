"""What the handbook needs from the MkDocs configuration, added where the user's mkdocs.yml lacks it.

A minimal ``plugins: [search, planops]`` works: the Markdown extensions the
pages use are switched on here, and for an offline site Google Fonts are
turned off and Mermaid (and material's ``file://`` search shim) are served
from the site itself instead of a CDN.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from planops.handbook.site import SECTIONS

MERMAID_JS = "assets/planops/mermaid.min.js"
MERMAID_INIT_JS = "assets/planops/mermaid-init.js"
IFRAME_WORKER_JS = "assets/planops/iframe-worker-shim.js"
HANDBOOK_CSS = "assets/planops/handbook.css"
HANDBOOK_JS = "assets/planops/handbook.js"

_EXTENSIONS: dict[str, dict[str, Any]] = {
    "tables": {},
    "admonition": {},
    "attr_list": {},
    "md_in_html": {},
    "toc": {"permalink": True},
    "pymdownx.details": {},
    "pymdownx.tabbed": {"alternate_style": True},
    "pymdownx.superfences": {},
}


def section_titles(overrides: Mapping[str, Any]) -> dict[str, str]:
    """Default section titles with the user's; an unknown key is a mistake worth reporting."""
    unknown = sorted(set(overrides) - set(SECTIONS))
    if unknown:
        raise ValueError(
            f"unknown section {', '.join(map(repr, unknown))} in 'sections' (known: {', '.join(SECTIONS)})"
        )
    return {**SECTIONS, **{k: str(v) for k, v in overrides.items()}}


def build_date(option: str | date | None) -> date:
    """The option, else SOURCE_DATE_EPOCH (reproducible builds), else today."""
    if isinstance(option, date):
        return option
    if option:
        try:
            return date.fromisoformat(option)
        except ValueError:
            raise ValueError(f"today: {option!r} is not a date like 2026-10-01") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()


def markdown_extensions(config: MkDocsConfig) -> None:
    """Switch on the extensions the pages use, and the ``mermaid`` fence, keeping the user's settings."""
    for name, options in _EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        current = config.mdx_configs.setdefault(name, {})
        for key, value in options.items():
            current.setdefault(key, value)
    fences = config.mdx_configs["pymdownx.superfences"].setdefault("custom_fences", [])
    if not any(f.get("name") == "mermaid" for f in fences):
        from pymdownx.superfences import fence_code_format  # type: ignore[import-untyped, unused-ignore]

        fences.append({"name": "mermaid", "class": "mermaid", "format": fence_code_format})


def handbook_css(config: MkDocsConfig) -> None:
    """The handbook's stylesheet and its small script (keyboard access to wide tables), offline or not."""
    if HANDBOOK_CSS not in config.extra_css:
        config.extra_css.append(HANDBOOK_CSS)
    if HANDBOOK_JS not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(HANDBOOK_JS)


def offline_theme(config: MkDocsConfig) -> None:
    """No Google Fonts, local Mermaid, and for material's offline plugin a local iframe-worker shim.

    Material's instant navigation does not work from ``file://`` (pages stop
    mounting their components: no diagrams, no table wrappers), so it is
    switched off when the offline plugin is on.
    """
    theme = config.theme
    if theme.name == "material":
        theme["font"] = False
    scripts = [str(s) for s in config.extra_javascript]
    for script in (MERMAID_JS, MERMAID_INIT_JS):
        if script not in scripts:
            config.extra_javascript.append(script)
    if _offline_plugin(config):
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, IFRAME_WORKER_JS]
        features = theme.get("features") or []
        theme["features"] = [f for f in features if not str(f).startswith("navigation.instant")]


def _offline_plugin(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return plugin is not None and bool(getattr(plugin, "config", {}).get("enabled", True))
