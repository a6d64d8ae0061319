"""The figures of an interim report, computed by aggregation in the database.

One function per group of figures. Each returns plain data: figures with the value of the
period, the value of the previous period (same length, directly before) and a one-line
definition of how it is counted; and tables. Every function makes a fixed number of queries,
whatever the number of regions, organisations, guides or events: the counting is done by
``GROUP BY`` and conditional ``COUNT``/``SUM`` in the database, never per row in Python.

The modules, lowest first: ``base`` (the period and the plain data), ``queries`` (conditions
the topics share), one module per topic (``cooperation``, ``guides``, ``partners``,
``activity``, ``reach``, ``impact``, ``needs``, ``sections``), and ``report``, which assembles
the whole report. A module imports only modules before it in this list. Callers import from
the modules themselves: this package re-exports nothing.
"""
