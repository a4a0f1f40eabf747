"""One change in meaning as a line of Markdown, for the diff comment and the changelog."""

from __future__ import annotations

from planops.kinds import NATURAL_KIND, label
from planops.output.escape import Markdown, md_code, md_start
from planops.review.changes import Change


def describe(change: Change) -> Markdown:
    """`standard` high first_response: 4h → 2h (tightened). Safe to begin a line: no value starts block syntax.

    A parameter's change ends with where it is read: ``, used by: routing rule `big-billing` ``.
    """
    line = _describe(change)
    return Markdown(f"{line}, used by: {', '.join(change.used_by)}") if change.used_by else line


def _describe(change: Change) -> Markdown:
    what = md_start(" ".join(part for part in (_subject(change), change.what) if part))
    if change.action == "added":
        return Markdown(f"{what} added" + (f": {change.after}" if change.after else ""))
    if change.action == "removed":
        return Markdown(f"{what} removed" + (f" (was {change.before})" if change.before else ""))
    if change.before == change.after == "":
        return Markdown(f"{what} changed")
    trend = f" ({change.direction})" if change.direction else ""
    return Markdown(f"{what}: {change.before} → {change.after}{trend}")


def _subject(change: Change) -> str:
    """The object's name, with its kind where the section is about another kind (a Calendar in Channels)."""
    if not change.object:
        return ""
    name = md_code(change.object)
    if NATURAL_KIND.get(change.kind) == change.object_kind:
        return name
    return f"{label(change.object_kind)} {name}"
