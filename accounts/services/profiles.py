"""The user's own profile: contact details, and a change of e-mail address confirmed by mail."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import error_codes, tasks
from accounts.models import User
from accounts.services.emails import email_token_read
from accounts.services.registration import email_is_taken, email_taken_error, normalize_email
from accounts.validators import normalize_phone
from vwb_site.exceptions import ConflictError
from vwb_site.tasks import dispatch_on_commit

PROFILE_FIELDS = ("first_name", "last_name", "phone")


@transaction.atomic
def user_profile_update(*, user: User, data: dict[str, str]) -> User:
    """Update first_name, last_name and phone. Anything else is refused, not ignored."""
    extra = sorted(set(data) - set(PROFILE_FIELDS))
    if extra:
        raise ValidationError(
            {
                name: ValidationError(
                    "This field cannot be changed here.", code=error_codes.FIELD_NOT_ALLOWED
                )
                for name in extra
            }
        )
    user = User.objects.select_for_update().get(pk=user.pk)
    changed = []
    for name, value in data.items():
        value = " ".join(str(value).split())
        if name == "phone":
            try:
                value = normalize_phone(value)
            except ValidationError as exc:
                raise ValidationError({"phone": exc.error_list}) from None
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed.append(name)
    if changed:
        user.save(update_fields=changed)
    return user


def email_change_request(*, user: User, new_email: str, current_password: str) -> None:
    """Re-authenticate with the password, then mail a confirmation link to the new address.
    The login changes only when that link is followed (email_confirm)."""
    if not user.check_password(current_password):
        raise ValidationError(
            {
                "current_password": ValidationError(
                    "The current password is not correct.", code=error_codes.WRONG_PASSWORD
                )
            }
        )
    new_email = normalize_email(new_email)
    if new_email == user.email.lower():
        raise ValidationError(
            {"new_email": ValidationError("This is already your e-mail address.", code="unchanged")}
        )
    if email_is_taken(new_email, exclude_user_id=user.pk):
        raise email_taken_error(new_email)
    dispatch_on_commit(tasks.send_email_confirmation, user.pk, new_email)


def email_confirmation_resend(*, user: User) -> None:
    """Mail a fresh confirmation link for the account's address (the welcome e-mail's link
    expired or was lost). 409 email_already_confirmed once it is confirmed."""
    if user.email_confirmed:
        raise ConflictError(
            "This e-mail address is already confirmed.", code=error_codes.EMAIL_ALREADY_CONFIRMED
        )
    dispatch_on_commit(tasks.send_email_confirmation, user.pk)


def _invalid_link() -> ValidationError:
    return ValidationError(
        ValidationError(
            "This confirmation link is invalid, used or expired.",
            code=error_codes.EMAIL_CONFIRMATION_INVALID,
        )
    )


@transaction.atomic
def email_confirm(*, token: str) -> User:
    """Follow a confirmation link: confirm the address, or switch to the new one."""
    try:
        payload = email_token_read(token)
        user_id, target, current = int(payload["u"]), str(payload["e"]), str(payload["c"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise _invalid_link() from None
    user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
    if user is None or user.email.lower() != current:
        raise _invalid_link()  # the address changed since: the link is spent
    fields = []
    if target != current:
        if email_is_taken(target, exclude_user_id=user.pk):
            raise email_taken_error(target)
        user.email = target
        fields.append("email")
    if user.email_confirmed_at is None or fields:
        user.email_confirmed_at = timezone.now()
        fields.append("email_confirmed_at")
    if fields:
        user.save(update_fields=fields)
    return user
