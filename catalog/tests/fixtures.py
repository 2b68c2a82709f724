"""Pytest fixtures of the catalog app, shared with every app's tests (see the root conftest)."""

import pytest

from catalog.tests.factories import BarrelFactory


@pytest.fixture
def barrel(db):
    """An active 225 L Bordeaux barrique at 290.00 EUR with 5 in stock."""
    return BarrelFactory()


@pytest.fixture
def catalog_admin_client(admin, client_for):
    """An API client authenticated as an administrator."""
    return client_for(admin)
