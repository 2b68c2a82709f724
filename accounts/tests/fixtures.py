"""Pytest fixtures of the accounts app, shared with every app's tests (see the root conftest)."""
