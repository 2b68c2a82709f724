"""JWT sessions: login (wired to django-axes), refresh with rotation, logout, revocation.

Refresh tokens are recorded (simplejwt's token_blacklist app). A refresh locks its outstanding
row, so two concurrent refreshes with the same token cannot both succeed: the loser sees the
token blacklisted. Access tokens carry a hash of the password (CHECK_REVOKE_TOKEN), so a
password change or reset ends every session at once.

Reuse of a rotated refresh token is taken as theft: a refresh token that was blacklisted more
than ACCOUNTS_REFRESH_REUSE_GRACE_SECONDS ago and is presented again (validly signed, not
expired) revokes every refresh token of its user, so whoever holds a copy of any of them is
logged out at the next refresh (access tokens end within their ten minutes). Within the grace
period a reuse is a client retrying or two tabs racing: refused, nothing more.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, user_logged_in
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenBackendError, TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.state import token_backend
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from accounts import error_codes
from accounts.exceptions import AccountLockedError, AuthenticationError
from accounts.mfa.challenge import challenge_issue
from accounts.mfa.policy import (
    AMR_CLAIM,
    MFA_CLAIM,
    is_enrolled,
    token_has_mfa,
    user_requires_mfa,
)
from accounts.models import User
from vwb_site.exceptions import ForbiddenError
from vwb_site.logging_config import get_logger

log = get_logger("accounts.tokens")


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str


@dataclass(frozen=True)
class MfaChallenge:
    """Password right, second factor still due (staff): POST /v1/auth/token/2fa next."""

    challenge: str
    expires_in: int
    methods: tuple[str, ...] = ("totp", "recovery_code")
    mfa_required: bool = True


def tokens_for(user: User, *, amr: list[str] | None = None) -> TokenPair:
    """A token pair; `amr` (methods used, e.g. ["pwd", "otp"]) marks it as issued after the
    second factor (claims `amr` and `mfa`, copied to the access token and kept on rotation)."""
    refresh = RefreshToken.for_user(user)
    if amr and "otp" in amr:
        refresh[AMR_CLAIM] = list(amr)
        refresh[MFA_CLAIM] = True
    return TokenPair(access=str(refresh.access_token), refresh=str(refresh))


def lockout_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def token_obtain(
    *, request: HttpRequest, email: str, password: str
) -> tuple[User, TokenPair | MfaChallenge]:
    """Check e-mail and password through Django's authentication (and so django-axes).

    A failed attempt is recorded by axes (`user_login_failed`); once the account or the client
    address is locked, even the right password is refused with `account_locked`. A success
    resets the counters (`user_logged_in`) and upgrades an older password hash to Argon2.
    Staff (`user_requires_mfa`) get a short-lived challenge instead of tokens; the counters are
    reset only once the second factor is right (`token_obtain_mfa`).
    """
    email = (email or "").strip().lower()
    user = authenticate(request, email=email, password=password)
    if getattr(request, "axes_locked_out", False):
        raise AccountLockedError(
            "Too many failed login attempts. Try again later or reset your password.",
            code=error_codes.ACCOUNT_LOCKED,
            extra={"retry_after": lockout_seconds()},
        )
    if user is None:
        # Same answer for an unknown e-mail, a wrong password and a deactivated account.
        raise AuthenticationError(
            "No active account matches this e-mail and password.",
            code=error_codes.INVALID_CREDENTIALS,
        )
    if user_requires_mfa(user):
        if not is_enrolled(user):
            raise ForbiddenError(
                "This staff account has no second factor yet: sign in to the admin once to "
                "set up an authenticator app, then ask for a token again.",
                code=error_codes.MFA_ENROLMENT_REQUIRED,
            )
        return user, MfaChallenge(
            challenge=challenge_issue(user), expires_in=settings.ACCOUNTS_MFA_CHALLENGE_SECONDS
        )
    user_logged_in.send(sender=user.__class__, request=request, user=user)
    return user, tokens_for(user)


def _parse_refresh(raw: str) -> RefreshToken:
    try:
        # simplejwt annotates the argument as a Token; it takes the encoded string.
        return RefreshToken(raw)  # type: ignore[arg-type]  # signature, algorithm, expiry, token type and blacklist
    except TokenError as exc:
        raise AuthenticationError(
            f"Refresh token refused: {exc}", code=error_codes.TOKEN_INVALID
        ) from None


def _lock_outstanding(token: RefreshToken) -> OutstandingToken:
    outstanding = (
        OutstandingToken.objects.select_for_update()
        .filter(jti=token[api_settings.JTI_CLAIM])
        .first()
    )
    if outstanding is None or BlacklistedToken.objects.filter(token=outstanding).exists():
        raise AuthenticationError(
            "Refresh token refused: Token is blacklisted", code=error_codes.TOKEN_INVALID
        )
    return outstanding


def _replayed_by(raw: str) -> int | None:
    """The user id of a genuine refresh token blacklisted longer ago than the grace period
    (a replay), else None. Forged, expired or unknown tokens are never a replay: nobody can
    log a user out everywhere with a token they could not have obtained."""
    try:
        payload = token_backend.decode(raw, verify=True)  # type: ignore[arg-type]  # signature, algorithm, expiry
    except TokenBackendError:
        return None
    if payload.get(api_settings.TOKEN_TYPE_CLAIM) != "refresh":
        return None
    found = (
        BlacklistedToken.objects.filter(token__jti=payload.get(api_settings.JTI_CLAIM))
        .values_list("blacklisted_at", "token__user_id")
        .first()
    )
    if found is None or found[1] is None:
        return None
    blacklisted_at, user_id = found
    grace = timedelta(seconds=settings.ACCOUNTS_REFRESH_REUSE_GRACE_SECONDS)
    return user_id if timezone.now() - blacklisted_at > grace else None


def token_refresh(*, refresh: str) -> TokenPair:
    """Rotate: blacklist the given refresh token and issue a new pair for an active user. A
    replayed rotated token revokes all the user's refresh tokens (module docstring)."""
    try:
        token = _parse_refresh(refresh)
    except AuthenticationError:
        user_id = _replayed_by(refresh)
        if user_id is not None:
            revoked = user_tokens_revoke_all(user=User(pk=user_id))
            log.warning("refresh_token_replayed", user_id=user_id, revoked=revoked)
        raise
    return _rotate(token)


@transaction.atomic
def _rotate(token: RefreshToken) -> TokenPair:
    outstanding = _lock_outstanding(token)
    user = User.objects.filter(pk=token.get(api_settings.USER_ID_CLAIM), is_active=True).first()
    if user is None:
        raise AuthenticationError(
            "No active account found for this token.", code=error_codes.ACCOUNT_INACTIVE
        )
    BlacklistedToken.objects.create(token=outstanding)
    return tokens_for(user, amr=token.get(AMR_CLAIM) if token_has_mfa(token) else None)


@transaction.atomic
def token_revoke(*, refresh: str) -> None:
    """Logout: the refresh token can no longer be used."""
    token = _parse_refresh(refresh)
    outstanding = _lock_outstanding(token)
    BlacklistedToken.objects.create(token=outstanding)


@transaction.atomic
def user_tokens_revoke_all(*, user: User) -> int:
    """Blacklist every outstanding refresh token of the user (password change, deactivation)."""
    pending = OutstandingToken.objects.filter(user=user).exclude(
        id__in=BlacklistedToken.objects.values("token_id")
    )
    created = BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=t) for t in pending], ignore_conflicts=True
    )
    return len(created)
