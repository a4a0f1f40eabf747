"""Staffing: agents required per channel and interval (Erlang C, Erlang A, workload) against the shifts."""
