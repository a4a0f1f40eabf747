"""Calendar checks: time zones without a region, holiday countries, subdivisions, exceptions and dates.

Each case edits the starter plan's calendar (service.yaml) and asserts every finding it gives, with its
place and exact text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import edit, findings

from planops.pipeline import Level, check_plan

SVC = "service.yaml"
HOLIDAYS = "holidays:\n  country: GB\n  subdivision: ENG\n"


def found(plan_dir: Path) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.col, d.code, d.text) for d in findings(plan_dir)]


def with_holidays(plan_dir: Path, block: str) -> list[tuple[int, int, str, str]]:
    edit(plan_dir / SVC, HOLIDAYS, block)
    return found(plan_dir)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (
            "EST",
            "time zone 'EST' is UTC-05:00 all year, without daylight saving (use 'America/New_York' for US Eastern "
            "time with daylight saving, or 'America/Panama' for UTC-05:00 without)",
        ),
        (
            "MST",
            "time zone 'MST' is UTC-07:00 all year, without daylight saving (use 'America/Denver' for US Mountain "
            "time with daylight saving, or 'America/Phoenix' (Arizona) without)",
        ),
        (
            "HST",
            "time zone 'HST' is UTC-10:00 all year (use 'Pacific/Honolulu' (the same hours today, and Hawaii's if "
            "they change))",
        ),
        (
            "GMT",
            "time zone 'GMT' is UTC all year, without the UK's summer time (use 'Europe/London' for UK time with "
            "summer time, or 'UTC')",
        ),
        (
            "EST5EDT",
            "time zone 'EST5EDT' is a legacy name for the US daylight saving rules, not a place (older time zone "
            "data give it no history) (use 'America/New_York')",
        ),
        (
            "CET",
            "time zone 'CET' is a legacy name for the EU daylight saving rules, not a place (older time zone data "
            "give it no history) (use the zone of the office's city, e.g. 'Europe/Berlin' or 'Europe/Paris')",
        ),
    ],
)
def test_a_zone_without_a_region_is_a_warning_naming_the_region_zone(plan_dir: Path, zone: str, expected: str) -> None:
    edit(plan_dir / SVC, "timezone: Europe/London", f"timezone: {zone}")
    assert found(plan_dir) == [(5, 11, "timezone-abbreviation", expected)]


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("PST", "'PST' is not an IANA time zone like 'Europe/Berlin'; use 'America/Los_Angeles'"),
        (
            "CEST",
            "'CEST' is not an IANA time zone like 'Europe/Berlin'; use the zone of the office's city, e.g. "
            "'Europe/Berlin' or 'Europe/Paris'",
        ),
        (
            "Europe/Londn",
            "'Europe/Londn' is not an IANA time zone like 'Europe/Berlin' (did you mean 'Europe/London'?)",
        ),
    ],
)
def test_a_zone_that_is_no_iana_name_is_an_error_with_a_suggestion(plan_dir: Path, zone: str, expected: str) -> None:
    edit(plan_dir / SVC, "timezone: Europe/London", f"timezone: {zone}")
    assert found(plan_dir) == [(5, 11, "invalid-value", expected)]


@pytest.mark.parametrize(
    ("country", "hint"),
    [
        ("Ireland", "did you mean 'IE'? holidays.country takes the ISO code, not the name"),
        ("united kingdom", "did you mean 'GB'? holidays.country takes the ISO code, not the name"),
        ("Irland", "did you mean 'IE' (Ireland)?"),
        ("gb", "did you mean 'GB'?"),
        ("XX", "use an ISO 3166 code like 'DE', 'US' or 'IE'"),
        ("HolidayBase", "use an ISO 3166 code like 'DE', 'US' or 'IE'"),  # a name the package would import
    ],
)
def test_an_unknown_holiday_country_is_located_with_did_you_mean(plan_dir: Path, country: str, hint: str) -> None:
    assert with_holidays(plan_dir, f"holidays:\n  country: {country}\n  subdivision: ENG\n") == [
        (9, 12, "unknown-holiday-country", f"the holidays package knows no country '{country}' ({hint})")
    ]


@pytest.mark.parametrize(
    ("subdivision", "hint"),
    [
        ("ZZ", "GB has ENG, NIR, SCT, WLS"),
        ("eng", "did you mean 'ENG'?"),
        ("scotland", "did you mean 'SCT'?"),
        ("Englnd", "did you mean 'ENG' (England)?"),
    ],
)
def test_an_unknown_subdivision_is_located_with_did_you_mean(plan_dir: Path, subdivision: str, hint: str) -> None:
    assert with_holidays(plan_dir, f"holidays:\n  country: GB\n  subdivision: {subdivision}\n") == [
        (10, 16, "unknown-holiday-subdivision", f"country GB has no holiday subdivision '{subdivision}' ({hint})")
    ]


def test_a_subdivision_name_the_package_accepts_is_fine(plan_dir: Path) -> None:
    assert with_holidays(plan_dir, "holidays:\n  country: GB\n  subdivision: Scotland\n") == []


def test_a_subdivision_without_a_country(plan_dir: Path) -> None:
    assert with_holidays(plan_dir, "holidays:\n  subdivision: ENG\n") == [
        (
            9,
            16,
            "unknown-holiday-subdivision",
            "subdivision 'ENG' is given without a country (add holidays.country, an ISO code like 'DE', or remove "
            "the subdivision)",
        )
    ]


def test_an_unknown_country_never_reaches_the_engine(plan_dir: Path) -> None:
    """Before, `planops test` found it, unlocated, and only when a scenario ran on the calendar."""
    edit(plan_dir / SVC, HOLIDAYS, "holidays:\n  country: XX\n")
    checked = check_plan(plan_dir.parent / "plan", level=Level.ENGINE)
    assert checked.valid is None
    assert [d.code for d in checked.findings] == ["unknown-holiday-country"]


def test_holiday_names_and_dates_in_except(plan_dir: Path) -> None:
    block = HOLIDAYS + "  except: [Boxing Day, boxing  day, Whit Monday, Spring bank holiday, 2026-12-28, 2026-06-19]\n"
    assert with_holidays(plan_dir, block) == [
        (
            11,
            24,
            "duplicate-date",
            "'boxing  day' is listed twice in holidays.except (first at position 1) (remove one)",
        ),
        (
            11,
            37,
            "unknown-holiday-name",
            "'Whit Monday' is no public holiday of GB-ENG in 2026–2028 (did you mean 'Spring Bank Holiday'?)",
        ),
        (
            11,
            83,
            "not-a-holiday",
            "2026-06-19 is no public holiday of GB-ENG: working on it changes nothing (remove it, or check the date)",
        ),
    ]


def test_except_without_a_country(plan_dir: Path) -> None:
    assert with_holidays(plan_dir, "holidays:\n  except: [Good Friday, 2027-03-26]\n") == [
        (
            9,
            12,
            "unknown-holiday-name",
            "holiday 'Good Friday' cannot be worked on: the calendar has no holidays.country (add one, or remove it)",
        ),
        (
            9,
            25,
            "not-a-holiday",
            "2027-03-26 is no public holiday of this calendar (it has no country): working on it changes nothing "
            "(remove it, or check the date)",
        ),
    ]


def test_names_are_looked_up_around_the_effective_year(plan_dir: Path) -> None:
    # The Platinum Jubilee bank holiday was in 2022 only; the starter plan takes effect in 2027.
    block = HOLIDAYS + "  except: [Platinum Jubilee of Elizabeth II]\n"
    assert [f[2:] for f in with_holidays(plan_dir, block)] == [
        (
            "unknown-holiday-name",
            "'Platinum Jubilee of Elizabeth II' is no public holiday of GB-ENG in 2026–2028 "
            "(the handbook lists the holidays by name)",
        )
    ]


def test_duplicate_and_conflicting_dates(plan_dir: Path) -> None:
    block = HOLIDAYS + "  dates: [2026-12-24, 2026-12-24]\n  except: [2026-12-24]\nspecial:\n  2026-12-24: closed\n"
    assert with_holidays(plan_dir, block) == [
        (11, 23, "duplicate-date", "2026-12-24 is listed twice in holidays.dates (first at position 1) (remove one)"),
        (
            12,
            12,
            "conflicting-date",
            "2026-12-24 is both a closed day (holidays.dates) and worked on (holidays.except) (keep one of them)",
        ),
        (
            12,
            12,
            "not-a-holiday",
            "2026-12-24 is no public holiday of GB-ENG: working on it changes nothing (remove it, or check the date)",
        ),
        (
            14,
            3,
            "conflicting-date",
            "2026-12-24 has special hours but is also a closed day (holidays.dates) (remove it from holidays.dates, "
            "or give it special hours 'closed')",
        ),
    ]


@pytest.mark.parametrize(
    ("special", "expected"),
    [
        (
            '  2026-13-01: "09:00-12:00"',
            (12, 3, "invalid-value", "special: '2026-13-01' is not a date: there is no such day"),
        ),
        (
            '  2026-12-4: "09:00-12:00"',
            (12, 3, "invalid-value", "special: '2026-12-4' is not a date like 2026-11-27 (YYYY-MM-DD)"),
        ),
        (
            '  2026-12-24T00:00: "09:00-12:00"',
            (12, 3, "invalid-value", "special: '2026-12-24T00:00' is not a date like 2026-11-27 (YYYY-MM-DD)"),
        ),
        (
            '  2026-12-24: "09:00-25:00"',
            (12, 15, "invalid-value", "'2026-12-24': 25:00 in '09:00-25:00' is not a time between 00:00 and 24:00"),
        ),
        (
            '  2026-12-24: ["09:00-12:00", "noon"]',
            (12, 31, "invalid-value", "'2026-12-24': 'noon' is not a time range like '09:00-17:00'"),
        ),
        (
            "  2026-12-24: []",
            (12, 15, "invalid-value", "'2026-12-24' has no times; give a time range like '09:00-17:00' or 'closed'"),
        ),
        (
            "  2300-12-24: closed",
            (12, 3, "invalid-value", "special: 2300-12-24 is outside the years 1900 to 2200 that planops computes in"),
        ),
    ],
)
def test_malformed_special_dates_are_located(plan_dir: Path, special: str, expected: tuple[int, int, str, str]) -> None:
    assert with_holidays(plan_dir, HOLIDAYS + "special:\n" + special + "\n") == [expected]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("2026-02-30", (11, 12, "invalid-value", "'2026-02-30' is not a date: there is no such day")),
        ("2026-2-3", (11, 12, "invalid-value", "'2026-2-3' is not a date like 2026-11-27 (YYYY-MM-DD)")),
        (
            "''",
            (
                11,
                12,
                "invalid-value",
                "expected a date like 2026-06-19 or a holiday's name like 'Pentecost Monday', found an empty name",
            ),
        ),
        (
            "3",
            (
                11,
                12,
                "invalid-value",
                "expected a date like 2026-06-19 or a holiday's name like 'Pentecost Monday', found 3 (int)",
            ),
        ),
    ],
)
def test_malformed_except_items_are_located(plan_dir: Path, item: str, expected: tuple[int, int, str, str]) -> None:
    assert with_holidays(plan_dir, HOLIDAYS + f"  except: [{item}]\n") == [expected]


def test_a_misspelled_except_key_suggests_except(plan_dir: Path) -> None:
    assert with_holidays(plan_dir, HOLIDAYS + "  excpet: [Boxing Day]\n") == [
        (11, 3, "unknown-key", "unknown key 'excpet' in 'holidays' (did you mean 'except'?)")
    ]


def test_special_dates_and_exceptions_that_fit_are_clean(plan_dir: Path) -> None:
    block = (
        HOLIDAYS + '  except: [Boxing Day, 2026-12-25]\nspecial:\n  2026-12-24: "09:00-13:00"\n  2026-12-31: closed\n'
    )
    assert with_holidays(plan_dir, block) == []
