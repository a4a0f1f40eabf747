"""One change in words, as the diff, the changelog and the handbook list it."""

from __future__ import annotations

from planops.kinds import NATURAL_KIND, label
from planops.review.changes import CODE, Change


def describe(change: Change) -> str:
    """One change as a line of Markdown: `standard` high first_response: 4h → 2h (tightened)."""
    what = " ".join(part for part in (_subject(change), change.what) if part)
    if change.action == "added":
        return f"{what} added" + (f": {change.after}" if change.after else "")
    if change.action == "removed":
        return f"{what} removed" + (f" (was {change.before})" if change.before else "")
    if change.before == change.after == "":
        return f"{what} changed"
    before, after = change.before, change.after
    if change.what.rsplit(" ", 1)[-1] in CODE:
        before, after = (v if v == "none" else f"`{v}`" for v in (before, after))
    trend = f" ({change.direction})" if change.direction else ""
    return f"{what}: {before} → {after}{trend}"


def _subject(change: Change) -> str:
    """The object's name, with its kind where the section is about another kind (a Calendar in Channels)."""
    if not change.object:
        return ""
    name = f"`{change.object}`"
    if NATURAL_KIND.get(change.kind) == change.object_kind:
        return name
    return f"{label(change.object_kind)} {name}"
