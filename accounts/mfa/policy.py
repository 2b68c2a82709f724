"""Who must use a second factor, and whether a token or session carries one."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role

# Claims of a token issued after the second factor (RFC 8176 method references).
AMR_CLAIM = "amr"
MFA_CLAIM = "mfa"
AMR_PASSWORD_OTP = ["pwd", "otp"]
AMR_PASSWORD_RECOVERY = ["pwd", "otp", "rec"]


def is_api_staff(user) -> bool:
    """Staff as the API sees it, read from the user row alone (no query): role admin, Django
    staff or superuser. Their tokens must carry the MFA claim."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.role == Role.ADMIN or user.is_staff or user.is_superuser)
    )


def user_requires_mfa(user) -> bool:
    """Administrators, Django staff, and anyone who can open the Wagtail admin (managers,
    editors: the `wagtailadmin.access_admin` permission through a group)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not getattr(settings, "ACCOUNTS_MFA_REQUIRED", True):
        return False
    return is_api_staff(user) or user.has_perm("wagtailadmin.access_admin")


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def token_has_mfa(token) -> bool:
    """A simplejwt token (or its payload) issued after the second factor."""
    if token is None:
        return False
    try:
        return token.get(MFA_CLAIM) is True
    except AttributeError:
        return False
