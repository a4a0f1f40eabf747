"""Time zone names that read like a region's but keep to none: what they are, and which zone to write instead.

``EST`` is UTC-05:00 all year, so a New York office written as ``EST`` opens an
hour late all summer; ``EST5EDT`` and ``CET`` name daylight saving rules (the US's,
the EU's), not a place, and older time zone data keep no place's history for them. They are IANA names all
the same, so they load: a calendar check warns about them (``LEGACY``). Names such
as ``PST`` or ``CEST`` are no IANA zone at all and fail the shape check; ``HINTS``
gives that message its suggestion.
"""

from __future__ import annotations

_EASTERN = "'America/New_York' for US Eastern time with daylight saving, or 'America/Panama' for UTC-05:00 without"
_MOUNTAIN = "'America/Denver' for US Mountain time with daylight saving, or 'America/Phoenix' (Arizona) without"
_CENTRAL_EU = "the zone of the office's city, e.g. 'Europe/Berlin' or 'Europe/Paris'"
_EASTERN_EU = "the zone of the office's city, e.g. 'Europe/Athens' or 'Europe/Helsinki'"
_US_RULES = "is a legacy name for the US daylight saving rules, not a place (older time zone data give it no history)"
_EU_RULES = "is a legacy name for the EU daylight saving rules, not a place (older time zone data give it no history)"
_UK = "'Europe/London' for UK time with summer time, or 'UTC'"

LEGACY: dict[str, tuple[str, str]] = {
    "EST": ("is UTC-05:00 all year, without daylight saving", _EASTERN),
    "MST": ("is UTC-07:00 all year, without daylight saving", _MOUNTAIN),
    "HST": ("is UTC-10:00 all year", "'Pacific/Honolulu' (the same hours today, and Hawaii's if they change)"),
    "GMT": ("is UTC all year, without the UK's summer time", _UK),
    "GMT0": ("is UTC all year, without the UK's summer time", _UK),
    "GMT+0": ("is UTC all year, without the UK's summer time", _UK),
    "GMT-0": ("is UTC all year, without the UK's summer time", _UK),
    "Greenwich": ("is UTC all year, without the UK's summer time", _UK),
    "EST5EDT": (_US_RULES, "'America/New_York'"),
    "CST6CDT": (_US_RULES, "'America/Chicago'"),
    "MST7MDT": (_US_RULES, "'America/Denver'"),
    "PST8PDT": (_US_RULES, "'America/Los_Angeles'"),
    "CET": (_EU_RULES, _CENTRAL_EU),
    "MET": (_EU_RULES, _CENTRAL_EU),
    "EET": (_EU_RULES, _EASTERN_EU),
    "WET": (_EU_RULES, "'Europe/Lisbon'"),
}
"""Zone names without a region: what the name does, and the region zones to use instead."""

HINTS: dict[str, str] = {
    "PST": "'America/Los_Angeles'",
    "PDT": "'America/Los_Angeles'",
    "PT": "'America/Los_Angeles'",
    "MDT": "'America/Denver' (or 'America/Phoenix' without daylight saving)",
    "MT": "'America/Denver' (or 'America/Phoenix' without daylight saving)",
    "CST": "'America/Chicago' for US Central time, or 'Asia/Shanghai' for China",
    "CDT": "'America/Chicago'",
    "CT": "'America/Chicago'",
    "EDT": "'America/New_York'",
    "ET": "'America/New_York'",
    "AKST": "'America/Anchorage'",
    "CEST": _CENTRAL_EU,
    "EEST": _EASTERN_EU,
    "WEST": "'Europe/Lisbon'",
    "BST": "'Europe/London'",
    "IST": "'Asia/Kolkata' for India, or 'Europe/Dublin' for Ireland",
    "JST": "'Asia/Tokyo'",
    "AEST": "'Australia/Sydney' (or 'Australia/Brisbane' without daylight saving)",
    "AEDT": "'Australia/Sydney'",
}
"""Common abbreviations that are no IANA zone, with the zones people mean by them."""


def suggestion(zone: str) -> str | None:
    """The region zones to write instead of ``zone``, if it is an abbreviation planops knows."""
    key = zone.strip().upper()
    if zone.strip() in LEGACY:
        return LEGACY[zone.strip()][1]
    return HINTS.get(key)
