"""Values as every view shows them: times in the ticket's zone, lists in brackets, padded tables.

Times are shown in the ticket's calendar zone (else in the offset its
``created`` was written with); expectations are compared as instants.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from planops.output.escape import visible

if TYPE_CHECKING:  # the engine's libraries load only for commands that run it (review reads tables only)
    from planops.engine import ClockState, Mismatch


def show(value: Any, zone: tzinfo) -> str:
    """A value as users write it in YAML: times with their offset, lists in brackets, none as ``none``."""
    if value is None:
        return "none"
    if isinstance(value, datetime):
        return value.astimezone(zone).isoformat()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _same(text: str) -> str:
    return text


def expected_got(
    mismatch: Mismatch, zone: tzinfo, *, key: Callable[[str], str] = _same, value: Callable[[str], str] = _same
) -> str:
    """``owner: expected lead, got agent``: the one wording of an expectation that does not hold, and its hint.

    ``key`` and ``value`` format the parts for the view (the handbook writes them as Markdown).
    """
    expected, actual = show(mismatch.expected, zone), show(mismatch.actual, zone)
    hint = f" ({value(mismatch.hint)})" if mismatch.hint else ""
    return f"{key(mismatch.key)}: expected {value(expected)}, got {value(actual)}{hint}"


def when(value: datetime, zone: tzinfo) -> str:
    """``Fri 2026-03-27 16:30 +01:00``: the weekday and offset matter for business hours."""
    local = value.astimezone(zone)
    offset = local.isoformat()[-6:]
    stamp = local.strftime("%a %Y-%m-%d %H:%M" + (":%S" if local.second else ""))
    return f"{stamp} {offset}"


def clock_text(clock: ClockState, zone: tzinfo) -> str:
    """``first_response met``, ``resolution due Mon 03-30 12:00 (paused)``, ``next_response breached``."""
    from planops.engine import PENDING

    if clock.status == PENDING:
        paused = " (paused)" if clock.paused else ""
        return f"{clock.target} due {clock.due.astimezone(zone).strftime('%a %m-%d %H:%M')}{paused}"
    return f"{clock.target} {clock.status}"


def zone_name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> list[str]:
    """Columns padded to their widest cell; the last column is not padded. Cells are made visible first,
    so the columns line up however a value is written."""
    cells = [[visible(c) for c in row] for row in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header) - 1)]
    return [indent + "  ".join([*(c.ljust(w) for c, w in zip(r, widths, strict=False)), r[-1]]).rstrip() for r in cells]
