"""How to read an export that is not in the canonical form (SPEC §5.2)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from planops.model.base import Model, PlanObject

Format = Literal["csv", "parquet", "jsonl", "zendesk-api", "zendesk-csv", "freshdesk-csv"]
Rows = Literal["tickets", "snapshots"]

REQUIRED: dict[str, tuple[str, ...]] = {
    "tickets": ("id", "created_at"),
    "snapshots": ("id", "created_at", "updated_at", "status"),
}
"""The canonical columns each kind of rows must map (or hold under their own name)."""
SNAPSHOT_COLUMNS = ("updated_at", "status")
"""Canonical columns only a snapshot log has besides the ticket fields."""


class Timestamps(Model):
    format: str | None = Field(
        None,
        description='How the export writes its timestamps, as a strftime format, e.g. "%d-%m-%Y %H:%M" '
        "(without one: ISO 8601).",
    )
    timezone: str | None = Field(
        None, description="The IANA time zone of timestamps written without an offset, e.g. Europe/Berlin."
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        from planops.model.calendar import known_zone

        return None if value is None else known_zone(value)


class Statuses(Model):
    solved: tuple[str, ...] = Field((), description="Helpdesk statuses that mean solved, e.g. [Resolved].")
    closed: tuple[str, ...] = Field((), description="Helpdesk statuses that mean closed, e.g. [Closed].")
    paused: tuple[str, ...] = Field(
        (), description="Helpdesk statuses that stop the SLA clocks, e.g. [Awaiting User Info]."
    )


class DataSource(PlanObject):
    """An export of another shape, read into the canonical tickets and events tables."""

    kind: Literal["DataSource"] = "DataSource"
    format: Format = Field(
        "csv", description="csv, parquet, jsonl, zendesk-api, zendesk-csv or freshdesk-csv (the file's shape)."
    )
    rows: Rows = Field(
        "tickets",
        description="tickets (one row per ticket) or snapshots (one row per update of a ticket, as in audit logs).",
    )
    columns: dict[str, str] = Field(
        {}, description="Canonical column name → the export's column, e.g. {id: number, created_at: opened_at}."
    )
    values: dict[str, dict[str, str]] = Field(
        {},
        description="Per canonical column, the export's value → the canonical value, e.g. {priority: {\"1 - "
        'Critical": urgent}}; a value not listed is a bad row.',
    )
    timestamps: Timestamps = Field(Timestamps(), description="The timestamps' format and time zone.")
    nulls: tuple[str, ...] = Field((), description='Values that mean "no value", e.g. ["?", ""].')
    statuses: Statuses = Field(Statuses(), description="Which helpdesk statuses mean solved, closed and paused.")

    def source(self, canonical: str) -> str:
        """The export's column for a canonical one (the canonical name where none is mapped)."""
        return self.columns.get(canonical, canonical)
