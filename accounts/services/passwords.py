"""Password change and reset. Both end every other session (refresh tokens blacklisted, access
tokens refused through their password-hash claim)."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from accounts import error_codes, tasks
from accounts.models import User
from accounts.services.registration import normalize_email, password_check
from accounts.services.tokens import TokenPair, tokens_for, user_tokens_revoke_all
from vwb_site.tasks import dispatch_on_commit


def _axes_reset(user: User) -> None:
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.reset_attempts(username=user.email)


@transaction.atomic
def password_change(
    *, user: User, current_password: str, new_password: str, amr: list[str] | None = None
) -> TokenPair:
    """Change the password (the current one is required) and return a fresh token pair (with
    the second-factor claims `amr` of the session that asked, if any). Every other session
    ends: refresh tokens are blacklisted, access tokens and admin sessions carry a hash of the
    old password (CHECK_REVOKE_TOKEN, Django's session auth hash) and are refused from now."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.check_password(current_password):
        raise ValidationError(
            {
                "current_password": ValidationError(
                    "The current password is not correct.", code=error_codes.WRONG_PASSWORD
                )
            }
        )
    password_check(new_password, user=user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    user_tokens_revoke_all(user=user)
    return tokens_for(user, amr=amr)


def password_reset_request(*, email: str) -> None:
    """Send a reset link if an active account has this address. Same outcome either way,
    so the endpoint does not reveal which addresses have accounts."""
    user = User.objects.filter(email__iexact=normalize_email(email), is_active=True).first()
    if user is not None and user.has_usable_password():
        dispatch_on_commit(tasks.send_password_reset_email, user.pk)


def _user_from_uid(uid: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.select_for_update().filter(pk=pk, is_active=True).first()


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    """Set a new password from a reset link. The link is single-use (its token hashes the
    password and last login, so it dies with the change) and expires after
    PASSWORD_RESET_TIMEOUT seconds."""
    user = _user_from_uid(uid)
    if user is None or not default_token_generator.check_token(user, token):
        raise ValidationError(
            ValidationError(
                "This password reset link is invalid, used or expired. Ask for a new one.",
                code=error_codes.PASSWORD_RESET_LINK_INVALID,
            )
        )
    password_check(new_password, user=user, field="new_password")
    user.set_password(new_password)
    fields = ["password"]
    if user.email_confirmed_at is None:  # following the link proved the address
        user.email_confirmed_at = timezone.now()
        fields.append("email_confirmed_at")
    user.save(update_fields=fields)
    user_tokens_revoke_all(user=user)
    transaction.on_commit(lambda: _axes_reset(user))
    return user
