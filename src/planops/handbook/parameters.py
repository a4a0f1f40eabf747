"""The plan's parameters in the handbook: a table on the home page, and their values wherever they are used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planops.handbook import markup
from planops.handbook.context import HOME, Context
from planops.parameters import references, shown, values

if TYPE_CHECKING:
    from planops.checks.parameters import Use


def shown_values(ctx: Context) -> dict[str, str]:
    """Every parameter's value as plain text, by name."""
    return {name: shown(value) for name, value in values(ctx.plan.manifest).items()}


def link(ctx: Context, name: str) -> str:
    """``plan.name`` as code, linked to its row on the home page."""
    return ctx.link(markup.code(f"plan.{name}"), HOME, f"parameter-{name}")


def used_in(ctx: Context, when: str) -> str:
    """The parameters an expression reads, each linked with its value: "plan.refund_approval_limit (500.0)"."""
    found = values(ctx.plan.manifest)
    names = dict.fromkeys(ref.name for ref in references(when) if ref.name in found)
    return ", ".join(f"{link(ctx, name)} ({markup.text(shown(found[name]))})" for name in names)


def section(ctx: Context) -> str:
    """The home page's table of parameters: name, value, where they are used, what they mean."""
    from planops.checks.parameters import uses

    manifest = ctx.plan.manifest
    if manifest is None or not manifest.parameters:
        return ""
    used = uses(ctx.plan)
    rows = [
        [
            markup.anchored(f"plan.{name}", f"parameter-{name}"),
            markup.code(shown(p.value)),
            "<br>".join(_use(ctx, u) for u in used.get(name, ())) or "not used",
            markup.inline(p.description),
        ]
        for name, p in manifest.parameters.items()
    ]
    return markup.join(
        "## Parameters {#parameters}",
        "Values the rules below are written with: a routing rule, a workflow step, an SLA policy or a segment "
        "reads each one as `plan.<name>`, so changing it here changes every rule that uses it.",
        markup.table(["Parameter", "Value", "Used by", "Meaning"], rows),
    )


def _use(ctx: Context, use: Use) -> str:
    (_word, name), *rest = use.parts
    if use.kind == "Routing":
        return f"routing rule {ctx.rule(name)}"
    if use.kind == "Workflow" and rest:
        return f"{ctx.workflow(name)}, step {ctx.state(name, rest[0][1])}"
    if use.kind == "SLAPolicy":
        return f"SLA policy {ctx.policy(name)}"
    if use.kind == "Segmentation":
        return f"segment {ctx.segment(name)}"
    return markup.text(use.words)
