"""Pytest fixtures of the accounts app, shared with every app's tests (see the root conftest)."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.mfa.policy import is_api_staff
from accounts.tests.factories import AdminUserFactory, B2BUserFactory, UserFactory
from accounts.tests.mfa import access_token_after_mfa, patch_force_login


@pytest.fixture(autouse=True)
def staff_verified_force_login(request, monkeypatch):
    """`client.force_login(staff)` gives a session that passed the second factor (as a real
    sign-in does), unless the test is marked `raw_staff_login` (accounts.tests.mfa)."""
    if request.node.get_closest_marker("raw_staff_login") is None:
        patch_force_login(monkeypatch)


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
    """`client_for(user)`: an APIClient sending that user's JWT access token (for staff, one
    issued after the second factor, as POST /v1/auth/token/2fa does)."""

    def make(user) -> APIClient:
        client = APIClient()
        token = (
            access_token_after_mfa(user)
            if is_api_staff(user)
            else RefreshToken.for_user(user).access_token
        )
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    return make
