"""Every bound planops puts on what a plan file, a ticket or an expression may ask of it.

Plan files arrive in pull requests from anyone and CI runs planops on them, so
no input may make it hang, exhaust memory or overflow a number or a date: each
value below bounds one kind of work or one kind of number, and each is checked
where the value is read, with a located finding that names the bound. The loader,
the models, the expression checks and the engine import them from here, so the
handbook and the README can list them from one place.

No constant here is imported by ``planops --help``; the module has no imports.
"""

# --- Files -------------------------------------------------------------------

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A plan file or a ticket file (``planops route FILE`` or stdin): 5 MB.

The largest file of the generated 300-workflow benchmark plan is 43 KB; a
ticket is a few hundred bytes. Reading a ticket stops at this many bytes plus
one, so ``/dev/zero`` or an endless pipe costs 5 MB, not all memory.
"""

MAX_PLAN_FILES = 20_000
"""YAML files in one plan folder (or one git revision of it): the generated benchmark plan has 1,280."""

MAX_YAML_DEPTH = 64
"""Nesting levels of one YAML document: plans need about eight."""

MAX_ALIAS_NODES = 100_000
"""Values that aliases (``*name``) may add to a document beyond what is written.

Enough for shared targets and defaults; far too few for a "billion laughs" file.
"""

MAX_ALIAS_TEXT = 1_000_000
"""Characters of text that aliases may add to a document beyond what is written.

Counted apart from values: 100 aliases of one 0.5 MB description are only 100
values, but 50 MB of text that the handbook would render into every page.
"""

MAX_INTEGER = 2**53 - 1
"""The largest whole number (in size) a plan file or ticket may hold: 9,007,199,254,740,991.

Beyond it a number is not exact as a JSON number or a float, and CEL, whose
integers have 64 bits, would turn it into another type. Python also refuses
to read numbers of more than 4,300 digits; the loader answers before that.
"""

# --- Names and messages --------------------------------------------------------

MAX_NAME_CHARS = 100
"""A name (``name:``, a state, a role, a queue…): 100 characters.

Names become page file names in the handbook (at most 255 bytes on most file
systems) and are compared with every other name for "did you mean".
"""

MAX_SUGGEST_COMPARISONS = 100_000
"""Names that "did you mean" hints may compare in one check of a plan (each takes up to ~50 µs).

Hints come one per finding, each comparing with every name it could mean: a
file of thousands of misspelled references to thousands of states would take
findings × names comparisons. Past the budget, findings come without hints.
"""

MAX_SHOWN_CHARS = 80
"""How much of a value a message quotes: a megabyte-long value is shown cut, not whole."""

MAX_SNIPPET_CELLS = 100
"""How wide (in terminal cells) a finding's quoted source line may be: a longer one is cut around the column."""

# --- Expressions (CEL) ----------------------------------------------------------

MAX_EXPR_CHARS = 4096
"""The length of one ``when:``: 4,096 characters.

The longest in the bundled plan is 64 characters, in the generated benchmark plan 52.
The CEL library has no cost limit of its own, so every bound on expressions is
checked on the text before it is compiled.
"""

MAX_EXPR_NESTING = 32
"""Brackets ``( [ {`` open at once in one expression (the CEL parser stops at about 90 anyway)."""

MAX_PROOF_SECONDS = 20.0
"""Solver time of one validate run for the proofs about rule lists (planops.checks.proofs): 20 seconds.

The generated benchmark plan's lists take about half a second the first time (then they are remembered);
a plan of thousands of rules stops being asked about when the time is spent: its remaining entries get no
finding, as an expression outside the decided subset gets none, and what was left open is asked again
the next run.
"""

MAX_PROOF_MS = 2000
"""Solver time for one question (can this entry match?); one not answered in time gets no finding."""

MAX_COMPREHENSION_NESTING = 2
"""Comprehensions (``all``, ``exists``, ``exists_one``, ``map``, ``filter``) nested in one another.

One inside another covers "some tag of the ticket is in this list"; each level
more multiplies the work by the size of another list.
"""

MAX_EXPR_COST = 10_000_000
"""Steps one expression may take, counted on its text (planops.expr_limits): about a second.

Every token counts once per run of the comprehensions around it; a
comprehension runs once per item of its list (a literal list's items, a
ticket's list ``MAX_TICKET_ITEMS``); ``map`` and ``filter`` add the elements
the CEL library copies (the square of their list). Measured at 25-230 ns a
step on a shared machine (benchmarks/bench_expr_cost.py): two comprehensions
over a ticket's lists, one inside the other, with a short body, still fit
(about a second); a long body inside them, or two over 1,000-item literal
lists, do not.
"""

MAX_REGEX_SIZE = 1000
"""The size of a ``matches()`` pattern with its counted repetitions expanded (``a{3}`` counts 3).

The Rust regex engine behind CEL runs in linear time (no catastrophic
backtracking), but in time proportional to the pattern's expanded size as well:
``a{10000}`` over a 100 KB text takes seconds, ``a{1000}`` milliseconds.
"""

# --- Tickets --------------------------------------------------------------------

MAX_TICKET_ITEMS = 1000
"""Items of one list, or keys of one mapping, in a ticket (a scenario's or ``planops route``'s).

Comprehensions over a ticket's list cost in proportion to it (``map`` to its
square); real tickets carry a few tags.
"""

# --- Durations and time -----------------------------------------------------------

MAX_DURATION_DAYS = 366
"""The longest duration (SLA target, timer, KPI target, scenario offset): 366 days (8,784h).

A promise or a timer longer than a year is not a plan; business time on a
calendar open 40 hours a week makes a year's target fall due after about four
years, still well inside the calendar walk's bound.
"""

MIN_YEAR = 1900
"""The first year a date may fall in (see MAX_YEAR)."""
MAX_YEAR = 2200
"""Dates and timestamps (``effective``, ``reviewed``, holiday dates, ``created``, ``at``, ``due``): years 1900 to 2200.

Python's dates end in year 9999; from 2200, a year's target on a sparse
calendar, review cadences and a year of listed holidays all stay centuries
short of it, so no due-time arithmetic can overflow.
"""

MAX_CLOCK_YEARS = 10
"""How far the SLA clock walks the calendar for one due time: 10 years of days.

A target that needs longer (a year's target on a calendar open one hour a week)
is reported as a calendar that cannot run it, after at most 3,653 days of walk.
"""

MAX_SCENARIO_DAYS = MAX_DURATION_DAYS
"""How long after ``created`` a scenario's events and ``until:`` may come: 366 days.

Offsets are durations and bounded so; an absolute ``at:`` could otherwise make
a run (and each row of its trace) walk the calendar for centuries.
"""

MAX_SCENARIO_EVENTS = 1000
"""Events of one scenario; the trace of a run costs the square of its length."""

MAX_TIMER_EVENTS = 1000
"""Timers firing more often than this in one scenario are a loop, not a ticket."""

# --- Numbers of the plan ------------------------------------------------------------

MAX_MONEY = 1_000_000_000_000
"""A monthly cost or limit: at most 10^12 in the budget's currency.

The sum of every salary and line stays exact in a float and far from infinity.
"""

MAX_HEADCOUNT = 1_000_000
"""People in one role: a million."""

MAX_SHIFTS = 50
"""Shifts of one role: a rota of a shift per weekday and part of the day for each site is a few dozen.

Coverage checks follow every shift of the roles answering each channel through four weeks; the bound keeps
that work in proportion to the plan.
"""

MAX_AMOUNT = 1_000_000_000_000
"""A KPI target's number (``min:`` or ``max:`` that is not a duration): at most 10^12 either way."""

MAX_PARAMETERS = 200
"""Named parameters in the Plan's ``parameters:``: a plan needs a handful.

Every expression that reads ``plan.x`` carries the whole map of parameters,
converted into CEL values once per ticket it evaluates.
"""

MAX_PARAMETER_NUMBER = 1_000_000_000_000
"""A parameter's number: at most 10^12 either way, as a KPI target's (``refund_approval_limit: 500.0``)."""

MAX_PARAMETER_TEXT = 1000
"""A parameter's text (``escalation_language: de``): 1,000 characters; it is shown wherever it is used."""

MAX_ORDER = 1_000_000
"""An SLA policy's ``order:``: -1,000,000 to 1,000,000; it only sorts."""

MAX_VERSION_CHARS = 32
"""A plan ``version:`` (``"2026.4"``): 32 characters; it heads the changelog."""

# --- Hand-written handbook pages ------------------------------------------------------

MAX_PAGE_ENTRIES = 20_000
"""Files and folders in the handbook's pages folder; each page is at most MAX_FILE_BYTES, as a plan file."""

MAX_FRONT_MATTER_VALUES = 10_000
"""Values in one page's front matter, aliases counted each time they are used: a page needs a dozen."""

MAX_FRONT_MATTER_DEPTH = 20
"""Nesting levels of one page's front matter (escaping it walks every level)."""

# --- Saved actuals (actuals/<period>.json, read by the handbook and planops review) ----------

MAX_SAVED_BYTES = 16 * 1024 * 1024
"""One saved actuals file: 16 MB; a quarter's aggregates take about 20 kB, more with ``--by`` rows."""

MAX_SAVED_FILES = 200
"""Saved actuals files read from actuals/: the 200 latest periods (fifty years of quarters)."""

MAX_SAVED_ROWS = 100_000
"""Rows of one list in a saved actuals file (KPI rows, SLA rows, volume steps); longer lists are refused."""
