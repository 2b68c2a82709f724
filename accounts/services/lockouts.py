"""Login lockouts (django-axes): per account and client pair, plus a per-client ceiling.

Two counters, both read from axes' `AccessAttempt` rows of the last AXES_COOLOFF_TIME:

- the pair (account, client address): AXES_FAILURE_LIMIT failures lock that account for that
  client only. The owner logging in from another address, and every other user behind the same
  proxy, are not affected (AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]);
- the client address alone: AXES_CLIENT_FAILURE_LIMIT failures over any accounts (a client
  spraying passwords over many e-mails) lock that client for every account.

axes compares one count with one limit, so `AccountClientLockoutHandler.get_failures` answers
the pair's count, raised to the pair limit when the client's total has reached its own limit.
The client address is `vwb_site.core.client_address.client_ip` (AXES_CLIENT_IP_CALLABLE), the
one the throttles read: before the lock, the `auth` throttle slows a client down.

An attempt names the account by its e-mail only when an account (not erased) has that e-mail;
any other e-mail (a typo, a guess, an erased account's old address) is stored as a keyed hash,
so a failed login never brings an erased person's address back. Counting still works on the
hash. Erasure deletes the account's rows; retention purges the rest (`login_history`).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from accounts.audit.services import audit_record
from accounts.models import User
from accounts.selectors import UNKNOWN_PREFIX, client_failures

_HASH_SALT = "accounts.lockouts.unknown-login"


def _login_of(request: HttpRequest | None, credentials: dict | None) -> str:
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username")
    if value is None and request is not None:
        data = getattr(request, "POST", {})
        value = data.get("email") or data.get("username")
    return str(value or "").strip().lower()


def attempt_username(request: HttpRequest | None, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the e-mail of an existing account, else a keyed hash of it."""
    login = _login_of(request, credentials)
    if not login:
        return None
    # Asked several times per attempt (check, record, count): one query per request and login.
    cache: dict[str, str] = (
        request.__dict__.setdefault("_lockout_usernames", {}) if request is not None else {}
    )
    if login not in cache:
        known = User.objects.filter(email__iexact=login, erased_at__isnull=True).exists()
        cache[login] = (
            login if known else UNKNOWN_PREFIX + salted_hmac(_HASH_SALT, login).hexdigest()[:40]
        )
    return cache[login]


class AccountClientLockoutHandler(AxesDatabaseHandler):
    """AXES_HANDLER: the pair count, or the pair limit once the client's own limit is reached."""

    def get_failures(self, request, credentials=None) -> int:
        pair = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if pair >= limit:
            return pair
        since = get_cool_off_threshold(request)
        ip_address = getattr(request, "axes_ip_address", None)
        client_total = client_failures(ip_address=ip_address, since=since)
        if client_total >= settings.AXES_CLIENT_FAILURE_LIMIT:
            return limit
        return pair


KINDS = ("account", "client")


@transaction.atomic
def lockout_clear(*, kind: str, ip_address: str, username: str = "", actor) -> int:
    """Lift a lockout: delete its attempt rows (all of the client's for `client`). Audited."""
    if kind not in KINDS:
        raise ValueError(f"unknown lockout kind {kind!r}")
    rows = (
        AccessAttempt.objects.filter(ip_address=ip_address)
        if ip_address
        else AccessAttempt.objects.filter(ip_address__isnull=True)
    )
    if kind == "account":
        rows = rows.filter(username=username)
    deleted = rows.delete()[0]
    user = (
        User.objects.filter(email__iexact=username).only("pk").first()
        if kind == "account" and username and not username.startswith(UNKNOWN_PREFIX)
        else None
    )
    audit_record(
        actor=actor,
        action="lockout.clear",
        target=("accounts.user", user.pk) if user else ("axes.accessattempt", kind),
        changes={
            "kind": kind,
            "client_ip": ip_address,
            "email": username,
            "rows": deleted,
            "attempt_rows": [deleted, 0],
        },
    )
    return deleted
