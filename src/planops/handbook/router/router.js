/* planops ticket router: routes the form's ticket as `planops route` does, in the page.
 *
 * A classic script (Chromium runs no module script from file://). The CEL evaluator's ES modules come as texts
 * (assets/planops/cel-js.js); they run as Blob URLs found through an import map, added here before any module
 * loads. Plan data is the JSON in #planops-router-data. Results are written with textContent only.
 */
(function () {
  "use strict";
  var PACKAGE = "@marcbachmann/cel-js";
  var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var TARGET_ORDER = ["first_response", "next_response", "resolution"];
  var DUE_TARGETS = ["first_response", "resolution"];

  function celModule() {
    var texts = (window.planopsModules || {})[PACKAGE];
    if (!texts) return Promise.reject(new Error("the CEL evaluator (assets/planops/cel-js.js) did not load"));
    var imports = {};
    Object.keys(texts).forEach(function (name) {
      imports[PACKAGE + "/" + name] = URL.createObjectURL(new Blob([texts[name]], { type: "text/javascript" }));
    });
    var map = document.createElement("script");
    map.type = "importmap";
    map.textContent = JSON.stringify({ imports: imports });
    document.head.appendChild(map);
    return import(PACKAGE + "/index.js");
  }

  // --- time: seconds since the epoch; zones as [[since, offset], ...] from the plan's build ---

  function offsetAt(periods, t) {
    var found = periods[0][1];
    for (var i = 0; i < periods.length && periods[i][0] <= t; i++) found = periods[i][1];
    return found;
  }

  // The offset a wall time is read with, as Python reads it (fold=0): a skipped time takes the offset
  // before the change, a repeated one its first occurrence's.
  function wallOffset(periods, wall) {
    for (var i = 0; i < periods.length; i++) {
      var end = i + 1 < periods.length ? periods[i + 1][0] : Infinity;
      var t = wall - periods[i][1];
      if ((i === 0 || t >= periods[i][0]) && t < end) return periods[i][1];
      if (i + 1 < periods.length && wall - periods[i + 1][1] < periods[i + 1][0] && t >= end) return periods[i][1];
    }
    return periods[periods.length - 1][1];
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function offsetText(offset) {
    var sign = offset < 0 ? "-" : "+", a = Math.abs(offset);
    return sign + pad(Math.floor(a / 3600)) + ":" + pad(Math.floor((a % 3600) / 60));
  }

  // "Fri 2026-03-27 16:30 +01:00", as planops prints times (planops.output.values.when)
  function when(t, offset) {
    var d = new Date((t + offset) * 1000);
    var text = DAYS[d.getUTCDay()] + " " + d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" +
      pad(d.getUTCDate()) + " " + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
    if (d.getUTCSeconds()) text += ":" + pad(d.getUTCSeconds());
    return text + " " + offsetText(offset);
  }

  function durationText(secs) {
    var text = "";
    [["h", 3600], ["m", 60], ["s", 1]].forEach(function (unit) {
      if (secs >= unit[1]) { text += Math.floor(secs / unit[1]) + unit[0]; secs %= unit[1]; }
    });
    return text || "0m";
  }

  function outOfRange(data) {
    return new RouteStop("unsupported", "this page carries the calendars from " + data.range[0] + " to " +
      data.range[1] + " only: run `planops route` for a ticket outside them");
  }

  // The due time of `secs` of open time from t0: the engine's walk (BusinessCalendar.add) over the same intervals.
  function addOpen(data, calendar, t0, secs) {
    if (!calendar) return t0 + secs;
    if (secs === 0) return t0;
    if (t0 < calendar.from || t0 >= calendar.to) throw outOfRange(data);
    var remaining = secs, open = calendar.open;
    for (var i = 0; i < open.length; i++) {
      if (open[i][1] <= t0) continue;
      var opens = Math.max(open[i][0], t0), length = open[i][1] - opens;
      if (remaining <= length) return opens + remaining;
      remaining -= length;
    }
    throw outOfRange(data);
  }

  // --- routing: planops.engine.router, step by step ---

  function RouteStop(kind, message) { this.kind = kind; this.message = message; }

  // The evaluator checks types only as it runs (`1 == 1.0` fails there, planops says true): an expression its
  // type check refuses is not evaluated here at all.
  function program(env, text) {
    var checked = env.check(text);
    if (!checked.valid) throw new Error(checked.error ? checked.error.message.split("\n")[0] : "refused");
    return env.parse(text);
  }

  function compile(env, item) {
    try {
      item.guards = item.guards.map(function (text) { return program(env, text); });
      if (item.when !== null && !item.blocker) item.program = program(env, item.when);
    } catch (e) {
      item.blocker = "what the page's evaluator refuses (" + e.message + ")";
      item.guards = [];
    }
  }

  // A rule the page cannot evaluate still cannot match when one of its top-level && operands is false.
  function ruledOut(item, variables) {
    return item.guards.some(function (guard) {
      try { return guard(variables) === false; } catch (e) { return false; }
    });
  }

  function holds(item, variables) {
    if (item.when === null) return true;
    try { return item.program(variables) === true; } catch (e) { return false; }
  }

  // The first item that matches; a rule the page cannot evaluate, reached before one matched, stops it.
  function firstMatch(items, variables) {
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      if (item.blocker) {
        if (ruledOut(item, variables)) continue;
        throw new RouteStop("unsupported", item.kind + " '" + item.name + "' uses " + item.blocker +
          ", which this page cannot evaluate: run `planops route` with this ticket");
      }
      if (holds(item, variables)) return item;
    }
    return null;
  }

  function given(value) { return value !== undefined && value !== null; }

  function route(data, ticket, created, createdOffset) {
    var variables = { ticket: ticket, plan: data.plan };
    if (!given(ticket.segment) && data.segments.length) {
      var segment = firstMatch(data.segments, variables);
      if (segment) ticket.segment = segment.name;
    }
    var channel = data.channels[ticket.channel];
    if (channel && channel.segments !== null && channel.segments.indexOf(ticket.segment) < 0) {
      var shown = given(ticket.segment) ? "'" + ticket.segment + "'" : "none";
      throw new RouteStop("error", "the ticket may not use channel '" + ticket.channel + "': its segment is " +
        shown + ", and " + ticket.channel + " is for " + (channel.segments.join(", ") || "no segment") +
        " (route it to a channel its segment may use, or add the segment to the channel's segments:)");
    }
    var rule = null;
    if (!(given(ticket.priority) && given(ticket.queue) && given(ticket.workflow))) {
      rule = firstMatch(data.rules, variables);
      if (rule) Object.keys(rule.set).forEach(function (k) { if (!given(ticket[k])) ticket[k] = rule.set[k]; });
    }
    if (!given(ticket.workflow)) {
      var where = rule ? "routing rule '" + rule.name + "' sets no workflow" : "no routing rule matches it";
      throw new RouteStop("error", "cannot route the ticket: " + where + " (add a last rule without when: that sets one)");
    }
    if (!data.workflows.hasOwnProperty(ticket.workflow)) {
      throw new RouteStop("error", "cannot route the ticket: workflow '" + ticket.workflow + "' does not exist");
    }
    var policy = firstMatch(data.policies, variables);
    var calendarName = (policy && policy.calendar) || (channel ? channel.calendar : null) || null;
    var calendar = calendarName ? data.calendars[calendarName] : null;
    var targets = policy && typeof ticket.priority === "string" ? policy.targets[ticket.priority] || null : null;
    // without a calendar, times are shown in the offset `created` was read with (planops: as written)
    var shownZone = calendar ? data.zones[calendar.zone] : [[-Infinity, createdOffset]];
    var due = {};
    DUE_TARGETS.forEach(function (name) {
      if (targets && targets[name] !== undefined) due[name] = addOpen(data, calendar, created, targets[name]);
    });
    return { ticket: ticket, rule: rule, policy: policy, calendarName: calendarName, calendar: calendar,
      targets: targets, created: created, due: due, zone: shownZone };
  }

  // --- the form ---

  function fieldValue(field, element) {
    var text = element.value;
    if (element.validity && element.validity.badInput) {  // "1,5" in a number field reads as empty: say so
      throw new RouteStop("input", field.name + " is " + (field.type === "integer" ? "a whole number" : "a number") +
        ", like 1200.5");
    }
    if (text === "") return undefined;
    if (field.type === "bool") return text === "true";
    if (field.type === "number") {
      var number = Number(text);
      if (!isFinite(number)) throw new RouteStop("input", field.name + " is a number, found " + text);
      return number;
    }
    if (field.type === "integer") {
      if (!/^-?\d+$/.test(text)) throw new RouteStop("input", field.name + " is a whole number, found " + text);
      return BigInt(text);
    }
    return text;
  }

  function put(ticket, path, value) {
    var parts = path.split("."), at = ticket;
    for (var i = 0; i < parts.length - 1; i++) {
      if (!at.hasOwnProperty(parts[i])) at[parts[i]] = {};
      at = at[parts[i]];
    }
    at[parts[parts.length - 1]] = value;
  }

  function readTicket(data, form) {
    var ticket = {};
    data.fields.concat(data.given).forEach(function (field) {
      var value = fieldValue(field, form.elements.namedItem("ticket." + field.name));
      if (value !== undefined) put(ticket, field.name, value);
    });
    var text = form.elements.namedItem("created").value, zone = form.elements.namedItem("zone").value;
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
    if (!m) throw new RouteStop("input", "enter when the ticket came in: a date and a time");
    var wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0)) / 1000;
    var offset = wallOffset(data.zones[zone], wall);
    return { ticket: ticket, created: wall - offset, offset: offset };
  }

  function row(list, key, label, value, raw) {
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = label;
    dd.textContent = value;
    dd.setAttribute("data-key", key);
    if (raw !== undefined) dd.setAttribute("data-value", raw === null ? "" : raw);
    list.appendChild(dt);
    list.appendChild(dd);
  }

  function showRouted(out, data, r) {
    var t = r.ticket, list = document.createElement("dl"), wf = data.workflows[t.workflow];
    var offset = offsetAt(r.zone, r.created);
    row(list, "segment", "Segment", t.segment || "none", t.segment || null);
    row(list, "priority", "Priority", t.priority || "none", t.priority || null);
    row(list, "queue", "Queue", t.queue || "none", t.queue || null);
    row(list, "workflow", "Workflow", t.workflow, t.workflow);
    row(list, "owner", "First owner", wf.owner ? wf.owner + (wf.title ? " (" + wf.title + ")" : "") +
      ", in state " + wf.initial : "none (state " + wf.initial + " names no owner)", wf.owner);
    row(list, "rule", "Routing rule", r.rule ? r.rule.name : "none (the ticket names priority, queue and workflow)",
      r.rule ? r.rule.name : null);
    row(list, "policy", "SLA policy", r.policy ? r.policy.name : "none", r.policy ? r.policy.name : null);
    var targets = TARGET_ORDER.filter(function (n) { return r.targets && r.targets[n] !== undefined; })
      .map(function (n) { return n + " " + durationText(r.targets[n]); }).join(", ");
    row(list, "targets", "Targets", targets || "none");
    row(list, "calendar", "Calendar", r.calendarName ? r.calendarName + " (" + r.calendar.zone + ")" :
      "none (every hour counts)", r.calendarName);
    row(list, "created", "Created", when(r.created, offset));
    DUE_TARGETS.forEach(function (name) {
      if (r.due[name] !== undefined) {
        row(list, "due-" + name, "Due " + name, when(r.due[name], offsetAt(r.zone, r.due[name])));
      }
    });
    var heading = document.createElement("p");
    heading.textContent = "Routed: " + t.workflow + " workflow, queue " + (t.queue || "none") + ".";
    out.replaceChildren(heading, list);
  }

  function showStop(out, stop) {
    var p = document.createElement("p");
    p.setAttribute("data-key", stop.kind);
    p.textContent = (stop.kind === "unsupported" ? "Not computed here: " : stop.kind === "input" ?
      "Check the form: " : "Cannot route: ") + stop.message;
    out.replaceChildren(p);
  }

  function start(cel) {
    var data = JSON.parse(document.getElementById("planops-router-data").textContent);
    var env = new cel.Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
    data.plan = {};
    Object.keys(data.parameters).forEach(function (name) {
      var p = data.parameters[name];
      if (p.value !== null) data.plan[name] = p.type === "integer" ? BigInt(p.value) : p.value;
    });
    data.segments.concat(data.rules, data.policies).forEach(function (item) { compile(env, item); });
    var form = document.getElementById("planops-router"), out = document.getElementById("planops-router-result");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      try {
        var input = readTicket(data, form);
        showRouted(out, data, route(data, input.ticket, input.created, input.offset));
      } catch (stop) {
        if (!(stop instanceof RouteStop)) throw stop;
        showStop(out, stop);
      }
    });
    form.setAttribute("data-ready", "true");
  }

  function fail(error) {
    var out = document.getElementById("planops-router-result");
    if (out) showStop(out, new RouteStop("error", "the router could not start: " + error.message));
  }

  if (document.getElementById("planops-router")) celModule().then(start).catch(fail);
})();
