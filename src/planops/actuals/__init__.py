"""The plan against real tickets: canonical exports of helpdesk data, and a sample to try it without data."""
