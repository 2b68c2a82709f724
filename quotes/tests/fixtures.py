"""Pytest fixtures of the quotes app, shared with every app's tests (see the root conftest)."""
