"""Pytest fixtures of the reporting app, shared with every app's tests (see the root conftest)."""
