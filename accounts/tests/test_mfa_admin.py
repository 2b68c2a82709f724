"""The Wagtail admin after the password: enrol or verify the second factor before anything
else, idle timeout, sign-out of other sessions on a password change, an admin's reset."""

import json
import time

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit.models import AuditEntry
from accounts.mfa.middleware import LAST_SEEN_KEY
from accounts.tests.factories import TEST_PASSWORD, AdminUserFactory, UserFactory
from accounts.tests.mfa import enrolled_device, totp_from_base32, totp_now
from vwb_site.tests.production import production_env, run

pytestmark = [pytest.mark.django_db, pytest.mark.raw_staff_login]

ENROL = reverse("accounts_mfa_enrol")
VERIFY = reverse("accounts_mfa_verify")


def password_login(user) -> Client:
    client = Client()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302, response.content[:300]
    return client


def test_staff_without_second_factor_is_sent_to_enrol_before_anything_else(admin):
    client = password_login(admin)
    for path in ("/admin/", "/admin/pages/", "/admin/accounts/audit/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL)


def test_enrolment_shows_an_inline_qr_and_recovery_codes_once_then_opens_the_admin(admin):
    client = password_login(admin)
    page = client.get(ENROL).content.decode()
    assert "<svg" in page and "otpauth://" not in page.split("<svg", 1)[0]
    secret = page.split("data-mfa-secret>", 1)[1].split("<", 1)[0]
    wrong = client.post(ENROL, {"code": "000000" if totp_from_base32(secret) != "000000" else "1"})
    assert b"not valid" in wrong.content
    secret = wrong.content.decode().split("data-mfa-secret>", 1)[1].split("<", 1)[0]
    done = client.post(ENROL, {"code": totp_from_base32(secret), "next": "/admin/"})
    assert done.status_code == 200
    codes = done.content.decode().count("<li><code>")
    assert codes == 10
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).count() == 1
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(action="mfa.enrol", actor_id=admin.pk).exists()
    # Shown once: the screen does not show them again.
    again = client.get(ENROL)
    assert b"<li><code>" not in again.content


def test_sign_in_asks_for_the_code_after_the_password(admin):
    device = enrolled_device(admin)
    client = password_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"code": "12345x"}).status_code == 400
    ok = client.post(VERIFY, {"code": totp_now(device), "next": "/admin/pages/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_manager_who_can_open_the_admin_must_enrol_too(db):
    manager = UserFactory(is_staff=False)
    manager.groups.add(Group.objects.get(name="Editors"))
    client = password_login(manager)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(ENROL)


def test_a_buyer_is_not_asked_for_a_second_factor(b2c_user):
    client = Client()
    client.force_login(b2c_user)
    response = client.get("/admin/")
    assert not response.get("Location", "").startswith((ENROL, VERIFY))


def test_admin_session_ends_after_the_idle_time(admin, settings):
    settings.ACCOUNTS_ADMIN_IDLE_MINUTES = 30
    client = Client()
    client.force_login(admin)
    from accounts.tests.mfa import mark_session_verified

    mark_session_verified(client, admin)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 31 * 60
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert client.get("/admin/").status_code == 302  # signed out, not just redirected once
    assert "_auth_user_id" not in client.session


def test_activity_within_the_idle_time_keeps_the_session(admin):
    client = Client()
    client.force_login(admin)
    from accounts.tests.mfa import mark_session_verified

    mark_session_verified(client, admin)
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 29 * 60
    session.save()
    assert client.get("/admin/").status_code == 200
    assert client.session[LAST_SEEN_KEY] > time.time() - 60


def test_password_change_ends_the_other_admin_sessions(admin, client_for):
    from accounts.tests.mfa import mark_session_verified

    other = Client()
    other.force_login(admin)
    mark_session_verified(other, admin)
    assert other.get("/admin/").status_code == 200
    response = client_for(admin).post(
        reverse("v1:accounts:password-change"),
        {"current_password": TEST_PASSWORD, "new_password": "a-new-long-passphrase-42"},
        format="json",
    )
    assert response.status_code == 200, response.content
    answer = other.get("/admin/")
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("wagtailadmin_login"))


def test_admin_resets_a_colleagues_second_factor_from_the_users_screen(admin):
    colleague = AdminUserFactory()
    enrolled_device(colleague)
    client = Client()
    client.force_login(admin)
    from accounts.tests.mfa import mark_session_verified

    mark_session_verified(client, admin)
    listing = client.get(reverse("wagtailusers_users:index"))
    url = reverse("accounts_mfa_reset", args=[colleague.pk])
    assert url in listing.content.decode()
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    entry = AuditEntry.objects.get(action="mfa.reset")
    assert (entry.actor_id, entry.target_id) == (admin.pk, str(colleague.pk))


def test_a_colleague_who_is_not_admin_cannot_reset(db):
    editor = UserFactory(is_staff=False)
    editor.groups.add(Group.objects.get(name="Editors"))
    enrolled_device(editor)
    victim = AdminUserFactory()
    enrolled_device(victim)
    client = Client()
    client.force_login(editor)
    from accounts.tests.mfa import mark_session_verified

    mark_session_verified(client, editor)
    response = client.post(reverse("accounts_mfa_reset", args=[victim.pk]))
    assert response.status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=victim).exists()


def test_production_session_cookie_is_secure_httponly_lax_with_trusted_origins():
    snippet = (
        "import json; from django.conf import settings as s; print(json.dumps([s.SESSION_COOKIE_"
        "SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.CSRF_TRUSTED_ORIGINS,"
        " s.ACCOUNTS_ADMIN_IDLE_MINUTES]))"
    )
    env = production_env(CSRF_TRUSTED_ORIGINS="https://admin.vintagewithoutborders.example")
    result = run(["-c", f"import django; django.setup(); {snippet}"], env)
    assert result.returncode == 0, result.stderr[-2000:]
    secure, httponly, samesite, origins, idle = json.loads(result.stdout.strip().splitlines()[-1])
    assert (secure, httponly, samesite) == (True, True, "Lax")
    assert origins == ["https://admin.vintagewithoutborders.example"]
    assert idle == 30
