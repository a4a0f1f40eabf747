"""The handbook's own small browser files, kept in Python so that every install carries them."""

from __future__ import annotations

HANDBOOK_CSS = """\
/* planops handbook: small touches on top of mkdocs-material. */
.planops-vision p {
  font-size: 1.05em;
  border-left: 0.2rem solid var(--md-primary-fg-color);
  padding-left: 0.8rem;
}
.md-typeset pre.mermaid {
  text-align: center;
}
.md-typeset .planops-text > :first-child {
  margin-top: 0;
}
.md-typeset .planops-tiles {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
  gap: 0.6rem;
}
.md-typeset .planops-tile {
  border: 1px solid var(--md-default-fg-color--lightest);
  border-left: 0.3rem solid var(--md-default-fg-color--light);
  padding: 0.5rem 0.7rem;
}
.md-typeset .planops-met { border-left-color: #2e7d32; }
.md-typeset .planops-missed { border-left-color: #c62828; }
.md-typeset .planops-tile-value { font-size: 1.4em; font-weight: 700; }
.md-typeset .planops-tile-trend { font-size: 0.85em; }
.md-typeset figure.planops-chart img { max-width: 100%; height: auto; }
.md-typeset .planops-router fieldset {
  border: 1px solid var(--md-default-fg-color--light);
  margin: 0 0 1rem;
  padding: 0.4rem 0.8rem 0.8rem;
}
.md-typeset .planops-field { margin: 0.5rem 0; }
.md-typeset .planops-field label { display: block; font-weight: 700; }
.md-typeset .planops-field input,
.md-typeset .planops-field select {
  font: inherit;
  color: var(--md-default-fg-color);
  background: var(--md-default-bg-color);
  border: 1px solid var(--md-default-fg-color--light);
  padding: 0.2rem 0.4rem;
  min-width: 16rem;
}
.md-typeset .planops-help { display: block; font-size: 0.9em; }
/* the theme's primary pair (not its accent, too light for white text) in every state */
.md-typeset .planops-router button {
  font: inherit;
  font-weight: 700;
  color: var(--md-primary-bg-color);
  background: var(--md-primary-fg-color);
  border: 0.1rem solid var(--md-primary-fg-color);
  border-radius: 0.1rem;
  padding: 0.4rem 1.2rem;
  cursor: pointer;
}
.md-typeset .planops-router button:focus-visible {
  outline: 0.15rem solid var(--md-default-fg-color);
  outline-offset: 0.15rem;
}
.md-typeset .planops-router-result dt { font-weight: 700; }
/* WCAG 1.4.1: a link in text must not be told apart by colour alone. */
.md-typeset a:not(.headerlink):not(.md-button):not(.md-content__button):not(.tabbed-labels a) {
  text-decoration: underline;
  text-underline-offset: 0.15em;
}
/* WCAG 1.4.3: material's footer text is 4.47:1 on its background; the lighter step of the same colour is 7:1. */
.md-footer-meta .md-copyright,
.md-footer-meta .md-copyright__highlight {
  color: var(--md-footer-fg-color--light);
}
/* WCAG 1.4.3 in code: material's light scheme prints variables and comments at 4.47:1 on the code background;
   in the dark scheme a link's colour on the code background is 4.1:1, so linked code keeps the code colour. */
body:not([data-md-color-scheme="slate"]) .md-typeset {
  --md-code-hl-variable-color: rgba(0, 0, 0, 0.66);
  --md-code-hl-comment-color: rgba(0, 0, 0, 0.66);
  --md-code-hl-generic-color: rgba(0, 0, 0, 0.66);
}
[data-md-color-scheme="slate"] .md-typeset a code {
  color: var(--md-code-fg-color);
}
/* Titles in a table cell, one per line: a list, so that a title with a comma stays one title. */
.md-typeset ul.planops-list {
  margin: 0;
}
.md-typeset ul.planops-list li {
  margin: 0 0 0 1em;
}
/* Read by screen readers and text browsers, not shown: tab headings, table captions. */
.planops-sr-only {
  position: absolute !important;
  width: 1px;
  height: 1px;
  padding: 0;
  margin: -1px;
  overflow: hidden;
  clip: rect(0, 0, 0, 0);
  white-space: nowrap;
  border: 0;
}
"""

# A table wider than the page scrolls in material's wrapper; WCAG 2.1.1: a keyboard user must be able to
# scroll it too, so a wrapper that scrolls takes focus, named after its table's caption.
# Material reads every <link rel="alternate"> when the document loads as another language's version of the
# site and fetches "sitemap.xml" beside it (a 404 in a subfolder, an error from file://): the link to the
# page's Markdown twin steps out of its way for that moment (this script runs before DOMContentLoaded, and
# material listens first) and is back right after.
HANDBOOK_JS = """(function () {
  var twins = document.querySelectorAll('link[rel="alternate"][type="text/markdown"]');
  twins.forEach(function (link) { link.setAttribute("rel", "planops-twin"); });
  document.addEventListener("DOMContentLoaded", function () {
    twins.forEach(function (link) { link.setAttribute("rel", "alternate"); });
  }, { once: true });
  function focusable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent : "Table");
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(focusable);
  } else {
    document.addEventListener("DOMContentLoaded", focusable);
  }
})();
"""

# Material renders Mermaid diagrams itself (with its theme) when it finds them;
# Mermaid's own start-on-load would race it (it wins from file://) and draw into the raw code blocks.
MERMAID_INIT_JS = """\
if (typeof mermaid !== "undefined") {
  mermaid.initialize({ startOnLoad: false });
}
"""

FILES: dict[str, str] = {
    "assets/planops/handbook.css": HANDBOOK_CSS,
    "assets/planops/mermaid-init.js": MERMAID_INIT_JS,
    "assets/planops/handbook.js": HANDBOOK_JS,
}
