"""Export timestamps in SQL read as the engine reads them: offsets as written, naive ones with fold=0."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, available_timezones

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planops.actuals.timestamps import instant_sql, problem_sql, wall_offsets

ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")


def read(texts: list[str], zone: str | None, years: tuple[int, int] = (2026, 2026)) -> list[tuple[object, object]]:
    query = f"SELECT {instant_sql('t', zone, years)}, {problem_sql('t', zone)} FROM (SELECT unnest($1::VARCHAR[]) t)"
    return con.execute(query, [texts]).fetchall()


@st.composite
def walls(draw: st.DrawFn) -> tuple[str, datetime]:
    """A zone and a naive wall time in 2019-2031, mostly within three hours of one of its changes."""
    zone = draw(st.sampled_from(ZONES))
    year = draw(st.integers(2019, 2031))
    _, changes = wall_offsets(ZoneInfo(zone), year, year)
    if changes and draw(st.integers(0, 3)):
        base = draw(st.sampled_from(changes))[0]
        return zone, base + timedelta(minutes=draw(st.integers(-180, 180)), seconds=draw(st.sampled_from([0, 1, 59])))
    return zone, datetime(year, 1, 1) + timedelta(minutes=draw(st.integers(0, 365 * 24 * 60)))


@settings(max_examples=400, deadline=None)
@given(walls(), st.sampled_from([" ", "T"]))
def test_naive_wall_times_read_as_python_fold_0(drawn: tuple[str, datetime], sep: str) -> None:
    zone, wall = drawn
    expected = wall.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    assert read([wall.isoformat(sep=sep)], zone, (wall.year, wall.year)) == [(expected, None)]


@settings(max_examples=200, deadline=None)
@given(st.datetimes(datetime(1990, 1, 1), datetime(2060, 1, 1)), st.integers(-14 * 4, 14 * 4), st.booleans())
def test_offsets_are_read_as_written(wall: datetime, quarters: int, colon: bool) -> None:
    offset = timedelta(minutes=15 * quarters)
    text = wall.replace(tzinfo=timezone(offset)).isoformat()
    if not colon:
        text = text[:-3] + text[-2:]
    assert read([text], None) == [(wall.replace(tzinfo=UTC) - offset, None)]


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("2026-03-29 02:30:00", "Europe/Berlin", "2026-03-29T01:30:00+00:00"),  # skipped: the offset before
        ("2026-10-25 02:30:00", "Europe/Berlin", "2026-10-25T00:30:00+00:00"),  # repeated: the first occurrence
        ("2026-11-01 01:00:00", "America/Havana", "2026-11-01T06:00:00+00:00"),  # DuckDB's own zone data says 05:00
        ("2026-03-27T16:30:00Z", None, "2026-03-27T16:30:00+00:00"),
        ("2026-03-27 16:30:00+0530", None, "2026-03-27T11:00:00+00:00"),
        ("  2026-03-27T16:30:00.25-03 ", None, "2026-03-27T19:30:00.250000+00:00"),
    ],
)
def test_readings(text: str, zone: str | None, expected: str) -> None:
    assert read([text], zone) == [(datetime.fromisoformat(expected), None)]


@pytest.mark.parametrize(
    ("text", "zone", "problem"),
    [
        ("2026-03-27 16:30:00", None, "naive_timestamp"),
        ("2026-03-27", None, "naive_timestamp"),
        ("2026-02-30T10:00:00+01:00", None, "bad_timestamp"),
        ("27.03.2026 16:30", "Europe/Berlin", "bad_timestamp"),
        ("", "Europe/Berlin", "bad_timestamp"),
        ("tomorrow", None, "bad_timestamp"),
    ],
)
def test_problems(text: str, zone: str | None, problem: str) -> None:
    assert read([text], zone) == [(None, problem)]
