"""Reference: every validation code planops reports, with its severity and a bad example."""

from __future__ import annotations

from planops.diagnostics import Code
from planops.handbook import markup
from planops.handbook.context import Context

TITLE = "Validation reference"
SUMMARY = (
    "Every finding `planops validate` can report: its code, severity, what it "
    "means and a plan snippet that triggers it."
)


def render(ctx: Context) -> str:
    from planops.checks import CODES

    codes = sorted(CODES.values(), key=lambda c: c.code)
    rows = [[ctx.link(markup.code(c.code), ctx.uri, c.code), str(c.severity), _summary(c.summary)] for c in codes]
    return markup.join(
        "# Validation reference",
        "`planops validate` (and the handbook build) report findings as "
        "`file:line:col: severity[code]: message`. These are all the codes.",
        markup.table(["Code", "Severity", "Meaning"], rows),
        *(_code(c) for c in codes),
    )


def _summary(summary: str) -> str:
    return markup.inline(summary)


def _code(code: Code) -> str:
    parts = [markup.heading(2, code.code, code.code), f"**{code.severity}** — {markup.inline(code.summary)}"]
    if code.example:
        parts.append(markup.code_block(code.example, "yaml"))
    return markup.join(*parts)
