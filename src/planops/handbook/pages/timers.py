"""Per step with a timer: which SLA clock the timer protects, per policy and priority routed here, and by how much.

The margins come from :mod:`planops.escalation` (the same figures ``planops validate`` checks). Every cell says
in words whether the target is protected, so nothing depends on colour.
"""

from __future__ import annotations

from planops.escalation import Margin, Routes, margins, running_targets
from planops.handbook import markup
from planops.handbook.context import Context
from planops.model import Workflow
from planops.model.types import TARGETS
from planops.model.workflow import State

NOTE = (
    "Business time in the ticket's calendar, for each SLA policy and priority routing can send here. "
    "Margins count from the moment the ticket enters this step, as if at creation: time it spent in "
    "earlier steps comes off them."
)


class TimerTables:
    """The margins of one workflow, computed once for all its steps."""

    def __init__(self, ctx: Context, wf: Workflow) -> None:
        self.ctx = ctx
        self.running = running_targets(wf)
        self.by_state: dict[str, dict[tuple[str, str], dict[str, Margin]]] = {}
        routes = Routes(ctx.plan)
        self.pairs = [(p.name, q) for p, q in routes.pairs(wf.name)]
        for m in margins(ctx.plan, wf, routes):
            self.by_state.setdefault(m.state, {}).setdefault((m.policy, m.priority), {})[m.target] = m

    def render(self, name: str, state: State) -> str:
        if state.timeout is None or state.final:
            return ""
        if not self.pairs:
            return "**What the timer protects:** no SLA policy and priority is routed to this workflow."
        found = self.by_state.get(name, {})
        rows = []
        for policy, priority in self.pairs:
            cells = found.get((policy, priority), {})
            rows.append([self.ctx.policy(policy), priority, *(self._cell(state, name, cells, t) for t in TARGETS)])
        header = ["SLA policy", "Priority", *(markup.code(t) for t in TARGETS)]
        must = state.protects
        required = (
            f" The timer must fire before: {', '.join(markup.code(t) for t in must) or 'nothing'} (escalate_before)."
            if must is not None
            else ""
        )
        return markup.join(f"**What the timer protects.** {NOTE}{required}", markup.table(header, rows))

    def _cell(self, state: State, name: str, found: dict[str, Margin], target: str) -> str:
        margin = found.get(target)
        if margin is not None:
            return _margin(margin)
        if target in state.pause:
            return "paused here"
        if name in self.running and target not in self.running[name]:
            return "not running here"
        return "—"  # the policy sets no such target for this priority


def _margin(m: Margin) -> str:
    if m.late:
        return f"{markup.strong('not protected')}: due {markup.duration(-m.spare)} before the timer fires"
    if not m.spare:
        return "fires at the due time (no margin)"
    return f"protected, {markup.duration(m.spare)} to spare"
