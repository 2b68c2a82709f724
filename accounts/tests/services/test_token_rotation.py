"""Refresh rotation under concurrency: one refresh token, two simultaneous refreshes."""

import threading

import pytest
from django.db import connection
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.exceptions import AuthenticationError
from accounts.services.tokens import token_refresh
from accounts.tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_refreshes_of_one_token_cannot_both_succeed():
    refresh = str(RefreshToken.for_user(UserFactory()))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt():
        try:
            barrier.wait()
            token_refresh(refresh=refresh)
            outcomes.append("ok")
        except AuthenticationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
