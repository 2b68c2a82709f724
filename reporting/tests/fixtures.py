"""Pytest fixtures of the reporting app, shared with every app's tests (see the root conftest)."""

import pytest

from reporting.tests.factories import ManagerUserFactory


@pytest.fixture
def manager(db):
    """A member of the Managers group: may read reports and enter the Wagtail admin."""
    return ManagerUserFactory()
