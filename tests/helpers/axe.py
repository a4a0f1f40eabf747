"""axe-core in a real browser: the WCAG 2.0/2.1 A and AA rules over a page, in both colour schemes.

axe-core is a test-time asset: it is never shipped in a site, so it is not in
``planops.handbook.assets.ASSETS``; it comes through the same pinned, verified
cache (``fetch_asset``) as the assets the handbook ships.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from planops.handbook.assets import Asset, fetch_asset

AXE = Asset(
    package="axe-core",
    version="4.14.1",
    integrity="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
    member="package/axe.min.js",
    dest="assets/planops/axe.min.js",  # unused: never part of a site
)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = ("default", "slate")  # mkdocs-material's light and dark palettes

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary.split("\\n").slice(1, 2).join(""))
  }));
}"""


@lru_cache(maxsize=1)
def script() -> str:
    return fetch_asset("axe", assets={"axe": AXE}).decode("utf-8")


_STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def set_scheme(page: Any, scheme: str) -> None:
    """Material's palette: the scheme is an attribute of ``<body>`` (what its toggle sets).

    Transitions are switched off first: axe would measure colours half-way through the theme's fade.
    """
    if not page.evaluate("!!document.getElementById('planops-test-still')"):
        page.add_style_tag(content=_STILL)
        page.evaluate("document.querySelector('style:last-of-type').id = 'planops-test-still'")
    page.evaluate("(s) => document.body.setAttribute('data-md-color-scheme', s)", scheme)


def schemes(page: Any) -> tuple[str, ...]:
    """The schemes the site offers: slate too where it has material's palette (``theme.palette``)."""
    offers = page.evaluate("!!document.querySelector('link[rel=stylesheet][href*=\"stylesheets/palette.\"]')")
    return SCHEMES if offers else SCHEMES[:1]


def violations(page: Any) -> list[dict[str, Any]]:
    """axe's WCAG 2.0/2.1 A and AA violations on the page as it is now (axe injected once per document)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=script())
    found: list[dict[str, Any]] = page.evaluate(_RUN, TAGS)
    return found


def summary(found: list[dict[str, Any]]) -> str:
    """One line per violated rule with its first few elements, for an assertion message."""
    return "\n".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {v['help']}; {v['nodes'][:3]}" for v in found)
