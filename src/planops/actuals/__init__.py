"""Actuals (SPEC §5): the plan measured on real tickets from helpdesk exports, and a sample to try it without.

Exports are read into an in-memory DuckDB database, never copied or written:

    from planops.actuals.reader import read_export
    from planops.actuals.businesstime import calendar_table, open_times, due_times

    export = read_export(tickets_path, events_path, timezone=None)  # -> Export
    export.connection                     # DuckDB connection with tables tickets and events
    export.tickets, export.events         # rows kept
    export.bad                            # (BadRows(file, kind, count, rows), ...): rows left out
    read_export(path, format="zendesk-api" | "zendesk-csv" | "freshdesk-csv", timezone=...)
                                          # a helpdesk export converted into the same tables (zendesk.py,
                                          # freshdesk.py); bad rows numbered as records of that file

    from planops.actuals.datasource import read_source
    export = read_source(plan_source, path)  # through a kind: DataSource (SPEC §5.2), same Export

    table = calendar_table(export.connection, "cal_berlin", calendar, first, last)
    # the calendar's open intervals in UTC with the open time before each: open time between two
    # instants is lookup(t2) - lookup(t1) (an ASOF join each), a due time the inverse lookup

    routed_view(con, plan)                # planops.actuals.routing: where each ticket goes
    sla_view(con, plan, until)            # planops.actuals.sla: every SLA target's due time and verdict,
                                          # pauses included, as the engine judges a scenario
    facts_view(con)                       # planops.actuals.facts: one row per ticket; measures.measure
                                          # aggregates it per KPI, sla.attainment per policy and target

DuckDB is imported here only, never by ``planops --help`` or ``planops validate``. ``planops.actuals.sample``
makes a synthetic export from a plan (``python -m planops.actuals.sample``).
"""
