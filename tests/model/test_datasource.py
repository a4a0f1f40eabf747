"""kind: DataSource: the SPEC's example is clean; each mistake is a finding with a message that says the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import REPO
from tests.helpers import findings

from planops.model import DataSource

SPEC_EXAMPLE = """kind: DataSource
name: servicedesk
format: csv                  # csv | parquet | jsonl | zendesk-api | zendesk-csv | freshdesk-csv
rows: snapshots              # tickets (one row per ticket) | snapshots (one row per update of a ticket)
columns: {id: number, created_at: opened_at, channel: contact_type, priority: priority, updated_at: sys_updated_at, status: incident_state}
values:
  priority: {"1 - Critical": urgent, "2 - High": high, "3 - Moderate": normal, "4 - Low": low}
timestamps: {format: "%d-%m-%Y %H:%M", timezone: Europe/Berlin}
nulls: ["?", ""]
statuses: {solved: [Resolved], closed: [Closed], paused: [Awaiting User Info]}
"""  # noqa: E501


def _with(plan_dir: Path, text: str) -> list[str]:
    (plan_dir / "sources.yaml").write_text(text, encoding="utf-8")
    return [f"{d.code}: {d.text}" for d in findings(plan_dir)]


def test_the_spec_example_is_clean(plan_dir: Path) -> None:
    assert _with(plan_dir, SPEC_EXAMPLE) == []


def test_the_bundled_plan_reads_its_service_desk_log() -> None:
    from planops.pipeline import check_plan

    plan, found = check_plan(REPO / "plan")
    assert found == []
    (source,) = plan.all(DataSource)
    assert (source.rows, source.source("status"), source.source("region")) == ("snapshots", "incident_state", "region")
    assert source.statuses.paused == ("Awaiting User Info",)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("channel: contact_type", "chanel: contact_type"),
            "unknown-column: 'chanel' is no canonical column (did you mean 'channel'?) (use id, created_at, "
            "updated_at, status or a ticket field such as channel or priority)",
        ),
        (
            ("updated_at: sys_updated_at, status: incident_state", "updated_at: sys_updated_at"),
            "missing-column: expected the columns id, created_at, updated_at, status of a snapshot log; status not "
            "mapped (add status: <the export column> to columns)",
        ),
        (
            ('"%d-%m-%Y %H:%M"', '"%d-%m-%Y %H:%i %q"'),
            "bad-timestamp-format: '%d-%m-%Y %H:%i %q' has '%i', '%q', which strptime does not know (use "
            "directives such as %Y %m %d %H %M %S %z, e.g. '%d-%m-%Y %H:%M')",
        ),
        (
            ('"%d-%m-%Y %H:%M"', '"%d.%m. %H:%M"'),
            "bad-timestamp-format: '%d.%m. %H:%M' has no year, as %Y (2026) or %y (26) (use directives such as "
            "%Y %m %d %H %M %S %z, e.g. '%d-%m-%Y %H:%M')",
        ),
        (
            ("paused: [Awaiting User Info]", "paused: [Awaiting User Info, Closed]"),
            "duplicate-status: status 'Closed' is listed under closed already (list each status once: solved, "
            "closed and paused exclude each other)",
        ),
        (
            ("timezone: Europe/Berlin", "timezone: Europe/Berln"),
            "invalid-value: 'Europe/Berln' is not an IANA time zone like 'Europe/Berlin' (did you mean "
            "'Europe/Berlin'?)",
        ),
        (
            ('"2 - High": high', '"2 - High": hihg'),
            "unknown-mapped-value: 'hihg' is no priority (did you mean 'high'?) (map to one of urgent, high, normal, "
            "low)",
        ),
        (
            ("values:\n", "values:\n  channel: {Phone: phone}\n"),
            "unknown-mapped-value: 'phone' is no channel (map to one of email)",
        ),
        (("rows: snapshots", "rows: snapshot"), "invalid-value"),
    ],
)
def test_each_mistake_is_a_finding(plan_dir: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert SPEC_EXAMPLE.count(old) == 1
    found = _with(plan_dir, SPEC_EXAMPLE.replace(old, new))
    assert [f if ":" in expected else f.split(":")[0] for f in found] == [expected]


def test_a_helpdesk_format_needs_no_columns(plan_dir: Path) -> None:
    assert _with(plan_dir, "kind: DataSource\nname: zd\nformat: zendesk-csv\n") == []
    assert _with(plan_dir, "kind: DataSource\nname: desk\ncolumns: {id: id, created_at: opened, channel: via}\n") == []
