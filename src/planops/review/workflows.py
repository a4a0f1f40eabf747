"""What changed in a workflow: states, transitions, guards, owners and timers."""

from __future__ import annotations

from planops.model import Workflow
from planops.model.workflow import Branch, State
from planops.output.escape import Markdown, md_code, md_text
from planops.review.changes import Change, Maker, fmt
from planops.review.kinds import COMMON

_STATE_FIELDS = frozenset({"on", "timeout", "owner", "title", "description"})


def workflow(m: Maker, old: Workflow, new: Workflow) -> list[Change]:
    found = m.fields(old, new, skip={*COMMON, "states"})
    found += [m.change(f"state {md_code(n)}", _state(s), None) for n, s in old.states.items() if n not in new.states]
    found += [m.change(f"state {md_code(n)}", None, _state(s)) for n, s in new.states.items() if n not in old.states]
    for name, state in new.states.items():
        if name in old.states:
            found += _compare_state(m, name, old.states[name], state)
    return found


def _compare_state(m: Maker, name: str, old: State, new: State) -> list[Change]:
    label = f"state {md_code(name)}"
    found = []
    if old.owner != new.owner:
        found.append(m.change(f"{label} owner", old.owner, new.owner))
    if old.timeout != new.timeout:
        found.append(m.change(f"{label} timer", _timer(old), _timer(new)))
    found += _transitions(m, label, old, new)
    found += [
        m.text(f"{label} {part}") for part in ("title", "description") if getattr(old, part) != getattr(new, part)
    ]
    return found + m.fields(old, new, skip=_STATE_FIELDS, prefix=f"{label} ")


def _transitions(m: Maker, label: str, old: State, new: State) -> list[Change]:
    found = []
    for event in dict.fromkeys([*old.on, *new.on]):
        a = old.branches(event) if event in old.on else None
        b = new.branches(event) if event in new.on else None
        if a == b:
            continue
        if a is not None and b is not None and [x.to for x in a] == [y.to for y in b]:
            found += [
                m.change(f"{label} guard on {md_code(event)} → {md_code(x.to)}", _guard(x), _guard(y))
                for x, y in zip(a, b, strict=True)
                if x.when != y.when
            ]
        else:
            found.append(m.change(f"{label} on {md_code(event)}", _branches(a), _branches(b)))
    return found


def _guard(branch: Branch) -> Markdown:
    return md_code(branch.when) if branch.when else Markdown("always")


def _branches(branches: tuple[Branch, ...] | None) -> Markdown | None:
    if branches is None:
        return None
    return Markdown("; ".join(_branch(b) for b in branches))


def _branch(branch: Branch) -> str:
    to = md_text(branch.to, start=False)
    return f"{to} if {md_code(branch.when)}" if branch.when else to


def _timer(state: State) -> Markdown | None:
    if state.timeout is None:
        return None
    return Markdown(f"after {fmt(state.timeout.after)} fire {md_code(state.timeout.event)}")


def _state(state: State) -> str:
    if state.final:
        return "final"
    return f"owner {state.owner}" if state.owner else "no owner"


def changed_states(old: Workflow | None, new: Workflow | None) -> tuple[set[str], set[str]]:
    """States to highlight in the before and the after diagram (none for a workflow added or removed)."""
    if old is None or new is None:
        return set(), set()
    a, b = old.states, new.states
    changed = {n for n in a.keys() & b.keys() if a[n] != b[n]}
    return (set(a) - set(b)) | changed, (set(b) - set(a)) | changed
