"""Shared privacy checks: re-confirming the password before export or erasure."""

from django.core.exceptions import ValidationError

from accounts import error_codes
from accounts.models import User


def password_confirm(*, user: User, password: str | None) -> None:
    """Raise 400 `password_confirmation_failed` unless `password` is the user's password."""
    if not password or not user.check_password(password):
        raise ValidationError(
            {
                "password": ValidationError(
                    "The password is not correct.", code=error_codes.PASSWORD_CONFIRMATION_FAILED
                )
            }
        )
