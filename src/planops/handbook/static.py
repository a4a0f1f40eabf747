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
}
