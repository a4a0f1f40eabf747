"""Calendars: time zones that keep to no region, holiday countries and subdivisions, and the dates they list.

A holiday country, subdivision or name is checked against the ``holidays`` package itself, the one the
clock reads, so a plan that validates never meets an unknown country only when a ticket runs. Holiday
names in ``holidays.except:`` are looked up in the plan's effective year (today's, without a Plan), the
year before and the year after: the years a plan in force can be asked about.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from planops import publicholidays as ph
from planops.diagnostics import ERROR, WARNING, Code, Diagnostic, did_you_mean
from planops.model import Calendar
from planops.plan import CompiledPlan

TIMEZONE_ABBREVIATION = Code(
    "timezone-abbreviation",
    WARNING,
    "A time zone written as an abbreviation or rule name (`EST`, `MST`, `GMT`, `EST5EDT`, `CET`) instead of a "
    "region: `EST` and `MST` are fixed offsets that skip the region's daylight saving, so hours are off by one "
    "all summer.",
    "kind: Calendar\nname: new-york\ntimezone: EST   # America/New_York observes daylight saving\n",
)
UNKNOWN_HOLIDAY_COUNTRY = Code(
    "unknown-holiday-country",
    ERROR,
    "A `holidays.country` the `holidays` package does not know; it takes ISO 3166 codes like `DE`, `US`, `IE`.",
    "kind: Calendar\nname: dublin\ntimezone: Europe/Dublin\nholidays: {country: Ireland}\n",
)
UNKNOWN_HOLIDAY_SUBDIVISION = Code(
    "unknown-holiday-subdivision",
    ERROR,
    "A `holidays.subdivision` that the country does not have in the `holidays` package, or one given without a "
    "country.",
    "kind: Calendar\nname: berlin\ntimezone: Europe/Berlin\nholidays: {country: DE, subdivision: BER}\n",
)
UNKNOWN_HOLIDAY_NAME = Code(
    "unknown-holiday-name",
    ERROR,
    "A name in `holidays.except` that is no public holiday of the calendar's country and subdivision in the "
    "plan's effective year, the year before or the year after (names as the handbook lists them).",
    "kind: Calendar\nname: berlin\ntimezone: Europe/Berlin\nholidays:\n  country: DE\n  except: [Whit Monday]"
    "   # the package calls it Pentecost Monday\n",
)
NOT_A_HOLIDAY = Code(
    "not-a-holiday",
    WARNING,
    "A date in `holidays.except` that is no public holiday of the calendar: the exception changes nothing.",
    "kind: Calendar\nname: berlin\ntimezone: Europe/Berlin\nholidays: {country: DE, except: [2026-06-19]}\n",
)
DUPLICATE_DATE = Code(
    "duplicate-date",
    WARNING,
    "The same date (or holiday name) twice in `holidays.dates` or in `holidays.except`.",
    "kind: Calendar\nname: berlin\ntimezone: Europe/Berlin\nholidays: {dates: [2026-12-24, 2026-12-24]}\n",
)
CONFLICTING_DATE = Code(
    "conflicting-date",
    ERROR,
    "A date both closed (`holidays.dates`) and worked (`holidays.except`) or given `special:` hours.",
    "kind: Calendar\nname: berlin\ntimezone: Europe/Berlin\nholidays: {dates: [2026-12-24]}\n"
    'special: {2026-12-24: "09:00-12:00"}\n',
)


_SYNONYMS = {
    "whit monday": ("pentecost monday", "whit monday", "spring bank holiday"),
    "whit sunday": ("pentecost", "whit sunday"),
    "whitsunday": ("pentecost", "whit sunday"),
    "pentecost monday": ("whit monday",),
    "boxing day": ("second day of christmas", "st. stephen's day"),
    "st. stephen's day": ("second day of christmas", "boxing day"),
    "second day of christmas": ("boxing day", "st. stephen's day"),
    "labour day": ("labor day",),
    "labor day": ("labour day",),
    "may day": ("labor day", "labour day", "early may bank holiday"),
}
"""Other English names of holidays, for did-you-mean: the package names each in one way per language."""


def check(plan: CompiledPlan, today: date) -> Iterator[Diagnostic]:
    year = plan.manifest.effective.year if plan.manifest is not None else today.year
    for calendar in plan.all(Calendar):
        yield from _timezone(plan, calendar)
        yield from _dates(plan, calendar)
        if (found := _holiday_source(plan, calendar)) is not None:
            yield found
        else:
            yield from _exceptions(plan, calendar, range(year - 1, year + 2))


def _timezone(plan: CompiledPlan, calendar: Calendar) -> Iterator[Diagnostic]:
    from planops.timezones import LEGACY

    if calendar.timezone in LEGACY:
        what, instead = LEGACY[calendar.timezone]
        message = f"time zone '{calendar.timezone}' {what}"
        yield TIMEZONE_ABBREVIATION.at(plan, calendar, ("timezone",), message, hint=f"use {instead}")


def _holiday_source(plan: CompiledPlan, calendar: Calendar) -> Diagnostic | None:
    """The finding about the calendar's holiday country or subdivision, if the package cannot give its holidays."""
    country, subdivision = calendar.holidays.country, calendar.holidays.subdivision
    if country is None:
        if subdivision is None:
            return None
        message = f"subdivision '{subdivision}' is given without a country"
        hint = "add holidays.country, an ISO code like 'DE', or remove the subdivision"
        return UNKNOWN_HOLIDAY_SUBDIVISION.at(plan, calendar, ("holidays", "subdivision"), message, hint=hint)
    known = ph.subdivisions(country)
    if known is None:
        message = f"the holidays package knows no country '{country}'"
        return UNKNOWN_HOLIDAY_COUNTRY.at(plan, calendar, ("holidays", "country"), message, hint=_country_hint(country))
    if subdivision is None or subdivision in known or subdivision in ph.subdivision_aliases(country):
        return None
    message = f"country {country} has no holiday subdivision '{subdivision}'"
    hint = _subdivision_hint(country, subdivision, known)
    return UNKNOWN_HOLIDAY_SUBDIVISION.at(plan, calendar, ("holidays", "subdivision"), message, hint=hint)


def _country_hint(country: str) -> str:
    codes, names = ph.country_codes(), ph.country_names()
    if country.strip().upper() in codes:
        return f"did you mean '{country.strip().upper()}'?"
    if (code := names.get(ph.folded(country))) is not None:
        return f"did you mean '{code}'? holidays.country takes the ISO code, not the name"
    if (name := _closest(ph.folded(country), names)) is not None:
        return f"did you mean '{names[name]}' ({name.title()})?"
    return did_you_mean(country, codes) or "use an ISO 3166 code like 'DE', 'US' or 'IE'"


def _subdivision_hint(country: str, subdivision: str, known: tuple[str, ...]) -> str:
    aliases = ph.subdivision_aliases(country)
    by_name = {ph.folded(name): code for name, code in aliases.items()}
    if subdivision.strip().upper() in known:
        return f"did you mean '{subdivision.strip().upper()}'?"
    if (code := by_name.get(ph.folded(subdivision))) is not None:
        return f"did you mean '{code}'?"
    if (close := _closest(subdivision, [*known, *aliases])) is not None:
        return f"did you mean '{aliases.get(close, close)}'" + (f" ({close})?" if close in aliases else "?")
    return f"{country} has {', '.join(known) or 'no subdivisions'}"


def _closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice did-you-mean would suggest, itself."""
    hint = did_you_mean(word, choices)
    return hint[len("did you mean '") : -len("'?")] if hint else None


def _exceptions(plan: CompiledPlan, calendar: Calendar, years: range) -> Iterator[Diagnostic]:
    """Each ``holidays.except`` item must name a public holiday: a name in ``years``, a date in its own year."""
    h = calendar.holidays
    names = _names(calendar, years) if h.country is not None and h.except_ else {}
    for i, item in enumerate(h.except_):
        path = ("holidays", "except", i)
        if isinstance(item, str) and ph.folded(item) not in names:
            message, hint = _unknown_name(calendar, item, names, years)
            yield UNKNOWN_HOLIDAY_NAME.at(plan, calendar, path, message, hint=hint)
        elif isinstance(item, date) and item not in _holidays(calendar, range(item.year, item.year + 1)):
            where = _region(calendar) if h.country else "this calendar (it has no country)"
            message = f"{item.isoformat()} is no public holiday of {where}: working on it changes nothing"
            yield NOT_A_HOLIDAY.at(plan, calendar, path, message, hint="remove it, or check the date")


def _unknown_name(calendar: Calendar, name: str, names: dict[str, str], years: range) -> tuple[str, str]:
    h = calendar.holidays
    if h.country is None:
        return f"holiday '{name}' cannot be worked on: the calendar has no holidays.country", "add one, or remove it"
    message = f"'{name}' is no public holiday of {_region(calendar)} in {years[0]}–{years[-1]}"
    other = next((n for n in _SYNONYMS.get(ph.folded(name), ()) if n in names), None)
    close = other or _closest(ph.folded(name), names)
    return message, f"did you mean '{names[close]}'?" if close else "the handbook lists the holidays by name"


def _region(calendar: Calendar) -> str:
    """``DE-BE``: the country and subdivision, as ISO 3166-2 writes them."""
    h = calendar.holidays
    return "-".join(x for x in (h.country, h.subdivision) if x)


def _names(calendar: Calendar, years: range) -> dict[str, str]:
    """The calendar's holiday names in ``years``, folded, to how the package writes them."""
    return {ph.folded(n): n for holiday in _holidays(calendar, years).values() for n in ph.names_of(holiday)}


def _holidays(calendar: Calendar, years: range) -> dict[date, str]:
    h = calendar.holidays
    if h.country is None:
        return {}
    lang = ph.language(h.country, h.subdivision)
    return {d: n for year in years for d, n in ph.public_holidays(h.country, h.subdivision, lang, year).items()}


def _dates(plan: CompiledPlan, calendar: Calendar) -> Iterator[Diagnostic]:
    h = calendar.holidays
    for key, items in (("dates", h.dates), ("except", h.except_)):
        first: dict[object, int] = {}
        for i, item in enumerate(items):
            seen = ph.folded(item) if isinstance(item, str) else item
            if seen in first:
                message = f"{_written(item)} is listed twice in holidays.{key} (first at position {first[seen] + 1})"
                yield DUPLICATE_DATE.at(plan, calendar, ("holidays", key, i), message, hint="remove one")
            first.setdefault(seen, i)
    closed = set(h.dates)
    for i, item in enumerate(h.except_):
        if item in closed:
            message = f"{_written(item)} is both a closed day (holidays.dates) and worked on (holidays.except)"
            yield CONFLICTING_DATE.at(plan, calendar, ("holidays", "except", i), message, hint="keep one of them")
    for day in calendar.special:
        if day in closed:
            message = f"{day.isoformat()} has special hours but is also a closed day (holidays.dates)"
            hint = "remove it from holidays.dates, or give it special hours 'closed'"
            yield CONFLICTING_DATE.at(plan, calendar, ("special", day.isoformat()), message, hint=hint, key=True)


def _written(item: date | str) -> str:
    return item.isoformat() if isinstance(item, date) else f"'{item}'"


CODES = [
    TIMEZONE_ABBREVIATION,
    UNKNOWN_HOLIDAY_COUNTRY,
    UNKNOWN_HOLIDAY_SUBDIVISION,
    UNKNOWN_HOLIDAY_NAME,
    NOT_A_HOLIDAY,
    DUPLICATE_DATE,
    CONFLICTING_DATE,
]
