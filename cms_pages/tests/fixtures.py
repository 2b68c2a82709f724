"""Pytest fixtures of the cms_pages app, shared with every app's tests (see the root conftest)."""
