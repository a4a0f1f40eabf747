"""Untrusted plans: what planops guarantees on plan files from anyone's pull request, and every limit.

The limits table is read from :mod:`planops.limits` itself (each bound and the
first sentence of the text under it), so the page cannot drift from the code.
"""

from __future__ import annotations

import ast
from importlib import resources

from planops.handbook import markup
from planops.handbook.context import Context

TITLE = "Untrusted plans"
SUMMARY = (
    "What planops guarantees when it runs on plan files from anyone's pull request: nothing lost, "
    "nothing executed, nothing read outside the plan, nothing hangs; every limit and its value."
)

GUARANTEES: tuple[tuple[str, str], ...] = (
    (
        "Nothing is executed",
        "Plan files are YAML 1.2 read by a safe loader: every explicit tag (`!!python/…`) is refused, aliases are "
        "bounded by count and by the text they repeat. Conditions are CEL, evaluated by a CEL library, never "
        "Python; an expression whose size, nesting or counted cost is over its limit is refused before it is "
        "compiled (`expr-too-costly`).",
    ),
    (
        "Nothing of yours is deleted or overwritten",
        "The handbook's site folder is refused before MkDocs empties it when it is, holds or lies inside the plan, "
        "the pages folder or the folder of `mkdocs.yml`, or when it holds files but no built site. `--output` and "
        "`--junitxml` write only over planops's own schema, CODEOWNERS block or JUnit report, never through a link. "
        "`planops init` checks every path first and writes the whole starter or nothing.",
    ),
    (
        "Nothing outside the plan is read",
        "Only regular files inside the plan folder are read. A symbolic link, to a file or a folder, inside the plan "
        "or out of it, is never followed, in the folder and in git alike (`link-outside-plan`, `link-in-plan`); a "
        "FIFO or device is not opened (`not-a-file`); what cannot be read is a finding (`unreadable`); a plan with "
        "no documents is an error (`empty-plan`). Messages quote at most a short part of a value, never a file.",
    ),
    (
        "Nothing unsafe is published",
        "Every string from the plan folder is escaped wherever it lands in the handbook, front matter included; "
        "plan Markdown is sanitized. The pages folder may hold only Markdown pages and PNG, JPEG, GIF or WebP "
        "images whose bytes match their kind (no HTML, scripts, CSS or SVG); `template:` and wrongly shaped "
        "theme keys in front matter are refused (`page-*` codes).",
    ),
    (
        "No output can be forged",
        "Terminal output shows control characters, newlines and bidirectional marks in values as escapes, and no "
        "value can start a GitHub Actions command; annotations escape as GitHub documents; the Markdown of "
        "`planops diff` escapes values so that no HTML, heading, link, image, table cell or mention comes from "
        "a plan.",
    ),
    (
        "Bad input is a finding or one line, never a traceback",
        "Every refusal above is a located finding (`file:line:col`, a stable code) or a one-line error with exit "
        "code 1 or 2. A property-based suite drives random plans, tickets and command lines through the real "
        "commands, and coverage-guided fuzzers run over the loader and the CEL layer.",
    ),
)

TRUSTED = (
    "`mkdocs.yml`, the CI workflow and the Python environment are configuration, not plan: MkDocs reads "
    "`mkdocs.yml` with its own loader and runs its `hooks:`, so review a change to them as you review code."
)


def render(ctx: Context) -> str:
    rows = [[markup.code(name), markup.text(value), markup.inline(what)] for name, value, what in limits()]
    return markup.join(
        "# Untrusted plans",
        "CI runs planops on pull requests, and plan files in a pull request come from anyone. These are the "
        "guarantees that make that safe, so that a team can decide to run planops on pull requests from forks.",
        *(markup.join(markup.heading(2, title), body) for title, body in GUARANTEES),
        markup.heading(2, "What stays trusted"),
        TRUSTED,
        markup.heading(2, "Limits", "limits"),
        "Each bound is checked where the value is read, with a finding that names it.",
        markup.table(["Limit", "Value", "What it bounds"], rows, ["left", "right", "left"]),
    )


def limits() -> list[tuple[str, str, str]]:
    """(name, value, first sentence of its text) of every bound in planops.limits, in the module's order."""
    source = (resources.files("planops") / "limits.py").read_text(encoding="utf-8")
    body = ast.parse(source).body
    found, waiting = [], []  # bounds written together (MIN_YEAR, MAX_YEAR) share the text under the last
    for node in body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            waiting.append(node.targets[0].id)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and waiting:
            what = str(node.value.value).split("\n\n")[0].replace("\n", " ")
            found += [(name, _value(name), what) for name in waiting]
            waiting = []
    return found + [(name, _value(name), "") for name in waiting]


def _value(name: str) -> str:
    from planops import limits as module

    value = getattr(module, name)
    return f"{value:,}" if isinstance(value, int) and not name.endswith("YEAR") else str(value)
