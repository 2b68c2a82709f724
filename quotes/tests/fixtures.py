"""Pytest fixtures of the quotes app, shared with every app's tests (see the root conftest)."""

import pytest

from quotes.tests.factories import request_quote, send_offer


@pytest.fixture
def pending_quote(b2b_user, barrel):
    """A verified B2B buyer's pending request for 2 of `barrel`, delivered to Bordeaux (FR)."""
    return request_quote(user=b2b_user, barrel=barrel)


@pytest.fixture
def approved_quote(pending_quote, admin, barrel):
    """`pending_quote` with version 1 sent: 2 x 250.00 -10 %, freight 120.00, 14 days, bank
    transfer, no stock hold."""
    send_offer(quote=pending_quote, admin=admin, barrel=barrel)
    pending_quote.refresh_from_db()
    return pending_quote
