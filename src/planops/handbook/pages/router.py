"""Route a ticket: a form, generated from the plan's ticket fields, that routes a ticket in the page.

The page answers what ``planops route`` answers — segment, priority, SLA policy, due
times, queue, workflow and the first owner — with the plan's rules evaluated by a
JavaScript CEL evaluator and the calendars' open intervals exported at build time
(planops.handbook.router). It works offline and from ``file://``; a rule it cannot
evaluate the same way is named instead of guessed.
"""

from __future__ import annotations

import posixpath
from html import escape
from typing import Any

from planops.handbook import markup
from planops.handbook.context import Context, page_url
from planops.handbook.router.data import router_data, script_json

TITLE = "Route a ticket"
SUMMARY = (
    "A form that routes a ticket as planops route does: segment, priority, SLA policy, due times in business "
    "hours, queue, workflow and first owner, computed in the page."
)
CEL_JS = "assets/planops/cel-js.js"
ROUTER_JS = "assets/planops/router.js"
FORM_ID = "planops-router"
_BOOL_WORDS = {"true": "yes", "false": "no"}


def render(ctx: Context) -> str:
    data = router_data(ctx.plan, ctx.today)
    blocked = [item for key in ("segments", "rules", "policies") for item in data[key] if item["blocker"]]
    return markup.join(
        markup.heading(1, TITLE),
        "Enter what you know about a ticket and press **Route**: the page applies the plan's segments, routing "
        "rules and SLA policies, top to bottom, as `planops route` does, and counts due times in the business "
        "hours of the ticket's calendar. Values a ticket arrives with (a segment, a priority) are kept; the "
        "rules fill in what is missing. Nothing you enter leaves this page.",
        _limits(data, blocked),
        f"{markup.RAW_OPEN}{_form(ctx, data)}{markup.RAW_CLOSE}",
    )


def _limits(data: dict[str, Any], blocked: list[dict[str, Any]]) -> str:
    first, last = data["range"]
    lines = [
        "The rules run as the plan writes them, in a CEL evaluator for JavaScript (@marcbachmann/cel-js); due "
        f"times are computed for tickets created from {first} to {last}."
    ]
    if blocked:
        lines.append(
            "The page cannot evaluate these rules as `planops route` does. A ticket that reaches one gets no "
            "answer here (the page says so), unless one of the rule's conditions joined by `&&` is false for it:\n"
        )
        lines += [f"- {markup.text(b['kind'])} {markup.code(b['name'])}: {markup.text(b['blocker'])}" for b in blocked]
    return markup.admonition("note", "What this page computes", "\n".join(lines))


def _asset(ctx: Context, uri: str) -> str:
    here = posixpath.dirname(page_url(ctx.uri, ctx.directory_urls))
    return posixpath.relpath(uri, here or ".")


def _form(ctx: Context, data: dict[str, Any]) -> str:
    fields = "\n".join(_field(f, f"{FORM_ID}-f{i}") for i, f in enumerate(data["fields"]))
    given = "\n".join(_field(f, f"{FORM_ID}-g{i}", given=True) for i, f in enumerate(data["given"]))
    return f"""<form id="{FORM_ID}" class="planops-router" novalidate>
<fieldset><legend>The ticket</legend>
{fields}
</fieldset>
<fieldset><legend>When it came in</legend>
<div class="planops-field"><label for="{FORM_ID}-created">Created at (local time)</label>
<input type="datetime-local" id="{FORM_ID}-created" name="created" step="60" required></div>
<div class="planops-field"><label for="{FORM_ID}-zone">Time zone of that time</label>
<select id="{FORM_ID}-zone" name="zone">{_options(list(data["zones"]), _default_zone(data))}</select></div>
</fieldset>
<fieldset><legend>Values the ticket already has (optional)</legend>
{given}
</fieldset>
<button type="submit">Route</button>
</form>
<h2 id="{FORM_ID}-answer">Answer</h2>
<div id="{FORM_ID}-result" class="planops-router-result" role="status" aria-live="polite" aria-atomic="true" \
aria-labelledby="{FORM_ID}-answer"><p>Fill in the ticket and press Route.</p></div>
<noscript><p>The router runs in the browser: switch on JavaScript, or run <code>planops route</code>.</p></noscript>
<script type="application/json" id="{FORM_ID}-data">{script_json(data)}</script>
<script src="{escape(_asset(ctx, CEL_JS))}"></script>
<script src="{escape(_asset(ctx, ROUTER_JS))}"></script>"""


def _default_zone(data: dict[str, Any]) -> str:
    calendars = data["calendars"]
    return str(next(iter(calendars.values()))["zone"]) if calendars else "UTC"


def _field(f: dict[str, Any], element_id: str, *, given: bool = False) -> str:
    name, kind = f["name"], f["type"]
    label = escape(name.replace(".", " › ").replace("_", " "))
    help_id = f"{element_id}-help"
    text = f["description"] or ""
    if given:
        text = f"Leave empty and the rules decide. {text}"
    described = f' aria-describedby="{help_id}"' if text else ""
    help_text = f'<span id="{help_id}" class="planops-help">{escape(text)}</span>' if text else ""
    control_name = escape(f"ticket.{name}", quote=True)
    if kind == "bool" or f["values"] is not None:
        values = ["true", "false"] if kind == "bool" else [str(v) for v in f["values"]]
        empty = "decided by the rules" if given else "not given"
        options = _options(values, None, empty, _BOOL_WORDS if kind == "bool" else None)
        control = f'<select id="{element_id}" name="{control_name}"{described}>{options}</select>'
    elif kind in ("number", "integer"):
        step = "1" if kind == "integer" else "any"
        control = f'<input type="number" step="{step}" id="{element_id}" name="{control_name}"{described}>'
    else:
        control = f'<input type="text" id="{element_id}" name="{control_name}" autocomplete="off"{described}>'
    return f'<div class="planops-field"><label for="{element_id}">{label}</label>\n{control}{help_text}</div>'


def _options(
    values: list[str], selected: str | None, empty: str | None = None, words: dict[str, str] | None = None
) -> str:
    options = [f'<option value="">({escape(empty)})</option>'] if empty else []
    for value in values:
        chosen = " selected" if value == selected else ""
        shown = (words or {}).get(value, value)
        options.append(f'<option value="{escape(value, quote=True)}"{chosen}>{escape(shown)}</option>')
    return "".join(options)
