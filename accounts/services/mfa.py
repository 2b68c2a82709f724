"""Staff second factor: enrol (TOTP + recovery codes), verify at sign-in, reset by an admin.

TOTP is django-otp's `TOTPDevice`: RFC 6238, 30-second steps, one step of drift either way,
and it remembers the last step used (`last_t`), so a code is accepted once: replayed within its
window it is refused. The device row is locked while a code is checked, so two requests with
the same code cannot both pass. A wrong code counts as a failed login for django-axes (the
same per-account-and-client lockout as a wrong password, see accounts.services.lockouts).
"""

from base64 import b32encode
from dataclasses import dataclass

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import error_codes
from accounts.audit.services import audit_record, diff
from accounts.exceptions import AccountLockedError, AuthenticationError
from accounts.mfa.challenge import challenge_matches_password, challenge_read
from accounts.mfa.codes import recovery_code_hash, recovery_code_new
from accounts.mfa.policy import AMR_PASSWORD_OTP, AMR_PASSWORD_RECOVERY
from accounts.models import RecoveryCode, User
from accounts.services.tokens import TokenPair, tokens_for, user_tokens_revoke_all
from vwb_site.exceptions import ApplicationError

METHOD_TOTP = "totp"
METHOD_RECOVERY = "recovery_code"


class MfaError(ApplicationError):
    status_code = 400
    default_code = error_codes.MFA_CODE_INVALID


@dataclass(frozen=True)
class Enrolment:
    device_id: int
    secret_base32: str
    otpauth_uri: str
    qr_svg: str  # inline <svg>, no external origin


def _secret_base32(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_svg(uri: str) -> str:
    return segno.make(uri, error="m").svg_inline(scale=4, title="Authenticator set-up code")


@transaction.atomic
def mfa_enrol_begin(*, user: User) -> Enrolment:
    """The pending (unconfirmed) TOTP device of the user, made if there is none: showing the
    screen again shows the same secret. Confirming it with a first code (`mfa_enrol_confirm`)
    replaces any previous device."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    uri = device.config_url
    return Enrolment(
        device_id=device.pk,
        secret_base32=_secret_base32(device),
        otpauth_uri=uri,
        qr_svg=qr_svg(uri),
    )


def _new_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [recovery_code_new() for _ in range(settings.ACCOUNTS_MFA_RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, code_hash=recovery_code_hash(c)) for c in codes]
    )
    return codes


@transaction.atomic
def mfa_enrol_confirm(*, user: User, device_id: int, code: str) -> list[str]:
    """Confirm the device with its first code; returns the recovery codes (shown once)."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(pk=device_id, user=user, confirmed=False)
        .first()
    )
    if device is None:
        raise MfaError("Start the enrolment again.", code=error_codes.MFA_ENROLMENT_EXPIRED)
    if not device.verify_token((code or "").strip()):
        raise MfaError("This code is not valid. Enter the current 6-digit code.")
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    audit_record(
        actor=user,
        action="mfa.enrol",
        target=user,
        changes={"mfa_enrolled": [False, True], "recovery_codes": [None, len(codes)]},
    )
    return codes


def _check_totp(user: User, code: str) -> TOTPDevice | None:
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=True)
        .order_by("-id")
        .first()
    )
    if device is None or not code.isdigit():
        return None
    return device if device.verify_token(code) else None


def _check_recovery(user: User, code: str) -> TOTPDevice | None:
    row = (
        RecoveryCode.objects.select_for_update()
        .filter(user=user, code_hash=recovery_code_hash(code), used_at__isnull=True)
        .first()
    )
    if row is None:
        return None
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def _locked(request: HttpRequest, user: User) -> AccountLockedError:
    return AccountLockedError(
        "Too many failed login attempts. Try again later or reset your password.",
        code=error_codes.ACCOUNT_LOCKED,
        extra={"retry_after": int(settings.AXES_COOLOFF_TIME.total_seconds())},
    )


def mfa_verify(
    *, request: HttpRequest, user: User, code: str = "", recovery_code: str = ""
) -> tuple[TOTPDevice, str]:
    """Check the second factor of `user` (password already checked). Returns the device and
    the method used. A wrong code is a failed login under the account-and-client lockout."""
    credentials = {"email": user.email}
    if not AxesProxyHandler.is_allowed(request, credentials):
        raise _locked(request, user)
    with transaction.atomic():
        if recovery_code:
            device, method = _check_recovery(user, recovery_code), METHOD_RECOVERY
        else:
            device, method = _check_totp(user, (code or "").strip()), METHOD_TOTP
    if device is None:
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            raise _locked(request, user)
        raise AuthenticationError(
            "The second-factor code is not valid, or was already used.",
            code=error_codes.MFA_CODE_INVALID,
        )
    user_logged_in.send(sender=user.__class__, request=request, user=user)
    return device, method


@transaction.atomic
def mfa_reset(*, user: User, actor: User) -> int:
    """An administrator removes a colleague's second factor (lost phone): the colleague enrols
    again at the next sign-in. Their refresh tokens are revoked. Audited."""
    if not (actor and actor.is_authenticated and actor.is_admin):
        raise PermissionDenied("Only an administrator can reset a second factor.")
    User.objects.select_for_update().filter(pk=user.pk).first()
    had = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    devices = TOTPDevice.objects.filter(user=user).delete()[0]
    codes = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
    RecoveryCode.objects.filter(user=user).delete()
    user_tokens_revoke_all(user=user)
    audit_record(
        actor=actor,
        action="mfa.reset",
        target=user,
        changes=diff(
            {"mfa_enrolled": had, "unused_recovery_codes": codes},
            {"mfa_enrolled": False, "unused_recovery_codes": 0},
        ),
    )
    return devices


def token_obtain_mfa(
    *, request: HttpRequest, challenge: str, code: str = "", recovery_code: str = ""
) -> tuple[User, TokenPair]:
    """Second step of a staff login: the challenge of `token_obtain` and a TOTP code (or an
    unused recovery code) for a token pair carrying the `amr`/`mfa` claims."""
    user_id, password_claim = challenge_read(challenge)
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not challenge_matches_password(user, password_claim):
        raise AuthenticationError(
            "Sign-in challenge refused: sign in again.", code=error_codes.TOKEN_INVALID
        )
    _, method = mfa_verify(request=request, user=user, code=code, recovery_code=recovery_code)
    amr = AMR_PASSWORD_RECOVERY if method == METHOD_RECOVERY else AMR_PASSWORD_OTP
    return user, tokens_for(user, amr=amr)
