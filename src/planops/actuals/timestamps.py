"""Timestamps of an export as SQL: ISO 8601 with an offset, or naive in a declared zone (SPEC §5.1).

A naive wall time is read as the engine reads one (Python's ``fold=0``): a time
the spring change skips takes the offset before the change, and one the autumn
change repeats is its first occurrence. DuckDB's ICU gives the second occurrence
of a repeated time, so the earlier candidate (the offset six hours before) is
taken where it names the same wall time.
"""

from __future__ import annotations

OFFSET = r"\d:\d\d(:\d\d(\.\d+)?)?\s*([zZ]|[+-]\d\d(:?\d\d)?)$"
"""A time followed by an offset (Z, +01, +0100, +01:00) ends the text."""


def problem_sql(text: str, zone: str | None) -> str:
    """SQL naming what is wrong with timestamp text ``text`` ('bad_timestamp', 'naive_timestamp'), else NULL."""
    naive = "'naive_timestamp'" if zone is None else "NULL"
    return (
        f"CASE WHEN {text} IS NULL OR trim({text}) = '' THEN 'bad_timestamp' "
        f"WHEN regexp_matches(trim({text}), '{OFFSET}') THEN "
        f"CASE WHEN TRY_CAST(trim({text}) AS TIMESTAMPTZ) IS NULL THEN 'bad_timestamp' END "
        f"WHEN TRY_CAST(trim({text}) AS TIMESTAMP) IS NULL THEN 'bad_timestamp' ELSE {naive} END"
    )


def instant_sql(text: str, zone: str | None) -> str:
    """SQL for the TIMESTAMPTZ that timestamp text ``text`` names (NULL where :func:`problem_sql` is not)."""
    aware = f"TRY_CAST(trim({text}) AS TIMESTAMPTZ)"
    if zone is None:
        return f"CASE WHEN regexp_matches(trim({text}), '{OFFSET}') THEN {aware} END"
    return f"CASE WHEN regexp_matches(trim({text}), '{OFFSET}') THEN {aware} ELSE {_local(text, zone)} END"


def _local(text: str, zone: str) -> str:
    z = "'" + zone.replace("'", "''") + "'"
    wall = f"TRY_CAST(trim({text}) AS TIMESTAMP)"
    icu = f"timezone({z}, {wall})"
    before = f"({icu} - INTERVAL 6 HOUR)"
    earlier = f"timezone('UTC', {wall} - (timezone({z}, {before}) - timezone('UTC', {before})))"
    return f"CASE WHEN {earlier} < {icu} AND timezone({z}, {earlier}) = {wall} THEN {earlier} ELSE {icu} END"
