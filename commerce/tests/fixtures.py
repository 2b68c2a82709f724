"""Pytest fixtures of the commerce app, shared with every app's tests (see the root conftest)."""
