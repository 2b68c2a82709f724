"""Pytest fixtures of the catalog app, shared with every app's tests (see the root conftest)."""
