"""The export formats planops reads without a column mapping (kept import-free: the command line lists them)."""

HELPDESKS = ("zendesk-api", "zendesk-csv", "freshdesk-csv")
"""Helpdesk exports converted by planops.actuals.zendesk and planops.actuals.freshdesk."""

SOURCES = ("canonical", *HELPDESKS)
"""What ``planops report --source`` takes besides the name of a DataSource of the plan."""

DIALECTS = ("duckdb", "postgres", "bigquery", "snowflake")
"""The SQL dialects ``planops report --sql --dialect`` prints (planops.actuals.dialects)."""
