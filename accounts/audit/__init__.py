"""Append-only audit log of administrative actions: who, when, what changed, from where.

`audit_record(...)` (accounts.audit.services) is called by services; the middleware
(accounts.audit.middleware) records every state-changing request an administrator makes to the
API or the Wagtail admin, so apps need no code of their own to be audited.
"""
