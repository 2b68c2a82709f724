"""Reads for the reports. Aggregation happens in PostgreSQL (values/annotate, Trunc*);
these functions return lists of dicts (or iterators of tuples for streamed detail rows)."""
