"""Pytest fixtures of the cms_pages app, shared with every app's tests (see the root conftest)."""

import pytest


@pytest.fixture
def cms_home(db):
    """A live HomePage that is the default site's root."""
    from cms_pages.tests.factories import build_home

    return build_home()
