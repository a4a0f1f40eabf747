"""Public holidays from the ``holidays`` package: which countries and subdivisions it knows, and their names.

The clock and the calendar checks both read holidays through here, so a name a plan
author writes in ``holidays.except:`` is compared with the very names the clock and the
handbook use (English where the package has them). The package is imported on first
use: a plan without a holiday country never loads it.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from planops.usercache import Remembered, files_stamp, remembered

FACTS = Remembered("holidays", lambda: _stamp())
"""What the package says, kept across runs while the installed package is the same (planops.usercache):
importing it costs a run more than all of validate's own holiday work."""

SEPARATOR = "; "
"""How the package joins the names of two holidays that fall on the same date."""


class UnknownHolidays(ValueError):
    """A country or subdivision the package does not know; the message says which and what is known."""


def _same(value: Any) -> Any:
    return value


def _stamp() -> str:
    """Which installed package answered: its folder, and the size and time of its registry and version files."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return "none"
    where = Path(next(iter(spec.submodule_search_locations)))
    return files_stamp(where / name for name in ("registry.py", "version.py", "__init__.py"))


@functools.lru_cache(maxsize=256)
@remembered(FACTS, _same, _same)
def language(country: str, subdivision: str | None) -> str | None:
    """English names where the package has them; else the country's own.

    Without an explicit language the package picks one from the LANGUAGE and
    LANG environment variables, and the handbook would change from machine to machine.
    """
    import holidays

    if country not in country_codes():
        raise UnknownHolidays(_unknown(country, subdivision, ""))
    try:
        entity = holidays.country_holidays(country, subdiv=subdivision, years=())
    except NotImplementedError as error:
        raise UnknownHolidays(_unknown(country, subdivision, str(error))) from error
    default, supported = entity.default_language, entity.supported_languages
    if default is None or default.startswith("en") or "en_US" not in supported:
        return default
    return "en_US"


def _unknown(country: str, subdivision: str | None, reason: str) -> str:
    if subdivision is not None and "subdivision" in reason:
        known = ", ".join(subdivisions(country) or ())
        return f"{country} has no holiday subdivision {subdivision!r}; known: {known}"
    return f"no public holidays are known for country {country!r}; use an ISO code like 'DE' or 'US'"


@functools.lru_cache(maxsize=512)
@remembered(
    FACTS,
    lambda kept: {date.fromisoformat(day): name for day, name in kept.items()},
    lambda found: {day.isoformat(): name for day, name in found.items()},
)
def public_holidays(country: str, subdivision: str | None, lang: str | None, year: int) -> Mapping[date, str]:
    """One year of public holidays, shared by all calendars of the same country (computed on first use)."""
    import holidays

    return dict(holidays.country_holidays(country, subdiv=subdivision, years=year, language=lang))


def names_of(name: str) -> list[str]:
    """The holidays a date's name stands for: ``"Easter Sunday; Labor Day"`` is two."""
    return name.split(SEPARATOR)


def folded(name: str) -> str:
    """A holiday name compared without case and with single spaces: ``whit  monday`` is ``Whit Monday``."""
    return " ".join(name.split()).casefold()


# --- what the package knows -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
@remembered(FACTS, lambda kept: None if kept is None else tuple(kept), lambda found: found and list(found))
def subdivisions(country: str) -> tuple[str, ...] | None:
    """The subdivision codes of a country the package knows; None for a country it does not know."""
    import holidays

    if country not in country_codes():
        return None
    try:
        entity = holidays.country_holidays(country, years=())
    except NotImplementedError:
        return None
    return tuple(entity.subdivisions)


@functools.lru_cache(maxsize=64)
@remembered(FACTS, _same, dict)
def subdivision_aliases(country: str) -> Mapping[str, str]:
    """Subdivision names the package also accepts, to their codes (``Berlin`` → ``BE``)."""
    import holidays

    if country not in country_codes():
        return {}
    try:
        entity = holidays.country_holidays(country, years=())
    except NotImplementedError:
        return {}
    return dict(getattr(entity, "subdivisions_aliases", {}) or {})


@functools.cache
@remembered(FACTS, frozenset, sorted)
def country_codes() -> frozenset[str]:
    """Every country code the package knows: ISO 3166 alpha-2 and alpha-3, and aliases like UK.

    The package would also take the name of any class it holds (``Ireland``, ``HolidayBase``); only these
    codes are countries. Its registry lists them without loading every country, which
    ``list_supported_countries`` (the public way, used when the registry is not there) does.
    """
    import holidays
    from holidays import registry

    loader = getattr(registry, "EntityLoader", None)
    if loader is not None and hasattr(loader, "get_country_codes"):
        return frozenset(loader.get_country_codes(include_aliases=True))
    return frozenset(holidays.list_supported_countries())


@functools.cache
@remembered(FACTS, _same, dict)
def country_names() -> Mapping[str, str]:
    """English country names the package gives its codes, folded, to their alpha-2 code (``ireland`` → ``IE``).

    The package names each country by the class that holds its holidays (``UnitedStates``); a package without
    that registry gives no names, and did-you-mean falls back to the codes.
    """
    from holidays import registry

    found: dict[str, str] = {}
    for entry in getattr(registry, "COUNTRIES", {}).values():
        if len(entry) >= 2 and isinstance(entry[0], str) and isinstance(entry[1], str):
            found[folded(_words(entry[0]))] = entry[1]
    return found


def _words(class_name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)
