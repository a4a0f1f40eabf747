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
