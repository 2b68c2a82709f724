"""Second-factor helpers for tests: an enrolled device, a code computed from its secret, a
session verified as django-otp would after the code screen, an API token after the 2FA step.

`staff_verified_force_login` (autouse, accounts.tests.fixtures) makes Django's test
`Client.force_login` of a staff user produce a session that passed the second factor, as a
real sign-in would; tests of the second factor itself mark themselves
`@pytest.mark.raw_staff_login` to get Django's plain force_login.
"""

import time

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.mfa.policy import AMR_CLAIM, AMR_PASSWORD_OTP, MFA_CLAIM, user_requires_mfa


def enrolled_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def totp_now(device_or_key, *, offset_steps: int = 0) -> str:
    """The code an authenticator app shows now for this device (bytes key or device)."""
    key = device_or_key if isinstance(device_or_key, bytes) else device_or_key.bin_key
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = time.time() + offset_steps * 30
    return f"{totp.token():06d}"


def totp_from_base32(secret: str, *, offset_steps: int = 0) -> str:
    from base64 import b32decode

    padded = secret + "=" * (-len(secret) % 8)
    return totp_now(b32decode(padded), offset_steps=offset_steps)


def mark_session_verified(client: Client, user) -> None:
    """Record in the client's session that the second factor was passed (django_otp.login)."""
    device = enrolled_device(user)
    session = client.session
    if session.get(SESSION_KEY) != str(user.pk):
        return
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def access_token_after_mfa(user) -> str:
    refresh = RefreshToken.for_user(user)
    refresh[AMR_CLAIM] = AMR_PASSWORD_OTP
    refresh[MFA_CLAIM] = True
    return str(refresh.access_token)


def patch_force_login(monkeypatch) -> None:
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if user_requires_mfa(user):
            mark_session_verified(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
