"""Login lockouts behind a reverse proxy: per account and client pair, plus a per-client limit.

Every request comes from the proxy's socket address (REMOTE_ADDR) with the client in
X-Forwarded-For, as with TRUSTED_PROXY_COUNT=1 in production.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.admin.lockouts import LOCKOUTS_NS
from accounts.audit.models import AuditEntry
from accounts.privacy.erasure import user_erase
from accounts.privacy.retention import retention_run
from accounts.selectors import UNKNOWN_PREFIX, lockout_list
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from accounts.tests.helpers import assert_problem

pytestmark = pytest.mark.django_db

TOKEN = reverse("v1:accounts:token")
PROXY = "10.0.0.1"
STRANGER = "203.0.113.66"
OWNER_ELSEWHERE = "198.51.100.7"
NEIGHBOUR = "198.51.100.8"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def roomy_auth_throttle(settings):
    """The `auth` throttle would answer 429 throttled first; these tests are about lockouts."""
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "10000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def login(client, email, *, via, password=TEST_PASSWORD):
    return client.post(
        TOKEN,
        {"email": email, "password": password},
        format="json",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=via,
    )


def fail_until_locked(client, email, *, via):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert_problem(login(client, email, via=via, password="wrong-1"), 401)
    assert_problem(login(client, email, via=via, password="wrong-1"), 429, "account_locked")


def test_attempts_record_the_forwarded_client_not_the_proxy(api_client, b2c_user):
    login(api_client, b2c_user.email, via=f"192.0.2.250, {STRANGER}", password="wrong-1")
    attempt = AccessAttempt.objects.get()
    # The rightmost entry is the one the trusted proxy wrote; the left one came from the client.
    assert attempt.ip_address == STRANGER


def test_a_strangers_failures_lock_neither_the_owner_elsewhere_nor_other_users(api_client):
    owner, neighbour = UserFactory(), UserFactory()
    fail_until_locked(api_client, owner.email, via=STRANGER)
    # The stranger stays locked out of that account, even with the right password...
    response = login(api_client, owner.email, via=STRANGER)
    assert_problem(response, 429, "account_locked")
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    # ...but the owner logs in from another address through the same proxy,
    assert login(api_client, owner.email, via=OWNER_ELSEWHERE).status_code == 200
    # and so does another user behind the proxy.
    assert login(api_client, neighbour.email, via=NEIGHBOUR).status_code == 200


def test_the_owners_success_elsewhere_does_not_lift_the_strangers_lockout(api_client, b2c_user):
    fail_until_locked(api_client, b2c_user.email, via=STRANGER)
    assert login(api_client, b2c_user.email, via=OWNER_ELSEWHERE).status_code == 200
    assert_problem(login(api_client, b2c_user.email, via=STRANGER), 429, "account_locked")


def test_a_client_spraying_50_accounts_is_locked_for_every_account(api_client, roomy_auth_throttle):
    accounts = UserFactory.create_batch(50)
    statuses = [
        login(api_client, user.email, via=STRANGER, password="wrong-1").status_code
        for user in accounts
    ]
    limit = settings.AXES_CLIENT_FAILURE_LIMIT
    assert limit < 50
    # One failure per account: never the pair limit, but the client limit is reached.
    assert statuses[: limit - 1] == [401] * (limit - 1)
    assert set(statuses[limit - 1 :]) == {429}
    response = login(api_client, accounts[0].email, via=STRANGER)  # right password
    body = assert_problem(response, 429, "account_locked")
    assert body["retry_after"] == int(response["Retry-After"])
    # The accounts themselves are not locked: their owners log in from elsewhere.
    assert login(api_client, accounts[0].email, via=OWNER_ELSEWHERE).status_code == 200
    assert login(api_client, accounts[49].email, via=NEIGHBOUR).status_code == 200


def test_the_auth_throttle_counts_the_forwarded_client(api_client, b2c_user):
    for _ in range(10):
        assert login(api_client, b2c_user.email, via=STRANGER).status_code == 200
    assert_problem(login(api_client, b2c_user.email, via=STRANGER), 429, "throttled")
    # Another client behind the same proxy has its own budget.
    assert login(api_client, b2c_user.email, via=NEIGHBOUR).status_code == 200


def test_lockouts_are_listed_for_the_admin_screen(api_client, b2c_user, settings):
    settings.AXES_CLIENT_FAILURE_LIMIT = 6
    fail_until_locked(api_client, b2c_user.email, via=STRANGER)
    login(api_client, "nobody@example.com", via=STRANGER, password="wrong-1")
    kinds = {(lock.kind, lock.account, lock.ip_address) for lock in lockout_list()}
    assert kinds == {("account", b2c_user.email, STRANGER), ("client", "(any account)", STRANGER)}


# --- Wagtail admin ----------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def test_admin_sees_and_clears_a_lockout_and_the_clear_is_audited(
    api_client, admin_client, admin, b2c_user
):
    fail_until_locked(api_client, b2c_user.email, via=STRANGER)
    page = admin_client.get(reverse(f"{LOCKOUTS_NS}:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert b2c_user.email in html and STRANGER in html

    response = admin_client.post(
        reverse(f"{LOCKOUTS_NS}:clear"),
        {"kind": "account", "ip_address": STRANGER, "username": b2c_user.email},
    )
    assert response.status_code == 302
    assert login(api_client, b2c_user.email, via=STRANGER).status_code == 200
    entry = AuditEntry.objects.get(action="lockout.clear")
    assert entry.actor_id == admin.pk
    assert entry.target_type == "accounts.user" and entry.target_id == str(b2c_user.pk)
    assert entry.changes["kind"] == "account" and entry.changes["rows"] == 1
    assert (
        "No account or client is locked out"
        in admin_client.get(reverse(f"{LOCKOUTS_NS}:index")).content.decode()
    )


def test_admin_clears_a_spraying_client(api_client, admin_client, settings):
    settings.AXES_CLIENT_FAILURE_LIMIT = 3
    users = UserFactory.create_batch(3)
    for user in users:
        login(api_client, user.email, via=STRANGER, password="wrong-1")
    assert_problem(login(api_client, users[0].email, via=STRANGER), 429, "account_locked")
    admin_client.post(reverse(f"{LOCKOUTS_NS}:clear"), {"kind": "client", "ip_address": STRANGER})
    assert login(api_client, users[0].email, via=STRANGER).status_code == 200
    assert AuditEntry.objects.filter(action="lockout.clear", target_id="client").exists()


def test_a_customer_cannot_open_the_lockout_screen(client, b2c_user):
    client.force_login(b2c_user)
    assert client.get(reverse(f"{LOCKOUTS_NS}:index")).status_code != 200
    client.post(reverse(f"{LOCKOUTS_NS}:clear"), {"kind": "client", "ip_address": STRANGER})
    assert not AuditEntry.objects.filter(action="lockout.clear").exists()


# --- Personal data ----------------------------------------------------------------------------


def _columns(attempt: AccessAttempt) -> str:
    return " ".join(
        str(getattr(attempt, f)) for f in ("username", "get_data", "post_data", "user_agent")
    )


def test_an_erased_accounts_attempts_go_and_later_attempts_store_no_email(api_client):
    user = UserFactory(email="erase-me@example.com")
    login(api_client, user.email, via=STRANGER, password="wrong-1")
    assert AccessAttempt.objects.get().username == "erase-me@example.com"
    user_erase(user=user, reason="test")
    assert not AccessAttempt.objects.exists()

    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(api_client, "erase-me@example.com", via=STRANGER, password="wrong-1")
    attempt = AccessAttempt.objects.get()
    assert attempt.username.startswith(UNKNOWN_PREFIX)
    assert "erase-me" not in _columns(attempt)
    # Counting still works on the hash: the guessed e-mail is locked for that client.
    response = login(api_client, "ERASE-ME@example.com", via=STRANGER, password="wrong-1")
    assert_problem(response, 429, "account_locked")


def test_the_wagtail_login_form_keeps_no_email_in_the_attempt(client):
    client.post(
        reverse("wagtailadmin_login"),
        {"username": "someone@example.com", "password": "wrong-1"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=STRANGER,
    )
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address == STRANGER
    assert "someone@" not in _columns(attempt)


def test_retention_deletes_attempts_past_the_cool_off_and_keeps_current_ones(api_client):
    login(api_client, "old@example.com", via=STRANGER, password="wrong-1")
    login(api_client, "new@example.com", via=NEIGHBOUR, password="wrong-1")
    AccessAttempt.objects.filter(ip_address=STRANGER).update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )
    run = retention_run()
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [NEIGHBOUR]
    assert run.counts["expired_login_attempts"] == 1
