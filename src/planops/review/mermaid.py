"""Mermaid ``stateDiagram-v2`` source for a workflow (the diff and the handbook draw with it).

State names become safe Mermaid ids (``billing-review`` → ``billing_review``)
and every state is declared with its title and owner as label, so the ids
never show. Labels and guards are written with Mermaid's ``#NNN;`` entity codes
for the characters its parser would otherwise read as syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from planops.model import Workflow
from planops.model.types import format_duration
from planops.model.workflow import State
from planops.output.escape import visible

HIGHLIGHT_STYLE = "fill:#fff3bf,stroke:#e67700,stroke-width:2px"
_RESERVED = frozenset(
    {
        "state",
        "note",
        "end",
        "direction",
        "class",
        "classdef",
        "style",
        "click",
        "as",
        "left",
        "right",
        "of",
        "hide",
        "scale",
        "default",
        "graph",
        "flowchart",
        "subgraph",
    }
)
_UNSAFE = re.compile(r'["#;:<>&{}%|`\\\[\]]')


def state_diagram(
    workflow: Workflow, highlight: Iterable[str] = (), *, owners: bool = True, style: str = HIGHLIGHT_STYLE
) -> str:
    """The Mermaid source (without the ``` fence) of ``workflow``'s state machine.

    ``highlight`` names states drawn in ``style`` (the diff marks changed states);
    ``owners`` adds each state's owner to its label.
    """
    ids = state_ids(workflow)
    lines = ["stateDiagram-v2"]
    for name, state in workflow.states.items():
        lines.append(f'    state "{_label(name, state, owners)}" as {ids[name]}')
    lines.append(f"    [*] --> {ids.get(workflow.initial, safe_id(workflow.initial))}")
    for name, state in workflow.states.items():
        lines += [f"    {ids[name]} --> {ids.get(to, safe_id(to))}: {label}" for to, label in _edges(state)]
        if state.final:
            lines.append(f"    {ids[name]} --> [*]")
    wanted = set(highlight)
    marked = [ids[name] for name in workflow.states if name in wanted]
    if marked:
        lines.append(f"    classDef changed {style}")
        lines.append(f"    class {', '.join(marked)} changed")
    return "\n".join(lines) + "\n"


def state_ids(workflow: Workflow) -> dict[str, str]:
    """A distinct Mermaid id for every state name."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for name in workflow.states:
        base = candidate = safe_id(name)
        n = 1
        while candidate in taken:
            n += 1
            candidate = f"{base}_{n}"
        ids[name] = candidate
        taken.add(candidate)
    return ids


def safe_id(name: str) -> str:
    """``billing-review`` → ``billing_review``; ids Mermaid would misread get an ``s_`` prefix."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name)
    if not cleaned or cleaned[0].isdigit() or cleaned.lower() in _RESERVED:
        cleaned = f"s_{cleaned}"
    return cleaned


def escape(text: str) -> str:
    """Text safe inside a Mermaid label: on one line, controls visible (``\\x1b``), syntax characters as
    ``#NNN;`` entity codes."""
    flat = visible(" ".join(text.split()))
    return _UNSAFE.sub(lambda m: f"#{ord(m.group())};", flat)


def _label(name: str, state: State, owners: bool) -> str:
    title = state.title or name
    text = f"{title} ({state.owner})" if owners and state.owner else title
    return escape(text)


def _edges(state: State) -> list[tuple[str, str]]:
    timer_event = state.timeout.event if state.timeout else None
    edges = []
    for event in state.on:
        label = event
        if event == timer_event and state.timeout:
            label += f" after {format_duration(state.timeout.after)}"
        for branch in state.branches(event):
            text = f"{label} [{branch.when}]" if branch.when else label
            edges.append((branch.to, escape(text)))
    return edges
