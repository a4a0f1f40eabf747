"""KPIs: what each measures, the statistic, the target, the owner and the goals it serves."""

from __future__ import annotations

from datetime import timedelta

from planops.handbook import markup
from planops.handbook.context import HOME, PERFORMANCE, Context
from planops.model import KPI
from planops.model.plan import Target

TITLE = "Goals and KPIs"
SUMMARY = "Every KPI: what it measures, how it is summarised, its target, owner and the goals it serves."


def target_text(kpi: KPI, target: Target | None = None) -> str:
    """``at most 4h`` / ``at least 4.5 score``: the KPI's target, or ``target`` (one of its ``by:``) in its unit."""
    target = target or kpi.target
    bound, value = ("at most", target.max) if target.max is not None else ("at least", target.min)
    if isinstance(value, timedelta):  # with its words for readers and twins (business time unless calendar)
        return f"{markup.text(bound)} {markup.duration(value, business=kpi.hours != 'calendar')}"
    shown = f"{value:g}" + (f" {kpi.unit}" if kpi.unit and kpi.unit != "%" else kpi.unit or "")
    return markup.text(f"{bound} {shown}")


def render(ctx: Context) -> str:
    kpis = list(ctx.plan.kpis.values())
    rows = [
        [ctx.kpi(k.name), markup.code(k.measures), markup.text(k.statistic), target_text(k), ctx.role(k.owner)]
        for k in kpis
    ]
    return markup.join(
        "# Goals and KPIs",
        _goals_note(ctx),
        _measured_note(ctx),
        markup.table(["KPI", "Measures", "Statistic", "Target", "Owner"], rows) or "No KPIs are defined.",
        *(_kpi(ctx, k) for k in kpis),
    )


def _goals_note(ctx: Context) -> str:
    plan = ctx.plan.manifest
    if plan is None or not plan.goals:
        return ""
    return f"The plan's goals are on the {ctx.link('home page', HOME, 'goals')}; each KPI below serves one or more."


def _measured_note(ctx: Context) -> str:
    latest = getattr(ctx.actuals, "latest", None)
    if latest is None:
        return ""
    return f"How they did in {markup.text(latest.period)}: {ctx.link('Performance', PERFORMANCE, 'kpis')}."


def _kpi(ctx: Context, kpi: KPI) -> str:
    plan = ctx.plan.manifest
    goals = [g for g in (plan.goals if plan else ()) if kpi.name in g.kpis]
    served = "; ".join(markup.text(g.statement) for g in goals)
    facts = [f"**Target:** {target_text(kpi)} ({markup.text(kpi.statistic)} of {markup.code(kpi.measures)})"]
    if kpi.owner:
        facts.append(f"**Owner:** {ctx.role(kpi.owner)}")
    if served:
        facts.append(f"**Serves:** {served}")
    return markup.join(
        markup.heading(2, kpi.label, f"kpi-{kpi.name}"),
        "  \n".join(facts),
        _by(kpi),
        markup.block(kpi.description),
    )


def _by(kpi: KPI) -> str:
    """The per-dimension targets (``by:``), which the report holds rows of that dimension to."""
    rows = [
        [markup.text(dimension.replace("_", " ")), markup.code(value), target_text(kpi, target)]
        for dimension, targets in kpi.by.items()
        for value, target in targets.items()
    ]
    if not rows:
        return ""
    return markup.join(
        "Targets per dimension (they replace the KPI's target where the report groups by it):",
        markup.table(["Dimension", "Value", "Target"], rows),
    )
