"""Pytest fixtures of the accounts app, shared with every app's tests (see the root conftest)."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.tests.factories import AdminUserFactory, B2BUserFactory, UserFactory


@pytest.fixture
def b2c_user(db):
    return UserFactory()


@pytest.fixture
def b2b_user(db):
    """A B2B buyer whose company is verified."""
    return B2BUserFactory()


@pytest.fixture
def admin(db):
    """An administrator (role admin, Wagtail superuser)."""
    return AdminUserFactory()


@pytest.fixture
def client_for():
    """`client_for(user)`: an APIClient sending that user's JWT access token."""

    def make(user) -> APIClient:
        client = APIClient()
        token = RefreshToken.for_user(user).access_token
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    return make
